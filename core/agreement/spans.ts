// Half-open character spans [start, end) and the two ways the measures flatten a coder's spans:
// the characters they cover (character level), and non-overlapping units (unitized alpha).

/** Characters [start, end) of a document's text (JS string indices, as `Annotation.target` has them). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The spans cut to [0, length), empty ones dropped, sorted by start then end. */
export function clampedSpans(spans: readonly Span[], length: number): Span[] {
  const kept: Span[] = [];
  for (const span of spans) {
    const start = Math.max(0, span.start);
    const end = Math.min(length, span.end);
    if (end > start) kept.push({ start, end });
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The characters the spans cover, as sorted, disjoint spans that do not touch either: the
 * coder's value for a character is the same whichever of its spans covers it.
 */
export function coverage(spans: readonly Span[], length: number): Span[] {
  return mergeSorted(clampedSpans(spans, length), (next, last) => next.start <= last.end);
}

/**
 * Units for unitized alpha: overlapping spans merged into one, spans that only touch kept apart.
 * α_u assumes a coder's units of one category do not overlap (Krippendorff 1995); a coder who
 * marked a sentence and a phrase inside it with the same tag (or with a tag and its child) has
 * marked that sentence, so the union stands for both. Two adjacent claims stay two units.
 */
export function disjointUnits(spans: readonly Span[], length: number): Span[] {
  return mergeSorted(clampedSpans(spans, length), (next, last) => next.start < last.end);
}

function mergeSorted(sorted: readonly Span[], joins: (next: Span, last: Span) => boolean): Span[] {
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && joins(span, last)) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}
