// Half-open character spans [start, end) and the two ways the measures flatten a coder's spans:
// the characters they cover (character level), and non-overlapping units (unitized alpha).

/** Characters [start, end) of a document's text (JS string indices, as `Annotation.target` has them). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * The spans cut to [0, length), empty ones dropped, sorted by start then end. Spans already so
 * (as the report hands them on) come back as they are, without a copy: the pooled figures
 * normalize every document's spans again, and the copies were most of their time.
 */
export function clampedSpans(spans: readonly Span[], length: number): readonly Span[] {
  if (isClampedAndSorted(spans, length)) return spans;
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
export function coverage(spans: readonly Span[], length: number): readonly Span[] {
  return mergeSorted(clampedSpans(spans, length), (next, lastEnd) => next.start <= lastEnd);
}

/**
 * Units for unitized alpha: overlapping spans merged into one, spans that only touch kept apart.
 * α_u assumes a coder's units of one category do not overlap (Krippendorff 1995); a coder who
 * marked a sentence and a phrase inside it with the same tag (or with a tag and its child) has
 * marked that sentence, so the union stands for both. Two adjacent claims stay two units.
 */
export function disjointUnits(spans: readonly Span[], length: number): readonly Span[] {
  return mergeSorted(clampedSpans(spans, length), (next, lastEnd) => next.start < lastEnd);
}

function isClampedAndSorted(spans: readonly Span[], length: number): boolean {
  let previous: Span | undefined;
  for (const span of spans) {
    if (span.start < 0 || span.end > length || span.end <= span.start) return false;
    if (previous !== undefined && (span.start < previous.start || (span.start === previous.start && span.end < previous.end))) return false;
    previous = span;
  }
  return true;
}

/** Sorted spans with those that `joins` the one before merged; the input itself when none does. */
function mergeSorted(sorted: readonly Span[], joins: (next: Span, lastEnd: number) => boolean): readonly Span[] {
  let end = -Infinity;
  let needed = false;
  for (const span of sorted) {
    if (joins(span, end)) {
      needed = true;
      break;
    }
    end = Math.max(end, span.end);
  }
  if (!needed) return sorted;
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && joins(span, last.end)) last.end = Math.max(last.end, span.end);
    else merged.push({ start: span.start, end: span.end });
  }
  return merged;
}
