// Pure helpers of the Suggestions tab: overlap with annotations, moving through the list, the
// suggestions Shift+A would accept, and what the tab says about a suggestion.
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import type { SuggestionKind } from '../../../core/suggest/types.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

/**
 * A test of whether an annotation of `annotations` overlaps a span (touching ends do not overlap).
 * Built once per list of annotations, it answers in log time: a long document's hundred thousand
 * suggestions are checked in one task without holding the reader up.
 * @example overlapTest([{ target: { start: 19, end: 30 } }])({ start: 10, end: 20 }) // true
 */
export function overlapTest(annotations: readonly { readonly target: Span }[]): (span: Span) => boolean {
  const spans = annotations.map(({ target }) => target).sort((a, b) => a.start - b.start);
  // furthest[i]: the furthest end among the first i + 1 spans by start.
  const furthest: number[] = [];
  for (const span of spans) furthest.push(Math.max(span.end, furthest.at(-1) ?? -Infinity));
  return (span) => {
    // How many annotations start before the span ends: one of them overlaps it if any ends after it starts.
    let low = 0;
    let high = spans.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (spans[middle]!.start < span.end) low = middle + 1;
      else high = middle;
    }
    return low > 0 && furthest[low - 1]! > span.start;
  };
}

export const KIND_NAMES: Readonly<Record<SuggestionKind, string>> = {
  attributed: 'Attributed statement',
  quote: 'Quotation',
  figure: 'Figure',
  prediction: 'Prediction',
};

/**
 * The index after `from` (`step` 1) or before it (-1) of a suggestion not yet marked, else `from`.
 * @example nextOpen(list, 0, 1) // 2 when list[1] is already marked
 */
export function nextOpen(suggestions: readonly DocumentSuggestion[], from: number, step: 1 | -1): number {
  for (let index = from + step; index >= 0 && index < suggestions.length; index += step) {
    if (!suggestions[index]!.marked) return index;
  }
  return from;
}

/** The suggestions of `kind` not yet marked: what Shift+A accepts. */
export function openOfKind(suggestions: readonly DocumentSuggestion[], kind: SuggestionKind): DocumentSuggestion[] {
  return suggestions.filter((suggestion) => suggestion.kind === kind && !suggestion.marked);
}

/**
 * The question asked before accepting a kind's suggestions at once.
 * @example acceptAllQuestion('quote', 3, 'Claim') // 'Accept 3 quotation suggestions as annotations tagged Claim?…'
 */
export function acceptAllQuestion(kind: SuggestionKind, count: number, tagName: string | undefined): string {
  const what = `${count} ${KIND_NAMES[kind].toLowerCase()} suggestion${count === 1 ? '' : 's'}`;
  const tagged = tagName === undefined ? 'without a tag' : `tagged ${tagName}`;
  return `Accept ${what} as annotations ${tagged}, each with its speaker and outlet? One Ctrl+Z undoes it.`;
}
