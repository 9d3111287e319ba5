import { describe, expect, it } from 'vitest';
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import { acceptAllQuestion, nextOpen, openOfKind, overlapsAny } from './suggestion-list.ts';

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

  it('counts an annotation as marking a suggestion when they overlap, not when they only touch', () => {
    const span = { start: 10, end: 20 };
    expect(overlapsAny(span, [{ target: { start: 19, end: 30 } }])).toBe(true);
    expect(overlapsAny(span, [{ target: { start: 20, end: 30 } }, { target: { start: 0, end: 10 } }])).toBe(false);
  });
});
