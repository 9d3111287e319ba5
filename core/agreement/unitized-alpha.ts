// Krippendorff's unitized alpha (α_u) for one category: how well coders agree on where units of
// it begin and end along a continuum of characters, with partial credit for overlapping units.
// Written from Krippendorff's formulas (2004, sect. 12.4 and 1995); DKPro Statistics'
// KrippendorffAlphaUnitizingAgreement (used by INCEpTION) was read to confirm the reading.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';
import { disjointUnits, type Span } from './spans.ts';

/** One stretch of text (a document): its length and each coder's units of the category in it. */
export interface Continuum {
  readonly length: number;
  /** One list per coder, in the same coder order in every continuum. */
  readonly unitsByCoder: readonly (readonly Span[])[];
}

/**
 * α_u for one category over one or more continua (documents), with m ≥ 2 coders.
 *
 * Each coder's continuum is cut into sections: units of the category and the gaps between them.
 * The distance between a section g of coder i and a section h of coder j is
 *   δ²(g, h) = (b_g − b_h)² + (e_g − e_h)²   both units, overlapping
 *            = l_g²                          g a unit lying wholly inside gap h (and vice versa)
 *            = 0                             otherwise (no overlap, or two gaps)
 * and, with L the total length,
 *   D_o = Σ_{i≠j} Σ_g Σ_h δ²(g, h) / (m (m − 1) L²)
 *   D_e = (2/L) Σ_units g [ (N − 1)(2 l_g³ − 3 l_g² + l_g)/3 + l_g² Σ_{gaps h: l_h ≥ l_g} (l_h − l_g + 1) ]
 *         / (m L (m L − 1) − Σ_units g l_g (l_g − 1))
 *   α_u = 1 − D_o / D_e
 * where N is the number of units of all coders. D_e is the disagreement expected when each unit
 * could lie anywhere it fits: over every other unit, and over every gap long enough to hold it.
 *
 * Several documents are several continua: D_o's sums run over all of them and L is their total;
 * gaps end at a document's end (a unit cannot straddle two documents), which is the only way this
 * differs from laying the documents end to end.
 *
 * A coder's overlapping units are merged first (see `disjointUnits`). Not defined with fewer than
 * two coders, no text, no unit at all, or D_e = 0. `units` is the number of characters (L).
 *
 * References: Krippendorff, K. (1995) On the reliability of unitizing continuous data,
 * Sociological Methodology 25, 47–76; Krippendorff, K. (2004) Content Analysis: An Introduction
 * to Its Methodology, 2nd ed., pp. 251–256 (its D_e, which corrects a sign in the 1995 paper).
 */
export function unitizedAlpha(continua: readonly Continuum[]): Figure {
  const coders = continua[0]?.unitsByCoder.length ?? 0;
  let length = 0;
  for (const continuum of continua) length += continuum.length;
  if (coders < 2) return notDefined(REASONS.oneCoder, length);
  if (length === 0) return notDefined(REASONS.noUnits, 0);
  const { observed, expected } = unitizedDisagreement(continua);
  if (expected === undefined) return notDefined(REASONS.nothingMarked, length);
  if (expected === 0) return notDefined(REASONS.noVariation, length);
  return defined(1 - observed / expected, length);
}

/**
 * α_u's observed and expected disagreement, D_o and D_e (see `unitizedAlpha`), for checking
 * against published intermediate figures. `expected` is undefined when no coder has a unit.
 * Needs two coders or more and some text.
 */
export function unitizedDisagreement(continua: readonly Continuum[]): { observed: number; expected: number | undefined } {
  const coders = continua[0]?.unitsByCoder.length ?? 0;
  let length = 0;
  for (const continuum of continua) length += continuum.length;
  if (coders < 2 || length === 0) throw new RangeError('D_o and D_e need two coders and some text');
  return { observed: observedDisagreement(continua, coders, length), expected: expectedDisagreement(continua, coders, length) };
}

/** Each coder's units per continuum, made disjoint and cut to the text. */
function unitsOf(continuum: Continuum): Span[][] {
  return continuum.unitsByCoder.map((units) => disjointUnits(units, continuum.length));
}

function observedDisagreement(continua: readonly Continuum[], coders: number, length: number): number {
  let sum = 0;
  for (const continuum of continua) {
    const units = unitsOf(continuum);
    for (let i = 0; i < coders; i++) for (let j = i + 1; j < coders; j++) sum += pairDistance(units[i]!, units[j]!);
  }
  // Each unordered pair of coders stands for the two ordered ones.
  return (2 * sum) / (coders * (coders - 1) * length * length);
}

/** Σ δ² between two coders' sorted, disjoint units, both directions counted once. */
function pairDistance(first: readonly Span[], second: readonly Span[]): number {
  let sum = 0;
  const secondOverlapped = new Uint8Array(second.length);
  let from = 0;
  for (const unit of first) {
    while (from < second.length && second[from]!.end <= unit.start) from++;
    let overlapped = false;
    for (let k = from; k < second.length && second[k]!.start < unit.end; k++) {
      const other = second[k]!;
      overlapped = true;
      secondOverlapped[k] = 1;
      sum += (unit.start - other.start) ** 2 + (unit.end - other.end) ** 2;
    }
    // Overlapping no unit of the other coder, it lies wholly inside one of their gaps.
    if (!overlapped) sum += (unit.end - unit.start) ** 2;
  }
  second.forEach((unit, k) => {
    if (secondOverlapped[k] === 0) sum += (unit.end - unit.start) ** 2;
  });
  return sum;
}

/** D_e, or undefined when no coder has a unit. */
function expectedDisagreement(continua: readonly Continuum[], coders: number, length: number): number | undefined {
  const unitLengths: number[] = [];
  const gapLengths: number[] = [];
  for (const continuum of continua) {
    for (const units of unitsOf(continuum)) {
      let position = 0;
      for (const unit of units) {
        if (unit.start > position) gapLengths.push(unit.start - position);
        unitLengths.push(unit.end - unit.start);
        position = unit.end;
      }
      if (continuum.length > position) gapLengths.push(continuum.length - position);
    }
  }
  if (unitLengths.length === 0) return undefined;
  // Gaps sorted ascending with suffix sums: Σ_{l_h ≥ l} (l_h − l + 1) = suffix − (l − 1) · count.
  gapLengths.sort((a, b) => a - b);
  const suffix = new Float64Array(gapLengths.length + 1);
  for (let k = gapLengths.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + gapLengths[k]!;
  const others = unitLengths.length - 1;
  let numerator = 0;
  let selfPairs = 0;
  for (const l of unitLengths) {
    const first = firstAtLeast(gapLengths, l);
    const fitting = suffix[first]! - (l - 1) * (gapLengths.length - first);
    numerator += (others * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fitting;
    selfPairs += l * (l - 1);
  }
  const denominator = coders * length * (coders * length - 1) - selfPairs;
  return denominator <= 0 ? 0 : ((2 / length) * numerator) / denominator;
}

/** The index of the first value ≥ `value` in ascending `sorted` (its length when none is). */
function firstAtLeast(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
