// The PostgreSQL store's cache of documents (docs/design/on-demand-store.md §3.1): least recently
// used go first, pinned ones never, and a file always goes with its versions.
import { describe, expect, it } from 'vitest';
import type { DocumentFile } from '../../core/model/stored-files.ts';
import type { KnownDocument } from './pg-store-writes.ts';
import { estimatedBytes, ResidentDocuments } from './resident-documents.ts';

/** A document of `length` characters and no annotation (only the fields the estimate reads matter). */
const documentOf = (id: string, length: number) => ({ meta: { id }, text: 'x'.repeat(length), annotations: [] }) as unknown as DocumentFile;
const known = (version: number): KnownDocument => ({ version, annotations: new Map() });
const SIZE = estimatedBytes(documentOf('a', 1_000));

describe('ResidentDocuments', () => {
  it.each<{ name: string; budget: number; pinned: string[]; touched: string[]; left: string[] }>([
    { name: 'no budget: every unpinned document goes', budget: 0, pinned: [], touched: [], left: [] },
    { name: 'no budget: pinned documents stay', budget: 0, pinned: ['b'], touched: [], left: ['b'] },
    { name: 'room for two: the least recently put goes', budget: 2 * SIZE, pinned: [], touched: [], left: ['b', 'c'] },
    { name: 'room for two: a touched document is the most recent', budget: 2 * SIZE, pinned: [], touched: ['a'], left: ['c', 'a'] },
    { name: 'room for one: pinned ones do not count against it', budget: SIZE, pinned: ['a', 'b'], touched: [], left: ['a', 'b', 'c'] },
    { name: 'room for all', budget: 3 * SIZE, pinned: [], touched: [], left: ['a', 'b', 'c'] },
  ])('$name', ({ budget, pinned, touched, left }) => {
    const residents = new ResidentDocuments(budget, (id) => pinned.includes(id));
    for (const id of ['a', 'b', 'c']) residents.put(id, documentOf(id, 1_000), known(1));
    for (const id of touched) residents.touch(id);
    const evicted = residents.trim();
    expect([...residents.ids()]).toEqual(left);
    expect(evicted.sort()).toEqual(['a', 'b', 'c'].filter((id) => !left.includes(id)));
    expect(residents.bytes).toBe(left.length * SIZE);
  });

  it('keeps a file and its versions together: replacing one keeps the other, dropping takes both', () => {
    const residents = new ResidentDocuments(0, () => true);
    const first = documentOf('a', 10);
    residents.put('a', first, known(1));
    residents.setKnown('a', known(2));
    expect(residents.file('a')).toBe(first);
    const second = documentOf('a', 20);
    residents.setFile('a', second);
    expect(residents.known('a')).toEqual(known(2));
    expect(residents.bytes).toBe(estimatedBytes(second));
    residents.drop('a');
    expect([residents.file('a'), residents.known('a'), residents.bytes]).toEqual([undefined, undefined, 0]);
    // Neither half is set alone for a document that is not resident.
    residents.setKnown('b', known(1));
    residents.setFile('b', first);
    expect([residents.has('b'), residents.bytes]).toEqual([false, 0]);
  });
});
