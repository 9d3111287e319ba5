// A query with an excluded word finds exactly what find-text.ts decides, whether the word index
// excludes the word (fts-expression.ts: letters it folds as fold-case.ts does) or leaves it to
// the exact test (k and s, which SQLite also folds from the Kelvin sign and ſ), on generated texts
// that hold those look-alikes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findWord } from '../../core/search/find-text.ts';
import { doc } from './search-fixtures.ts';
import { SEARCH_ENGINES } from './search-engines.ts';

const WORDS = ['ten', 'Ten', 'TEN', 'tan', 'kelvin', '\u212Aelvin', 'stop', 'ſtop', 'İt', 'it', 'x', '100', '₽', 'é', 'te'];
const SEPARATORS = [' ', ', ', '-', ''];
const EXCLUDED = ['ten', 'TEN', 'tan', 'kelvin', 'stop', 'it', 'x', '100', 'te'];
const textOf = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 12 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

// The desktop's SQLite index and the team server's PostgreSQL one (search-engines.ts) alike.
for (const engine of SEARCH_ENGINES)
  describe.skipIf(engine.skip)(engine.name, () => {
    it('excludes a word exactly where find-text.ts finds it', async () => {
      const opened = await engine.open();
      const { index } = opened;
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.array(textOf, { minLength: 1, maxLength: 8 }),
            fc.constantFrom('ten', 'it', 'tan', 'x'),
            fc.constantFrom(...EXCLUDED),
            fc.boolean(),
            async (texts, word, excluded, prefix) => {
              await index.rebuild({
                fingerprint: 'x',
                codebook: { tags: [] },
                documents: texts.map((text, n) => doc(`d${n}`, text)),
                claims: [],
              });
              const expected = texts.flatMap((text, n) =>
                findWord(text, excluded, prefix).length > 0
                  ? []
                  : findWord(text, word, false).map(({ start, end }) => `d${n}:${start}-${end}`),
              );
              const result = await index.search(
                {
                  groups: [
                    [{ negated: false, term: { kind: 'word', value: word, prefix: false }, offset: 0 }],
                    [{ negated: true, term: { kind: 'word', value: excluded, prefix }, offset: 0 }],
                  ],
                  scopes: [],
                },
                { limit: 100, hitsPerDocument: 1000 },
              );
              const found = result.groups.flatMap((group) => group.hits.map((hit) => `${hit.documentId}:${hit.start}-${hit.end}`));
              expect(found.sort()).toEqual(expected.sort());
            },
          ),
          { numRuns: 150 },
        );
      } finally {
        await opened.dispose();
      }
    }, 60_000);
  });
