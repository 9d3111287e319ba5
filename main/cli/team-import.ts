// `claimbench team import DIR|BUNDLE`: a local workspace or an annotated bundle into the team's
// database. A folder into an empty database is copied as it is (main/team/import-workspace.ts: ids,
// creators and versions kept, one transaction). Anything else goes through the bundle merge every
// workspace already has (documents matched by their text, annotations, links and claims by id,
// conflicts listed or settled by --on-conflict): a folder is first written to a temporary bundle.
// Either way the database's search index is then brought in step (team-search-build.ts), so the
// server opens on an index that is ready.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Resolution } from '../../core/bundle/bundle-merge.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { importWorkspace } from '../team/import-workspace.ts';
import { PgWorkspaceStore } from '../team/pg-store.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { exportCommand } from './export.ts';
import { importInto } from './import-bundle.ts';
import { UsageError, type Output } from './output.ts';
import { databaseUrl, withTeamDb } from './team.ts';
import { logPosition } from '../team/change-follower.ts';
import { buildTeamSearchIndex } from './team-search-build.ts';

export interface TeamImportOptions {
  readonly database?: string;
  readonly onConflict?: string;
  readonly workDir: string;
}

/** What the export step prints is not this command's to say. */
const quiet: Output = { json: false, report() {}, error() {} };

export async function teamImport(args: readonly string[], options: TeamImportOptions, output: Output): Promise<number> {
  if (args.length !== 1) throw new UsageError('usage: claimbench team import DIR|BUNDLE [--on-conflict mine|theirs|both]');
  const { onConflict } = options;
  if (onConflict !== undefined && !['mine', 'theirs', 'both'].includes(onConflict))
    throw new UsageError(`--on-conflict must be mine, theirs or both, not "${onConflict}"`);
  const source = path.resolve(args[0]!);
  const kind = await stat(source).then(
    (info) => (info.isDirectory() ? 'folder' : 'file'),
    () => undefined,
  );
  if (kind === undefined) {
    output.error('not-found', `${source} does not exist`);
    return 1;
  }
  const url = databaseUrl(options.database);
  return withTeamDb(url, output, async (db) => {
    if (kind === 'folder') {
      const empty = (await db.selectFrom('workspace').select('version').executeTakeFirst()) === undefined;
      if (empty) {
        const store = await FolderStore.open(source);
        try {
          const started = performance.now();
          const copied = await importWorkspace(store, db);
          if (!copied.ok) {
            output.error(copied.error.code, copied.error.message);
            return 1;
          }
          const { documents, annotations, blobs } = copied.value;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          output.report(
            'imported',
            `Imported ${documents} documents, ${annotations} annotations and ${blobs} files from ${source} in ${seconds} s.`,
            {
              source,
              ...copied.value,
            },
          );
          // Built from the folder, which holds what the database now does, at the log's place after the copy.
          const imported = (await logPosition(db)).seq;
          const atImport = { position: imported, changesAfter: () => Promise.resolve('unknown' as const) };
          reportSearchIndex(await buildTeamSearchIndex(store, db, output, atImport), output);
          return 0;
        } finally {
          await store.close();
        }
      }
    }
    // Merged as a bundle: the folder is written to one first, with its original files.
    const temp = kind === 'folder' ? await mkdtemp(path.join(os.tmpdir(), 'claimbench-team-import-')) : undefined;
    try {
      let bundle = source;
      if (temp !== undefined) {
        bundle = path.join(temp, 'workspace.claimbundle');
        const exported = await exportCommand({ workspace: source, out: bundle, originals: true, sign: false }, quiet);
        if (exported !== 0) {
          output.error(
            'export-failed',
            `Could not read ${source} as a workspace to merge it (claimbench export --workspace ${source} says why)`,
          );
          return 1;
        }
      }
      const store = await PgWorkspaceStore.open(db, { workDir: options.workDir, url });
      const service = createWorkbenchService(store, { extractors: EXTRACTORS });
      try {
        const status = await importInto(service, bundle, onConflict as Resolution | undefined, output);
        if (status === 0) reportSearchIndex(await buildTeamSearchIndex(store, db, output), output);
        return status;
      } finally {
        await service.dispose();
        await store.close();
      }
    } finally {
      if (temp !== undefined) await rm(temp, { recursive: true, force: true });
    }
  });
}

function reportSearchIndex(seconds: number | undefined, output: Output): void {
  if (seconds === undefined) return;
  output.report('search-index-ready', `Indexed for search in ${seconds.toFixed(1)} s.`, { seconds: Math.round(seconds * 10) / 10 });
}
