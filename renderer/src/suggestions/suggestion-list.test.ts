import { describe, expect, it } from 'vitest';
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import { acceptAllQuestion, nextOpen, openOfKind, overlapTest } from './suggestion-list.ts';

const suggestion = (id: string, kind: DocumentSuggestion['kind'], marked = false): DocumentSuggestion => ({
  id,
  kind,
  marked,
  start: 0,
  end: 1,
  text: 'x',
  reason: 'r',
});

describe('the Suggestions tab’s list', () => {
  const list = [suggestion('a', 'quote'), suggestion('b', 'figure', true), suggestion('c', 'quote'), suggestion('d', 'quote', true)];

  it('moves to the next or previous suggestion not yet marked, and stays at either end', () => {
    expect(nextOpen(list, 0, 1)).toBe(2);
    expect(nextOpen(list, 2, -1)).toBe(0);
    expect(nextOpen(list, 2, 1)).toBe(2);
    expect(nextOpen(list, -1, 1)).toBe(0);
  });

  it('accepts with Shift+A only the open suggestions of the kind, and says how many', () => {
    expect(openOfKind(list, 'quote').map((s) => s.id)).toEqual(['a', 'c']);
    expect(acceptAllQuestion('quote', 2, 'Quote')).toBe(
      'Accept 2 quotation suggestions as annotations tagged Quote, each with its speaker and outlet? One Ctrl+Z undoes it.',
    );
    expect(acceptAllQuestion('figure', 1, undefined)).toMatch(/^Accept 1 figure suggestion as annotations without a tag/);
  });

  it.each([
    ['overlapping its end', [[19, 30]], true],
    [
      'touching either end',
      [
        [20, 30],
        [0, 10],
      ],
      false,
    ],
    ['inside it', [[12, 14]], true],
    [
      'around it, started long before',
      [
        [0, 100],
        [30, 40],
      ],
      true,
    ],
    [
      'long, ended before it, among later ones',
      [
        [0, 9],
        [2, 5],
        [25, 30],
      ],
      false,
    ],
    [
      'given out of order',
      [
        [40, 50],
        [15, 16],
        [0, 1],
      ],
      true,
    ],
    ['none', [], false],
  ] as const)('counts an annotation %s as marking the suggestion [10, 20): %s', (_, spans, marked) => {
    const test = overlapTest(spans.map(([start, end]) => ({ target: { start, end } })));
    expect(test({ start: 10, end: 20 })).toBe(marked);
  });
});
