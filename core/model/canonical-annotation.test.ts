// isCanonicalAnnotation may only say yes where the schema would accept the annotation and give it
// back unchanged; it should say yes to the annotations this program writes.
import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { Annotation } from './annotation.ts';
import { isCanonicalAnnotation, ISO_DATETIME } from './canonical-annotation.ts';

const datetime = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Annotations as the schema gives them back: every field present, nothing extra. */
const canonical: fc.Arbitrary<Annotation> = fc
  .record({
    id: fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
    start: fc.nat({ max: 100_000 }),
    length: fc.integer({ min: 1, max: 500 }),
    exact: fc.string({ minLength: 1, maxLength: 40 }),
    prefix: fc.string({ maxLength: 32 }),
    suffix: fc.string({ maxLength: 32 }),
    anchor: fc.record(
      {
        state: fc.constantFrom('exact', 'moved', 'fuzzy', 'orphaned' as const),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        previousQuote: fc.string({ maxLength: 20 }),
        review: fc.constantFrom('evidence' as const),
        textHash: fc.stringMatching(/^[0-9a-f]{64}$/),
      },
      { requiredKeys: ['state'] },
    ),
    tags: fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), { maxLength: 4 }),
    speaker: fc.string({ maxLength: 30 }),
    outlet: fc.string({ maxLength: 30 }),
    status: fc.string({ minLength: 1, maxLength: 64 }),
    note: fc.string({ maxLength: 60 }),
    creator: fc.string({ maxLength: 30 }),
    created: datetime,
    modified: datetime,
    version: fc.option(fc.integer({ min: 1, max: 2 ** 31 }), { nil: undefined }),
  })
  .map(({ start, length, exact, prefix, suffix, version, ...rest }) => ({
    ...rest,
    target: { start, end: start + length, exact, prefix, suffix },
    // Annotations from before versions have none; those written since have one.
    ...(version === undefined ? {} : { version }),
  }));

/** Any JSON value, and some that only look right. */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    -1,
    0.5,
    2 ** 53,
    Number.MAX_VALUE,
    '',
    'x'.repeat(65),
    'x'.repeat(501),
    'x'.repeat(100_001),
    '2026-02-30T10:00:00Z',
    '2026-08-15T10:00:00+02:00',
    '2026-08-15T10:00Z',
    'EXACT',
    'Statistic',
    '-tag',
    '__proto__',
    null,
    [],
    {},
  ),
);

/** `annotation` with one field (at any depth) replaced, removed or added. */
function mutate(annotation: Annotation) {
  const paths = [
    ['id'],
    ['target'],
    ['target', 'start'],
    ['target', 'end'],
    ['target', 'exact'],
    ['target', 'prefix'],
    ['target', 'suffix'],
    ['anchor'],
    ['anchor', 'state'],
    ['anchor', 'confidence'],
    ['anchor', 'previousQuote'],
    ['anchor', 'review'],
    ['anchor', 'textHash'],
    ['tags'],
    ['tags', '0'],
    ['speaker'],
    ['outlet'],
    ['status'],
    ['note'],
    ['creator'],
    ['created'],
    ['modified'],
    ['version'],
    ['extra'],
    ['target', 'extra'],
    ['anchor', 'extra'],
  ];
  return fc
    .record({ path: fc.constantFrom(...paths), how: fc.constantFrom('replace', 'remove'), value: junk })
    .map(({ path, how, value }) => {
      const copy = structuredClone(annotation) as unknown as Record<string, unknown>;
      let parent = copy;
      for (const key of path.slice(0, -1)) {
        const child = parent[key];
        if (typeof child !== 'object' || child === null) return copy;
        parent = child as Record<string, unknown>;
      }
      const key = path.at(-1)!;
      if (how === 'remove') delete parent[key];
      else parent[key] = value;
      return copy;
    });
}

describe('isCanonicalAnnotation', () => {
  it('says yes to annotations as the schema gives them back', () => {
    fc.assert(
      fc.property(canonical, (annotation) => {
        const parsed = Annotation.parse(annotation);
        expect(isCanonicalAnnotation(parsed)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never says yes where the schema refuses or changes the annotation', () => {
    fc.assert(
      fc.property(canonical.chain(mutate), (candidate) => {
        if (!isCanonicalAnnotation(candidate)) return;
        const parsed = Annotation.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(candidate);
      }),
      { numRuns: 3000 },
    );
  });

  it('uses the schema’s own pattern for times', () => {
    const schema = z.iso.datetime();
    const candidates = fc.oneof(
      datetime,
      fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,4})?)?(Z|[+-]\d\d:\d\d)?$/),
      fc.string(),
    );
    fc.assert(
      fc.property(candidates, (text) => {
        expect(ISO_DATETIME.test(text)).toBe(schema.safeParse(text).success);
      }),
      { numRuns: 3000 },
    );
  });
});
