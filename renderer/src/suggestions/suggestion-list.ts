// Pure helpers of the Suggestions tab: overlap with annotations, moving through the list, the
// suggestions Shift+A would accept, and what the tab says about a suggestion.
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import type { SuggestionKind } from '../../../core/suggest/types.ts';

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Whether an annotation of `annotations` overlaps `span` (touching ends do not overlap). */
export function overlapsAny(span: Span, annotations: readonly { readonly target: Span }[]): boolean {
  return annotations.some(({ target }) => target.start < span.end && target.end > span.start);
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
