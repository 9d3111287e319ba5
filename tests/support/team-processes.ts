// Team databases holding the sample workspace, and what one `claimbench team serve` process holds
// (its store, with its own pool and LISTEN connection, and its service): tests start two on one
// database to see what one process's change does in the other.
import path from 'node:path';
import { RESOURCES_DIR } from '../../main/app-paths.ts';
import { EXTRACTORS } from '../../main/import/extractors.ts';
import { FolderStore } from '../../main/store/folder-store.ts';
import { openTeamDb, type TeamDb } from '../../main/team/db.ts';
import { importWorkspace } from '../../main/team/import-workspace.ts';
import { migrateTeamDb } from '../../main/team/migrate.ts';
import { PgWorkspaceStore } from '../../main/team/pg-store.ts';
import { createWorkbenchService, type WorkbenchHost } from '../../main/workbench/workbench-service.ts';
import { createWorkspace } from '../../main/workspace/create-workspace.ts';

/** Migrates the empty database at `db` and imports the sample workspace (made in `dir`) into it. */
export async function importSample(db: TeamDb, dir: string): Promise<void> {
  const migrated = await migrateTeamDb(db);
  if (!migrated.ok) throw new Error(migrated.error.message);
  await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
  const folder = await FolderStore.open(dir);
  const imported = await importWorkspace(folder, db);
  await folder.close();
  if (!imported.ok) throw new Error(imported.error.message);
}

export interface TeamProcess {
  readonly store: PgWorkspaceStore;
  readonly service: WorkbenchHost;
  close(): Promise<void>;
}

/**
 * A server process's store and service on the database at `url`, deriving into `workDir`. Its
 * change log is polled once a minute only, so within a test only NOTIFY and reconnection deliver.
 * `historyLimit`: undo steps kept per member (main/team/history-steps.ts).
 */
export async function startTeamProcess(
  url: string,
  workDir: string,
  { historyLimit }: { historyLimit?: number } = {},
): Promise<TeamProcess> {
  const store = await PgWorkspaceStore.open(openTeamDb(url), {
    workDir: path.resolve(workDir),
    ownsDb: true,
    url,
    pollMs: 60_000,
    ...(historyLimit === undefined ? {} : { historyLimit }),
  });
  const service = createWorkbenchService(store, { extractors: EXTRACTORS });
  return {
    store,
    service,
    async close() {
      await service.dispose();
      await store.close();
    },
  };
}
