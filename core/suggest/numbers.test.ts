import { describe, expect, it } from 'vitest';
import { parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it.each([
    [['500,000'], 500_000],
    [['2.4'], 2.4],
    [['ten'], 10],
    [['Forty', '-', 'one'], 41],
    [['1.8', 'billion'], 1.8e9],
    [['two', 'hundred', 'thousand'], 200_000],
    [['10', 'billion'], 1e10],
    [['people'], undefined],
    // Words that are properties of every object are not numbers.
    [['two', 'constructor'], undefined],
    [['toString'], undefined],
  ])('%j → %s', (words, value) => {
    expect(parseNumber(words)).toBe(value);
  });
});
