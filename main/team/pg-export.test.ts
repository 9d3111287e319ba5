// A bundle exported from a team server: the export worker reads the team's database (its own copy,
// the store's `databaseUrl`), not the server's work folder, which holds no workspace.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { readBundle } from '../bundle/read-bundle.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkbenchService } from '../workbench/workbench-service.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { importWorkspace } from './import-workspace.ts';
import { migrateTeamDb } from './migrate.ts';
import { PgWorkspaceStore } from './pg-store.ts';

describe.skipIf(pgSkip)('exporting from the team store', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;

  beforeAll(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    expect((await migrateTeamDb(db)).ok).toBe(true);
    await createWorkspace(path.join(temp.dir, 'ws'), { resourcesDir: RESOURCES_DIR });
    const folder = await FolderStore.open(path.join(temp.dir, 'ws'));
    expect((await importWorkspace(folder, db)).ok).toBe(true);
    await folder.close();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
    await temp?.[Symbol.asyncDispose]();
  });

  it('writes a bundle with every document, annotation and claim the database holds, originals included', { timeout: 60_000 }, async () => {
    const store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'work'), url: database.url });
    const service = createWorkbenchService(store, { extractors: EXTRACTORS });
    try {
      const exported = await service.exportBundle('export-1', { format: 'bundle', originals: true, sign: false });
      expect(exported.ok ? 'exported' : exported.error.message).toBe('exported');
      if (!exported.ok) return;
      const staged = service.exports.get(exported.value.downloadId)!;
      const read = await readBundle(staged.path);
      expect(read.ok ? 'read' : read.error.message).toBe('read');
      if (!read.ok) return;
      const documents = [...read.value.files.keys()].filter((file) => /^documents\/[^/]+\.json$/.test(file));
      expect(documents).toHaveLength(store.heads.length);
      expect(exported.value.contents).toMatchObject({ documents: store.heads.length, annotations: store.annotationCount });
    } finally {
      await service.dispose();
      await store.close();
    }
  });
});
