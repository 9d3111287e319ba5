import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNames } from './compare-names.ts';

describe('compareNames', () => {
  it('orders names as the locale does', () => {
    expect(['b', 'a', 'C'].sort(compareNames)).toEqual(['a', 'b', 'C']);
  });

  it('tells apart names the locale finds equal, whichever order they come in', () => {
    const composed = '\u00e9';
    const decomposed = 'e\u0301';
    expect(composed.localeCompare(decomposed)).toBe(0);
    expect([composed, decomposed].sort(compareNames)).toEqual([decomposed, composed].sort(compareNames));
  });

  it('is a total order: any permutation of a list sorts to one result', () => {
    const names = fc.array(fc.constantFrom('\u00e9', 'e\u0301', 'E', 'e', 'Émile', 'Emile', 'a', ''), { maxLength: 8 });
    fc.assert(
      fc.property(names, (list) => {
        expect([...list].sort(compareNames)).toEqual([...list].reverse().sort(compareNames));
      }),
    );
  });
});
