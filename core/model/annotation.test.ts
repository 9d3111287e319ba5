import { describe, expect, it } from 'vitest';
import { QUOTE_CONTEXT, textTarget } from './annotation.ts';

describe('textTarget', () => {
  it('quotes the span with 32 characters of context on each side', () => {
    const text = `${'p'.repeat(40)}QUOTE${'s'.repeat(40)}`;
    const target = textTarget(text, 40, 45);
    expect(target).toEqual({ start: 40, end: 45, exact: 'QUOTE', prefix: 'p'.repeat(QUOTE_CONTEXT), suffix: 's'.repeat(QUOTE_CONTEXT) });
  });

  it('clips the context at the edges of the text', () => {
    expect(textTarget('ab cd', 0, 2)).toMatchObject({ prefix: '', exact: 'ab', suffix: ' cd' });
  });

  it('counts UTF-16 code units, so an emoji is two of them', () => {
    const text = 'x 🙂 y';
    const target = textTarget(text, 2, 4);
    expect(target.exact).toBe('🙂');
  });

  it.each([
    [0, 0],
    [3, 2],
    [-1, 2],
    [0, 99],
  ])('rejects the span [%i, %i)', (start, end) => {
    expect(() => textTarget('hello', start, end)).toThrow(RangeError);
  });
});
