// A phrase search finds exactly what a brute-force scan of every document's text finds: the
// same documents and offsets, with and without match case, on generated Unicode corpora.
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../core/search/fold-case.ts';
import { doc } from './search-fixtures.ts';
import { openSearchIndex } from './search-index.ts';

const PIECES = [
  'Ten',
  'ten',
  'TEN',
  'times',
  ' ',
  ' ',
  ', ',
  '.',
  '«',
  '»',
  'café',
  'cafe\u0301',
  'CAFÉ',
  'é',
  '東京',
  '都',
  '😀',
  '👍🏽',
  'ΣΟΦΙΑ',
  'σοφια',
  'ς',
  'İ',
  'i',
  'ß',
  'ẞ',
  '\n',
  'a',
  'A',
];
const textOf = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

/** Every occurrence, non-overlapping, by comparing at each position: no index, no shortcuts. */
function bruteForce(text: string, phrase: string, matchCase: boolean): [number, number][] {
  const haystack = matchCase ? text : foldCase(text);
  const needle = matchCase ? phrase : foldCase(phrase);
  const found: [number, number][] = [];
  for (let at = 0; at + needle.length <= haystack.length;) {
    if (haystack.startsWith(needle, at)) {
      found.push([at, at + needle.length]);
      at += needle.length;
    } else at++;
  }
  return found;
}

describe('phrase search', () => {
  it('equals a brute-force scan', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'claimbench-phrase-'));
    const index = await openSearchIndex(dir);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(textOf, { minLength: 1, maxLength: 8 }),
          fc.nat(),
          fc.nat(),
          fc.integer({ min: 1, max: 8 }),
          fc.boolean(),
          async (texts, pick, from, length, matchCase) => {
            const normalized = texts.map((text) => text.normalize('NFC'));
            await index.rebuild({
              fingerprint: 'x',
              codebook: { tags: [] },
              documents: normalized.map((text, n) => doc(`d${n}`, text)),
              claims: [],
            });
            // A phrase cut from one of the texts (so most runs find something), case-flipped at times.
            const source = normalized[pick % normalized.length]!;
            const start = source.length === 0 ? 0 : from % source.length;
            let phrase = source.slice(start, start + length).replaceAll('"', '');
            if (pick % 3 === 0) phrase = phrase.toUpperCase().slice(0, phrase.length);
            if (phrase.trim() === '' || /[\uD800-\uDFFF]/.test(phrase.at(0)! + phrase.at(-1)!)) return;
            const expected = normalized.flatMap((text, n) => bruteForce(text, phrase, matchCase).map(([s, e]) => `d${n}:${s}-${e}`));
            const result = index.search(
              { groups: [[{ negated: false, term: { kind: 'phrase', value: phrase }, offset: 0 }]], scopes: [] },
              { matchCase, limit: 100, hitsPerDocument: 1000 },
            );
            const actual = result.groups.flatMap((group) => group.hits.map((hit) => `${hit.documentId}:${hit.start}-${hit.end}`));
            expect(actual.sort()).toEqual(expected.sort());
          },
        ),
        { numRuns: 150 },
      );
    } finally {
      index.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
