import { describe, expect, it } from 'vitest';
import { sortText } from './annotation-table.ts';

describe('the text the table sorts by', () => {
  it.each([
    ['item 9', 'item 10'],
    ['item 007', 'item 8'],
    ['Émile', 'emilie'],
    ['apple', 'Banana'],
    ['Zelensky', 'Zelenskyy'],
    ['19 percent', '100 percent'],
  ])('%s comes before %s', (first, second) => {
    expect(sortText(first) < sortText(second)).toBe(true);
  });

  it('ignores case and accents, not letters', () => {
    expect(sortText('Ärger')).toBe(sortText('arger'));
    expect(sortText('Ärger')).not.toBe(sortText('arg'));
  });
});
