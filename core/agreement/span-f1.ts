// Span-level F1 between two coders: how many of their spans are the same span, exactly or by
// enough overlap, each span matched at most once.
import { defined, notDefined, REASONS, type Figure } from './figure.ts';
import type { Span } from './spans.ts';

/**
 * When two spans count as the same: `exact` boundaries, or an overlap of at least `minimum`
 * (0 < minimum ≤ 1) measured as intersection over union (Jaccard), so that a short phrase inside a
 * long sentence does not match it, whichever coder marked which.
 */
export type SpanMatchRule = { readonly kind: 'exact' } | { readonly kind: 'overlap'; readonly minimum: number };

/** The overlap of two spans as intersection over union, 0 when they do not overlap. */
export function spanOverlap(a: Span, b: Span): number {
  const intersection = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  if (intersection <= 0) return 0;
  return intersection / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}

/**
 * How many pairs of `first`'s and `second`'s spans match under `rule`, one to one. Candidate pairs
 * are taken best overlap first (ties by position), a greedy matching: with `minimum` above 0.5 a
 * span can match at most one other anyway, so it is then the maximum matching.
 */
export function matchSpans(first: readonly Span[], second: readonly Span[], rule: SpanMatchRule): number {
  if (rule.kind === 'exact') {
    const counts = new Map<string, number>();
    for (const span of first) counts.set(`${span.start}:${span.end}`, (counts.get(`${span.start}:${span.end}`) ?? 0) + 1);
    let matched = 0;
    for (const span of second) {
      const key = `${span.start}:${span.end}`;
      const left = counts.get(key) ?? 0;
      if (left > 0) {
        matched++;
        counts.set(key, left - 1);
      }
    }
    return matched;
  }
  const a = [...first].sort((x, y) => x.start - y.start);
  const b = [...second].sort((x, y) => x.start - y.start);
  const candidates: { i: number; j: number; overlap: number }[] = [];
  // Both sorted by start. b spans whose prefix ends all lie at or before a[i].start can overlap
  // neither a[i] nor any later a span (they start no earlier), so the window's start only moves on.
  let maxEndBefore = 0;
  const prefixMaxEnd = b.map((span) => (maxEndBefore = Math.max(maxEndBefore, span.end)));
  let from = 0;
  a.forEach((span, i) => {
    while (from < b.length && prefixMaxEnd[from]! <= span.start) from++;
    for (let j = from; j < b.length && b[j]!.start < span.end; j++) {
      const overlap = spanOverlap(span, b[j]!);
      if (overlap > 0 && overlap >= rule.minimum) candidates.push({ i, j, overlap });
    }
  });
  candidates.sort((x, y) => y.overlap - x.overlap || x.i - y.i || x.j - y.j);
  const usedA = new Uint8Array(a.length);
  const usedB = new Uint8Array(b.length);
  let matched = 0;
  for (const { i, j } of candidates) {
    if (usedA[i] === 1 || usedB[j] === 1) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    matched++;
  }
  return matched;
}

/**
 * F1 from matched pairs and each coder's span count: with one coder as reference, precision is
 * matched / first and recall matched / second, so
 *   F1 = 2 · matched / (first + second),
 * the same whichever coder is the reference (Hripcsak & Rothschild 2005, Agreement, the
 * F-measure, and reliability in information retrieval, JAMIA 12(3)). `units` is the number of
 * spans. Not defined when neither coder has a span.
 */
export function spanF1FromCounts(matched: number, first: number, second: number): Figure {
  const spans = first + second;
  return spans === 0 ? notDefined(REASONS.nothingMarked, 0) : defined((2 * matched) / spans, spans);
}

/** Span-level F1 between two coders' spans under `rule`. */
export function spanF1(first: readonly Span[], second: readonly Span[], rule: SpanMatchRule): Figure {
  return spanF1FromCounts(matchSpans(first, second, rule), first.length, second.length);
}
