// A phrase search finds exactly what a brute-force scan of every document's text finds: the
// same documents and offsets, with and without match case, on generated Unicode corpora. A word
// search (answered by the word index, fts-expression.ts) finds what find-text.ts finds in every text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findWord } from '../../core/search/find-text.ts';
import { foldCase } from '../../core/search/fold-case.ts';
import { doc } from './search-fixtures.ts';
import { SEARCH_ENGINES, type SearchEngine } from './search-engines.ts';
import type { SearchIndex } from './search-index.ts';

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
  // Newer than SQLite's Unicode tables, which would keep them inside a word (word-text.ts).
  '₽',
  '🥺',
  '100',
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

/** A fresh index of `engine` for `use`, disposed of after. */
async function withIndex(engine: SearchEngine, use: (index: SearchIndex) => Promise<void>): Promise<void> {
  const opened = await engine.open();
  try {
    await use(opened.index);
  } finally {
    await opened.dispose();
  }
}

/** Indexes `texts` (NFC) as documents d0, d1, …, and returns them as indexed. */
async function indexTexts(index: SearchIndex, texts: readonly string[]): Promise<string[]> {
  const normalized = texts.map((text) => text.normalize('NFC'));
  await index.rebuild({ fingerprint: 'x', codebook: { tags: [] }, documents: normalized.map((text, n) => doc(`d${n}`, text)), claims: [] });
  return normalized;
}

/** Every hit of a search as "document:start-end", sorted. */
function hitsOf(result: Awaited<ReturnType<SearchIndex['search']>>): string[] {
  return result.groups.flatMap((group) => group.hits.map((hit) => `${hit.documentId}:${hit.start}-${hit.end}`)).sort();
}

// The desktop's SQLite index and the team server's PostgreSQL one (search-engines.ts) alike.
for (const engine of SEARCH_ENGINES)
  describe.skipIf(engine.skip)(`phrase search: ${engine.name}`, () => {
    it(
      'equals a brute-force scan',
      () =>
        withIndex(engine, async (index) => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(textOf, { minLength: 1, maxLength: 8 }),
              fc.nat(),
              fc.nat(),
              fc.integer({ min: 1, max: 8 }),
              fc.boolean(),
              async (texts, pick, from, length, matchCase) => {
                const normalized = await indexTexts(index, texts);
                // A phrase cut from one of the texts (so most runs find something), case-flipped at times.
                const source = normalized[pick % normalized.length]!;
                const start = source.length === 0 ? 0 : from % source.length;
                let phrase = source.slice(start, start + length).replaceAll('"', '');
                if (pick % 3 === 0) phrase = phrase.toUpperCase().slice(0, phrase.length);
                if (phrase.trim() === '' || /[\uD800-\uDFFF]/.test(phrase.at(0)! + phrase.at(-1)!)) return;
                const expected = normalized.flatMap((text, n) => bruteForce(text, phrase, matchCase).map(([s, e]) => `d${n}:${s}-${e}`));
                const result = await index.search(
                  { groups: [[{ negated: false, term: { kind: 'phrase', value: phrase }, offset: 0 }]], scopes: [] },
                  { matchCase, limit: 100, hitsPerDocument: 1000 },
                );
                expect(hitsOf(result)).toEqual(expected.sort());
              },
            ),
            { numRuns: 150 },
          );
        }),
      60_000,
    );

    it(
      'of a word finds it in every text find-text.ts finds it in',
      () =>
        withIndex(engine, async (index) => {
          await fc.assert(
            fc.asyncProperty(
              fc.array(textOf, { minLength: 1, maxLength: 8 }),
              fc.nat(),
              fc.nat(),
              fc.boolean(),
              async (texts, pick, which, prefix) => {
                const normalized = await indexTexts(index, texts);
                // A word of one of the texts, or the start of one for a prefix.
                const words = normalized[pick % normalized.length]!.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
                if (words.length === 0) return;
                const word = words[which % words.length]!;
                const value = prefix ? word.slice(0, Math.max(1, word.length - 1)) : word;
                if (/[\uD800-\uDFFF]$/.test(value)) return;
                const expected = normalized.flatMap((text, n) =>
                  findWord(text, value, prefix).map(({ start, end }) => `d${n}:${start}-${end}`),
                );
                const result = await index.search(
                  { groups: [[{ negated: false, term: { kind: 'word', value, prefix }, offset: 0 }]], scopes: [] },
                  { limit: 100, hitsPerDocument: 1000 },
                );
                expect(hitsOf(result)).toEqual(expected.sort());
              },
            ),
            { numRuns: 150 },
          );
        }),
      60_000,
    );
  });
