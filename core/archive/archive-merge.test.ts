import { describe, expect, it } from 'vitest';
import type { ArchiveEntry } from './entry.ts';
import { mergeArchive } from './archive-merge.ts';

const a: ArchiveEntry = { id: 'a', claim: 'A', rating: 'False' };
const b: ArchiveEntry = { id: 'b', claim: 'B' };
const c: ArchiveEntry = { id: 'c', claim: 'C' };

describe('mergeArchive', () => {
  it.each<[string, ArchiveEntry[], ArchiveEntry[], { added: number; updated: number; unchanged: number; entries: ArchiveEntry[] }]>([
    ['into an empty archive', [], [a, b], { added: 2, updated: 0, unchanged: 0, entries: [a, b] }],
    ['the same feed again', [a, b], [b, a], { added: 0, updated: 0, unchanged: 2, entries: [a, b] }],
    ['key order is no change', [a], [{ rating: 'False', claim: 'A', id: 'a' }], { added: 0, updated: 0, unchanged: 1, entries: [a] }],
    [
      'a changed rating, a new entry, one left out of the feed',
      [a, b],
      [{ ...a, rating: 'True' }, c],
      { added: 1, updated: 1, unchanged: 0, entries: [{ ...a, rating: 'True' }, b, c] },
    ],
  ])('%s', (_name, existing, incoming, expected) => {
    expect(mergeArchive(existing, incoming)).toEqual(expected);
  });
});
