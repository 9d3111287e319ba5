// Annotation files end to end: read (./read-annotation-file.ts), then placed on a document
// (./plan-annotation-import.ts); most cases need both steps, so they share one file and its fixtures.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TAG_PALETTE } from '../codebook/codebook-csv.ts';
import { Annotation, textTarget } from '../model/annotation.ts';
import { Codebook, Tag } from '../model/codebook.ts';
import { DEFAULT_STATUSES } from '../model/workspace.ts';
import { planAnnotationImport, type AnnotationImportInput } from './plan-annotation-import.ts';
import { ANNOTATION_FILE_LIMITS, readAnnotationFile } from './read-annotation-file.ts';
import { ANNO_CONTEXT } from './w3c/w3c-types.ts';

const fixture = (name: string) => readFileSync(new URL(`../../tests/fixtures/annotation-files/${name}`, import.meta.url), 'utf8');
const ARTICLE = fixture('budget-article.txt');
const HYPOTHESIS_SEARCH = fixture('hypothesis-search.json');
const NOW = '2025-06-01T12:00:00.000Z';

const CODEBOOK = Codebook.parse({
  tags: [
    { id: 'claim-promise', name: 'promise', color: '#112233' },
    { id: 'statistic', name: 'Statistic', color: '#445566' },
    { id: 'economy', name: 'Fiscal', color: '#778899' },
  ],
});

function counter(prefix = 'imp'): () => string {
  let next = 0;
  return () => `${prefix}-${++next}`;
}

function plan(items: readonly unknown[], overrides: Partial<AnnotationImportInput> = {}) {
  return planAnnotationImport({
    text: ARTICLE,
    codebook: CODEBOOK,
    statuses: DEFAULT_STATUSES,
    existing: [],
    items,
    now: NOW,
    newId: counter(),
    analyst: 'Analyst A',
    ...overrides,
  });
}

function read(text: string) {
  const result = readAnnotationFile(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function refusal(text: string): string {
  const result = readAnnotationFile(text);
  if (result.ok) throw new Error('expected the file to be refused');
  expect(result.error.code).toBe('invalid');
  return result.error.message;
}

/** The UTF-16 span of the first `quote` in `text`, as the app stores it. */
function spanOf(quote: string, text = ARTICLE) {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return textTarget(text, start, start + quote.length);
}

const codePoints = (text: string, utf16: number) => Array.from(text.slice(0, utf16)).length;

interface PlainOptions {
  readonly text?: string;
  readonly position?: boolean;
  readonly tags?: readonly (string | { name: string; id: string })[];
  readonly note?: string;
  readonly status?: { label: string; id?: string };
  readonly creator?: string;
  readonly created?: string;
  readonly modified?: string;
}

/** A plain W3C annotation of `quote` (as a tool other than Claimbench writes one), positions in code points. */
function plain(quote: string, options: PlainOptions = {}): Record<string, unknown> {
  const text = options.text ?? ARTICLE;
  const { start, end, prefix, suffix } = spanOf(quote, text);
  const selector: unknown[] = [{ type: 'TextQuoteSelector', exact: quote, prefix, suffix }];
  if (options.position !== false)
    selector.push({ type: 'TextPositionSelector', start: codePoints(text, start), end: codePoints(text, end) });
  const body: unknown[] = (options.tags ?? []).map((tag) =>
    typeof tag === 'string'
      ? { type: 'TextualBody', purpose: 'tagging', value: tag }
      : { type: 'TextualBody', purpose: 'tagging', value: tag.name, 'claimbench:tag': tag.id },
  );
  if (options.note !== undefined) body.push({ type: 'TextualBody', purpose: 'commenting', value: options.note });
  if (options.status !== undefined)
    body.push({
      type: 'TextualBody',
      purpose: 'assessing',
      value: options.status.label,
      ...(options.status.id !== undefined ? { 'claimbench:status': options.status.id } : {}),
    });
  return {
    '@context': ANNO_CONTEXT,
    id: `http://example.org/anno/${encodeURIComponent(quote)}`,
    type: 'Annotation',
    ...(options.creator !== undefined ? { creator: { type: 'Person', name: options.creator } } : {}),
    ...(options.created !== undefined ? { created: options.created } : {}),
    ...(options.modified !== undefined ? { modified: options.modified } : {}),
    ...(body.length > 0 ? { body } : {}),
    target: { source: 'http://example.org/budget', selector },
  };
}

const TAXES = 'property taxes will not rise in 2025';
const DEFICIT = 'the deficit reached 12 million euros';
const TRAM = 'the new tram line will cost twice the estimate';
const COUNCIL = 'The council voted 7 to 2';

describe('readAnnotationFile: Hypothesis JSON', () => {
  const search = JSON.parse(HYPOTHESIS_SEARCH) as { total: number; rows: Record<string, unknown>[] };

  it('converts search rows to W3C annotations, dropping the RangeSelector, and skips the page note and the reply', () => {
    const file = read(HYPOTHESIS_SEARCH);
    expect(file.format).toBe('hypothesis');
    expect(file.items).toHaveLength(5);
    expect(file.skipped).toEqual([
      { index: 3, reason: expect.stringMatching(/^Annotation 4: a page note/) },
      { index: 4, reason: expect.stringMatching(/^Annotation 5: a reply/) },
    ]);
    expect(file.items[0]).toEqual({
      '@context': ANNO_CONTEXT,
      id: 'https://hypothes.is/a/Xk3nQ1pAEe-fGz9aB2cD4w',
      type: 'Annotation',
      motivation: 'tagging',
      created: '2025-03-04T09:15:22.481203+00:00',
      modified: '2025-03-04T09:20:01.002911+00:00',
      creator: { type: 'Person', name: 'Ana López' },
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Promise' },
        { type: 'TextualBody', purpose: 'tagging', value: 'budget' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Check against the **2024** budget, p. 12.', format: 'text/markdown' },
      ],
      target: [
        {
          type: 'SpecificResource',
          source: 'https://courier.example/news/budget-2025',
          selector: [
            { type: 'TextPositionSelector', start: 73, end: 109 },
            {
              type: 'TextQuoteSelector',
              exact: TAXES,
              prefix: '\n\nThe mayor said on Monday that ',
              suffix: ', despite a 4% deficit.\nAccordin',
            },
          ],
        },
      ],
    });
    expect(file.items[1]).toMatchObject({ creator: { type: 'Person', name: 'jdoe' }, motivation: 'tagging' });
    expect(file.items[3]).toMatchObject({ motivation: 'highlighting' });
    expect(file.items[3]).not.toHaveProperty('body');
  });

  it.each([
    [
      'the client export',
      JSON.stringify({
        export_date: '2025-03-07T10:00:00.000Z',
        export_userid: 'acct:ana_lopez@hypothes.is',
        client_version: '1.1500.0',
        annotations: search.rows,
      }),
    ],
    ['an array of rows', JSON.stringify(search.rows)],
    ['JSON Lines of rows', search.rows.map((row) => JSON.stringify(row)).join('\n')],
  ])('reads %s as the search result', (_name, text) => {
    const file = read(text);
    const search = read(HYPOTHESIS_SEARCH);
    expect(file.items).toEqual(search.items);
    expect(file.format).toBe('hypothesis');
    expect(file.skipped.map(({ index, reason }) => [index, reason.replace(/^(Annotation|Line) \d+/, '')])).toEqual(
      search.skipped.map(({ index, reason }) => [index, reason.replace(/^Annotation \d+/, '')]),
    );
  });

  it('reads one row, and skips replies listed apart (_separate_replies)', () => {
    expect(read(JSON.stringify(search.rows[0]))).toEqual({ format: 'hypothesis', items: [read(HYPOTHESIS_SEARCH).items[0]], skipped: [] });
    const separate = read(JSON.stringify({ total: 1, rows: [search.rows[0]], replies: [search.rows[4]] }));
    expect(separate.items).toHaveLength(1);
    expect(separate.skipped).toEqual([{ index: 1, reason: expect.stringMatching(/reply/) }]);
  });

  it('places the rows on the article by position or, when positions count in the web page or in UTF-16, by quote; a new annotation found whole is simply there (exact)', () => {
    const result = plan(read(HYPOTHESIS_SEARCH).items);
    expect(result.annotations.map((annotation) => [annotation.id, annotation.target, annotation.anchor.state])).toEqual([
      ['imp-1', spanOf(TAXES), 'exact'],
      ['imp-2', spanOf(DEFICIT), 'exact'],
      ['imp-3', spanOf(TRAM), 'exact'],
      ['imp-4', spanOf(COUNCIL), 'exact'],
    ]);
    expect(result.annotations[0]).toEqual({
      id: 'imp-1',
      target: spanOf(TAXES),
      anchor: { state: 'exact' },
      tags: ['claim-promise', 'budget'],
      speaker: '',
      outlet: '',
      status: 'unverified',
      note: 'Check against the **2024** budget, p. 12.',
      creator: 'Ana López',
      created: '2025-03-04T09:15:22.481Z',
      modified: '2025-03-04T09:20:01.002Z',
    });
    expect(result.annotations[1]).toMatchObject({ tags: ['statistic'], note: '', creator: 'jdoe' });
    expect(result.annotations[3]).toMatchObject({ tags: [], note: '', creator: 'jdoe', created: '2025-03-06T10:00:05.500Z' });
    expect(result.newTags).toEqual([{ id: 'budget', name: 'budget', color: TAG_PALETTE[3], description: '' }]);
    expect(result.notFound).toEqual([{ index: 4, quote: 'the harbour will close in May' }]);
    expect(result).toMatchObject({ invalid: [], duplicates: 0, fuzzy: 0 });
  });

  it('imports nothing new from the same file twice', () => {
    const items = read(HYPOTHESIS_SEARCH).items;
    const first = plan(items);
    const again = plan(items, { existing: first.annotations, codebook: { tags: [...CODEBOOK.tags, ...first.newTags] } });
    expect(again).toMatchObject({ annotations: [], newTags: [], duplicates: 4 });
  });

  it("reads Hypothesis's JSON-LD: the purposeless body is the note, the acct: creator a name, the XPath position ignored", () => {
    const jsonLd = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      type: 'Annotation',
      id: 'https://hypothes.is/a/Xk3nQ1pAEe-fGz9aB2cD4w',
      created: '2025-03-04T09:15:22.481203+00:00',
      modified: '2025-03-04T09:20:01.002911+00:00',
      creator: 'acct:ana_lopez@hypothes.is',
      body: [
        { type: 'TextualBody', value: 'Check the 2024 budget.', format: 'text/markdown' },
        { type: 'TextualBody', value: 'budget', purpose: 'tagging' },
      ],
      target: [
        {
          source: 'https://courier.example/news/budget-2025',
          selector: [
            { type: 'XPathSelector', value: '/main[1]/article[1]/p[1]', refinedBy: { type: 'TextPositionSelector', start: 31, end: 67 } },
            { type: 'TextQuoteSelector', exact: TAXES, prefix: 'said on Monday that ', suffix: ', despite' },
          ],
        },
      ],
    };
    const file = read(JSON.stringify(jsonLd));
    expect(file.format).toBe('w3c');
    expect(plan(file.items).annotations).toEqual([
      expect.objectContaining({ target: spanOf(TAXES), note: 'Check the 2024 budget.', tags: ['budget'], creator: 'ana_lopez' }),
    ]);
    const empty = read(JSON.stringify({ ...jsonLd, body: [{ type: 'TextualBody', value: '', format: 'text/markdown' }] }));
    expect(plan(empty.items).annotations[0]).toMatchObject({ note: '', tags: [] });
  });
});

describe('readAnnotationFile: W3C shapes', () => {
  const a = plain(TAXES, { tags: ['promise'] });
  const b = plain(COUNCIL, { note: 'Vote count' });
  const { '@context': _context, ...bare } = b;
  const cases: [string, string][] = [
    ['one annotation', JSON.stringify(a)],
    ['an array', JSON.stringify([a, b])],
    [
      'a collection with an embedded page whose items take its @context',
      JSON.stringify({
        '@context': ANNO_CONTEXT,
        type: 'AnnotationCollection',
        total: 2,
        first: { type: 'AnnotationPage', items: [a, bare] },
      }),
    ],
    [
      'a collection of two embedded pages',
      JSON.stringify({
        '@context': ANNO_CONTEXT,
        type: 'AnnotationCollection',
        first: { type: 'AnnotationPage', items: [a], next: { type: 'AnnotationPage', items: [bare] } },
      }),
    ],
    ['an AnnotationPage', JSON.stringify({ '@context': ANNO_CONTEXT, type: ['AnnotationPage'], items: [a, bare] })],
    ['JSON Lines', `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`],
    ['JSON Lines with CRLF, blank lines and a byte-order mark', `\uFEFF${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`],
    ['pretty-printed JSON with a byte-order mark', `\uFEFF${JSON.stringify([a, b], null, 2)}`],
  ];

  it.each(cases)('reads %s', (_name, text) => {
    const file = read(text);
    expect(file).toMatchObject({ format: 'w3c', skipped: [] });
    const placed = plan(file.items);
    expect(placed.invalid).toEqual([]);
    const expected = text.includes(COUNCIL) ? [spanOf(TAXES), spanOf(COUNCIL)] : [spanOf(TAXES)];
    expect(placed.annotations.map((annotation) => annotation.target)).toEqual(expected);
  });

  const refusals: [string, string, RegExp][] = [
    ['an empty file', '', /empty/],
    ['blank lines and a byte-order mark', '\uFEFF \n\n ', /empty/],
    ['broken JSON', '{"type": "Annotation",', /not JSON/],
    ['a number', '42', /the JSON is a number/],
    ['null', 'null', /the JSON is null/],
    ['an unknown object', '{"name": "my notes", "items": []}', /Not an annotation file/],
    [
      'a collection whose first page is elsewhere',
      JSON.stringify({ type: 'AnnotationCollection', total: 40, first: 'https://example.org/annotations/?page=0' }),
      /not in the file \(first: "https:\/\/example.org\/annotations\/\?page=0"\).*only pages embedded/,
    ],
    [
      'a collection continued elsewhere',
      JSON.stringify({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a], next: 'https://example.org/p1' } }),
      /not in the file \(next:/,
    ],
    ['a collection that embeds no page', JSON.stringify({ type: 'AnnotationCollection', total: 3 }), /no page/],
    ['a page without items', JSON.stringify({ type: 'AnnotationPage', items: 'none' }), /Page 1 .* list of items/],
    [
      'more than 50,000 annotations',
      JSON.stringify(Array.from({ length: ANNOTATION_FILE_LIMITS.annotations + 1 }, () => 0)),
      /50001 annotations; .* at most 50000/,
    ],
    ['more than 50,000 lines', '{}\n'.repeat(ANNOTATION_FILE_LIMITS.annotations + 1), /50001 annotations/],
    [
      'more than 50,000 rows',
      JSON.stringify({ total: 1, rows: Array.from({ length: ANNOTATION_FILE_LIMITS.annotations + 1 }, () => 0) }),
      /50001 annotations/,
    ],
  ];

  it.each(refusals)('refuses %s with a message', (_name, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it('reads an empty collection, page or list as no annotations', () => {
    expect(read('[]')).toEqual({ format: 'w3c', items: [], skipped: [] });
    expect(read(JSON.stringify({ type: 'AnnotationCollection', total: 0 }))).toEqual({ format: 'w3c', items: [], skipped: [] });
    expect(read(JSON.stringify({ total: 0, rows: [] }))).toEqual({ format: 'hypothesis', items: [], skipped: [] });
  });

  it('skips page notes, replies, evidence links, lines that are not JSON and values that are not objects, naming each', () => {
    const linkTarget = plain(TAXES).target as Record<string, unknown>;
    const skippedOnes = [
      { ...a, id: 'http://example.org/page-note', target: 'http://example.org/budget' },
      {
        ...a,
        id: 'http://example.org/fragment',
        target: { source: 'http://example.org/budget.pdf', selector: { type: 'FragmentSelector', value: 'page=2' } },
      },
      { ...a, id: 'http://example.org/reply', motivation: 'replying' },
      { ...a, id: 'http://example.org/link', motivation: 'linking', target: [linkTarget, linkTarget] },
    ];
    const file = read(JSON.stringify([a, ...skippedOnes, 7, null, [a]]));
    expect(file.items).toEqual([a]);
    expect(file.skipped.map(({ index, reason }) => [index, reason.replace(/:.*/s, '')])).toEqual(
      [1, 2, 3, 4, 5, 6, 7].map((index) => [index, `Annotation ${index + 1}`]),
    );
    expect(file.skipped.map(({ reason }) => reason)).toEqual([
      expect.stringMatching(/whole document/),
      expect.stringMatching(/whole document/),
      expect.stringMatching(/reply/),
      expect.stringMatching(/link between annotations/),
      expect.stringMatching(/is a number, not an annotation/),
      expect.stringMatching(/is null/),
      expect.stringMatching(/is a list/),
    ]);
    const lines = read(`${JSON.stringify(a)}\n\n{"type": "Annot\n${JSON.stringify(b)}`);
    expect(lines.items).toEqual([a, b]);
    expect(lines.skipped).toEqual([{ index: 1, reason: expect.stringMatching(/^Line 3: not JSON/) }]);
  });
});

describe('planAnnotationImport: positions in code points, offsets in UTF-16', () => {
  // Everything before the claim makes UTF-16 and code point offsets differ (or, for combining
  // marks, keeps them equal, which must not be "corrected" either).
  const texts: [string, string][] = [
    ['emoji', '😀😀 Update 😀: '],
    ['flags', '🇺🇦 Kyiv 🇺🇦 reports: '],
    ['ZWJ sequences', '👩‍👩‍👧 Families 👩‍👩‍👧 say '],
    ['combining marks', 'q\u0323\u0307 Ṩ̇peech q\u0323\u0307 says '.normalize('NFC')],
    ['CJK extension B', '𠀀𠮷 漢字 𠀀: '],
  ];

  it.each(texts)(
    '%s: a W3C position (code points) lands on the quote; a Hypothesis position (UTF-16) is corrected by the quote',
    (_name, lead) => {
      const text = `${lead}${ARTICLE}`;
      const expected = spanOf(TAXES, text);
      const w3c = plan([plain(TAXES, { text })], { text });
      expect(w3c.annotations).toEqual([expect.objectContaining({ target: expected, anchor: { state: 'exact' } })]);

      const row = {
        id: 'r1',
        user: 'acct:ana@hypothes.is',
        uri: 'https://x.example',
        text: '',
        tags: [],
        target: [
          {
            source: 'https://x.example',
            selector: [
              { type: 'TextPositionSelector', start: expected.start, end: expected.end },
              { type: 'TextQuoteSelector', exact: TAXES, prefix: expected.prefix, suffix: expected.suffix },
            ],
          },
        ],
      };
      const hypothesis = plan(read(JSON.stringify(row)).items, { text });
      expect(hypothesis.annotations).toEqual([expect.objectContaining({ target: expected, anchor: { state: 'exact' } })]);
    },
  );
});

describe("planAnnotationImport: what is not this document's", () => {
  it('leaves out annotations made on another text or another page, and those the document already has by id', () => {
    const other = {
      ...plain(TAXES),
      target: [
        {
          type: 'SpecificResource',
          source: 'urn:x',
          'claimbench:textHash': 'f'.repeat(64),
          selector: [{ type: 'TextQuoteSelector', exact: TAXES }],
        },
      ],
    };
    const page = {
      ...plain(TAXES),
      target: [
        { type: 'SpecificResource', source: 'https://elsewhere.example/story', selector: [{ type: 'TextQuoteSelector', exact: TAXES }] },
      ],
    };
    const samePage = {
      ...plain(TAXES),
      target: [
        { type: 'SpecificResource', source: 'https://News.example/a/#comments', selector: [{ type: 'TextQuoteSelector', exact: TAXES }] },
      ],
    };
    const result = plan([other, page, samePage], { document: { textHashes: ['a'.repeat(64)], sourceUrl: 'https://news.example/a' } });
    expect(result.elsewhere).toBe(2);
    expect(result.annotations).toHaveLength(1);
    const again = plan([{ ...plain(TAXES), id: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e' }], {
      existing: [{ ...result.annotations[0]!, id: '0f8fad5b-d9cb-469f-a165-70867728950e', note: 'changed since' }],
    });
    expect(again).toMatchObject({ annotations: [], duplicates: 1 });
  });

  it('reports a match less than 75% alike as not found, not as an approximate match', () => {
    const far = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'urn:x:far',
      type: 'Annotation',
      target: {
        source: 'urn:x',
        selector: {
          type: 'TextQuoteSelector',
          exact: `${TAXES.slice(0, 12)} will be doubled for every household in the region by the council`,
        },
      },
    };
    const result = plan([far]);
    expect(result.annotations).toEqual([]);
    expect(result.notFound).toHaveLength(1);
  });
});

describe('planAnnotationImport: finding quotes', () => {
  it('finds a quote that moved when the text was edited above it', () => {
    const edited = ARTICLE.replace('\n\n', '\n\nUPDATE 🚨: the vote was postponed to Friday.\n\n');
    const placed = plan([plain(TAXES)], { text: edited });
    expect(placed.annotations).toEqual([expect.objectContaining({ target: spanOf(TAXES, edited), anchor: { state: 'exact' } })]);
    expect(placed.fuzzy).toBe(0);
  });

  it('places a reworded quote as fuzzy, for review, keeping the quote it had', () => {
    const edited = ARTICLE.replace('will not rise', 'would not rise');
    const placed = plan([plain(TAXES), plain(COUNCIL)], { text: edited });
    expect(placed.fuzzy).toBe(1);
    expect(placed.annotations[0]?.anchor).toMatchObject({ state: 'fuzzy', previousQuote: TAXES, confidence: expect.any(Number) });
    expect(placed.annotations[0]?.target.exact).toContain('would not rise');
  });

  it('lists what is not in the text with its index and quote', () => {
    const elsewhere = {
      ...plain(TAXES),
      target: { source: 'x:y', selector: { type: 'TextQuoteSelector', exact: 'the harbour will close in May' } },
    };
    const outside = { ...plain(TAXES), target: { source: 'x:y', selector: { type: 'TextPositionSelector', start: 5000, end: 5010 } } };
    const placed = plan([plain(COUNCIL), elsewhere, outside]);
    expect(placed.notFound).toEqual([
      { index: 1, quote: 'the harbour will close in May' },
      { index: 2, quote: '' },
    ]);
    expect(placed.annotations).toHaveLength(1);
  });

  it('lists invalid items with their index and reason, and keeps going', () => {
    const placed = plan([{ type: 'Annotation' }, plain(COUNCIL), { ...plain(TAXES), created: 'yesterday' }]);
    expect(placed.invalid).toEqual([
      { index: 0, reason: expect.stringMatching(/Not a W3C annotation/) },
      { index: 2, reason: expect.stringMatching(/created/) },
    ]);
    expect(placed.annotations).toHaveLength(1);
  });
});

describe('planAnnotationImport: tags', () => {
  const tagsOf = (items: unknown[]) => plan(items).annotations.map((annotation) => annotation.tags);

  it.each([
    ['by id, when that tag has the name (any case)', { name: 'FISCAL', id: 'economy' }, ['economy']],
    ['by name, any case', 'PROMISE', ['claim-promise']],
    ['by name, when the id is unknown', { name: 'statistic', id: 'stats-2019' }, ['statistic']],
    ['by name, when the id is another tag', { name: 'Promise', id: 'economy' }, ['claim-promise']],
    ['as a new tag, when id and name match nothing: its id avoids the codebook', { name: 'Economy', id: 'economy' }, ['economy-2']],
  ])('matches %s', (_name, tag, expected) => {
    expect(tagsOf([plain(TAXES, { tags: [tag] })])).toEqual([expected]);
  });

  it('creates one new tag for every item naming it, with palette colours and no shortcut', () => {
    const placed = plan([plain(TAXES, { tags: ['Harbour works', 'Tram'] }), plain(COUNCIL, { tags: ['harbour WORKS'] })]);
    expect(placed.newTags).toEqual([
      { id: 'harbour-works', name: 'Harbour works', color: TAG_PALETTE[3], description: '' },
      { id: 'tram', name: 'Tram', color: TAG_PALETTE[4], description: '' },
    ]);
    expect(placed.annotations.map((annotation) => annotation.tags)).toEqual([['harbour-works', 'tram'], ['harbour-works']]);
    for (const tag of placed.newTags) expect(Tag.parse(tag)).toEqual(tag);
    expect(Codebook.safeParse({ tags: [...CODEBOOK.tags, ...placed.newTags] }).success).toBe(true);
  });

  it('gives an annotation each tag once, drops blank names, and creates no tag for an item it does not import', () => {
    expect(tagsOf([plain(TAXES, { tags: ['promise', 'Promise', ' ', { name: 'Fiscal', id: 'economy' }] })])).toEqual([
      ['claim-promise', 'economy'],
    ]);
    const tooLong = {
      ...plain(TAXES, { tags: ['Brand new'] }),
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'Brand new' },
        { type: 'TextualBody', purpose: 'commenting', value: 'x'.repeat(60_000) },
        { type: 'TextualBody', purpose: 'commenting', value: 'y'.repeat(60_000) },
      ],
    };
    const placed = plan([tooLong]);
    expect(placed).toMatchObject({ annotations: [], newTags: [], invalid: [{ index: 0, reason: expect.stringMatching(/note/) }] });
  });
});

describe('planAnnotationImport: statuses', () => {
  it.each([
    ['by id', { label: 'Whatever', id: 'refuted' }, 'refuted'],
    ['by label, any case', { label: 'SUPPORTED' }, 'supported'],
    ['by label when the id is unknown', { label: 'Misleading', id: 'half-true' }, 'misleading'],
    ['as the first status when nothing matches', { label: 'Pants on fire', id: 'pants' }, 'unverified'],
    ['as the first status when there is none', undefined, 'unverified'],
  ])('matches %s', (_name, status, expected) => {
    expect(plan([plain(TAXES, { status })]).annotations[0]?.status).toBe(expected);
  });
});

describe('planAnnotationImport: duplicates', () => {
  const existing = Annotation.parse({
    id: 'old-1',
    target: spanOf(TAXES),
    tags: ['economy', 'claim-promise'],
    note: 'Seen',
    status: 'supported',
    created: NOW,
    modified: NOW,
  });

  it('skips an item with the span, note and tags of an existing annotation (tags in any order, any status)', () => {
    const placed = plan([plain(TAXES, { tags: ['promise', 'Fiscal'], note: 'Seen', status: { label: 'Refuted' } })], {
      existing: [existing],
    });
    expect(placed).toMatchObject({ annotations: [], duplicates: 1 });
  });

  it.each([
    ['another note', { tags: ['promise', 'Fiscal'], note: 'Seen twice' }],
    ['other tags', { tags: ['promise'], note: 'Seen' }],
    ['a new tag', { tags: ['promise', 'Fiscal', 'Budget'], note: 'Seen' }],
  ])('imports the same span with %s', (_name, options) => {
    expect(plan([plain(TAXES, options)], { existing: [existing] })).toMatchObject({ annotations: [expect.anything()], duplicates: 0 });
  });

  it('skips an item repeated in the file, even with a new tag', () => {
    const item = plain(TAXES, { tags: ['Budget'] });
    const placed = plan([item, item, { ...item, id: 'http://example.org/copy' }]);
    expect(placed).toMatchObject({ annotations: [expect.objectContaining({ tags: ['budget'] })], duplicates: 2 });
    expect(placed.newTags).toHaveLength(1);
  });
});

describe('planAnnotationImport: ids, creators, dates', () => {
  it("gives new annotations newId()'s ids, never the file's", () => {
    const withIds = [
      { ...plain(TAXES), id: 'a1' },
      { ...plain(COUNCIL), id: 'urn:uuid:0b5e3a0e-6a7e-4b53-9d3c-2c1f7d1a9e11' },
    ];
    expect(plan(withIds, { newId: counter('new') }).annotations.map((annotation) => annotation.id)).toEqual(['new-1', 'new-2']);
  });

  it('throws when newId gives an id that is not valid or not new: a bug in the caller, not in the file', () => {
    expect(() => plan([plain(TAXES)], { newId: () => 'urn:x:1' })).toThrow(RangeError);
    const existing = Annotation.parse({
      id: 'imp-1',
      target: spanOf(COUNCIL),
      tags: [],
      status: 'unverified',
      created: NOW,
      modified: NOW,
    });
    expect(() => plan([plain(TAXES)], { existing: [existing] })).toThrow(/not a new annotation id/);
  });

  it('takes the creator and dates from the file, else the analyst and now', () => {
    const dated = plan([
      plain(TAXES, { creator: 'Ana', created: '2025-01-02T03:04:05+02:00', modified: '2025-01-03T00:00:00Z' }),
      plain(COUNCIL),
      plain(DEFICIT, { created: '2025-01-02T03:04:05Z' }),
      plain(TRAM, { modified: '2025-02-02T00:00:00Z' }),
    ]).annotations;
    expect(dated.map(({ creator, created, modified }) => [creator, created, modified])).toEqual([
      ['Ana', '2025-01-02T01:04:05.000Z', '2025-01-03T00:00:00.000Z'],
      ['Analyst A', NOW, NOW],
      ['Analyst A', '2025-01-02T03:04:05.000Z', '2025-01-02T03:04:05.000Z'],
      ['Analyst A', '2025-02-02T00:00:00.000Z', '2025-02-02T00:00:00.000Z'],
    ]);
    for (const annotation of dated) expect(Annotation.parse(annotation)).toEqual(annotation);
  });
});

describe('hostile input', () => {
  const row = JSON.parse(HYPOTHESIS_SEARCH).rows[0] as Record<string, unknown>;
  const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);
  // JSON.stringify overflows the stack on values this deep, so they are spliced in as text.
  const withRaw = (object: Record<string, unknown>, key: string, json: string) =>
    JSON.stringify({ ...object, [key]: '@' }).replace('"@"', json);

  /** What became of each annotation of a file, one line each; placed annotations are checked against the schema. */
  function outcome(text: string): string {
    const result = readAnnotationFile(text);
    if (!result.ok) return `refused: ${result.error.message}`;
    const placed = plan(result.value.items);
    for (const annotation of placed.annotations) expect(Annotation.parse(annotation)).toEqual(annotation);
    return [
      ...result.value.skipped.map(({ reason }) => `skipped: ${reason}`),
      ...placed.invalid.map(({ reason }) => `invalid: ${reason}`),
      ...placed.notFound.map(() => 'not found'),
      ...placed.annotations.map((annotation) => `placed: ${annotation.target.exact}`),
    ].join('\n');
  }

  const files: [string, string, RegExp][] = [
    ['deeply nested arrays', deep(200_000, '[', ']'), /^skipped: Annotation 1: it is a list/],
    ['deeply nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /^refused: Not an annotation file/],
    ['a deep body', withRaw(plain(TAXES), 'body', `${'{"value":'.repeat(100_000)}"x"${'}'.repeat(100_000)}`), /^invalid: .*body/],
    ['a deep target', withRaw(plain(TAXES), 'target', deep(100_000, '[', ']')), /^invalid: .*target/],
    ['a deep selector', withRaw(plain(TAXES), 'target', `{"selector": ${deep(100_000, '[', ']')}}`), /^invalid: .*target/],
    [
      'a deep Hypothesis quote',
      withRaw(row, 'target', `[{"selector": [${deep(100_000, '{"type": "TextQuoteSelector", "exact": ', '}').replace(/}+$/, '"x"$&')}]}]`),
      /^invalid: Target 1: a TextQuoteSelector that is malformed/,
    ],
    [
      'huge numbers',
      withRaw(plain(TAXES), 'target', '{"selector": {"type": "TextPositionSelector", "start": 1e999, "end": 17976931348623157e292}}'),
      /^invalid: Target 1: a TextPositionSelector that is malformed/,
    ],
    [
      'huge Hypothesis positions (a hint, dropped)',
      withRaw(
        row,
        'target',
        `[{"selector": [{"type": "TextPositionSelector", "start": 9007199254740993, "end": 1e400}, ${JSON.stringify({ type: 'TextQuoteSelector', exact: TAXES })}]}]`,
      ),
      new RegExp(`^placed: ${TAXES}$`),
    ],
    [
      'a __proto__ key making a search result',
      '{"__proto__": {"rows": [], "type": "Annotation"}, "x": 1}',
      /^refused: Not an annotation file/,
    ],
    [
      '__proto__ and constructor keys inside an annotation',
      JSON.stringify(plain(TAXES)).replace('{', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, '),
      new RegExp(`^placed: ${TAXES}$`),
    ],
    [
      'a Hypothesis row with every field of the wrong type',
      JSON.stringify({ id: 5, user: 'acct:x@y', uri: 'u', text: 7, tags: 'budget', target: { selector: 'x' }, user_info: 3, links: [] }),
      /^skipped: Annotation 1: not a Hypothesis annotation Claimbench can read: id: .*; text: .*; tags: /,
    ],
    [
      'a Hypothesis row with malformed selectors',
      JSON.stringify({
        ...row,
        target: [
          { selector: [null, 'x', { type: 'TextQuoteSelector', exact: 42 }, { type: 'TextPositionSelector', start: '1', end: [] }] },
        ],
      }),
      /^invalid: Target 1: a TextQuoteSelector that is malformed/,
    ],
    [
      'a Hypothesis row with wrong cosmetic fields (kept, named by its account)',
      JSON.stringify({ ...row, user_info: 'Ana', links: 5, document: 7 }),
      new RegExp(`^placed: ${TAXES}$`),
    ],
    [
      'lone surrogates',
      JSON.stringify({
        ...row,
        id: '\uD800',
        text: '\uDC00',
        tags: ['\uD800'],
        target: [{ selector: [{ type: 'TextQuoteSelector', exact: 'x\uD800' }] }],
      }),
      /^not found$/,
    ],
    [
      'a W3C annotation with every field of the wrong type',
      JSON.stringify({ '@context': ANNO_CONTEXT, type: 'Annotation', id: [], motivation: {}, creator: 5, body: true, target: [1, null] }),
      /^invalid: Not a W3C annotation Claimbench can read: id: .*/,
    ],
    [
      'a page that is a number',
      JSON.stringify({ type: 'AnnotationCollection', first: 5 }),
      /^refused: Page 1 of the collection is not an AnnotationPage/,
    ],
  ];

  it.each(files)('reads %s without throwing or polluting prototypes', (_name, text, expected) => {
    expect(outcome(text)).toMatch(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('rows');
  });

  it('does not take a __proto__ key for the object itself', () => {
    expect(refusal('{"__proto__": {"rows": [], "type": "Annotation"}}')).toMatch(/Not an annotation file/);
    const file = read(JSON.stringify(plain(TAXES)).replace('{', '{"__proto__": {"type": "AnnotationCollection"}, '));
    expect(plan(file.items).annotations).toEqual([expect.objectContaining({ target: spanOf(TAXES) })]);
  });

  it('never throws on random text or random bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => void readAnnotationFile(text)));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => void readAnnotationFile(new TextDecoder().decode(bytes))));
  });

  it('never throws on random JSON, read and placed, and places only valid annotations', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (json) => {
        const result = readAnnotationFile(JSON.stringify(json) ?? 'null');
        if (!result.ok) return;
        for (const annotation of plan(result.value.items).annotations) Annotation.parse(annotation);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random annotations and rows that look almost right', () => {
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constantFrom(TAXES, COUNCIL, 'acct:x@hypothes.is', 'TextQuoteSelector', '2025-01-01T00:00:00Z'),
    );
    const selector = fc.oneof(
      fc.record(
        {
          type: fc.constant('TextQuoteSelector'),
          exact: fc.oneof(fc.constantFrom(TAXES, COUNCIL, ''), value),
          prefix: value,
          suffix: value,
        },
        { requiredKeys: ['type'] },
      ),
      fc.record(
        {
          type: fc.constant('TextPositionSelector'),
          start: fc.oneof(fc.integer({ min: -5, max: 400 }), value),
          end: fc.oneof(fc.integer({ min: -5, max: 400 }), value),
        },
        { requiredKeys: ['type'] },
      ),
      value,
    );
    const target = fc.oneof(
      fc.array(fc.record({ source: value, selector: fc.oneof(selector, fc.array(selector, { maxLength: 4 })) }), { maxLength: 3 }),
      value,
    );
    const hypothesisRow = fc.record(
      {
        id: value,
        user: fc.oneof(fc.constant('acct:ana@hypothes.is'), value),
        uri: fc.constant('https://x.example'),
        text: value,
        tags: fc.oneof(fc.array(fc.oneof(fc.constantFrom('promise', 'Budget'), value), { maxLength: 3 }), value),
        target,
        references: value,
        user_info: value,
        created: value,
      },
      { requiredKeys: ['uri'] },
    );
    const body = fc.record(
      {
        type: value,
        purpose: fc.oneof(fc.constantFrom('tagging', 'commenting', 'assessing'), value),
        value,
        'claimbench:tag': value,
        'claimbench:status': value,
      },
      { requiredKeys: [] },
    );
    const w3c = fc.record(
      {
        '@context': fc.oneof(fc.constant(ANNO_CONTEXT), value),
        id: value,
        type: fc.oneof(fc.constant('Annotation'), value),
        motivation: value,
        body: fc.oneof(body, fc.array(body, { maxLength: 3 }), value),
        creator: value,
        created: value,
        target,
      },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(hypothesisRow, w3c), { maxLength: 5 }),
        fc.constantFrom('array', 'lines', 'rows'),
        (annotations, shape) => {
          const text =
            shape === 'array'
              ? JSON.stringify(annotations)
              : shape === 'rows'
                ? JSON.stringify({ total: 9, rows: annotations })
                : annotations.map((one) => JSON.stringify(one)).join('\n');
          const result = readAnnotationFile(text);
          if (!result.ok) return;
          for (const annotation of plan(result.value.items).annotations) Annotation.parse(annotation);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planAnnotationImport: a quote that differs only in case', () => {
  const text =
    'Russian forces shelled Kherson again overnight, the regional governor said. ' +
    'Residents on the left bank of the Dnipro river were told to leave. ' +
    'Water and power were cut in several districts of the city.';
  const row = (exact: string, extra: Record<string, unknown> = {}) => ({
    id: 'r1',
    user: 'acct:ana@hypothes.is',
    uri: 'https://x.example',
    text: '',
    tags: [],
    target: [{ source: 'https://x.example', selector: [{ type: 'TextQuoteSelector', exact, ...extra }] }],
  });

  it('finds "Dnipro River" on "Dnipro river" and keeps the quote it had, rather than "not found"', () => {
    const result = plan(read(JSON.stringify(row('Residents on the left bank of the Dnipro River'))).items, { text });
    expect(result.notFound).toEqual([]);
    expect(result.annotations).toHaveLength(1);
    const [annotation] = result.annotations;
    expect(annotation!.target.exact).toBe('Residents on the left bank of the Dnipro river');
    expect(annotation!.anchor).toMatchObject({ state: 'fuzzy', previousQuote: 'Residents on the left bank of the Dnipro River' });
  });

  it('prefers the copy written alike, then the copy whose context fits, case aside', () => {
    const twice = `${text} The DNIPRO river is wide here; the Dnipro River floods.`;
    const result = plan(read(JSON.stringify(row('Dnipro River'))).items, { text: twice });
    expect(result.notFound).toEqual([]);
    expect(result.annotations).toHaveLength(1);
    // The copy written alike is found as it is.
    expect(result.annotations[0]!.target.exact).toBe('Dnipro River');

    const short = plan(read(JSON.stringify(row('dnipro RIVER', { prefix: 'the left bank of the ', suffix: ' were told' }))).items, {
      text: twice,
    });
    expect(short.notFound).toEqual([]);
    expect(short.annotations[0]!.target.exact).toBe('Dnipro river');
    expect(short.annotations[0]!.target.start).toBe(text.indexOf('Dnipro river'));
  });

  it('still reports a quote that is not in the text in any case', () => {
    expect(plan(read(JSON.stringify(row('the Dnieper delta'))).items, { text }).notFound).toHaveLength(1);
  });
});
