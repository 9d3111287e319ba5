// isOwnItem may only say yes where OwnItem's schema accepts the item; it should say yes to the
// items the export writes (annotationToW3C, linkToW3C), so that a bundle's items skip the schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Annotation, textTarget } from '../../model/annotation.ts';
import { DocumentMeta } from '../../model/document.ts';
import { isOwnItem } from './own-item-check.ts';
import { OwnItem } from './read-own.ts';
import { claimbenchIris } from './w3c-iris.ts';
import { annotationToW3C, linkToW3C, w3cDocument } from './w3c-write.ts';

const datetime = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const hash = fc.stringMatching(/^[0-9a-f]{64}$/);

const body = fc.record(
  {
    type: fc.constant('TextualBody'),
    purpose: fc.constantFrom('tagging', 'assessing', 'describing', 'commenting', 'classifying'),
    value: fc.string({ maxLength: 40 }),
    'claimbench:tag': fc.stringMatching(/^[a-z0-9-]{1,64}$/),
    'claimbench:status': fc.string({ minLength: 1, maxLength: 64 }),
    'claimbench:field': fc.constantFrom('speaker', 'outlet'),
    'claimbench:relation': fc.constantFrom('supports', 'refutes', 'source-of', 'same-claim', 'context'),
  },
  { requiredKeys: ['type', 'purpose', 'value'] },
);

const target = fc.record(
  {
    type: fc.constant('SpecificResource'),
    source: fc.string({ maxLength: 60 }),
    selector: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('TextQuoteSelector'), exact: fc.string({ minLength: 1 }), prefix: fc.string(), suffix: fc.string() }),
        fc.record({ type: fc.constant('TextPositionSelector'), start: fc.nat(), end: fc.nat() }),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    'claimbench:textHash': hash,
    'claimbench:document': fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    'claimbench:anchorState': fc.constantFrom('moved', 'fuzzy', 'orphaned'),
    'claimbench:confidence': fc.double({ min: 0, max: 1, noNaN: true }),
    'claimbench:previousQuote': fc.string({ maxLength: 20 }),
    'claimbench:review': fc.constant('evidence'),
    'claimbench:span': fc.record({ start: fc.nat(), end: fc.nat() }),
    'claimbench:annotation': fc.string({ maxLength: 60 }),
    'claimbench:role': fc.constantFrom('from', 'to'),
  },
  { requiredKeys: ['type', 'source', 'selector'] },
);

/** Items as the schema accepts them: one target (an annotation) or two (a link). */
const item = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 80 }),
    type: fc.constant('Annotation'),
    motivation: fc.constantFrom('tagging', 'commenting', 'linking'),
    created: datetime,
    modified: datetime,
    creator: fc.record({ type: fc.constant('Person'), name: fc.string({ maxLength: 30 }) }),
    body: fc.array(body, { maxLength: 4 }),
    target: fc.oneof(target, fc.tuple(target, target)),
    'claimbench:version': fc.integer({ min: 1, max: 2 ** 31 }),
  },
  { requiredKeys: ['id', 'type', 'motivation', 'created', 'modified', 'body', 'target'] },
);

/** Any JSON value, and some that only look right (lengths just past a limit, numbers JSON can still give). */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    -1,
    -0,
    0,
    0.5,
    1.5,
    2 ** 53,
    Infinity,
    NaN,
    '',
    'x'.repeat(65),
    'x'.repeat(201),
    'x'.repeat(4097),
    'a'.repeat(63),
    'A'.repeat(64),
    '2026-02-30T10:00:00Z',
    '2026-08-15T10:00:00+02:00',
    'Annotation',
    'SpecificResource',
    'TextualBody',
    'evidence',
    'exact',
    'speaker',
    'from',
    null,
    [],
    [{}],
    {},
    Array.from({ length: 1001 }, () => ({ type: 'TextualBody', purpose: 'tagging', value: '' })),
    Array.from({ length: 9 }, () => ({ type: 'TextQuoteSelector' })),
  ),
);

/** Every path into `value` (objects and arrays), with an added key at each object. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Object.keys(value);
  const here = Array.isArray(value) ? keys : [...keys, 'extra'];
  return here.flatMap((key) => [[...prefix, key], ...pathsOf((value as Record<string, unknown>)[key], [...prefix, key])]);
}

/** `candidate` with the value at one path replaced or removed. */
const mutated = item.chain((candidate) =>
  fc
    .record({ path: fc.constantFrom(...pathsOf(candidate)), how: fc.constantFrom('replace', 'remove'), value: junk })
    .map(({ path, how, value }) => {
      const copy = structuredClone(candidate) as Record<string, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
      const key = path.at(-1)!;
      if (how === 'remove') delete parent[key];
      else parent[key] = value;
      return copy;
    }),
);

describe('isOwnItem', () => {
  it('says yes to items the schema accepts', () => {
    fc.assert(
      fc.property(item, (candidate) => {
        expect(OwnItem.safeParse(candidate).success).toBe(true);
        expect(isOwnItem(candidate)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never says yes where the schema refuses', () => {
    fc.assert(
      fc.property(mutated, (candidate) => {
        if (isOwnItem(candidate)) expect(OwnItem.safeParse(candidate).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('says yes to what the export writes: an annotation and a link', () => {
    const text = 'The mayor said taxes will not rise.';
    const meta = DocumentMeta.parse({
      id: 'doc-1',
      title: 'A',
      format: 'text',
      importedAt: '2025-01-02T03:04:05.000Z',
      importedFrom: 'a.txt',
      textHash: 'a'.repeat(64),
    });
    const document = w3cDocument(meta, text);
    const iris = claimbenchIris('ws-1');
    const annotation = Annotation.parse({
      id: 'a1',
      target: textTarget(text, 4, 9),
      anchor: { state: 'exact', textHash: meta.textHash },
      tags: [],
      status: 'supported',
      created: '2025-01-02T03:04:05.000Z',
      modified: '2025-01-03T03:04:05.000Z',
    });
    const written = annotationToW3C(annotation, { document, tagsById: new Map(), statusLabel: () => 'Supported', iris, versions: true });
    expect(isOwnItem(JSON.parse(JSON.stringify(written)))).toBe(true);
    const link = {
      id: 'l1',
      relation: 'supports' as const,
      from: { documentId: 'doc-1', annotationId: 'a1' },
      to: { documentId: 'doc-1', annotationId: 'a1' },
      note: '',
      creator: 'Ana',
      created: '2025-01-02T03:04:05.000Z',
      modified: '2025-01-02T03:04:05.000Z',
    };
    const linked = linkToW3C(link, { from: { annotation, document }, to: { annotation, document }, iris });
    expect(isOwnItem(JSON.parse(JSON.stringify(linked)))).toBe(true);
  });
});
