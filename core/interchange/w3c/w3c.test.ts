import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../../model/annotation.ts';
import type { Tag } from '../../model/codebook.ts';
import { DocumentMeta } from '../../model/document.ts';
import { EvidenceLink } from '../../model/evidence.ts';
import { codePointIndex } from '../../text/code-points.ts';
import { claimbenchIris } from './w3c-iris.ts';
import { W3C_LIMITS, annotationFromW3C } from './w3c-read.ts';
import { ANNO_CONTEXT, type W3CAnnotation, type W3CTarget } from './w3c-types.ts';
import { annotationCollection, annotationToW3C, linkToW3C, w3cDocument, type W3CExportContext } from './w3c-write.ts';

const HASH = 'a'.repeat(64);
const OLD_HASH = 'b'.repeat(64);
const iris = claimbenchIris('ws-1');
const tags = new Map<string, Tag>([
  ['quote', { id: 'quote', name: 'Direct quote', color: '#112233', description: '' }],
  ['stat', { id: 'stat', name: 'Statistic', color: '#445566', description: '' }],
]);
const statusLabel = (id: string) => ({ unverified: 'Unverified', supported: 'Supported' })[id];

function meta(overrides: Partial<DocumentMeta> = {}): DocumentMeta {
  return DocumentMeta.parse({
    id: 'doc-1',
    title: 'A document',
    format: 'text',
    importedAt: '2025-01-02T03:04:05.000Z',
    importedFrom: '/tmp/a.txt',
    textHash: HASH,
    ...overrides,
  });
}

function annotationOn(text: string, start: number, end: number, overrides: Partial<Annotation> = {}): Annotation {
  return Annotation.parse({
    id: 'a1',
    target: textTarget(text, start, end),
    tags: [],
    status: 'unverified',
    created: '2025-01-02T03:04:05.000Z',
    modified: '2025-01-03T03:04:05.000Z',
    ...overrides,
  });
}

function contextFor(text: string, documentMeta = meta()): W3CExportContext {
  return { document: w3cDocument(documentMeta, text), tagsById: tags, statusLabel, iris };
}

/** Exported, then through JSON as a file would carry it. */
function exported(annotation: Annotation, context: W3CExportContext): W3CAnnotation {
  return JSON.parse(JSON.stringify(annotationToW3C(annotation, context))) as W3CAnnotation;
}

const targetOf = (annotation: W3CAnnotation) => annotation.target as W3CTarget;
const selector = (annotation: W3CAnnotation, type: string) => targetOf(annotation).selector.find((item) => item.type === type);

const EMOJI = '😀';
const FLAG = '🇺🇦';
const FAMILY = '👩‍👩‍👧';
const COMBINING = 's\u0323\u0307';
const CJK_B = '𠀀𠮷';

describe('positions: code points out, UTF-16 back', () => {
  // [name, text, the claim quoted]: everything before the claim shifts UTF-16 and code points apart.
  it.each([
    ['emoji', `${EMOJI}${EMOJI} The river ${EMOJI} will run dry by 2030. ${EMOJI}`, 'The river 😀 will run dry'],
    ['flags', `${FLAG} Kyiv ${FLAG} says the bridge ${FLAG} is open.`, 'the bridge 🇺🇦 is open'],
    ['ZWJ sequences', `${FAMILY}${FAMILY} Families ${FAMILY} pay more tax.`, 'Families 👩‍👩‍👧 pay'],
    ['combining marks', `${COMBINING}${COMBINING} Ṩpeech ${COMBINING} was given.`, 'Ṩpeech ṩ was'],
    ['CJK extension B', `${CJK_B}漢${CJK_B} 價格上漲 ${CJK_B}字 了`, '價格上漲 𠀀𠮷字'],
    ['right-to-left', `${EMOJI} שלום עולם ${EMOJI} مرحبا \u200fبالعالم`, 'עולם 😀 مرحبا'],
  ])('%s: the TextPositionSelector counts code points and comes back to the same UTF-16 span', (_name, text, quote) => {
    const start = text.indexOf(quote);
    expect(start).toBeGreaterThan(0);
    const annotation = annotationOn(text, start, start + quote.length);
    const w3c = exported(annotation, contextFor(text));
    expect(selector(w3c, 'TextPositionSelector')).toEqual({
      type: 'TextPositionSelector',
      start: Array.from(text.slice(0, start)).length,
      end: Array.from(text.slice(0, start + quote.length)).length,
    });
    expect(selector(w3c, 'TextQuoteSelector')).toMatchObject({ type: 'TextQuoteSelector', exact: quote });
    const back = annotationFromW3C(w3c, text);
    expect(back).toMatchObject({ ok: true, value: { anchoredBy: 'position', target: annotation.target, anchor: { state: 'exact' } } });
    expect(annotationFromW3C(w3c, text, codePointIndex(text))).toEqual(back);
  });

  it('differs from UTF-16 where astral characters come before (the test above is not vacuous)', () => {
    const text = `${EMOJI}${FLAG} claim`;
    const w3c = exported(annotationOn(text, 7, 12), contextFor(text));
    expect(selector(w3c, 'TextPositionSelector')).toEqual({ type: 'TextPositionSelector', start: 4, end: 9 });
  });

  it('never cuts a surrogate pair in the exported prefix or suffix', () => {
    const text = `${EMOJI}${'x'.repeat(31)}claim${EMOJI}${'y'.repeat(40)}`; // the 32 units before 'claim' start inside 😀
    const start = text.indexOf('claim');
    const annotation = annotationOn(text, start, start + 5, {
      target: { ...textTarget(text, start, start + 5), suffix: text.slice(start + 5, start + 6) },
    });
    expect(annotation.target.prefix.charCodeAt(0)).toBe(0xde00); // a lone low surrogate inside our own target
    const quote = selector(exported(annotation, contextFor(text)), 'TextQuoteSelector') as { prefix: string; suffix: string };
    expect(quote.prefix).toBe('x'.repeat(31));
    expect(quote.suffix).toBe('');
  });
});

describe('annotationToW3C', () => {
  const text = 'The mayor said taxes will not rise in 2025.';
  const full = annotationOn(text, 15, 42, {
    tags: ['quote', 'stat', 'gone'],
    note: 'Check the *budget*.',
    status: 'supported',
    speaker: 'The mayor',
    outlet: 'Valley Courier',
    creator: 'Ana',
  });

  it('writes every field as a TextualBody with a W3C purpose', () => {
    const w3c = exported(full, contextFor(text));
    expect(w3c).toMatchObject({
      '@context': [ANNO_CONTEXT, expect.any(Object)],
      id: 'urn:claimbench:ws-1:annotation:a1',
      type: 'Annotation',
      motivation: 'tagging',
      created: full.created,
      modified: full.modified,
      creator: { type: 'Person', name: 'Ana' },
    });
    expect(w3c.body).toEqual([
      { type: 'TextualBody', purpose: 'tagging', value: 'Direct quote', 'claimbench:tag': 'quote' },
      { type: 'TextualBody', purpose: 'tagging', value: 'Statistic', 'claimbench:tag': 'stat' },
      { type: 'TextualBody', purpose: 'tagging', value: 'gone', 'claimbench:tag': 'gone' }, // not in the codebook: its id
      { type: 'TextualBody', purpose: 'commenting', value: 'Check the *budget*.', format: 'text/markdown' },
      { type: 'TextualBody', purpose: 'assessing', value: 'Supported', 'claimbench:status': 'supported' },
      { type: 'TextualBody', purpose: 'describing', value: 'The mayor', 'claimbench:field': 'speaker' },
      { type: 'TextualBody', purpose: 'describing', value: 'Valley Courier', 'claimbench:field': 'outlet' },
    ]);
    expect(targetOf(w3c)).toMatchObject({
      type: 'SpecificResource',
      source: 'urn:claimbench:ws-1:document:doc-1',
      'claimbench:textHash': HASH,
    });
  });

  it.each([
    ['tags', { tags: ['quote'] }, 'tagging'],
    ['a note only', { note: 'hm' }, 'commenting'],
    ['nothing but a status', {}, 'highlighting'],
  ])('motivation with %s', (_name, overrides: Partial<Annotation>, motivation) => {
    const w3c = exported(annotationOn(text, 0, 9, overrides), contextFor(text));
    expect(w3c.motivation).toBe(motivation);
    expect(w3c).not.toHaveProperty('creator');
  });

  it('names the document by its web address when it has one, and a lowercase UUID annotation by urn:uuid', () => {
    const w3c = exported(
      annotationOn(text, 0, 9, { id: '0f8fad5b-d9cb-469f-a165-70867728950e' }),
      contextFor(text, meta({ sourceUrl: 'https://example.org/news/a b?x=1' })),
    );
    expect(w3c.id).toBe('urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(targetOf(w3c).source).toBe('https://example.org/news/a%20b?x=1');
    expect(targetOf(w3c)['claimbench:document']).toBe(meta().id);
  });

  it('keeps an id with capitals exactly: it is not a urn:uuid, whose hex is lowercase', () => {
    const w3c = exported(annotationOn(text, 0, 9, { id: '0F8FAD5B-D9CB-469F-A165-70867728950E' }), contextFor(text));
    expect(w3c.id).toMatch(/:annotation:0F8FAD5B-D9CB-469F-A165-70867728950E$/);
  });

  it('says how a moved or fuzzy span was found, and where an orphan was on its old text', () => {
    const fuzzy = exported(
      annotationOn(text, 0, 9, { anchor: { state: 'fuzzy', confidence: 0.8, previousQuote: 'The mayer' } }),
      contextFor(text),
    );
    expect(targetOf(fuzzy)).toMatchObject({
      'claimbench:anchorState': 'fuzzy',
      'claimbench:confidence': 0.8,
      'claimbench:previousQuote': 'The mayer',
    });
    const exact = targetOf(exported(annotationOn(text, 0, 9), contextFor(text)));
    expect(exact['claimbench:anchorState']).toBeUndefined();
    const orphan = annotationOn('Old intro. The taps will run dry.', 11, 32, { anchor: { state: 'orphaned', textHash: OLD_HASH } });
    expect(targetOf(exported(orphan, contextFor('An entirely new text.')))['claimbench:span']).toEqual({ start: 11, end: 32 });
  });

  it('exports an orphan with its quote only: its position counts into an older text', () => {
    const oldText = 'Old intro. The taps will run dry.';
    const orphan = annotationOn(oldText, 11, 32, { anchor: { state: 'orphaned', textHash: OLD_HASH } });
    const target = targetOf(exported(orphan, contextFor('An entirely new text.')));
    expect(target.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'The taps will run dry', prefix: 'Old intro. ', suffix: '.' }]);
    expect(target).toMatchObject({ 'claimbench:anchorState': 'orphaned', 'claimbench:textHash': OLD_HASH });
  });

  it('exports a target that no longer fits the text like an orphan rather than a wrong position', () => {
    const stale = annotationOn('0123456789 claim', 11, 16);
    expect(targetOf(exported(stale, contextFor('short'))).selector).toHaveLength(1);
  });
});

describe('linkToW3C and annotationCollection', () => {
  const left = 'Taxes will not rise, the mayor said.';
  const right = `${EMOJI} Budget papers show a 3% rise.`;
  const from = annotationOn(left, 0, 19, { id: 'from-1' });
  const to = annotationOn(right, 3, 31, { id: 'to-1' });
  const link = EvidenceLink.parse({
    id: 'l1',
    relation: 'refutes',
    from: { documentId: 'doc-1', annotationId: 'from-1' },
    to: { documentId: 'doc-2', annotationId: 'to-1' },
    note: 'Page 4.',
    created: '2025-01-02T03:04:05.000Z',
    modified: '2025-01-02T03:04:05.000Z',
  });
  const w3c = linkToW3C(link, {
    from: { annotation: from, document: w3cDocument(meta(), left) },
    to: { annotation: to, document: w3cDocument(meta({ id: 'doc-2' }), right) },
    iris,
  });

  it('links two spans, saying which end is which, with the relation and note as bodies', () => {
    expect(w3c).toMatchObject({ id: 'urn:claimbench:ws-1:link:l1', type: 'Annotation', motivation: 'linking' });
    expect(w3c.body).toEqual([
      { type: 'TextualBody', purpose: 'classifying', value: 'Refutes', 'claimbench:relation': 'refutes' },
      { type: 'TextualBody', purpose: 'commenting', value: 'Page 4.', format: 'text/markdown' },
    ]);
    const [a, b] = w3c.target as W3CTarget[];
    expect(a).toMatchObject({
      source: 'urn:claimbench:ws-1:document:doc-1',
      'claimbench:role': 'from',
      'claimbench:annotation': 'urn:claimbench:ws-1:annotation:from-1',
    });
    expect(b).toMatchObject({
      source: 'urn:claimbench:ws-1:document:doc-2',
      'claimbench:role': 'to',
      'claimbench:annotation': 'urn:claimbench:ws-1:annotation:to-1',
    });
    expect(b?.selector).toContainEqual({ type: 'TextPositionSelector', start: 2, end: 30 });
  });

  it('gathers annotations in one page, without repeating the context in each item', () => {
    const collection = annotationCollection([w3c, w3c], { id: 'urn:claimbench:ws-1:export:1', label: 'Export' });
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 2, first: { type: 'AnnotationPage', startIndex: 0 } });
    expect(collection.first.items[0]).not.toHaveProperty('@context');
    expect(collection.first.items[0]).toMatchObject({ id: w3c.id });
  });
});

describe('annotationFromW3C', () => {
  const text = `${EMOJI} The mayor said taxes will not rise in 2025. ${EMOJI}`;
  const start = text.indexOf('taxes');
  const full = annotationOn(text, start, start + 20, {
    tags: ['quote'],
    note: 'A note',
    status: 'supported',
    speaker: 'The mayor',
    outlet: 'Courier',
    creator: 'Ana',
  });
  const w3c = exported(full, contextFor(text));

  it('reads back tags, note, status, speaker, outlet, creator and dates', () => {
    const back = annotationFromW3C(w3c, text);
    expect(back).toEqual({
      ok: true,
      value: {
        id: 'urn:claimbench:ws-1:annotation:a1',
        target: full.target,
        anchoredBy: 'position',
        anchor: { state: 'exact' },
        sourceTextHash: HASH,
        tags: [{ name: 'Direct quote', id: 'quote' }],
        note: 'A note',
        status: { label: 'Supported', id: 'supported' },
        speaker: 'The mayor',
        outlet: 'Courier',
        creator: 'Ana',
        created: full.created,
        modified: full.modified,
      },
    });
  });

  it('falls back to the quote when the text at the position is not the quote, and says so', () => {
    const edited = `Breaking: ${text}`;
    const back = annotationFromW3C(w3c, edited);
    expect(back).toMatchObject({
      ok: true,
      value: { anchoredBy: 'quote', anchor: { state: 'moved' }, target: { start: start + 10, end: start + 30, exact: full.target.exact } },
    });
  });

  it('finds an exported orphan by its quote, and a near quote for review', () => {
    const orphan = exported(annotationOn(text, start, start + 20, { anchor: { state: 'orphaned' } }), contextFor(text));
    expect(annotationFromW3C(orphan, text)).toMatchObject({ ok: true, value: { anchoredBy: 'quote', target: { start, end: start + 20 } } });
    const reworded = text.replace('will not rise', 'would not rise');
    const near = annotationFromW3C(orphan, reworded);
    expect(near).toMatchObject({ ok: true, value: { anchoredBy: 'quote', anchor: { state: 'fuzzy', previousQuote: full.target.exact } } });
  });

  it('takes the text at a position that comes without a quote', () => {
    const json = {
      '@context': ANNO_CONTEXT,
      id: 'http://example.org/1',
      type: 'Annotation',
      target: { source: 'http://example.org/doc', selector: { type: 'TextPositionSelector', start: 2, end: 11 } },
    };
    expect(annotationFromW3C(json, text)).toMatchObject({
      ok: true,
      value: { anchoredBy: 'position', target: { start: 3, end: 12, exact: 'The mayor' } },
    });
  });

  it('reads bodies by the motivation when they have no purpose, and bodyValue as a comment', () => {
    const tagged = {
      '@context': [ANNO_CONTEXT],
      id: 'http://example.org/1',
      type: ['Annotation'],
      motivation: 'tagging',
      body: [{ type: 'TextualBody', value: 'economy' }, 'http://example.org/tag'],
      target: {
        source: 'http://example.org/doc',
        selector: [
          { type: 'FragmentSelector', value: 'x' },
          { type: 'TextQuoteSelector', exact: 'mayor' },
        ],
      },
    };
    expect(annotationFromW3C(tagged, text)).toMatchObject({ ok: true, value: { tags: [{ name: 'economy' }], note: '' } });
    const { body: _body, ...untagged } = tagged;
    expect(annotationFromW3C({ ...untagged, bodyValue: 'Plain comment' }, text)).toMatchObject({
      ok: true,
      value: { note: 'Plain comment', tags: [] },
    });
  });

  it('fails with not-found when the quote is nowhere in the text', () => {
    const other = annotationFromW3C(w3c, 'A text about something else entirely, with no such words.');
    expect(other).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  const valid = w3c as unknown as Record<string, unknown>;
  const withTarget = (target: unknown) => ({ ...valid, target });
  const hostile: [string, unknown][] = [
    ['null', null],
    ['a string', 'not an annotation'],
    ['an array', [valid]],
    ['an empty object', {}],
    ['no @context', { ...valid, '@context': undefined }],
    ['another @context', { ...valid, '@context': 'http://example.org/context' }],
    ['not of type Annotation', { ...valid, type: 'Note' }],
    ['no target', { ...valid, target: undefined }],
    [
      'a target without a text selector',
      withTarget({ source: 'http://example.org/doc', selector: { type: 'FragmentSelector', value: 'page=1' } }),
    ],
    ['a quote selector whose exact is a number', withTarget({ source: 'x:y', selector: { type: 'TextQuoteSelector', exact: 42 } })],
    ['a negative position', withTarget({ source: 'x:y', selector: { type: 'TextPositionSelector', start: -1, end: 3 } })],
    ['a fractional position', withTarget({ source: 'x:y', selector: { type: 'TextPositionSelector', start: 0.5, end: 3 } })],
    ['too many bodies', { ...valid, body: Array.from({ length: W3C_LIMITS.bodies + 1 }, () => ({ type: 'TextualBody', value: 'x' })) }],
    ['too long a quote', withTarget({ source: 'x:y', selector: { type: 'TextQuoteSelector', exact: 'x'.repeat(W3C_LIMITS.quote + 1) } })],
    ['too long a tag name', { ...valid, body: [{ type: 'TextualBody', purpose: 'tagging', value: 't'.repeat(121) }] }],
    ['a malformed created date', { ...valid, created: 'yesterday' }],
    ['a creator name that is an object', { ...valid, creator: { name: { toString: 'x' } } }],
  ];

  it.each(hostile)('refuses %s with a message, without throwing', (_name, json) => {
    const result = annotationFromW3C(json, text);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringMatching(/\S/) } });
  });

  it('ignores properties it does not read, however deep or odd', () => {
    let deep: unknown = {};
    for (let level = 0; level < 10_000; level++) deep = { next: deep };
    const json = JSON.parse(`{"__proto__": {"polluted": true}, "constructor": 1}`) as object;
    const result = annotationFromW3C({ ...valid, ...json, 'claimbench:extra': deep }, text);
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names the problem in its message', () => {
    const result = annotationFromW3C({ ...valid, type: 'Note' }, text);
    expect(!result.ok && result.error.message).toMatch(/type: must be "Annotation"/);
  });
});
