// The team suite's stand-in for opening a workspace (vitest.team.config.ts, team-folder-store.ts):
// the folder is opened with the real folder store, imported into a fresh test database, and a
// PgWorkspaceStore over that database is returned instead. Opening the same folder, or the store's
// working folder (`store.dir`), again (a test reopening to ask what was saved) opens the same
// database, never the folder, which the PostgreSQL store does not write.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { FolderStore } from '../../main/store/folder-store.ts';
import { openTeamDb } from '../../main/team/db.ts';
import { importWorkspace } from '../../main/team/import-workspace.ts';
import { migrateTeamDb } from '../../main/team/migrate.ts';
import { PgWorkspaceStore } from '../../main/team/pg-store.ts';
import { createTestDatabase, type TestDatabase } from './pg-database.ts';

/**
 * The real folder store. The suite resolves main/store/folder-store.ts to team-folder-store.ts for
 * every importer (Vitest's module runner keys modules by URL, so the redirect cannot depend on
 * who imports); the query makes this URL another one, which is not redirected.
 */
const REAL_FOLDER_STORE = '../../main/store/folder-store.ts?real';
async function realFolderStore(): Promise<typeof FolderStore> {
  return ((await import(/* @vite-ignore */ REAL_FOLDER_STORE)) as { FolderStore: typeof FolderStore }).FolderStore;
}

/** A workspace's database, and the one working folder its stores share (the search index is kept there, as in a workspace folder). */
interface TeamWorkspace {
  readonly database: TestDatabase;
  readonly workDir: string;
}

/** Per workspace folder (resolved), and per store's working folder, the workspace's database. */
const databases = new Map<string, Promise<TeamWorkspace>>();

afterAll(async () => {
  const all = await Promise.allSettled(new Set(databases.values()));
  databases.clear();
  for (const held of all) {
    if (held.status !== 'fulfilled') continue;
    await held.value.database.drop();
    await rm(held.value.workDir, { recursive: true, force: true });
  }
});

/** The database holding the workspace in `dir`, imported from the folder the first time. */
function databaseFor(dir: string): Promise<TeamWorkspace> {
  const key = path.resolve(dir);
  let database = databases.get(key);
  if (database === undefined) {
    database = (async () => {
      const source = await (await realFolderStore()).open(key);
      const created = await createTestDatabase();
      const db = openTeamDb(created.url, { maxConnections: 2 });
      try {
        const migrated = await migrateTeamDb(db);
        if (!migrated.ok) throw new Error(migrated.error.message);
        const imported = await importWorkspace(source, db);
        if (!imported.ok) throw new Error(imported.error.message);
      } finally {
        await db.destroy();
        await source.close();
      }
      const workDir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-team-work-'));
      // A test that reopens `store.dir` to see what was saved reopens this database.
      databases.set(workDir, database!);
      return { database: created, workDir };
    })();
    databases.set(key, database);
  }
  return database;
}

/**
 * Bytes of unheld documents the suite's stores keep: none unless CLAIMBENCH_TEAM_RESIDENT_BYTES says
 * otherwise, so every document is evicted as soon as nobody holds it or writes it, and every read
 * of one goes to the database again.
 */
const RESIDENT_BYTES = Number(process.env['CLAIMBENCH_TEAM_RESIDENT_BYTES'] ?? 0);

/**
 * A PostgreSQL store over the workspace in `dir` (see the header), strict about holds: a read of a
 * document nobody holds throws NotHeld, so the suite fails on any read, in product code or in a
 * test, that would find nothing once the store evicts documents (docs/design/on-demand-store.md);
 * with no bytes for unheld documents (RESIDENT_BYTES), it does evict them at once.
 */
export async function teamStoreFor(dir: string): Promise<PgWorkspaceStore> {
  const { database, workDir } = await databaseFor(dir);
  return PgWorkspaceStore.open(openTeamDb(database.url, { maxConnections: 4 }), {
    workDir,
    ownsDb: true,
    url: database.url,
    strictHolds: true,
    residentBytes: RESIDENT_BYTES,
  });
}
