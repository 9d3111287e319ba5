// The PostgreSQL store itself: each write is one transaction with one change-log row naming the
// actor; a write made from a stale copy is refused and loses nothing; and what was written is what
// a reopened store reads, the same as the folder store given the same changes.
import fc from 'fast-check';
import { sql } from 'kysely';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import type { AnnotationPut, WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { runAs } from './actor.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { importWorkspace } from './import-workspace.ts';
import { migrateTeamDb } from './migrate.ts';
import { PgWorkspaceStore } from './pg-store.ts';
import { loadWorkspace } from './pg-store-load.ts';
import { NotHeld, readHeld, withHeld } from '../store/document-holds.ts';
import { everyDocument } from '../store/tally.ts';
import { byImport } from '../store/workspace-store.ts';

const ana = { userId: 'u1', name: 'Ana', role: 'analyst' } as const;

/** `annotation` with another note (a change the schema accepts anywhere). */
const noted = (annotation: Annotation, note: string): Annotation => ({ ...annotation, note, modified: new Date().toISOString() });

describe.skipIf(pgSkip)('PgWorkspaceStore', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const stores: PgWorkspaceStore[] = [];
  const open = async () => {
    const store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, `work-${stores.length}`) });
    stores.push(store);
    return store;
  };
  /** The sample workspace, as a folder store and imported into the database. */
  const sample = async () => {
    const dir = path.join(temp.dir, 'ws');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    const folder = await FolderStore.open(dir);
    const imported = await importWorkspace(folder, db);
    expect(imported.ok).toBe(true);
    return folder;
  };
  const changeLog = async () =>
    (
      await sql<{ actor: string; kind: string; document_id: string | null; annotation_ids: string[] | null; xid: string }>`
        SELECT actor, kind, document_id, annotation_ids, xid::text AS xid FROM change_log ORDER BY seq`.execute(db)
    ).rows;

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    expect((await migrateTeamDb(db)).ok).toBe(true);
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await db.destroy();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  it('writes a change of annotations and its change-log row, naming the actor, in one transaction', async () => {
    const folder = await sample();
    const store = await open();
    const document = (await readHeld(store, store.heads[0]!.id))!;
    const [first] = document.annotations;
    const before = (await changeLog()).length;
    const saved = await runAs(ana, () =>
      store.putAnnotations(document.meta.id, [{ annotationId: first!.id, annotation: noted(first!, 'checked') }]),
    );
    expect(saved.ok).toBe(true);
    const rows = (await changeLog()).slice(before);
    expect(rows).toEqual([
      { actor: 'Ana', kind: 'annotations', document_id: document.meta.id, annotation_ids: [first!.id], xid: expect.any(String) },
    ]);
    // The annotation's row was written by the transaction that wrote the log's row (xmin is its 32-bit xid).
    const { rows: written } = await sql<{ xmin: string; author: string }>`
      SELECT xmin::text AS xmin, author FROM annotations WHERE document_id = ${document.meta.id} AND id = ${first!.id}`.execute(db);
    expect(written).toEqual([{ xmin: String(BigInt(rows[0]!.xid) % 2n ** 32n), author: 'Ana' }]);
    // Outside a team request the write is recorded as local.
    await store.updateWorkspace({ ...store.workspace, name: 'Renamed' });
    expect((await changeLog()).at(-1)).toMatchObject({ actor: 'local', kind: 'workspace' });
    await folder.close();
  });

  it('refuses a change made from a stale copy, and keeps the change it would have overwritten', async () => {
    const folder = await sample();
    const mine = await open();
    const theirs = await open();
    const document = (await readHeld(mine, mine.heads[0]!.id))!;
    const target = document.annotations[0]!;
    const put = (annotation: Annotation): AnnotationPut[] => [{ annotationId: annotation.id, annotation }];

    expect((await theirs.putAnnotations(document.meta.id, put(noted(target, 'theirs')))).ok).toBe(true);
    const logged = (await changeLog()).length;
    const stale = await mine.putAnnotations(document.meta.id, put(noted(target, 'mine')));
    expect(stale.ok).toBe(false);
    if (!stale.ok)
      expect(stale.error).toMatchObject({ code: 'write-failed', message: expect.stringMatching(/changed or deleted by someone else/) });
    // A pipelined save from the stale copy fails too, and memory goes back to what was committed.
    const staged = await mine.stageAnnotations(document.meta.id, put(noted(target, 'mine again')));
    expect(staged?.ok).toBe(false);
    expect((await readHeld(mine, document.meta.id))!.annotations[0]!.note).toBe(target.note);
    // Deleting the document or rewriting it whole from the stale copy is refused as well.
    expect((await mine.removeDocument(document.meta.id)).ok).toBe(false);
    expect((await mine.putDocument({ ...(await readHeld(mine, document.meta.id))!, annotations: [] })).ok).toBe(false);
    expect((await changeLog()).length).toBe(logged);
    expect((await readHeld(await open(), document.meta.id))!.annotations[0]!.note).toBe('theirs');
    await folder.close();
  });

  it("keeps every document's head as the folder store does, through each kind of write and another store's changes", async () => {
    const folder = await sample();
    const mine = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'follower'), url: database.url, pollMs: 50 });
    stores.push(mine);
    /** The heads as the documents held now say they are, in the heads' order. */
    const fromDocuments = (store: WorkspaceStore) =>
      store.heads.map(({ id }) => {
        const { meta, annotations } = store.document(id)!;
        return { id, title: meta.title, importedAt: meta.importedAt, annotationCount: annotations.length };
      });
    const expectSame = (store: WorkspaceStore) => {
      expect(store.heads).toEqual(folder.heads);
      expect(store.heads).toEqual(fromDocuments(folder));
      expect(store.heads.map(({ id }) => store.head(id))).toEqual(store.heads);
      expect(store.annotationCount).toBe(folder.documents.reduce((sum, document) => sum + document.annotations.length, 0));
    };
    /** Both stores given the same write (`mine` or `theirs` for PostgreSQL). */
    const both = async <T extends { ok: boolean } | undefined>(
      write: (store: WorkspaceStore) => Promise<T> | T,
      store: WorkspaceStore = mine,
    ) => {
      const [a, b] = await Promise.all([write(folder), write(store)]);
      expect(a?.ok).toBe(true);
      expect(b?.ok).toBe(true);
    };
    const [first, second] = folder.documents as [DocumentFile, DocumentFile];
    const { journal: _journal, ...template } = first;
    const imported = {
      ...template,
      meta: { ...template.meta, id: 'imported-1', title: 'A late memo', importedAt: new Date().toISOString() },
    };
    expectSame(mine);

    await both((store) => store.putDocument(imported));
    expectSame(mine);
    // A new title moves the document in the order; a new importedAt too.
    await both(async (store) =>
      store.putDocument({ ...(await readHeld(store, second.meta.id))!, meta: { ...second.meta, title: 'Aaa first now' } }),
    );
    expectSame(mine);
    const annotation = { ...first.annotations[0]!, id: 'added-1' };
    await both((store) => store.putAnnotations(first.meta.id, [{ annotationId: annotation.id, annotation }]));
    expectSame(mine);
    await both((store) => store.stageAnnotations(second.meta.id, [{ annotationId: second.annotations[0]!.id, annotation: undefined }]));
    expectSame(mine);
    await both((store) => store.removeDocument(first.meta.id));
    expectSame(mine);

    // Another store's changes reach `mine` through the change log.
    const theirs = await open();
    const caughtUp = async () => {
      const { rows } = await sql<{ seq: string }>`SELECT max(seq)::text AS seq FROM change_log`.execute(db);
      while (mine.changeFeed!.position !== rows[0]!.seq) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const again = { ...imported, meta: { ...imported.meta, id: 'imported-2', title: 'Another memo' } };
    await both((store) => store.putDocument(again), theirs);
    await both((store) => store.putAnnotations(again.meta.id, [{ annotationId: again.annotations[0]!.id, annotation: undefined }]), theirs);
    await both(
      async (store) => store.putDocument({ ...(await readHeld(store, imported.meta.id))!, meta: { ...imported.meta, title: 'Zzz last' } }),
      theirs,
    );
    await both((store) => store.removeDocument(second.meta.id), theirs);
    await caughtUp();
    expectSame(theirs);
    expectSame(mine);
    // And a store that reads them all afresh agrees.
    expectSame(await open());
    await folder.close();
  });

  it("writes the head's columns (migration 0006) with every whole document: import, new, replaced", async () => {
    await sample();
    const store = await open();
    const columns = async () =>
      (
        await sql<{ id: string; title: string; importedAt: string }>`
        SELECT id, title, imported_at AS "importedAt" FROM documents ORDER BY id`.execute(db)
      ).rows;
    const fromData = async () =>
      (
        await sql<{ id: string; title: string; importedAt: string }>`
        SELECT id, data->'meta'->>'title' AS title, data->'meta'->>'importedAt' AS "importedAt" FROM documents ORDER BY id`.execute(db)
      ).rows;
    const fromHeads = () =>
      store.heads.map(({ id, title, importedAt }) => ({ id, title, importedAt })).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await columns()).toEqual(fromHeads());
    const [first] = store.heads;
    const { journal: _journal, ...file } = (await readHeld(store, first!.id))!;
    const added = await store.putDocument({
      ...file,
      meta: { ...file.meta, id: 'added-1', title: 'Ünïcode 😀', importedAt: '2030-01-01T00:00:00.5Z' },
    });
    expect(added.ok).toBe(true);
    const replaced = await store.putDocument({ ...file, meta: { ...file.meta, title: 'Renamed', importedAt: '2031-02-03T04:05:06Z' } });
    expect(replaced.ok).toBe(true);
    // A save of annotations does not touch the document's row.
    const saved = await store.putAnnotations(first!.id, [{ annotationId: file.annotations[0]!.id, annotation: undefined }]);
    expect(saved.ok).toBe(true);
    expect(await columns()).toEqual(await fromData());
    expect(await columns()).toEqual(fromHeads());
    expect((await columns()).find((row) => row.id === first!.id)).toEqual({
      id: first!.id,
      title: 'Renamed',
      importedAt: '2031-02-03T04:05:06Z',
    });
  });

  it('reopens to exactly what the folder store holds after the same random puts and removals', async () => {
    const folder = await sample();
    const store = await open();
    const documentIds = folder.documents.map((document) => document.meta.id);
    const change = fc.record({
      document: fc.nat({ max: documentIds.length - 1 }),
      pick: fc.nat(),
      kind: fc.constantFrom('edit', 'remove', 'add', 'edit-two'),
      note: fc.string({ maxLength: 20 }),
      staged: fc.boolean(),
    });
    let added = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 12 }), async (changes) => {
        for (const { document: index, pick, kind, note, staged } of changes) {
          const id = documentIds[index]!;
          const current = folder.document(id)!;
          const annotations = current.annotations;
          const some = annotations[pick % Math.max(1, annotations.length)];
          let puts: AnnotationPut[];
          if (kind === 'add' || some === undefined) {
            // A copy of one of the document's annotations under a new id (its quote is in this text).
            const template = annotations[0];
            if (template === undefined) continue;
            const annotation = { ...template, id: `added-${added++}`, note };
            puts = [{ annotationId: annotation.id, annotation }];
          } else if (kind === 'remove') puts = [{ annotationId: some.id, annotation: undefined }];
          else if (kind === 'edit') puts = [{ annotationId: some.id, annotation: noted(some, note) }];
          else puts = annotations.slice(0, 2).map((annotation) => ({ annotationId: annotation.id, annotation: noted(annotation, note) }));
          // A pipelined save is made from a held document; a save of annotations reads one that is not held.
          const [a, b] = staged
            ? await Promise.all([folder.stageAnnotations(id, puts), withHeld(store, [id], () => store.stageAnnotations(id, puts))])
            : await Promise.all([folder.putAnnotations(id, puts), store.putAnnotations(id, puts)]);
          expect(a?.ok).toBe(true);
          expect(b?.ok).toBe(true);
        }
        await store.flush();
        const reopened = await open();
        const reopenedFolder = await FolderStore.open(folder.dir);
        const plain = (documents: readonly DocumentFile[]) => documents.map(({ journal: _journal, ...rest }) => rest);
        expect(plain(await everyDocument(reopened))).toEqual(plain(reopenedFolder.documents));
        expect(plain(await everyDocument(store))).toEqual(plain(await everyDocument(reopened)));
        await reopenedFolder.close();
      }),
      { numRuns: 15 },
    );
    await folder.close();
  });

  it('opens with every head and no document, and reads a document into memory when it is held', async () => {
    const folder = await sample();
    const loaded = await loadWorkspace(db);
    expect([...loaded.heads].sort((a, b) => byImport(a, b))).toEqual(folder.heads);
    const store = await open();
    expect(store.heads).toEqual(folder.heads);
    expect(store.residentBytes).toBe(0);
    const [first] = store.heads;
    // Not held, not in memory: a read is a bug, even outside strict mode.
    expect(() => store.document(first!.id)).toThrow(NotHeld);
    const hold = await store.hold([first!.id, 'no-such-document']);
    const { journal: _journal, ...expected } = folder.document(first!.id)!;
    expect(store.document(first!.id)).toEqual(expected);
    expect(store.document('no-such-document')).toBeUndefined();
    expect(store.residentBytes).toBeGreaterThan(0);
    hold.release();
    await folder.close();
  });
});
