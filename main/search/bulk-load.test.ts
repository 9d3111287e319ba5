// A bulk load (index-file-writer.ts: no triggers, the writer fills the full-text tables itself)
// must leave exactly the index that the triggers build one change at a time, and leave the
// triggers in place for the changes after it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SearchDocument } from '../../core/search/search-types.ts';
import { IndexFileWriter } from './index-file-writer.ts';
import { ann, doc } from './search-fixtures.ts';
import { INDEX_FILE, openSearchIndex } from './search-index.ts';

const FULL_TEXT_TABLES = ['docs_fts', 'docs_words', 'anns_fts', 'anns_words'];

const texts = [
  'The reservoir is ten times bigger, the mayor said. Prices rose to 100₽, great🥺 news!',
  'Café owners in Zürich complained; 東京の人口は増えた. Die Straße ist voll.',
  'Zelensky said exports grew 40 percent. Critics disagree: «ten-times inflated».',
];
const documents: SearchDocument[] = texts.map((text, n) =>
  doc(`d${n}`, text, { outlet: `Outlet ${n}` }, [
    ann(`a${n}`, text, text.slice(4, 20), { tags: ['statistic', 'quote'], note: `Note ${n}: check 100₽ 🥺`, speaker: 'the mayor' }),
    ann(`b${n}`, text, text.slice(25, 40), { tags: [], note: '' }),
  ]),
);

let dir: string;
beforeEach(async () => (dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-bulk-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Every term instance of every full-text table, and every tag row, as text to compare. */
function contents(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of FULL_TEXT_TABLES) {
      db.exec(`CREATE VIRTUAL TABLE temp.v_${table} USING fts5vocab(main, '${table}', 'instance')`);
      tables[table] = db.prepare(`SELECT term, doc, col, offset FROM temp.v_${table} ORDER BY term, doc, col, offset`).all();
    }
    tables.ann_tags = db.prepare('SELECT ann, tag FROM ann_tags ORDER BY ann, tag').all();
    return tables;
  } finally {
    db.close();
  }
}

/** The index as the triggers build it: an empty file, then every document as one change. */
async function builtByChanges(at: string, docs: readonly SearchDocument[]): Promise<string> {
  const index = await openSearchIndex(at);
  index.applyChange({ upsertDocuments: docs });
  index.close();
  return path.join(at, INDEX_FILE);
}

function builtInBulk(file: string, docs: readonly SearchDocument[]): void {
  const writer = new IndexFileWriter(file);
  writer.write(docs);
  writer.finish([], { tags: [] }, 'f');
}

it('a bulk load leaves the same full-text rows and tags as the triggers do', async () => {
  const bulk = path.join(dir, 'bulk.sqlite');
  builtInBulk(bulk, documents);
  const expected = contents(await builtByChanges(path.join(dir, 'changes'), documents));
  expect(expected.anns_words!.length).toBeGreaterThan(0);
  expect(expected.ann_tags).toHaveLength(6);
  expect(contents(bulk)).toEqual(expected);
});

it('a bulk-loaded index keeps following changes through its triggers', async () => {
  const bulkDir = path.join(dir, 'bulk');
  const index = await openSearchIndex(bulkDir);
  await index.rebuild({ fingerprint: 'f', codebook: { tags: [] }, documents, claims: [] });
  const edited = doc('d1', 'A new text about the reservoir.', {}, [
    ann('n1', 'A new text about the reservoir.', 'reservoir', { tags: ['statistic'], note: 'new note' }),
  ]);
  index.applyChange({ upsertDocuments: [edited], deleteAnnotations: [{ documentId: 'd2', annotationId: 'a2' }] });
  index.close();
  const expected = contents(
    await builtByChanges(path.join(dir, 'changes'), [
      documents[0]!,
      edited,
      { ...documents[2]!, annotations: [documents[2]!.annotations[1]!] },
    ]),
  );
  // Annotation rowids differ where the edit replaced rows (documents keep theirs), so the
  // annotations' rows are compared without them.
  const withoutRowids = (tables: Record<string, unknown[]>) =>
    Object.fromEntries(
      Object.entries(tables).map(([name, rows]) => [
        name,
        name.startsWith('docs_') ? rows : rows.map((row) => JSON.stringify({ ...(row as object), doc: undefined, ann: undefined })).sort(),
      ]),
    );
  expect(withoutRowids(contents(path.join(bulkDir, INDEX_FILE)))).toEqual(withoutRowids(expected));
});

it('a bulk load refuses a document given twice', () => {
  const writer = new IndexFileWriter(path.join(dir, 'twice.sqlite'));
  expect(() => writer.write([documents[0]!, documents[0]!])).toThrow(/given twice/);
  writer.abandon();
});
