import { describe, expect, it } from 'vitest';
import { annotationAt, inTextOrder, nestingDepths, textOrderIndex, textOrdered } from './layout.ts';

const span = (id: string, start: number, end: number) => ({ id, target: { start, end } });

describe('nestingDepths', () => {
  const cases: { name: string; spans: ReturnType<typeof span>[]; depths: Record<string, number> }[] = [
    { name: 'disjoint spans are all outermost', spans: [span('a', 0, 5), span('b', 6, 9)], depths: { a: 0, b: 0 } },
    { name: 'a span inside another is one deeper', spans: [span('outer', 0, 20), span('inner', 5, 10)], depths: { outer: 0, inner: 1 } },
    { name: 'three levels', spans: [span('c', 6, 7), span('a', 0, 20), span('b', 5, 10)], depths: { a: 0, b: 1, c: 2 } },
    { name: 'overlapping spans do not nest', spans: [span('a', 0, 10), span('b', 5, 15)], depths: { a: 0, b: 0 } },
    { name: 'siblings inside one parent', spans: [span('p', 0, 30), span('x', 2, 8), span('y', 10, 15)], depths: { p: 0, x: 1, y: 1 } },
    { name: 'a span sharing the end of its parent nests', spans: [span('p', 0, 10), span('tail', 4, 10)], depths: { p: 0, tail: 1 } },
    { name: 'identical spans nest in order', spans: [span('first', 3, 6), span('second', 3, 6)], depths: { first: 0, second: 1 } },
  ];
  for (const { name, spans, depths } of cases) {
    it(name, () => {
      expect(Object.fromEntries(nestingDepths(spans))).toEqual(depths);
    });
  }
});

describe('inTextOrder', () => {
  it('sorts by start, enclosing spans first, without mutating the input', () => {
    const spans = [span('late', 9, 12), span('inner', 0, 3), span('outer', 0, 8)];
    expect(inTextOrder(spans).map((s) => s.id)).toEqual(['outer', 'inner', 'late']);
    expect(spans.map((s) => s.id)).toEqual(['late', 'inner', 'outer']);
  });
});

describe('annotationAt', () => {
  const spans = [span('outer', 0, 20), span('inner', 5, 10)];
  it.each([
    [0, 'outer'],
    [5, 'inner'],
    [9, 'inner'],
    [10, 'outer'],
    [19, 'outer'],
    [20, undefined],
  ])('offset %i is in %s', (offset, expected) => {
    expect(annotationAt(spans, offset)?.id).toBe(expected);
  });
});

describe('textOrdered', () => {
  it('returns a list already in text order as it is, and sorts one that is not', () => {
    const sorted = [span('a', 0, 9), span('b', 0, 4), span('c', 5, 6)];
    expect(textOrdered(sorted)).toBe(sorted);
    const shuffled = [span('c', 5, 6), span('b', 0, 4), span('a', 0, 9)];
    expect(textOrdered(shuffled).map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(shuffled.map((item) => item.id)).toEqual(['c', 'b', 'a']);
  });
});

describe('textOrderIndex', () => {
  it('finds where a span keeps a list in text order', () => {
    const sorted = [span('a', 0, 9), span('b', 0, 4), span('c', 5, 6)];
    expect(textOrderIndex(sorted, span('x', 0, 20))).toBe(0);
    expect(textOrderIndex(sorted, span('x', 0, 4))).toBe(2);
    expect(textOrderIndex(sorted, span('x', 3, 4))).toBe(2);
    expect(textOrderIndex(sorted, span('x', 7, 8))).toBe(3);
  });
});
