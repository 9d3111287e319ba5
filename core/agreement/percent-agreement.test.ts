import { describe, expect, it } from 'vitest';
import { REASONS } from './figure.ts';
import { percentAgreement } from './percent-agreement.ts';
import type { ReliabilityUnit } from './reliability-data.ts';

const units = (...columns: (string | undefined)[][]): ReliabilityUnit<string>[] => columns.map((values) => ({ values }));

const cases: { name: string; units: ReliabilityUnit<string>[]; value?: number; count?: number; reason?: string }[] = [
  // Wikipedia's Cohen's kappa example: 35 of 50 agree.
  {
    name: 'two coders, share agreeing',
    units: [
      { values: ['y', 'y'], weight: 20 },
      { values: ['y', 'n'], weight: 5 },
      { values: ['n', 'y'], weight: 10 },
      { values: ['n', 'n'], weight: 15 },
    ],
    value: 0.7,
    count: 50,
  },
  // Three coders: a unit with 2 of 3 agreeing has 1 agreeing pair of 3.
  { name: 'three coders, mean pairwise', units: units(['a', 'a', 'a'], ['a', 'a', 'b']), value: (1 + 1 / 3) / 2, count: 2 },
  { name: 'units with one value are left out', units: units(['a', 'a'], ['a', undefined]), value: 1, count: 1 },
  { name: 'one coder', units: units(['a'], ['b']), reason: REASONS.oneCoder },
  { name: 'nothing pairable', units: units(['a', undefined], [undefined, 'b']), reason: REASONS.noUnits },
];

describe('percentAgreement', () => {
  it.each(cases)('$name', ({ units, value, count, reason }) => {
    const figure = percentAgreement(units);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 6);
    expect(figure.units).toBe(count);
  });
});
