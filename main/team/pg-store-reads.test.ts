// The PostgreSQL store's library and whole-workspace reads, answered in SQL for documents not in
// memory and from memory for the rest (pg-store-library.ts), against the folder store's loops over
// memory given the same workspace: every TallyKey, the
// annotations found by tag and by speaker, read by reference, every document in library order, the
// metas and the look-ups of an import. The workspace is the sample's plus a document made of the
// cases where SQL and JavaScript part ways: outlets blank by JavaScript's trim() but not by
// btrim's default, a zero-width space (not whitespace to either), nested and unknown tags, orphans,
// spellings of one speaker.
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../../core/model/annotation.ts';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import { createTestDatabase, pgSkip, type TestDatabase } from '../../tests/support/pg-database.ts';
import { makeTempDir } from '../../tests/support/temp-dir.ts';
import { RESOURCES_DIR } from '../app-paths.ts';
import { FolderStore } from '../store/folder-store.ts';
import { withHeld } from '../store/document-holds.ts';
import type { TallyKey } from '../store/tally.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { openTeamDb, type TeamDb } from './db.ts';
import { importWorkspace } from './import-workspace.ts';
import { migrateTeamDb } from './migrate.ts';
import { PgWorkspaceStore } from './pg-store.ts';

const KEYS: readonly TallyKey[] = ['tags', 'document-tags', 'status', 'speaker', 'outlet', 'shown-outlet', 'creator', 'coder-documents'];
const OUTLETS = ['', ' ', '\u00a0', '\u2028\u3000Courier\ufeff', '\t\n', 'x\u200b', ' Courier ', 'Courier', '\u180e'];
const SPEAKERS = ['Ana', ' Ana', 'ANA', '', 'Бо'];
const TAGS = [[], ['statistic'], ['prediction', 'statistic'], ['no-such-tag'], ['statistic', 'prediction']];

/** A document of the sample's, under another id, with annotations made of every edge case above. */
function edgeDocument(template: DocumentFile, id: string, outlet: string): DocumentFile {
  const { journal: _journal, ...file } = template;
  const base = template.annotations[0]!;
  const annotations: Annotation[] = OUTLETS.map((annotationOutlet, index) => ({
    ...base,
    id: `edge-${index}`,
    outlet: annotationOutlet,
    speaker: SPEAKERS[index % SPEAKERS.length]!,
    tags: TAGS[index % TAGS.length]!,
    creator: index % 3 === 0 ? 'Bo' : '',
    status: index % 2 === 0 ? 'unverified' : 'supported',
    anchor: index % 4 === 1 ? { state: 'orphaned' } : base.anchor,
  }));
  return { ...file, meta: { ...file.meta, id, outlet, title: `Edge ${outlet.length}` }, annotations };
}

describe.skipIf(pgSkip)('PgWorkspaceStore reads in SQL', () => {
  let database: TestDatabase;
  let db: TeamDb;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let folder: FolderStore;
  let store: PgWorkspaceStore;

  beforeEach(async () => {
    temp = await makeTempDir();
    database = await createTestDatabase();
    db = openTeamDb(database.url);
    expect((await migrateTeamDb(db)).ok).toBe(true);
    const dir = path.join(temp.dir, 'ws');
    await createWorkspace(dir, { resourcesDir: RESOURCES_DIR });
    folder = await FolderStore.open(dir);
    const [first] = folder.documents as DocumentFile[];
    for (const [index, outlet] of ['', 'Daily News'].entries())
      expect((await folder.putDocument(edgeDocument(first!, `edge-doc-${index}`, outlet))).ok).toBe(true);
    expect((await importWorkspace(folder, db)).ok).toBe(true);
    store = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'work'), strictHolds: true });
  });
  afterEach(async () => {
    await store.close();
    await folder.close();
    await db.destroy();
    await database.drop();
    await temp[Symbol.asyncDispose]();
  });

  /** Every read of the library, as `reads` answers it. */
  const everything = async (reads: WorkspaceStore) => {
    const ids = reads.heads.map(({ id }) => id);
    const each: DocumentFile[] = [];
    // The folder's files name their journal (main/store/document-journal.ts); PostgreSQL has none.
    for await (const { journal: _journal, ...file } of reads.eachDocument()) each.push(file);
    const refs = each.flatMap((file) => file.annotations.map((one) => ({ documentId: file.meta.id, annotationId: one.id })));
    const some: string[] = [];
    for await (const file of reads.eachDocument({ ids: [...ids.filter((_, index) => index % 2 === 1), 'no-such-document'] }))
      some.push(file.meta.id);
    return {
      tallies: Object.fromEntries(await Promise.all(KEYS.map(async (key) => [key, Object.fromEntries(await reads.tally(key))]))),
      byTag: await Promise.all(['statistic', 'prediction', 'no-such-tag', 'quote'].map((tag) => reads.findAnnotations({ tags: [tag] }))),
      bySpeaker: await reads.findAnnotations({ speakers: ['Ana', ' Ana', 'Бо'] }),
      read: [...(await reads.readAnnotations([...refs, { documentId: 'no-such-document', annotationId: 'x' }]))],
      each,
      some,
      metas: [...(await reads.metas(['no-such-document', ...ids].reverse()))],
      found: await Promise.all(each.map((file) => reads.findDocument('textHash', file.meta.textHash))),
      missing: await reads.findDocument('sourceUrl', 'https://example.org/none'),
    };
  };

  it('answers every read as the folder store does from memory, whether the documents are in memory, some or none', async () => {
    const fromFolder = await everything(folder);
    const ids = store.heads.map(({ id }) => id);
    // None: nothing is read into memory at opening.
    expect(store.residentBytes).toBe(0);
    expect(await everything(store)).toEqual(fromFolder);
    // Some: every other document held and released, so kept in memory unheld.
    (await store.hold(ids.filter((_, index) => index % 2 === 0))).release();
    expect(store.residentBytes).toBeGreaterThan(0);
    expect(await everything(store)).toEqual(fromFolder);
    // All, held.
    const hold = await store.hold(ids);
    expect(await everything(store)).toEqual(fromFolder);
    hold.release();
    // The edge cases are there: outlets only JavaScript's trim() blanks count under their document's outlet.
    const shown = fromFolder.tallies['shown-outlet'] as Record<string, number>;
    expect(shown['\u00a0']).toBeUndefined();
    expect(shown).toMatchObject({ 'x\u200b': 2, '\u180e': 2 });
  });

  it('asks the database only for documents not in memory, and memory for the rest: held, kept after release, or staged', async () => {
    const [first, second] = store.heads;
    const tight = await PgWorkspaceStore.open(db, { workDir: path.join(temp.dir, 'tight'), strictHolds: true, residentBytes: 0 });
    try {
      // Behind the stores' backs: only a read of the database sees it.
      await sql`UPDATE annotations SET data = jsonb_set(data, '{status}', '"refuted"') WHERE document_id = ${first!.id}`.execute(db);
      for (const reads of [store, tight]) expect((await reads.tally('status')).get('refuted')).toBe(first!.annotationCount);
      // Held: read into memory as the database has it now; then the database changes again, behind their backs.
      const holds = await Promise.all([store.hold([first!.id]), tight.hold([first!.id])]);
      await sql`UPDATE annotations SET data = jsonb_set(data, '{status}', '"unverified"') WHERE document_id = ${first!.id}`.execute(db);
      // In memory: memory answers for it (what its holder reads), not the database.
      for (const reads of [store, tight]) expect((await reads.tally('status')).get('refuted')).toBe(first!.annotationCount);
      for (const hold of holds) hold.release();
      // Released: kept in memory within the budget, dropped at once with none.
      expect((await store.tally('status')).get('refuted')).toBe(first!.annotationCount);
      expect(tight.residentBytes).toBe(0);
      expect((await tight.tally('status')).get('refuted')).toBeUndefined();
      // A staged save counts as soon as it is staged, before it commits, though nobody holds the document any more.
      const staged = await withHeld(tight, [second!.id], () => {
        const [annotation] = tight.document(second!.id)!.annotations;
        const saving = tight.stageAnnotations(second!.id, [
          { annotationId: annotation!.id, annotation: { ...annotation!, status: 'retracted' } },
        ]);
        return { saving };
      });
      const counted = tight.tally('status');
      expect((await counted).get('retracted')).toBe(1);
      expect((await staged.saving!).ok).toBe(true);
      expect((await tight.tally('status')).get('retracted')).toBe(1);
    } finally {
      await tight.close();
    }
  });
});
