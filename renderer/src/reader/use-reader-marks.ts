// The reader's marks that are not annotations: a gutter bar beside each sentence checked before
// (renderer/src/archive/) and a dotted underline under each claim suggestion (renderer/src/suggestions/).
import type { RefObject } from 'react';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { useCheckedMarks } from '../archive/use-checked-marks.ts';
import { useSuggestionMarks, type SuggestionMarks } from '../suggestions/use-suggestion-marks.ts';
import type { monaco } from './monaco.ts';

export interface ReaderMarks {
  /** Sentences that may have been checked before: marked in the gutter. */
  readonly checked?: readonly CheckedSentence[] | undefined;
  /** Claim suggestions: a dotted underline. */
  readonly suggestions?: SuggestionMarks | undefined;
}

export function useReaderMarks(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  document: DocumentView,
  { checked, suggestions }: ReaderMarks,
): void {
  useCheckedMarks(editorRef, checked, document);
  useSuggestionMarks(editorRef, suggestions, document);
}
