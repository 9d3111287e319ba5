import { describe, expect, it } from 'vitest';
import { REASONS } from './figure.ts';
import { spanF1, type SpanMatchRule } from './span-f1.ts';
import type { Span } from './spans.ts';

const s = (start: number, end: number): Span => ({ start, end });
const exact: SpanMatchRule = { kind: 'exact' };
const half: SpanMatchRule = { kind: 'overlap', minimum: 0.5 };
const any: SpanMatchRule = { kind: 'overlap', minimum: Number.MIN_VALUE };

const cases: { name: string; first: Span[]; second: Span[]; rule: SpanMatchRule; value?: number; reason?: string }[] = [
  { name: 'identical spans', first: [s(0, 5), s(10, 20)], second: [s(10, 20), s(0, 5)], rule: exact, value: 1 },
  // 1 match of 2 + 3 spans: 2 · 1 / 5.
  { name: 'exact: one of three', first: [s(0, 5), s(10, 20)], second: [s(0, 5), s(11, 20), s(30, 31)], rule: exact, value: 0.4 },
  // [10, 20) against [11, 20): overlap 9/10 ≥ 0.5.
  {
    name: 'overlap ≥ 50%: a shifted start still matches',
    first: [s(0, 5), s(10, 20)],
    second: [s(0, 5), s(11, 20), s(30, 31)],
    rule: half,
    value: 0.8,
  },
  // [0, 4) inside [0, 10): 4/10 < 0.5.
  { name: 'overlap ≥ 50%: a phrase inside a sentence does not', first: [s(0, 10)], second: [s(0, 4)], rule: half, value: 0 },
  { name: 'any overlap: it does', first: [s(0, 10)], second: [s(0, 4)], rule: any, value: 1 },
  // Two spans of the second coder inside one of the first: one to one, so only one matches.
  { name: 'one to one: a span matches once', first: [s(0, 10)], second: [s(0, 4), s(5, 10)], rule: any, value: 2 / 3 },
  // [0, 9) overlaps [0, 10) by 0.9 and [1, 10) by 0.8: it goes to [0, 10), and only once.
  { name: 'best overlap first', first: [s(0, 10), s(1, 10)], second: [s(0, 9)], rule: half, value: 2 / 3 },
  { name: 'one coder marked nothing', first: [s(0, 10)], second: [], rule: exact, value: 0 },
  { name: 'neither marked anything', first: [], second: [], rule: exact, reason: REASONS.nothingMarked },
];

describe('spanF1', () => {
  it.each(cases)('$name', ({ first, second, rule, value, reason }) => {
    const figure = spanF1(first, second, rule);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 6);
    expect(figure.units).toBe(first.length + second.length);
    // The same with the coders swapped.
    expect(spanF1(second, first, rule)).toStrictEqual(figure);
  });
});
