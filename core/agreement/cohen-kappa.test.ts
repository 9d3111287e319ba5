import { describe, expect, it } from 'vitest';
import { cohenKappa } from './cohen-kappa.ts';
import { REASONS } from './figure.ts';

const cases: { name: string; table: number[][]; value?: number; reason?: string }[] = [
  {
    // Wikipedia, "Cohen's kappa", Simple example (50 grant proposals, two readers, yes/no):
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; p_o = 0.7, p_e = 0.5, κ = 0.4.
    name: 'Wikipedia 2×2 example',
    table: [
      [20, 5],
      [10, 15],
    ],
    value: 0.4,
  },
  {
    // Krippendorff (1995, p. 57) example A digitized by character (DKPro Statistics'
    // Krippendorff1995Test): Bertha against Bill, κ = 0.385.
    name: 'Krippendorff 1995 example A, by character',
    table: [
      [10, 0],
      [8, 6],
    ],
    value: 0.385,
  },
  {
    // Three categories, worked by hand: N = 100, p_o = 0.70; rows 50/30/20, columns 60/30/10,
    // p_e = 0.5·0.6 + 0.3·0.3 + 0.2·0.1 = 0.41, κ = 0.29 / 0.59 = 0.4915.
    name: 'three categories, worked by hand',
    table: [
      [44, 5, 1],
      [7, 20, 3],
      [9, 5, 6],
    ],
    value: (0.7 - 0.41) / 0.59,
  },
  {
    name: 'total disagreement with constant marginals',
    table: [
      [0, 10],
      [0, 0],
    ],
    value: 0,
  },
  {
    name: 'perfect agreement',
    table: [
      [7, 0],
      [0, 3],
    ],
    value: 1,
  },
  {
    name: 'no units',
    table: [
      [0, 0],
      [0, 0],
    ],
    reason: REASONS.noUnits,
  },
  {
    name: 'both coders always "no"',
    table: [
      [0, 0],
      [0, 12],
    ],
    reason: REASONS.noVariation,
  },
];

describe('cohenKappa', () => {
  it.each(cases)('$name', ({ table, value, reason }) => {
    const figure = cohenKappa(table);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 3);
    expect(figure.units).toBe(table.flat().reduce((sum, count) => sum + count, 0));
  });
});
