import { describe, expect, it } from 'vitest';
import { hitCountText, resultCountsText } from './result-counts.ts';

describe('resultCountsText', () => {
  it.each([
    [{ documents: 2, hits: 3, exact: true }, '3 hits in 2 documents'],
    [{ documents: 1, hits: 1, exact: true }, '1 hit in 1 document'],
    [{ documents: 0, hits: 0, exact: true }, '0 hits in 0 documents'],
    [{ documents: 1102, hits: 40, exact: false }, '40+ hits in at most 1,102 documents'],
    [{ documents: 1, hits: 1, exact: false }, '1+ hits in at most 1 document'],
  ])('%o reads %s', (counts, text) => expect(resultCountsText(counts)).toBe(text));

  it('marks a hit count that may grow', () => {
    expect(hitCountText({ hits: 1234, exact: true })).toBe('1,234');
    expect(hitCountText({ hits: 12, exact: false })).toBe('12+');
  });
});
