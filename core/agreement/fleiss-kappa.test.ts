import { describe, expect, it } from 'vitest';
import { REASONS } from './figure.ts';
import { fleissKappa, type FleissSubject } from './fleiss-kappa.ts';

const rows = (...counts: number[][]): FleissSubject[] => counts.map((row) => ({ counts: row }));

const cases: { name: string; subjects: FleissSubject[]; value?: number; reason?: string }[] = [
  {
    // Fleiss (1971) as worked on Wikipedia's "Fleiss' kappa" page: 10 subjects, 14 raters,
    // 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
    name: 'Wikipedia / Fleiss 1971 worked example',
    subjects: rows(
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ),
    value: 0.21,
  },
  { name: 'perfect agreement', subjects: rows([3, 0], [0, 3], [3, 0]), value: 1 },
  { name: 'one rater', subjects: rows([1, 0], [0, 1]), reason: REASONS.oneCoder },
  { name: 'no subjects', subjects: [], reason: REASONS.noUnits },
  { name: 'subjects rated by different numbers of raters', subjects: rows([2, 1], [1, 1]), reason: REASONS.unevenRaters },
  { name: 'everyone agreeing on one category', subjects: rows([0, 4], [0, 4]), reason: REASONS.noVariation },
];

describe('fleissKappa', () => {
  it.each(cases)('$name', ({ subjects, value, reason }) => {
    const figure = fleissKappa(subjects);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 3);
    expect(figure.units).toBe(subjects.length);
  });

  it("with two raters, equals Scott's pi (Krippendorff 1995 example A by character: 0.314)", () => {
    // Bertha/Bill: 10 characters both 0, 6 both 1, 8 where Bertha alone marked.
    const figure = fleissKappa([
      { counts: [2, 0], weight: 10 },
      { counts: [0, 2], weight: 6 },
      { counts: [1, 1], weight: 8 },
    ]);
    expect(figure.defined && figure.value).toBeCloseTo(0.314, 3);
  });
});
