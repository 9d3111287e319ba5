// Holds (docs/design/on-demand-store.md step 2): the PostgreSQL store in strict mode refuses a read
// of a document nobody holds, so that the team suite (which opens its stores strict) fails on any
// read that would find nothing once the store evicts documents; the folder store's hold is free.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { importSample } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { NotHeld, withHeld } from '../store/document-holds.ts';
import { FolderStore } from '../store/folder-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { PgWorkspaceStore } from './pg-store.ts';

describe('holds on the folder store', () => {
  it('reads every document with or without a hold, and a hold releases without effect', async () => {
    await using temp = await makeTempDir();
    await createWorkspace(temp.dir, { resourcesDir: RESOURCES_DIR });
    const folder = await FolderStore.open(temp.dir);
    try {
      const id = folder.heads[0]!.id;
      const before = folder.document(id);
      expect(before).toBeDefined();
      const hold = await folder.hold([id, 'no-such-document']);
      expect(folder.document(id)).toBe(before);
      hold.release();
      hold.release();
      expect(folder.document(id)).toBe(before);
      expect(folder.document('no-such-document')).toBeUndefined();
    } finally {
      await folder.close();
    }
  });
});

describe.skipIf(pgSkip)('holds on the PostgreSQL store', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const stores: PgWorkspaceStore[] = [];
  const open = async (strictHolds: boolean) => {
    const store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, `work-${stores.length}`), strictHolds });
    stores.push(store);
    return store;
  };

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    await importSample(db, path.join(temp.dir, 'ws'));
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await db.destroy();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  it('in strict mode throws NotHeld for a document not held, reads it while held, and throws again once released', async () => {
    const store = await open(true);
    const [first, second] = store.heads;
    expect(() => store.document(first!.id)).toThrow(NotHeld);
    const hold = await store.hold([first!.id]);
    expect(store.document(first!.id)?.meta.id).toBe(first!.id);
    expect(() => store.document(second!.id)).toThrow(NotHeld);
    // Two holds of one document: it stays held until both are released, and a second release of one counts once.
    const again = await store.hold([first!.id, first!.id]);
    hold.release();
    hold.release();
    expect(store.document(first!.id)?.meta.id).toBe(first!.id);
    again.release();
    expect(() => store.document(first!.id)).toThrow(NotHeld);
    // A document that does not exist reads as not found, held or not.
    expect(store.document('no-such-document')).toBeUndefined();
    // The store's own reads (the library, the metas, a whole-workspace read) need no hold.
    let each = 0;
    for await (const _file of store.eachDocument()) each++;
    expect(each).toBe(store.heads.length);
    expect((await store.metas([second!.id])).get(second!.id)?.id).toBe(second!.id);
    expect(await withHeld(store, [second!.id], () => store.document(second!.id)?.meta.id)).toBe(second!.id);
    expect(() => store.document(second!.id)).toThrow(NotHeld);
  });

  it('out of strict mode reads a document in memory that is not held, as before, and throws NotHeld for one that is not in memory', async () => {
    const store = await open(false);
    const [first, second] = store.heads;
    (await store.hold([first!.id])).release();
    expect(store.document(first!.id)?.meta.id).toBe(first!.id);
    expect(() => store.document(second!.id)).toThrow(NotHeld);
  });
});
