// The reader's "checked before" marks as Monaco decorations: a bar in the gutter beside every
// line of a matched sentence, titled with what it was checked as (checked-marks.ts). Built whole
// each time: a document has few matched sentences. Cleared when the reader goes.
import { useEffect, useRef, type RefObject } from 'react';
import type { CheckedSentence } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { monaco } from '../reader/monaco.ts';
import { checkedMarks } from './checked-marks.ts';

export function useCheckedMarks(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  sentences: readonly CheckedSentence[] | undefined,
  document: DocumentView,
): void {
  const marks = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    marks.current ??= editor.createDecorationsCollection();
    marks.current.set(
      checkedMarks(sentences ?? [], model.getValueLength()).map((mark) => {
        const start = model.getPositionAt(mark.start);
        const end = model.getPositionAt(mark.end);
        return {
          range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          options: {
            description: 'checked-before',
            // Every (wrapped) line of the sentence, in the strip left of the text.
            linesDecorationsClassName: `cb-checked ${mark.className}`,
            linesDecorationsTooltip: mark.title,
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        };
      }),
    );
  }, [editorRef, sentences, document.meta.id, document.text]);
  useEffect(() => () => marks.current?.clear(), []);
}
