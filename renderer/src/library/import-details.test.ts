import { describe, expect, it } from 'vitest';
import type { DocumentMeta, DocumentSummary } from '../../../core/model/document.ts';
import type { ImportOutcome } from '../../../core/model/import.ts';
import { detailsEdits, importedRows, type DetailsRow } from './import-details.ts';

const meta = (id: string, fields: Partial<DocumentMeta> = {}): DocumentSummary => ({
  annotationCount: 0,
  meta: {
    id,
    title: `Title ${id}`,
    role: 'claim',
    outlet: '',
    author: '',
    format: 'text',
    importedAt: '2026-12-01T10:00:00.000Z',
    importedFrom: `/files/${id}.txt`,
    textHash: '0'.repeat(64),
    tags: [],
    ...fields,
  },
});

const imported = (documentId: string, name = `${documentId}.txt`): Extract<ImportOutcome, { status: 'imported' }> => ({
  status: 'imported',
  name,
  documentId,
  title: `Title ${documentId}`,
  format: 'text',
  characters: 10,
  utf16Units: 10,
});

describe('importedRows', () => {
  it('lists the documents an import added, as the library has them now, and nothing else', () => {
    const documents = [meta('a', { title: 'Renamed since', publishedAt: '2026-11-30' }), meta('b'), meta('old')];
    const outcomes: ImportOutcome[] = [
      imported('a', 'report.txt'),
      { status: 'duplicate', name: 'again.txt', documentId: 'old', title: 'Title old', message: 'already there' },
      { ...imported('old'), status: 'updated', anchors: { exact: 1, moved: 0, fuzzy: 0, orphaned: 0, needReview: 0 } },
      { status: 'rejected', name: 'photo.txt', code: 'not-text', message: 'not a text file' },
      imported('gone'),
      imported('b', 'notes.md'),
    ];
    expect(importedRows(outcomes, documents)).toEqual([
      { documentId: 'a', name: 'report.txt', title: 'Renamed since', role: 'claim', outlet: '', publishedAt: '2026-11-30', sourceUrl: '' },
      { documentId: 'b', name: 'notes.md', title: 'Title b', role: 'claim', outlet: '', publishedAt: '', sourceUrl: '' },
    ]);
  });

  it('shows no rows for an import that found nothing new', () => {
    const outcomes: ImportOutcome[] = [
      { status: 'duplicate', name: 'again.txt', documentId: 'a', title: 'Title a', message: 'already there' },
    ];
    expect(importedRows(outcomes, [meta('a')])).toEqual([]);
  });
});

describe('detailsEdits', () => {
  const documents = [meta('a', { sourceUrl: 'https://example.org/a' }), meta('b'), meta('c')];
  const rows = importedRows([imported('a'), imported('b'), imported('c')], documents);
  const edit = (documentId: string, change: Partial<DetailsRow>) =>
    rows.map((row) => (row.documentId === documentId ? { ...row, ...change } : row));

  it.each<[string, DetailsRow[], unknown]>([
    ['nothing changed', rows, []],
    ['a role', edit('b', { role: 'source' }), [{ documentId: 'b', patch: { role: 'source' } }]],
    [
      'an outlet and a date, trimmed',
      edit('c', { outlet: ' Telegram ', publishedAt: '2023-06-06 ' }),
      [{ documentId: 'c', patch: { outlet: 'Telegram', publishedAt: '2023-06-06' } }],
    ],
    ['a title', edit('a', { title: '  Zelensky on Telegram ' }), [{ documentId: 'a', patch: { title: 'Zelensky on Telegram' } }]],
    ['a URL emptied (cleared)', edit('a', { sourceUrl: ' ' }), [{ documentId: 'a', patch: { sourceUrl: null } }]],
    ['spaces added only', edit('b', { outlet: '  ', title: 'Title b ' }), []],
  ])('%s', (_name, changed, expected) => {
    expect(detailsEdits(changed, documents)).toEqual(expected);
  });

  it('leaves out a document deleted since', () => {
    expect(detailsEdits(edit('b', { role: 'source' }), [documents[0]!, documents[2]!])).toEqual([]);
  });
});
