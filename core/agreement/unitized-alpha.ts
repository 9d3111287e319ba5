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
  if (continua.length === 0) return notDefined(REASONS.noUnits, 0);
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
  // Normalized once: both sums read the same units.
  const units = continua.map((continuum) => ({
    length: continuum.length,
    unitsByCoder: continuum.unitsByCoder.map((spans) => disjointUnits(spans, continuum.length)),
  }));
  return { observed: observedDisagreement(units, coders, length), expected: expectedDisagreement(units, coders, length) };
}

function observedDisagreement(continua: readonly Continuum[], coders: number, length: number): number {
  let sum = 0;
  for (const { unitsByCoder: units } of continua) {
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
  let unitCount = 0;
  for (const continuum of continua) for (const units of continuum.unitsByCoder) unitCount += units.length;
  if (unitCount === 0) return undefined;
  // A coder's n units leave at most n + 1 gaps.
  const unitLengths = new Float64Array(unitCount);
  const gapSpace = new Float64Array(unitCount + continua.length * coders);
  let units = 0;
  let gaps = 0;
  for (const continuum of continua) {
    for (const spans of continuum.unitsByCoder) {
      let position = 0;
      for (const unit of spans) {
        if (unit.start > position) gapSpace[gaps++] = unit.start - position;
        unitLengths[units++] = unit.end - unit.start;
        position = unit.end;
      }
      if (continuum.length > position) gapSpace[gaps++] = continuum.length - position;
    }
  }
  const others = unitCount - 1;
  const fitting = gapsAtLeast(gapSpace.subarray(0, gaps));
  let numerator = 0;
  let selfPairs = 0;
  for (const l of unitLengths) {
    numerator += (others * (2 * l * l * l - 3 * l * l + l)) / 3 + l * l * fitting(l);
    selfPairs += l * (l - 1);
  }
  const denominator = coders * length * (coders * length - 1) - selfPairs;
  return denominator <= 0 ? 0 : ((2 / length) * numerator) / denominator;
}

/**
 * A function giving, for a unit length l, Σ_{gaps h: l_h ≥ l} (l_h − l + 1) = S(l) − (l − 1)·C(l),
 * with C(l) the number of gaps at least l long and S(l) their total length. Pooled over a thousand
 * documents there are hundreds of thousands of gaps but few distinct lengths (at most the longest
 * document's): a histogram by length then beats sorting them. For one document's few gaps,
 * sorting and a binary search are cheaper than a histogram as long as the document.
 */
function gapsAtLeast(gaps: Float64Array): (l: number) => number {
  let longest = 0;
  for (const gap of gaps) longest = Math.max(longest, gap);
  if (longest <= 2 * gaps.length) {
    const count = new Float64Array(longest + 2);
    const total = new Float64Array(longest + 2);
    for (const gap of gaps) {
      count[gap]!++;
      total[gap]! += gap;
    }
    for (let l = longest - 1; l >= 0; l--) {
      count[l]! += count[l + 1]!;
      total[l]! += total[l + 1]!;
    }
    return (l) => (l > longest ? 0 : total[l]! - (l - 1) * count[l]!);
  }
  const sorted = gaps.sort();
  const suffix = new Float64Array(sorted.length + 1);
  for (let k = sorted.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + sorted[k]!;
  return (l) => {
    const first = firstAtLeast(sorted, l);
    return suffix[first]! - (l - 1) * (sorted.length - first);
  };
}

/** The index of the first value ≥ `value` in ascending `sorted` (its length when none is). */
function firstAtLeast(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
