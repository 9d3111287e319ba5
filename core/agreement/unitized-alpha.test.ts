import { describe, expect, it } from 'vitest';
import { REASONS } from './figure.ts';
import type { Span } from './spans.ts';
import { unitizedAlpha, unitizedDisagreement, type Continuum } from './unitized-alpha.ts';

const span = (start: number, end: number): Span => ({ start, end });

/** Krippendorff (2004, p. 254): a continuum from 150 to 450, shifted here to start at 0. */
const book = (units: [number, number][]) => units.map(([start, length]) => span(start - 150, start - 150 + length));

const cases: { name: string; continua: Continuum[]; value?: number; reason?: string }[] = [
  {
    // Krippendorff (2004) Content Analysis, 2nd ed., p. 254, category c: coder i has units
    // (225, 70) and (370, 30), coder j (220, 80), (355, 20) and (400, 20) as (begin, length) on a
    // continuum of 300. The book gives D_o = 0.0144, D_e = 0.0532, α_c = 0.7286 (DKPro agrees).
    name: 'Krippendorff 2004 worked example, category c',
    continua: [
      {
        length: 300,
        unitsByCoder: [
          book([
            [225, 70],
            [370, 30],
          ]),
          book([
            [220, 80],
            [355, 20],
            [400, 20],
          ]),
        ],
      },
    ],
    value: 0.7286,
  },
  {
    // The same example, category k: both coders (180, 60) and (300, 50): α_k = 1.
    name: 'Krippendorff 2004 worked example, category k',
    continua: [
      {
        length: 300,
        unitsByCoder: [
          book([
            [180, 60],
            [300, 50],
          ]),
          book([
            [180, 60],
            [300, 50],
          ]),
        ],
      },
    ],
    value: 1,
  },
  {
    // Worked by hand. L = 10, coder A marks [2, 6), coder B [3, 6).
    // D_o: one overlapping pair, δ² = (2 − 3)² + (6 − 6)² = 1, both orders: 2 / (2 · 1 · 10²) = 0.01.
    // D_e: N = 2 units, lengths 4 and 3; gaps A: 2, 4; B: 3, 4.
    //   l = 4: (2 − 1)(2·64 − 3·16 + 4)/3 = 28, plus 4² · [(4−4+1) + (4−4+1)] = 32 → 60
    //   l = 3: (2·27 − 3·9 + 3)/3 = 10,         plus 3² · [(3−3+1) + (4−3+1) + (4−3+1)] = 45 → 55
    //   (2/10) · 115 / (2·10 · (2·10 − 1) − (4·3 + 3·2)) = 23 / 362 = 0.063536
    // α_u = 1 − 0.01 / 0.063536 = 0.8426.
    name: 'hand-worked: two coders, one unit each, shifted start',
    continua: [{ length: 10, unitsByCoder: [[span(2, 6)], [span(3, 6)]] }],
    value: 0.8426,
  },
  {
    name: 'perfect agreement, three coders',
    continua: [
      {
        length: 50,
        unitsByCoder: [
          [span(0, 10), span(20, 30)],
          [span(0, 10), span(20, 30)],
          [span(0, 10), span(20, 30)],
        ],
      },
    ],
    value: 1,
  },
  {
    // A coder's overlapping units count as their union: [2, 5) + [4, 6) is [2, 6).
    name: "a coder's overlapping units are merged",
    continua: [{ length: 10, unitsByCoder: [[span(2, 5), span(4, 6)], [span(3, 6)]] }],
    value: 0.8426,
  },
  { name: 'one coder', continua: [{ length: 10, unitsByCoder: [[span(2, 6)]] }], reason: REASONS.oneCoder },
  { name: 'no coder marked anything', continua: [{ length: 10, unitsByCoder: [[], []] }], reason: REASONS.nothingMarked },
  { name: 'no text', continua: [{ length: 0, unitsByCoder: [[], []] }], reason: REASONS.noUnits },
  { name: 'no document', continua: [], reason: REASONS.noUnits },
];

describe('unitizedAlpha', () => {
  it.each(cases)('$name', ({ continua, value, reason }) => {
    const figure = unitizedAlpha(continua);
    if (reason !== undefined) {
      expect(figure).toMatchObject({ defined: false, reason });
      return;
    }
    if (!figure.defined) throw new Error(figure.reason);
    expect(figure.value).toBeCloseTo(value!, 3);
    expect(figure.units).toBe(continua.reduce((sum, continuum) => sum + continuum.length, 0));
  });

  it.each([
    // Krippendorff (1995, p. 57) examples A–D on a continuum of 24, with the D_o he gives (as
    // DKPro Statistics' Krippendorff1995Test checks them); his D_e there has an error the 2004
    // book corrects, so only D_o is compared. (start, end) per unit.
    {
      name: 'A (Bertha, Bill)',
      observed: 0.03125,
      first: [
        [2, 10],
        [14, 20],
      ],
      second: [
        [4, 8],
        [15, 17],
      ],
    },
    {
      name: 'B (John, Jill)',
      observed: 2.26736,
      first: [[0, 18]],
      second: [
        [0, 2],
        [2, 3],
        [3, 4],
        [4, 5],
        [5, 6],
        [6, 9],
        [9, 10],
      ],
    },
    {
      name: 'C (Gerret, Gill)',
      observed: 0.02777,
      first: [
        [2, 8],
        [10, 12],
        [14, 18],
        [20, 22],
      ],
      second: [
        [0, 2],
        [4, 8],
        [10, 14],
        [16, 18],
        [20, 22],
      ],
    },
    {
      name: 'D (Heather, Hill)',
      observed: 0.38715,
      first: [
        [0, 2],
        [2, 10],
        [10, 14],
        [14, 20],
        [20, 24],
      ],
      second: [
        [0, 4],
        [4, 8],
        [8, 15],
        [15, 17],
        [17, 24],
      ],
    },
  ])('Krippendorff 1995 example $name: D_o = $observed', ({ observed, first, second }) => {
    const spans = (units: number[][]) => units.map(([start, end]) => span(start!, end!));
    const result = unitizedDisagreement([{ length: 24, unitsByCoder: [spans(first), spans(second)] }]);
    expect(result.observed).toBeCloseTo(observed, 4);
    // Symmetric in the coders.
    expect(unitizedDisagreement([{ length: 24, unitsByCoder: [spans(second), spans(first)] }])).toStrictEqual(result);
  });

  it('Krippendorff 2004 example, category c: D_o = 0.0144, D_e = 0.0532', () => {
    const result = unitizedDisagreement(cases[0]!.continua);
    expect(result.observed).toBeCloseTo(0.0144, 4);
    expect(result.expected).toBeCloseTo(0.0532, 4);
  });

  it('two documents pooled differ from one laid end to end only by gaps ending at the seam', () => {
    const first: Continuum = { length: 10, unitsByCoder: [[span(2, 6)], [span(3, 6)]] };
    const second: Continuum = { length: 10, unitsByCoder: [[span(1, 4)], []] };
    const pooled = unitizedAlpha([first, second]);
    const joined = unitizedAlpha([{ length: 20, unitsByCoder: [[span(2, 6), span(11, 14)], [span(3, 6)]] }]);
    expect(pooled.defined && joined.defined).toBe(true);
    if (pooled.defined && joined.defined) {
      expect(pooled.value).toBeLessThan(1);
      // The seam splits B's gap [6, 20) into [6, 10) and [10, 20): fewer places for a unit to land.
      expect(pooled.value).not.toBeCloseTo(joined.value, 6);
    }
  });

  it.each([
    { name: 'long document, few gaps (sorted gaps)', length: 100_000, step: 9000 },
    { name: 'many gaps, short lengths (histogram of gap lengths)', length: 2_000, step: 40 },
  ])('D_e as the formula reads, term by term: $name', ({ length, step }) => {
    // Two coders with units every `step` characters, of varying lengths, B's shifted.
    const unitsOf = (shift: number) =>
      Array.from({ length: Math.floor((length - step) / step) }, (_, k) => span(k * step + shift, k * step + shift + 5 + ((k * 7) % 23)));
    const coders = [unitsOf(0), unitsOf(3)];
    const lengths = coders.flat().map((unit) => unit.end - unit.start);
    const gaps = coders.flatMap((units) => {
      const ends = [0, ...units.map((unit) => unit.end)];
      return [...units.map((unit, k) => unit.start - ends[k]!), length - ends.at(-1)!].filter((gap) => gap > 0);
    });
    let numerator = 0;
    for (const l of lengths) {
      numerator += ((lengths.length - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3;
      for (const gap of gaps) if (gap >= l) numerator += l * l * (gap - l + 1);
    }
    const naive = ((2 / length) * numerator) / (2 * length * (2 * length - 1) - lengths.reduce((sum, l) => sum + l * (l - 1), 0));
    expect(unitizedDisagreement([{ length, unitsByCoder: coders }]).expected).toBeCloseTo(naive, 12);
  });
});
