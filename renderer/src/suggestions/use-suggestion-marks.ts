// The reader's claim suggestions as Monaco decorations: a quiet dotted underline under each one
// not yet marked (distinct from an annotation's highlight), a stronger one under the suggestion
// the Suggestions tab is on, which the reader scrolls to (without taking the focus: the keys stay
// with the tab). Cleared when the reader goes.
import { useEffect, useRef, type RefObject } from 'react';
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { monaco } from '../reader/monaco.ts';

/** The claim suggestions the reader underlines, and the one the Suggestions tab is on (which the reader follows). */
export interface SuggestionMarks {
  readonly suggestions: readonly DocumentSuggestion[] | undefined;
  readonly activeId: string | undefined;
}

export function useSuggestionMarks(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  marks: SuggestionMarks | undefined,
  document: DocumentView,
): void {
  const collection = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  const suggestions = marks?.suggestions;
  const activeId = marks?.activeId;
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    collection.current ??= editor.createDecorationsCollection();
    const length = model.getValueLength();
    collection.current.set(
      (suggestions ?? [])
        .filter((suggestion) => (!suggestion.marked || suggestion.id === activeId) && suggestion.end <= length)
        .map((suggestion) => {
          const start = model.getPositionAt(suggestion.start);
          const end = model.getPositionAt(suggestion.end);
          const active = suggestion.id === activeId;
          return {
            range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
            options: {
              description: 'claim-suggestion',
              inlineClassName: active ? 'cb-suggestion cb-suggestion-active' : 'cb-suggestion',
              hoverMessage: {
                value: `Suggested ${suggestion.kind}${suggestion.speaker ? ` (${suggestion.speaker})` : ''}: ${suggestion.reason}`,
              },
              stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
            },
          };
        }),
    );
  }, [editorRef, suggestions, activeId, document.meta.id, document.text]);

  // The suggestion chosen in the tab comes into view.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    const active = suggestions?.find((suggestion) => suggestion.id === activeId);
    if (!editor || !model || active === undefined || active.end > model.getValueLength()) return;
    const range = monaco.Range.fromPositions(model.getPositionAt(active.start), model.getPositionAt(active.end));
    editor.revealRangeInCenterIfOutsideViewport(range, monaco.editor.ScrollType.Smooth);
    // Only when the choice changes, not when the list does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editorRef, activeId]);
  useEffect(() => () => collection.current?.clear(), []);
}
