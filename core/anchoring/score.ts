// How well a candidate span fits what is known of an annotation: its quote, the context on each
// side, and where it should be. Shared by every search step of the anchoring engine (anchor.ts),
// which also documents the rules these numbers feed.
import search from 'approx-string-match';
import type { QuoteTarget } from './types.ts';

/**
 * Weights of the ranking score: the Hypothesis client's, except position (2 there), which weighs
 * more here because the expected position is drift-corrected, not the old offset: among copies of
 * a quote whose context fits alike, the one where the annotation should be wins.
 */
const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 20 } as const;
const MAX_SCORE = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/** A context side at least this similar to the stored one counts as still in place. */
export const CONTEXT_KEPT = 0.75;

/** A candidate this close to the drift-corrected position is where the annotation should be. */
export const NEAR_CHARS = 64;

/** The share of the quote that may differ for a match to count wherever it is. */
export const MAX_QUOTE_DIFFERENCE = 0.25;

/** The share that may differ when some side of the context is still in place (edited in place). */
export const MAX_DIFFERENCE_IN_CONTEXT = 0.45;

/** Matches below this confidence go to the analyst's review queue. */
export const REVIEW_BELOW = 0.9;

export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** 1 − edit distance / quote length. */
  readonly quoteSimilarity: number;
  /** Text next to the match, before its context, that it could not take in, per quote character (boundaries.ts). */
  readonly boundaryDoubt: number;
  readonly prefixSimilarity: number;
  readonly suffixSimilarity: number;
  /** Ranking score in [0, 1]: weighted quote, context and position fit. */
  readonly score: number;
  /** The best similarity of a non-empty context side (1 when the target has no context at all). */
  readonly contextFit: number;
  /** The mean similarity of the non-empty context sides (1 when the target has no context at all). */
  readonly contextMean: number;
  /** Both non-empty context sides are still in place. */
  readonly contextKept: boolean;
  /** Within NEAR_CHARS of the expected position. */
  readonly near: boolean;
  /** The place is confirmed: near the expected position, or between both context sides. */
  readonly confirmed: boolean;
  /** Confirmed, or some context side is still in place. */
  readonly supported: boolean;
  /** Similar enough to count at all (see MAX_QUOTE_DIFFERENCE, MAX_DIFFERENCE_IN_CONTEXT). */
  readonly acceptable: boolean;
}

/**
 * Scores the span `[start, end)` of `text` as the new place of `target`, expected near `hint`.
 * `distanceScale` turns the distance to the hint into a position score (the search window size).
 */
export function candidate(
  text: string,
  target: QuoteTarget,
  start: number,
  end: number,
  errors: number,
  hint: number,
  distanceScale: number,
  unexplained = 0,
): Candidate {
  const quoteSimilarity = 1 - errors / target.exact.length;
  const boundaryDoubt = unexplained / target.exact.length;
  const prefixSimilarity =
    target.prefix === '' ? 1 : similarity(text.slice(Math.max(0, start - target.prefix.length), start), target.prefix);
  const suffixSimilarity = target.suffix === '' ? 1 : similarity(text.slice(end, end + target.suffix.length), target.suffix);
  const distance = Math.abs(start - hint);
  const position = 1 - Math.min(1, distance / Math.max(1, distanceScale));
  const score =
    (WEIGHTS.quote * quoteSimilarity +
      WEIGHTS.prefix * prefixSimilarity +
      WEIGHTS.suffix * suffixSimilarity +
      WEIGHTS.position * position) /
    MAX_SCORE;

  const sides: number[] = [];
  if (target.prefix !== '') sides.push(prefixSimilarity);
  if (target.suffix !== '') sides.push(suffixSimilarity);
  const contextFit = sides.length === 0 ? 1 : Math.max(...sides);
  const contextMean = sides.length === 0 ? 1 : sides.reduce((sum, side) => sum + side, 0) / sides.length;
  const contextKept = sides.length > 0 && sides.every((side) => side >= CONTEXT_KEPT);
  const near = distance <= NEAR_CHARS;
  const confirmed = near || contextKept;
  const supported = confirmed || contextFit >= CONTEXT_KEPT;
  const acceptable =
    quoteSimilarity >= 1 - MAX_QUOTE_DIFFERENCE || (contextFit >= CONTEXT_KEPT && quoteSimilarity >= 1 - MAX_DIFFERENCE_IN_CONTEXT);
  return {
    start,
    end,
    quoteSimilarity,
    boundaryDoubt,
    prefixSimilarity,
    suffixSimilarity,
    score,
    contextFit,
    contextMean,
    contextKept,
    near,
    confirmed,
    supported,
    acceptable,
  };
}

/** The better acceptable candidate by score (the first on a tie); either may be missing. */
export function better(a: Candidate | undefined, b: Candidate | undefined): Candidate | undefined {
  if (b === undefined || !b.acceptable) return a;
  if (a === undefined) return b;
  return b.score > a.score ? b : a;
}

/**
 * 1 for identical strings, falling with the edit distance of `expected` to its best match inside
 * `actual` (the Hypothesis client's textMatchScore; 0 when `actual` is empty).
 */
export function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  const [match] = search(actual, expected, expected.length);
  return match === undefined ? 0 : 1 - match.errors / expected.length;
}

/**
 * The edit distance (Levenshtein) of `a` and `b`, or `limit + 1` when it exceeds `limit`: a
 * diagonal band of the classic table, O(min(|a|, |b|) × limit).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a.length > b.length) [a, b] = [b, a];
  const over = limit + 1;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let column = 0; column <= b.length; column++) previous[column] = column <= limit ? column : over;
  for (let row = 1; row <= a.length; row++) {
    const from = Math.max(1, row - limit);
    const to = Math.min(b.length, row + limit);
    current.fill(over);
    current[0] = row <= limit ? row : over;
    let best = current[0]!;
    for (let column = from; column <= to; column++) {
      const substitution = previous[column - 1]! + (a.charCodeAt(row - 1) === b.charCodeAt(column - 1) ? 0 : 1);
      const value = Math.min(over, substitution, previous[column]! + 1, current[column - 1]! + 1);
      current[column] = value;
      if (value < best) best = value;
    }
    if (best > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(over, previous[b.length]!);
}
