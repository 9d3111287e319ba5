import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Codebook } from '../../core/model/codebook.ts';
import { parseQuery } from '../../core/search/query.ts';
import type { SearchOptions, SearchResults } from '../../core/search/search-types.ts';
import { ann, claim, doc } from './search-fixtures.ts';
import { DatabaseSync } from 'node:sqlite';
import { FORMAT_VERSION } from './schema.ts';
import { SEARCH_ENGINES, type OpenedIndex } from './search-engines.ts';
import { INDEX_FILE, openSearchIndex, type SearchIndex } from './search-index.ts';

const codebook = Codebook.parse({
  tags: [
    { id: 'claim-type', name: 'Claim type', color: '#5b6b82' },
    { id: 'statistic', name: 'Statistic', color: '#e6a700', parentId: 'claim-type' },
    { id: 'percent', name: 'Percentage', color: '#e6a700', parentId: 'statistic' },
    { id: 'quote', name: 'Quote', color: '#3b82f6', parentId: 'claim-type' },
  ],
});

const courier = 'The reservoir is ten times bigger than in 2019, the mayor said. Ten times!';
const gazette = 'Minister Zelensky said exports grew 40 percent. Critics disagree: «the figure is ten-times inflated».';
const wire = 'According to the AP, rainfall was 12 percent below average. Café owners in Zürich complained.';

const documents = [
  doc('courier', courier, { outlet: 'Valley Courier', author: 'Ana Ruiz', publishedAt: '2024-03-05' }, [
    ann('c1', courier, 'ten times bigger', { tags: ['statistic'], speaker: 'the mayor', status: 'refuted' }),
    ann('c2', courier, 'the mayor said', { tags: ['quote'], note: 'Check the council minutes.' }),
  ]),
  doc('gazette', gazette, { outlet: 'Gazette', role: 'source', publishedAt: '2023-11-20T08:00:00Z', tags: ['exports'] }, [
    ann('g1', gazette, 'exports grew 40 percent', { tags: ['percent'], speaker: 'Volodymyr Zelensky', creator: 'ines' }),
  ]),
  doc('wire', wire, { outlet: 'Associated Press', sourceUrl: 'https://apnews.example/rain' }, [
    ann('w1', wire, '12 percent below average', { tags: ['percent'], outlet: 'AP', status: 'supported' }),
  ]),
];
const claims = [
  claim('k1', 'Exports grew by 40 percent', [['gazette', 'g1']], {
    verdict: { rating: 'mostly-true', rationale: 'Customs data agree.', reviewer: '', date: '2026-01-02' },
  }),
];

// The same behaviour from the desktop's SQLite index and the team server's PostgreSQL one (search-engines.ts).
for (const engine of SEARCH_ENGINES)
  describe.skipIf(engine.skip)(engine.name, () => {
    let opened: OpenedIndex;
    let index: SearchIndex;
    const sqlite = engine === SEARCH_ENGINES[0];

    beforeAll(async () => {
      opened = await engine.open();
      index = opened.index;
    });
    beforeEach(async () => {
      await index.rebuild({ fingerprint: 'f1', codebook, documents, claims });
    });
    afterAll(async () => {
      await opened?.dispose();
    });

    async function search(query: string, options: SearchOptions = {}): Promise<SearchResults> {
      const parsed = parseQuery(query);
      if (!parsed.ok) throw new Error(parsed.error.message);
      return index.search(parsed.value, options);
    }

    /** Hits as `document:start-end[:annotation][:claim]`, in result order. */
    async function hits(query: string, options: SearchOptions = {}): Promise<string[]> {
      return (await search(query, options)).groups.flatMap((group) =>
        group.hits.map((hit) =>
          [`${hit.documentId}:${hit.start}-${hit.end}`, hit.annotationId, hit.claimId].filter((part) => part !== undefined).join(':'),
        ),
      );
    }

    describe('search', () => {
      it.each([
        ['"ten times"', {}, ['courier:17-26', 'courier:64-73']],
        ['"ten times"', { matchCase: true }, ['courier:17-26']],
        ['"ten-times"', {}, ['gazette:81-90']],
        ['"said. Ten"', {}, ['courier:58-67']],
        ['"Café owners"', {}, ['wire:60-71']],
        ['"café owners"', { matchCase: true }, []],
        ['zurich', {}, []],
        ['zürich', {}, ['wire:75-81']],
        ['percent', {}, ['gazette:39-46', 'wire:37-44']],
        ['percent -rainfall', {}, ['gazette:39-46']],
        ['rainfall OR exports', {}, ['gazette:23-30', 'wire:21-29']],
        ['minist*', {}, ['gazette:0-8']],
        ['min', {}, []],
        ['"«the"', {}, ['gazette:66-70']],
        ['percent role:source', {}, ['gazette:39-46']],
        ['percent outlet:"associated press"', {}, ['wire:37-44']],
        ['percent before:2024', {}, ['gazette:39-46']],
        ['times after:2024-02', {}, ['courier:21-26', 'courier:68-73']],
        ['author:ruiz', {}, ['courier:0-0']],
        ['doc:apnews', {}, ['wire:0-0']],
        ['tag:statistic', {}, ['courier:17-33:c1', 'gazette:23-46:g1', 'wire:34-58:w1']],
        ['tag:percentage', {}, ['gazette:23-46:g1', 'wire:34-58:w1']],
        ['tag:claim-type -tag:quote', {}, ['courier:17-33:c1', 'gazette:23-46:g1', 'wire:34-58:w1']],
        ['tag:statistic -outlet:AP', {}, ['courier:17-33:c1', 'gazette:23-46:g1']],
        ['speaker:zelensky', {}, ['gazette:23-46:g1']],
        ['speaker:zel', {}, []],
        ['speaker:zel*', {}, ['gazette:23-46:g1']],
        ['status:refuted', {}, ['courier:17-33:c1']],
        ['creator:ines', {}, ['gazette:23-46:g1']],
        ['in:quotes percent', {}, ['gazette:23-46:g1', 'wire:34-58:w1']],
        ['in:notes council', {}, ['courier:48-62:c2']],
        ['in:claims customs', {}, ['gazette:23-46:g1:k1']],
        ['in:claims status:mostly-true', {}, ['gazette:23-46:g1:k1']],
        ['in:text tag:quote mayor', {}, ['courier:52-57']],
      ] as const)('%s %j', async (query, options, expected) => {
        expect((await hits(query, options)).sort()).toEqual([...expected].sort());
      });

      it('groups by document with snippets, counts and facets', async () => {
        const result = await search('percent', { facets: true });
        expect(result.counts).toEqual({ documents: 2, hits: 2, exact: true });
        const wireGroup = result.groups.find((group) => group.documentId === 'wire')!;
        const { snippet } = wireGroup.hits[0]!;
        expect(snippet.text.slice(snippet.highlightStart, snippet.highlightEnd)).toBe('percent');
        expect(snippet.text).toBe('…to the AP, rainfall was 12 percent below average. Café owners in Zürich…');
        expect(result.facets?.role).toEqual([
          { value: 'claim', count: 1 },
          { value: 'source', count: 1 },
        ]);
        expect(result.facets?.tag).toEqual([{ value: 'percent', count: 2 }]);
      });

      it('sorts by date, newest first, undated last', async () => {
        expect((await search('percent OR times', { sort: 'date' })).groups.map((group) => group.documentId)).toEqual([
          'courier',
          'gazette',
          'wire',
        ]);
      });

      it('pages through groups', async () => {
        const all = (await search('percent OR times')).groups.map((group) => group.documentId);
        expect((await search('percent OR times', { limit: 1, offset: 1 })).groups.map((group) => group.documentId)).toEqual([all[1]]);
      });
    });

    describe('changes', () => {
      it('follows an edited annotation, a deleted document and a new codebook', async () => {
        const edited = { ...documents[0]!.annotations[0]!, tags: ['quote'] };
        await index.applyChange({
          upsertAnnotations: [{ documentId: 'courier', annotation: edited }],
          deleteDocuments: ['wire'],
          fingerprint: 'f2',
        });
        expect(await hits('tag:statistic')).toEqual(['gazette:23-46:g1']);
        expect((await hits('tag:quote')).sort()).toEqual(['courier:17-33:c1', 'courier:48-62:c2']);
        expect(await hits('rainfall')).toEqual([]);
        expect(index.fingerprint).toBe('f2');
        await index.applyChange({ codebook: { tags: [] } });
        expect(await hits('tag:statistic')).toEqual([]);
      });

      it('re-indexes a document whose text changed', async () => {
        const text = 'Completely new words about reservoirs.';
        await index.applyChange({ upsertDocuments: [doc('courier', text)] });
        expect(await hits('"ten times"')).toEqual([]);
        expect(await hits('reservoirs')).toEqual([`courier:${text.indexOf('reservoirs')}-${text.indexOf('reservoirs') + 10}`]);
        expect(await hits('tag:quote')).toEqual([]);
      });
    });

    describe('openSearchIndex', () => {
      it.skipIf(!sqlite)('keeps the fingerprint across openings, and starts again from a file that is not an index', async () => {
        const dir = opened.dir!;
        index.close();
        index = await openSearchIndex(dir);
        expect(index.fingerprint).toBe('f1');
        expect(await hits('percent')).toHaveLength(2);
        index.close();
        await writeFile(path.join(dir, INDEX_FILE), 'not a database at all, just some bytes that are long enough');
        index = await openSearchIndex(dir);
        expect(index.fingerprint).toBeUndefined();
        expect(await hits('percent')).toEqual([]);
      });

      it.skipIf(!sqlite)('starts again from an index of an older format, so that it is rebuilt', async () => {
        const dir = opened.dir!;
        index.close();
        const db = new DatabaseSync(path.join(dir, INDEX_FILE));
        db.prepare("UPDATE meta SET value = ? WHERE key = 'format'").run(String(FORMAT_VERSION - 1));
        db.close();
        index = await openSearchIndex(dir);
        expect(index.fingerprint).toBeUndefined();
        expect(await hits('percent')).toEqual([]);
      });

      it('leaves the old index when a rebuild is aborted', async () => {
        const controller = new AbortController();
        const many = Array.from({ length: 100 }, (_, n) => doc(`d${n}`, `other text ${n}`));
        const rebuilding = index.rebuild(
          { fingerprint: 'f3', codebook, documents: many, claims: [] },
          () => controller.abort(new Error('stop')),
          controller.signal,
        );
        await expect(rebuilding).rejects.toThrow('stop');
        expect(index.fingerprint).toBe('f1');
        expect(await hits('percent')).toHaveLength(2);
      });

      it('builds a large workspace in a worker thread: the same hits, and an abort leaves the old index', async () => {
        // Over 100,000 characters of text: written by build-worker.ts rather than in this thread.
        const line = 'The reservoir is ten times bigger. Zürich café, 東京都 😀. ';
        const large = Array.from({ length: 40 }, (_, n) => doc(`big${n}`, `${n} ${line.repeat(60)}`));
        const expected = large.reduce((sum, document) => sum + document.text.split('ten times bigger').length - 1, 0);
        const controller = new AbortController();
        await expect(
          index.rebuild(
            { fingerprint: 'f4', codebook, documents: large, claims: [] },
            () => controller.abort(new Error('stop')),
            controller.signal,
          ),
        ).rejects.toThrow('stop');
        expect(index.fingerprint).toBe('f1');
        let reported = 0;
        await index.rebuild({ fingerprint: 'f5', codebook, documents: large, claims }, (progress) => (reported = progress.documents));
        expect(reported).toBe(40);
        expect(index.fingerprint).toBe('f5');
        const found = await search('"ten times bigger"', { limit: 100, hitsPerDocument: 1000 });
        expect(found.counts).toEqual({ documents: 40, hits: expected, exact: true });
      });
    });
  });
