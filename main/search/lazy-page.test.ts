// A search checks candidates only until its page is full (text-matches.ts, annotation-page.ts):
// every page must be the same as the one a full check gives, and the counts honest bounds (at
// most so many documents, at least so many hits) whenever they are not exact.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../core/search/query.ts';
import type { SearchOptions, SearchResults } from '../../core/search/search-types.ts';
import { ann, claim, doc } from './search-fixtures.ts';
import { SEARCH_ENGINES, type OpenedIndex } from './search-engines.ts';

// 'often times' holds "ten times" with no whole word "ten": found only by the loose word query (fts-expression.ts).
const WORDS = [
  'drought',
  'Drought',
  'droughts',
  'reservoir',
  'rationing',
  'ten',
  'often',
  'times',
  'bigger',
  'café',
  'Zürich',
  'mayor',
  '東京都',
];
const QUERIES = [
  'drought',
  '"ten times"',
  '"Ten times"',
  'drought rationing',
  'reservoir -drought',
  'drought*',
  'mayor OR café',
  'tag:statistic',
  'tag:statistic drought',
  'status:refuted -tag:quote',
  'speaker:ana',
  'in:notes reservoir',
  'in:text in:quotes drought',
  'in:claims drought',
  'in:quotes "ten times"',
  'zürich role:source',
];

// The desktop's SQLite index and the team server's PostgreSQL one (search-engines.ts) alike.
for (const engine of SEARCH_ENGINES)
  describe.skipIf(engine.skip)(engine.name, () => {
    let opened: OpenedIndex;

    beforeAll(async () => {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      const documents = Array.from({ length: 40 }, (_, n) => {
        const text = Array.from({ length: 30 + Math.floor(random() * 40) }, () => pick(WORDS)).join(' ');
        const words = text.split(' ');
        const annotations = [0, 1, 2].map((a) =>
          ann(`a${a}`, text, words.slice(a * 5, a * 5 + 3).join(' '), {
            tags: [pick(['statistic', 'quote'])],
            status: pick(['refuted', 'supported']),
            speaker: pick(['Ana Ruiz', '']),
            note: random() < 0.5 ? `${pick(WORDS)} ${pick(WORDS)}` : '',
          }),
        );
        return doc(
          `d${String(n).padStart(2, '0')}`,
          text,
          { role: random() < 0.5 ? 'source' : 'claim', publishedAt: `2024-0${1 + (n % 3)}-01` },
          annotations,
        );
      });
      const claims = [
        claim('k1', 'The drought is ten times bigger', [
          ['d01', 'a0'],
          ['d02', 'a1'],
        ]),
      ];
      opened = await engine.open();
      await opened.index.rebuild({ fingerprint: 'f', codebook: { tags: [] }, documents, claims });
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    async function search(query: string, options: SearchOptions): Promise<SearchResults> {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return opened.index.search(parsed.value, { hitsPerDocument: 1000, ...options });
    }

    const shape = (results: SearchResults) =>
      results.groups.map((group) => ({
        id: group.documentId,
        hitCount: group.hitCount,
        hits: group.hits.map((hit) => [hit.start, hit.end, hit.annotationId ?? '']),
      }));

    describe('a page checked lazily', () => {
      it('is the page of the full answer, with counts that bound the full counts', async () => {
        let bounded = 0;
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...QUERIES),
            fc.constantFrom('relevance' as const, 'date' as const),
            fc.integer({ min: 1, max: 6 }),
            fc.integer({ min: 0, max: 12 }),
            fc.boolean(),
            async (query, sort, limit, offset, matchCase) => {
              const full = await search(query, { sort, matchCase, limit: 1000 });
              expect(full.counts.exact).toBe(true);
              const page = await search(query, { sort, matchCase, limit, offset });
              expect(shape(page)).toEqual(shape(full).slice(offset, offset + limit));
              if (page.counts.exact) expect(page.counts).toEqual(full.counts);
              else {
                bounded++;
                expect(page.counts.documents).toBeGreaterThanOrEqual(full.counts.documents);
                expect(page.counts.hits).toBeLessThanOrEqual(full.counts.hits);
              }
            },
          ),
          { numRuns: 300 },
        );
        // The property must have seen pages answered before every candidate was checked.
        expect(bounded).toBeGreaterThan(50);
      }, 60_000);

      it('takes documents tied in rank by id, whatever order the index holds them or their annotations in', async () => {
        // Identical texts rank alike; written in the reverse of their ids' order.
        const text = 'the drought is ten times bigger';
        const tied = ['d5', 'd4', 'd3', 'd2', 'd1'].map((id) => doc(id, text, {}, [ann('q', text, 'the drought')]));
        const other = doc('d0', 'drought drought drought, the drought is worse', {}, [
          ann('q', 'drought drought drought, the drought is worse', 'drought drought'),
        ]);
        const own = await engine.open();
        try {
          await own.index.rebuild({ fingerprint: 'f', codebook: { tags: [] }, documents: [...tied, other], claims: [] });
          const ids = async (limit: number, offset = 0, query = 'drought') => {
            const parsed = parseQuery(query);
            if (!parsed.ok) throw new Error(parsed.error.message);
            return (await own.index.search(parsed.value, { limit, offset })).groups.map((group) => group.documentId);
          };
          const all = await ids(10);
          expect(all.slice(1)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
          for (let limit = 1; limit <= 6; limit++) expect(await ids(limit)).toEqual(all.slice(0, limit));
          expect(await ids(2, 2)).toEqual(all.slice(2, 4));
          // The annotations' side alike: tied quotes, in reverse id order.
          const quotes = await ids(10, 0, 'in:quotes drought');
          expect(quotes.slice(1)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
          for (let limit = 1; limit <= 6; limit++) expect(await ids(limit, 0, 'in:quotes drought')).toEqual(quotes.slice(0, limit));
        } finally {
          await own.dispose();
        }
      });

      it('finds a page whose documents rank below many candidates that fail the exact test', async () => {
        // The index folds case: with match case on, 290 of the 300 candidates of "Drought" fail,
        // and many tie, so the candidates come in more than one batch (text-matches.ts inBatches).
        const documents = Array.from({ length: 300 }, (_, n) =>
          doc(`d${String(n).padStart(3, '0')}`, `${n % 30 === 7 ? 'Drought' : 'drought'} ${'and more '.repeat(n % 13)}`, {}, []),
        );
        const own = await engine.open();
        try {
          await own.index.rebuild({ fingerprint: 'f', codebook: { tags: [] }, documents, claims: [] });
          const page = async (limit: number, offset: number) => {
            const parsed = parseQuery('in:text "Drought"');
            if (!parsed.ok) throw new Error(parsed.error.message);
            return (await own.index.search(parsed.value, { limit, offset, matchCase: true })).groups.map((group) => group.documentId);
          };
          const all = await page(1000, 0);
          expect(all).toHaveLength(10);
          for (let limit = 1; limit <= 10; limit += 3)
            for (let offset = 0; offset <= 6; offset += 2) expect(await page(limit, offset)).toEqual(all.slice(offset, offset + limit));
        } finally {
          await own.dispose();
        }
      });
    });
  });
