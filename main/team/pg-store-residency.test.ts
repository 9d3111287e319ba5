// What the PostgreSQL store keeps in memory and when (docs/design/on-demand-store.md §3): a staged
// save is never evicted before it commits; a hold and a remote change of the same document, in
// either order of their queue turns, leave the holder with the change; a document read again after
// eviction is written against the versions read with it; another process's change of a document
// not in memory moves its head and is told with the document as it now is, keeping nothing.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/annotation.ts';
import { ok } from '../../core/result.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { importSample } from '../../tests/support/team-processes.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { readHeld, withHeld } from '../store/document-holds.ts';
import type { StoreChange } from '../store/workspace-store.ts';
import type { WriteQueue } from '../store/write-queue.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { PgWorkspaceStore, type PgStoreOptions } from './pg-store.ts';
import { documentKey } from './pg-store-writes.ts';

const noted = (annotation: Annotation, note: string): Annotation => ({ ...annotation, note, modified: new Date().toISOString() });

/** Waits until `done` is true (a change another store made takes a notification's round trip to arrive). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('waited 10 s in vain');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(pgSkip)('PgWorkspaceStore in memory', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const stores: PgWorkspaceStore[] = [];
  const open = async (options: Partial<PgStoreOptions> = {}) => {
    const store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, `work-${stores.length}`), strictHolds: true, ...options });
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

  it('keeps a staged save in memory under eviction pressure until it commits, then lets it go', async () => {
    const store = await open({ residentBytes: 0 });
    const [first, ...others] = store.heads.map(({ id }) => id) as [string, ...string[]];
    // Another transaction locks the document's annotation rows: the save waits, staged, meanwhile.
    let unlock!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const lock = db.transaction().execute(async (trx) => {
      await trx.selectFrom('annotations').select('id').where('document_id', '=', first).forUpdate().execute();
      locked();
      await new Promise<void>((resolve) => (unlock = resolve));
    });
    await isLocked;
    const saving = await withHeld(store, [first], () => {
      const annotation = store.document(first)!.annotations[0]!;
      return { saved: store.stageAnnotations(first, [{ annotationId: annotation.id, annotation: noted(annotation, 'staged') }])! };
    });
    // Pressure: every other document read into memory and released, and a whole-workspace read.
    for (const id of others) (await store.hold([id])).release();
    for await (const _file of store.eachDocument());
    expect(store.residentBytes).toBeGreaterThan(0);
    // Still in memory, so a hold reads the staged save, which the database does not have yet.
    expect((await readHeld(store, first))!.annotations[0]!.note).toBe('staged');
    unlock();
    await lock;
    expect((await saving.saved).ok).toBe(true);
    await store.flush();
    // Nothing pins it now: gone, and read back from the database.
    expect(store.residentBytes).toBe(0);
    expect((await readHeld(store, first))!.annotations[0]!.note).toBe('staged');
  });

  it('gives a hold the remote change it races with, whichever takes its turn first', async () => {
    const mine = await open({ url: database.url, residentBytes: 0 });
    const theirs = await open({ residentBytes: 0 });
    const id = mine.heads[0]!.id;
    const told: StoreChange[] = [];
    mine.onDidChangeRecords((change) => told.push(change));
    // The document's turns in mine's write queue: a gate holds them while both are queued.
    const queue = (mine as unknown as { queue: WriteQueue }).queue;
    let turns = 0;
    const enqueue = queue.enqueue.bind(queue);
    queue.enqueue = (key, work, options) => {
      if (key === documentKey(id)) turns++;
      return enqueue(key, work, options);
    };
    const gate = () => {
      let open!: () => void;
      void queue.enqueue<undefined>(documentKey(id), () => new Promise((resolve) => (open = () => resolve(ok(undefined)))), {
        quiet: true,
      });
      return () => open();
    };
    const theirChange = async (note: string) => {
      const annotation = (await readHeld(theirs, id))!.annotations[0]!;
      expect((await theirs.putAnnotations(id, [{ annotationId: annotation.id, annotation: noted(annotation, note) }])).ok).toBe(true);
    };
    const toldAfter = (note: string) =>
      told.some((change) => change.kind === 'document' && change.documentId === id && change.after?.annotations[0]!.note === note);

    // The hold's read queued first: it runs once the gate opens, after their commit, and the change is read again after it.
    let openGate = gate();
    const start = turns;
    const firstHold = mine.hold([id]);
    await theirChange('hold first');
    await until(() => turns === start + 2);
    openGate();
    const hold = await firstHold;
    expect(mine.document(id)!.annotations[0]!.note).toBe('hold first');
    await until(() => toldAfter('hold first'));
    expect(mine.document(id)!.annotations[0]!.note).toBe('hold first');
    hold.release();
    expect(mine.residentBytes).toBe(0);

    // The remote change queued first: when its turn comes the document is held, not yet read; it is read then.
    openGate = gate();
    const before = turns;
    await theirChange('change first');
    await until(() => turns === before + 1);
    const secondHold = mine.hold([id]);
    openGate();
    const again = await secondHold;
    expect(mine.document(id)!.annotations[0]!.note).toBe('change first');
    expect(toldAfter('change first')).toBe(true);
    again.release();
  });

  it('writes a document read again after its eviction against the versions read with it', async () => {
    const mine = await open({ residentBytes: 0 });
    const theirs = await open({ residentBytes: 0 });
    const id = mine.heads[0]!.id;
    const annotation = (await readHeld(mine, id))!.annotations[0]!;
    expect(mine.residentBytes).toBe(0);
    expect((await theirs.putAnnotations(id, [{ annotationId: annotation.id, annotation: noted(annotation, 'theirs') }])).ok).toBe(true);
    // Read again: their change, and the versions it left, so a write from this copy is not stale.
    const again = (await readHeld(mine, id))!.annotations[0]!;
    expect(again.note).toBe('theirs');
    expect((await mine.putAnnotations(id, [{ annotationId: again.id, annotation: noted(again, 'mine') }])).ok).toBe(true);
    // Held across their next change: the copy and its versions are stale together, and the write is refused.
    const hold = await mine.hold([id]);
    const held = mine.document(id)!.annotations[0]!;
    expect(held.note).toBe('mine');
    expect((await theirs.putAnnotations(id, [{ annotationId: held.id, annotation: noted(held, 'theirs again') }])).ok).toBe(true);
    expect((await mine.putAnnotations(id, [{ annotationId: held.id, annotation: noted(held, 'mine again') }])).ok).toBe(false);
    hold.release();
    expect((await readHeld(mine, id))!.annotations[0]!.note).toBe('theirs again');
  });

  it("follows another process's change of a document not in memory: its head and the change with the document, nothing kept", async () => {
    const mine = await open({ url: database.url, residentBytes: 0 });
    const theirs = await open();
    const told: StoreChange[] = [];
    mine.onDidChangeRecords((change) => told.push(change));
    const { id, annotationCount } = mine.heads[1]!;
    const annotation = (await readHeld(theirs, id))!.annotations[0]!;
    const added = { ...annotation, id: 'added-elsewhere', note: 'added elsewhere' };
    expect((await theirs.putAnnotations(id, [{ annotationId: added.id, annotation: added }])).ok).toBe(true);
    await until(() => mine.head(id)?.annotationCount === annotationCount + 1);
    expect(mine.residentBytes).toBe(0);
    expect(told).toContainEqual(expect.objectContaining({ kind: 'document', documentId: id, before: undefined }));
    const change = told.find((one) => one.kind === 'document' && one.documentId === id);
    expect(change?.kind === 'document' && change.after?.annotations.map(({ id }) => id)).toContain('added-elsewhere');
    expect((await theirs.removeDocument(id)).ok).toBe(true);
    await until(() => mine.head(id) === undefined);
    expect(told.at(-1)).toMatchObject({ kind: 'document', documentId: id, before: undefined, after: undefined });
    expect(mine.residentBytes).toBe(0);
  });
});
