// Finds an annotation's span again in a new version of its document's text. Tries the most
// precise evidence first, as the Hypothesis client does: the stored position (if the quote is
// still there), then the exact quote (the occurrence whose context and place fit best), then an
// approximate match of the quote (bit-parallel edit distance, scored on quote, context and
// position), and otherwise gives up: the annotation is an orphan, for the analyst to re-pin.
//
// Trade-offs: the approximate search allows at most a quarter of the quote to differ, which keeps
// it fast on long documents and refuses matches that would mostly be a different sentence;
// context weighs in only to choose among matches, never to accept one on its own.
import search from 'approx-string-match';

export type AnchorState = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

/** What is known of where an annotation was: its W3C TextQuote and TextPosition selectors. */
export interface QuoteTarget {
  readonly start: number;
  readonly end: number;
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
}

export type AnchorResult =
  | { readonly state: 'exact' | 'moved' | 'fuzzy'; readonly start: number; readonly end: number; readonly confidence: number }
  | { readonly state: 'orphaned'; readonly confidence: 0 };

/** The share of the quote that may differ for an approximate match to count at all. */
export const MAX_QUOTE_DIFFERENCE = 0.25;

/** Fuzzy matches below this confidence go to the analyst's review queue. */
export const REVIEW_BELOW = 0.9;

const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const MAX_SCORE = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * Anchors `target` (made on an earlier text) in `text`.
 * @example anchor('A new intro. The taps will run dry.', { start: 0, end: 19, exact: 'The taps will run dry', prefix: '', suffix: '.' })
 *   // → { state: 'moved', start: 13, end: 34, confidence: 1 }
 */
export function anchor(text: string, target: QuoteTarget): AnchorResult {
  const { start, end, exact } = target;
  if (exact.length === 0) return { state: 'orphaned', confidence: 0 };
  if (text.slice(start, end) === exact) return { state: 'exact', start, end, confidence: 1 };

  const occurrences = allIndexesOf(text, exact);
  if (occurrences.length > 0) {
    const best = bestBy(occurrences, (index) => contextScore(text, index, index + exact.length, target, 1));
    return { state: 'moved', start: best, end: best + exact.length, confidence: 1 };
  }

  const maxErrors = Math.min(256, Math.floor(exact.length * MAX_QUOTE_DIFFERENCE));
  if (maxErrors === 0) return { state: 'orphaned', confidence: 0 };
  const matches = search(text, exact, maxErrors);
  if (matches.length === 0) return { state: 'orphaned', confidence: 0 };
  const best = bestBy(matches, (match) => contextScore(text, match.start, match.end, target, 1 - match.errors / exact.length));
  const confidence = round(1 - best.errors / exact.length);
  return { state: 'fuzzy', start: best.start, end: best.end, confidence };
}

/** A score in [0, 1] of how well a candidate span fits the quote, its context and its old place. */
function contextScore(text: string, start: number, end: number, target: QuoteTarget, quoteSimilarity: number): number {
  const prefix = target.prefix === '' ? 1 : similarity(text.slice(Math.max(0, start - target.prefix.length), start), target.prefix);
  const suffix = target.suffix === '' ? 1 : similarity(text.slice(end, end + target.suffix.length), target.suffix);
  const position = text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(start - target.start) / text.length);
  return (WEIGHTS.quote * quoteSimilarity + WEIGHTS.prefix * prefix + WEIGHTS.suffix * suffix + WEIGHTS.position * position) / MAX_SCORE;
}

/** 1 for identical strings, falling with their edit distance. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  if (actual === expected) return 1;
  const [match] = search(actual, expected, expected.length);
  return match === undefined ? 0 : 1 - match.errors / expected.length;
}

function allIndexesOf(text: string, needle: string): number[] {
  const indexes: number[] = [];
  for (let index = text.indexOf(needle); index !== -1; index = text.indexOf(needle, index + 1)) indexes.push(index);
  return indexes;
}

function bestBy<T>(candidates: readonly T[], score: (candidate: T) => number): T {
  let best = candidates[0] as T;
  let bestScore = -Infinity;
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value > bestScore) {
      best = candidate;
      bestScore = value;
    }
  }
  return best;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
