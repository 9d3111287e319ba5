// The team's PostgreSQL server goes down and comes back while the service runs: a save made while
// it is down fails as a save does (the window's status says "Not saved: …", nothing in memory
// changes), and the next save once it is back goes through, on new connections: no restart of
// ours needed. On a cluster of its own (it is stopped here), not the one the other tests share.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgSkip } from '../../tests/support/pg-database.ts';
import { restartCluster, startCluster, stopCluster } from '../../tests/support/pg-cluster.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkbenchService, type WorkbenchHost } from '../workbench/workbench-service.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { importWorkspace } from './import-workspace.ts';
import { migrateTeamDb } from './migrate.ts';
import { PgWorkspaceStore } from './pg-store.ts';
import { readHeld } from '../store/document-holds.ts';

describe.skipIf(pgSkip)('a PostgreSQL restart under a running service', () => {
  let dir: string;
  let db: TeamDb;
  let store: PgWorkspaceStore;
  let service: WorkbenchHost;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-pg-restart-'));
    // The cluster runs as the postgres user when we are root: it must be able to reach its folder.
    await chmod(dir, 0o755);
    const url = new URL(await startCluster(path.join(dir, 'pg')));
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    await admin.query('CREATE DATABASE team');
    await admin.end();
    url.pathname = '/team';
    db = openTeamDb(url.toString());
    expect((await migrateTeamDb(db)).ok).toBe(true);
    await createWorkspace(path.join(dir, 'ws'), { resourcesDir: RESOURCES_DIR });
    const folder = await FolderStore.open(path.join(dir, 'ws'));
    expect((await importWorkspace(folder, db)).ok).toBe(true);
    await folder.close();
    store = await PgWorkspaceStore.open(db, { workDir: path.join(dir, 'work') });
    service = createWorkbenchService(store, { extractors: EXTRACTORS });
  }, 60_000);

  afterAll(async () => {
    await service?.dispose();
    await store?.close();
    await db?.destroy();
    stopCluster(path.join(dir, 'pg'));
    await rm(dir, { recursive: true, force: true });
  });

  it('fails a save while it is down, saying so, and saves again once it is back', { timeout: 60_000 }, async () => {
    const documentId = store.heads[0]!.id;
    // What memory has: the store keeps the document read by the first save (the default budget), so this needs no database.
    const count = async () => (await readHeld(store, documentId))!.annotations.length;
    const before = await count();
    expect((await service.createAnnotation(documentId, { start: 0, end: 7, tags: [] })).ok).toBe(true);
    expect(await count()).toBe(before + 1);

    stopCluster(path.join(dir, 'pg'));
    const whileDown = await service.createAnnotation(documentId, { start: 10, end: 17, tags: [] });
    expect(whileDown.ok).toBe(false);
    if (!whileDown.ok) expect(whileDown.error.code).toBe('write-failed');
    expect(await count()).toBe(before + 1);
    const info = await service.getWorkspaceInfo();
    expect(info.saveState.lastError?.message).toBeTruthy();

    restartCluster(path.join(dir, 'pg'));
    const back = await service.createAnnotation(documentId, { start: 20, end: 27, tags: [] });
    expect(back.ok ? 'saved' : back.error.message).toBe('saved');
    expect(await count()).toBe(before + 2);
    expect((await service.getWorkspaceInfo()).saveState.lastError).toBeUndefined();
    // And it is in the database, not only in memory.
    const reopened = await PgWorkspaceStore.open(db, { workDir: path.join(dir, 'work-2') });
    expect((await readHeld(reopened, documentId))!.annotations.length).toBe(before + 2);
    await reopened.close();
  });
});
