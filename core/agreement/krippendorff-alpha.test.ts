import { describe, expect, it } from 'vitest';
import { REASONS } from './figure.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import type { ReliabilityUnit } from './reliability-data.ts';

/** Units from a reliability data matrix written as Krippendorff prints it: a row per coder, `.` for missing. */
function matrix(...rows: string[]): ReliabilityUnit<string>[] {
  const cells = rows.map((row) => row.trim().split(/\s+/));
  return cells[0]!.map((_, unit) => ({ values: cells.map((row) => (row[unit] === '.' ? undefined : row[unit])) }));
}

const cases: { name: string; units: ReliabilityUnit<string>[]; value?: number; reason?: string; units_?: number }[] = [
  {
    // Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", section C: 4 observers,
    // 12 units, missing values; nominal α = 0.743 (unit 12 has one value and is not pairable).
    name: 'Krippendorff 2011, nominal, 4 coders × 12 units with missing values',
    units: matrix('1 2 3 3 2 1 4 1 2 . . .', '1 2 3 3 2 2 4 1 2 5 . 3', '. 3 3 3 2 3 4 2 2 5 1 .', '1 2 3 3 2 4 4 1 2 5 1 .'),
    value: 0.743,
    units_: 11,
  },
  {
    // Krippendorff (2011), section A: two coders, binary data, 10 units; α = 0.095.
    name: 'Krippendorff 2011, binary, 2 coders × 10 units',
    units: matrix('0 1 0 0 0 0 0 0 1 0', '1 1 1 0 0 1 0 0 0 0'),
    value: 0.095,
    units_: 10,
  },
  {
    // Krippendorff (1995, p. 57) example A digitized by character, as DKPro Statistics'
    // Krippendorff1995Test does: α = 0.329.
    name: 'Krippendorff 1995 example A, by character',
    units: matrix('0 0 1 1 1 1 1 1 1 1 0 0 0 0 1 1 1 1 1 1 0 0 0 0', '0 0 0 0 1 1 1 1 0 0 0 0 0 0 0 1 1 0 0 0 0 0 0 0'),
    value: 0.329,
    units_: 24,
  },
  { name: 'perfect agreement', units: matrix('a b a b', 'a b a b', 'a b a b'), value: 1, units_: 4 },
  { name: 'one coder', units: matrix('a b a b'), reason: REASONS.oneCoder },
  { name: 'no pairable unit', units: matrix('a . b', '. c .'), reason: REASONS.noUnits },
  { name: 'everyone agreeing on one value', units: matrix('0 0 0', '0 0 0'), reason: REASONS.noVariation },
];

describe('krippendorffAlpha (nominal)', () => {
  it.each(cases)('$name', ({ units, value, reason, units_ }) => {
    const figure = krippendorffAlpha(units);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 3);
    expect(figure.units).toBe(units_);
  });

  it('a weighted unit counts as that many identical units', () => {
    const expanded = matrix('0 1 0 0 0 0 0 0 1 0', '1 1 1 0 0 1 0 0 0 0');
    const weighted: ReliabilityUnit<string>[] = [
      { values: ['0', '1'], weight: 3 },
      { values: ['1', '1'], weight: 1 },
      { values: ['0', '0'], weight: 5 },
      { values: ['1', '0'], weight: 1 },
    ];
    expect(krippendorffAlpha(weighted)).toStrictEqual(krippendorffAlpha(expanded));
  });
});
