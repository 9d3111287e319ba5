// The reader's "checked before" marks: one per sentence of the document that matches a fact-check
// or a rated claim, drawn in the gutter beside the sentence's lines and titled with what it was
// checked as. Pure (the Monaco decorations are made in use-checked-marks.ts).
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import { markTitle } from './match-descriptions.ts';

export interface CheckedMark {
  readonly start: number;
  readonly end: number;
  /** `cb-checked-strong` when the best match is strong, else `cb-checked-suggestion`. */
  readonly className: string;
  readonly title: string;
}

/**
 * The marks for a document's matched sentences (those within its `length`: a text that changed
 * since they were matched is marked only where they still fit, until the next match arrives).
 * @example checkedMarks(sentences, text.length)[0] // { start: 120, end: 260, className: 'cb-checked-suggestion', title: 'Checked before: False (…' }
 */
export function checkedMarks(sentences: readonly CheckedSentence[], length: number): CheckedMark[] {
  return sentences.flatMap(({ start, end, matches }) => {
    const best = matches[0];
    if (best === undefined || end > length || start >= end) return [];
    const strong = matches.some((match) => match.level === 'strong');
    return [{ start, end, className: strong ? 'cb-checked-strong' : 'cb-checked-suggestion', title: markTitle(matches) }];
  });
}
