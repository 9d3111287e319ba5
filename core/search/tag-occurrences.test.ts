import { describe, expect, it } from 'vitest';
import { planTagOccurrences } from './tag-occurrences.ts';

const target = (start: number, end: number) => ({ target: { start, end, exact: 'x', prefix: '', suffix: '' } });
const existing: Record<string, ReturnType<typeof target>[]> = { a: [target(10, 30)], b: [] };

describe('planTagOccurrences', () => {
  it.each([
    [
      'a hit inside an annotation is skipped',
      {
        a: [
          { start: 12, end: 20 },
          { start: 40, end: 48 },
        ],
      },
      false,
      ['a:40-48'],
      1,
      1,
    ],
    [
      'unless asked',
      {
        a: [
          { start: 12, end: 20 },
          { start: 40, end: 48 },
        ],
      },
      true,
      ['a:12-20', 'a:40-48'],
      0,
      1,
    ],
    ['a hit crossing an annotation edge is kept', { a: [{ start: 25, end: 35 }] }, false, ['a:25-35'], 0, 1],
    [
      'counts documents with something to create',
      {
        a: [{ start: 12, end: 20 }],
        b: [
          { start: 5, end: 1 },
          { start: 0, end: 4 },
          { start: 0, end: 4 },
        ],
      },
      false,
      ['b:0-4'],
      1,
      1,
    ],
    ['nothing chosen', {}, false, [], 0, 0],
  ])('%s', (_name, hits, includeAnnotated, spans, skipped, documentCount) => {
    const plan = planTagOccurrences(hits, (id) => existing[id] ?? [], includeAnnotated);
    expect(plan.spans.map((span) => `${span.documentId}:${span.start}-${span.end}`)).toEqual(spans);
    expect([plan.skipped, plan.annotationCount, plan.documentCount]).toEqual([skipped, spans.length, documentCount]);
  });
});
