import { describe, expect, it } from 'vitest';
import { REVIEW_BELOW } from './score.ts';
import { CASE_ONLY, findIgnoringCase } from './ignoring-case.ts';

const target = (exact: string, prefix = '', suffix = '', start = 0) => ({ start, end: start + exact.length, exact, prefix, suffix });

describe('findIgnoringCase', () => {
  it('finds a quote whose capitals changed, with the share written alike as confidence', () => {
    expect(findIgnoringCase('on the Dnipro river.', target('Dnipro River', 'the ', '.'))).toEqual({
      state: 'fuzzy',
      start: 7,
      end: 19,
      confidence: 0.917,
    });
  });

  it('picks the copy whose context fits, then the nearest; several that fit alike go to review', () => {
    const text = 'A: dnipro river. B: the Dnipro river floods. C: DNIPRO RIVER';
    expect(findIgnoringCase(text, target('Dnipro River', 'the ', ' floods'))).toMatchObject({ start: text.indexOf('Dnipro river') });
    // Spelled the same but for one capital, twice: the nearer one, for review.
    const twice = 'A: dnipro River. B: Dnipro river. C: the end';
    const unsure = findIgnoringCase(twice, target('Dnipro River', '', '', twice.indexOf('Dnipro')));
    expect(unsure).toMatchObject({ start: twice.indexOf('Dnipro') });
    expect(unsure!.confidence).toBe(CASE_ONLY);
    expect(CASE_ONLY).toBeLessThan(REVIEW_BELOW);
    // The copy with most letters alike wins over a nearer one.
    expect(findIgnoringCase(text, target('DNIPRO River'))).toMatchObject({ start: text.indexOf('DNIPRO') });
  });

  it('finds a quote with half its letters in other capitals, for review', () => {
    expect(findIgnoringCase('on the Dnipro river.', target('dnipro RIVER', 'the ', '.'))).toEqual({
      state: 'fuzzy',
      start: 7,
      end: 19,
      confidence: CASE_ONLY,
    });
  });

  it('finds nothing where the words differ, and gives up on case mappings that change lengths', () => {
    expect(findIgnoringCase('on the Dnipro river.', target('Dnieper River'))).toBeUndefined();
    expect(findIgnoringCase('Straße', target('STRASSE'))).toBeUndefined();
    expect(findIgnoringCase('İstanbul', target('istanbul'))).toBeUndefined();
  });
});
