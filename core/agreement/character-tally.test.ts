import { describe, expect, it } from 'vitest';
import { addTallies, tallyCharacters, tallySubjects, tallyTable, tallyUnits, type CharacterTally } from './character-tally.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { fleissKappa } from './fleiss-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import type { Span } from './spans.ts';

const span = (start: number, end: number): Span => ({ start, end });

/** The same tally the slow way: a value per character. */
function perCharacter(spansByCoder: Span[][], length: number): Map<number, number> {
  const patterns = new Map<number, number>();
  for (let at = 0; at < length; at++) {
    let pattern = 0;
    spansByCoder.forEach((spans, coder) => {
      if (spans.some((one) => one.start <= at && at < one.end)) pattern |= 1 << coder;
    });
    patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
  }
  return patterns;
}

const cases: { name: string; spans: Span[][]; length: number }[] = [
  { name: 'disjoint spans', spans: [[span(2, 5)], [span(6, 9)]], length: 12 },
  { name: 'overlapping and nested spans of one coder', spans: [[span(0, 6), span(2, 4), span(5, 8)], [span(3, 10)]], length: 12 },
  { name: 'touching spans and shared boundaries', spans: [[span(0, 3), span(3, 6)], [span(3, 6), span(6, 7)], [span(3, 6)]], length: 8 },
  { name: 'spans past the end are cut to the text', spans: [[span(5, 40)], [span(-3, 2)]], length: 10 },
  { name: 'a coder with nothing', spans: [[span(1, 2)], []], length: 4 },
];

describe('tallyCharacters', () => {
  it.each(cases)('$name: the same counts as a value per character', ({ spans, length }) => {
    expect(tallyCharacters(spans, length).patterns).toStrictEqual(perCharacter(spans, length));
  });

  it('Krippendorff 1995 example A by character gives his κ 0.385 and α 0.329 (DKPro Statistics checks the same)', () => {
    const tally = tallyCharacters(
      [
        [span(2, 10), span(14, 20)],
        [span(4, 8), span(15, 17)],
      ],
      24,
    );
    expect(tallyTable(tally)).toStrictEqual([
      [10, 0],
      [8, 6],
    ]);
    const kappa = cohenKappa(tallyTable(tally));
    const alpha = krippendorffAlpha(tallyUnits(tally));
    expect(kappa.defined && kappa.value).toBeCloseTo(0.385, 3);
    expect(alpha.defined && alpha.value).toBeCloseTo(0.329, 3);
    expect(alpha.units).toBe(24);
  });

  it('pooled documents tally like one long document', () => {
    const first = tallyCharacters([[span(0, 3)], [span(1, 3)], []], 5);
    const second = tallyCharacters([[], [span(2, 4)], [span(0, 1)]], 6);
    const pooled: CharacterTally = addTallies(3, [first, second]);
    const joined = tallyCharacters([[span(0, 3)], [span(1, 3), span(7, 9)], [span(5, 6)]], 11);
    expect(pooled.patterns).toStrictEqual(joined.patterns);
    expect(fleissKappa(tallySubjects(pooled))).toStrictEqual(fleissKappa(tallySubjects(joined)));
  });
});
