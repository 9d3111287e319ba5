// Finds the best place for one annotation within one range of the new text: the exact quote,
// taken at once where it is expected or between both sides of its context; else an approximate
// match near the expected place; else the best-scored of the approximate matches in the range and
// of the quote within approximate matches of the quote *with* its context. The last one tells an
// edited passage still in place from an unchanged copy of it elsewhere, which wins a quote-only
// search (it has fewer errors).
import search from 'approx-string-match';
import { alignToContext } from './boundaries.ts';
import { better, candidate, MAX_DIFFERENCE_IN_CONTEXT, NEAR_CHARS, type Candidate } from './score.ts';
import type { QuoteTarget } from './types.ts';

export interface RangeSearch {
  /** Where the annotation is expected to start (its old start, corrected by the drift around it). */
  readonly hint: number;
  readonly from: number;
  readonly to: number;
  /** Whether to look for approximate matches too, or for exact occurrences only. */
  readonly fuzzy: boolean;
  /** The distance from the hint at which the position score reaches 0. */
  readonly distanceScale: number;
}

/** Candidates scored per step, the nearest to the hint: bounds the work on very frequent quotes. */
const MAX_CANDIDATES = 64;
/** Matches of the quote with its context that are searched for the quote. */
const MAX_CONTEXT_MATCHES = 4;
/** Slack around a match of quote and context in which the quote is looked for. */
const CONTEXT_SLACK = 8;
/** Approximate matches aligned to their context (boundaries.ts), best first by their raw score. */
const ALIGNED_MATCHES = 3;

/**
 * The best acceptable candidate for `target` in `[from, to)` of `text`, if any. In this order:
 * the exact quote where it is expected or between both sides of its context; an approximate
 * match near the expected place (an edited quote where an unchanged copy stands further away);
 * the best of the approximate matches of the quote, and of the quote within approximate matches
 * of quote and context, ranked by score.
 */
export function searchRange(
  text: string,
  target: QuoteTarget,
  { hint, from, to, fuzzy, distanceScale }: RangeSearch,
): Candidate | undefined {
  const { exact } = target;
  const slice = text.slice(from, to);
  const scoreAt = (start: number, end: number, errors: number, unexplained = 0) =>
    candidate(text, target, start, end, errors, hint, distanceScale, unexplained);
  const maxErrors = Math.min(256, Math.floor(exact.length * MAX_DIFFERENCE_IN_CONTEXT));
  const scoreApproximate = (start: number, end: number, errors: number): Candidate | undefined => {
    if (errors === 0) return scoreAt(start, end, 0);
    const aligned = alignToContext(text, target, { start, end, errors }, maxErrors);
    return aligned === undefined ? undefined : scoreAt(aligned.start, aligned.end, aligned.errors, aligned.unexplained);
  };
  /** The best approximate match in a region: matches scored as found, the best few then aligned to their context. */
  const approximate = (regionFrom: number, regionTo: number, expected: number, limit: number): Candidate | undefined => {
    if (maxErrors === 0 || regionTo <= regionFrom) return undefined;
    const matches = nearestMatches(search(text.slice(regionFrom, regionTo), exact, maxErrors), expected - regionFrom, limit);
    const ranked = matches
      .map((match) => ({ match, score: scoreAt(regionFrom + match.start, regionFrom + match.end, match.errors).score }))
      .sort((a, b) => b.score - a.score);
    let best: Candidate | undefined;
    for (const { match } of ranked.slice(0, ALIGNED_MATCHES))
      best = better(best, scoreApproximate(regionFrom + match.start, regionFrom + match.end, match.errors));
    return best;
  };

  const exactStarts = nearest(indexesOf(slice, exact), hint - from);
  let best: Candidate | undefined;
  let betweenContext = 0;
  for (const start of exactStarts) {
    const found = scoreAt(from + start, from + start + exact.length, 0);
    if (found.contextKept) betweenContext++;
    best = better(best, found);
  }
  // A quote whose context is part of a repeated passage (a clause of boilerplate) stands between
  // its context at every copy: the context confirms none of them.
  if (best !== undefined && !best.near && best.confirmed && (betweenContext > 1 || standsElsewhere(text, best.start, best.end)))
    best = { ...best, confirmed: false };
  if (best?.confirmed || !fuzzy) return best;

  const reach = NEAR_CHARS + maxErrors;
  const nearby = approximate(Math.max(from, hint - reach), Math.min(to, hint + exact.length + reach), hint, MAX_CANDIDATES);
  if (nearby?.near) return nearby;
  best = better(best, nearby);

  // A search of the whole range reports only the fewest-error matches: useless (the exact ones
  // again) when the quote occurs exactly.
  if (exactStarts.length === 0) {
    best = better(best, approximate(from, to, hint, MAX_CANDIDATES));
    if (best?.supported) return best;
  }

  if (target.prefix === '' && target.suffix === '') return best;
  const withContext = target.prefix + exact + target.suffix;
  const maxContextErrors = Math.min(256, Math.floor(withContext.length * MAX_DIFFERENCE_IN_CONTEXT));
  for (const match of nearestMatches(search(slice, withContext, maxContextErrors), hint - from, MAX_CONTEXT_MATCHES)) {
    const regionFrom = from + Math.max(0, match.start - CONTEXT_SLACK);
    const regionTo = from + Math.min(slice.length, match.end + CONTEXT_SLACK);
    best = better(best, approximate(regionFrom, regionTo, from + match.start + target.prefix.length, MAX_CONTEXT_MATCHES));
  }
  return best;
}

/** Characters of surrounding text compared by standsElsewhere. */
const SURROUNDINGS = 16;

/** Whether the span `[start, end)`, with the text just around it, occurs elsewhere in `text` too. */
function standsElsewhere(text: string, start: number, end: number): boolean {
  const from = Math.max(0, start - SURROUNDINGS);
  const passage = text.slice(from, end + SURROUNDINGS);
  const first = text.indexOf(passage);
  return first !== from || text.indexOf(passage, first + 1) !== -1;
}

/** Start offsets of every occurrence of `needle` in `haystack` (overlapping ones too). */
function indexesOf(haystack: string, needle: string): number[] {
  const indexes: number[] = [];
  for (let index = haystack.indexOf(needle); index !== -1; index = haystack.indexOf(needle, index + 1)) indexes.push(index);
  return indexes;
}

/** The `limit` offsets nearest to `hint`. */
function nearest(offsets: number[], hint: number, limit = MAX_CANDIDATES): number[] {
  if (offsets.length <= limit) return offsets;
  return offsets.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint)).slice(0, limit);
}

function nearestMatches<T extends { start: number }>(matches: T[], hint: number, limit: number): T[] {
  if (matches.length <= limit) return matches;
  return matches.sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint)).slice(0, limit);
}
