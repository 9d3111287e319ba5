// The reader's claim suggestions as Monaco decorations: a quiet dotted underline under each one
// not yet marked (distinct from an annotation's highlight), a stronger one under the suggestion
// the Suggestions tab is on, which the reader scrolls to (without taking the focus: the keys stay
// with the tab). Underlines are added a time-boxed slice per task; the chosen one has a collection of its own,
// so moving through them changes one decoration. Cleared when the reader goes.
import { useEffect, useRef, type RefObject } from 'react';
import type { DocumentSuggestion } from '../../../core/contract/workbench-api.ts';
import type { DocumentView } from '../../../core/model/document.ts';
import { monaco } from '../reader/monaco.ts';

/** The claim suggestions the reader underlines, and the one the Suggestions tab is on (which the reader follows). */
export interface SuggestionMarks {
  readonly suggestions: readonly DocumentSuggestion[] | undefined;
  readonly activeId: string | undefined;
}

/**
 * Underlines are added in batches for as long as a task may take from this budget, then the
 * thread is given back: a long document's thousands never hold the reader up (≤ 50 ms a task),
 * however fast the machine, and each task leaves time for Monaco to render what changed.
 */
const TASK_BUDGET_MS = 8;
const BATCH = 100;

export function useSuggestionMarks(
  editorRef: RefObject<monaco.editor.IStandaloneCodeEditor | null>,
  marks: SuggestionMarks | undefined,
  document: DocumentView,
): void {
  const underlines = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  const chosen = useRef<monaco.editor.IEditorDecorationsCollection>(null);
  const suggestions = marks?.suggestions;
  const activeId = marks?.activeId;

  // Every open suggestion's underline, added in slices, one task each; again only when the list changes.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    underlines.current ??= editor.createDecorationsCollection();
    const collection = underlines.current;
    collection.clear();
    const length = model.getValueLength();
    const open = (suggestions ?? []).filter((suggestion) => !suggestion.marked && suggestion.end <= length);
    let next = 0;
    let timer: number | undefined;
    const addSlice = () => {
      const deadline = performance.now() + TASK_BUDGET_MS;
      do {
        collection.append(open.slice(next, next + BATCH).map((suggestion) => decoration(model, suggestion, false)));
        next += BATCH;
      } while (next < open.length && performance.now() < deadline);
      if (next < open.length) timer = window.setTimeout(addSlice, 0);
    };
    // Not in the task that took the answer in: React's render of it has had its share.
    timer = window.setTimeout(addSlice, 0);
    return () => window.clearTimeout(timer);
  }, [editorRef, suggestions, document.meta.id, document.text]);

  // The chosen suggestion's stronger underline, in a collection of its own: n and p change one decoration.
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model) return;
    chosen.current ??= editor.createDecorationsCollection();
    const active = suggestions?.find((suggestion) => suggestion.id === activeId);
    chosen.current.set(active === undefined || active.end > model.getValueLength() ? [] : [decoration(model, active, true)]);
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
  useEffect(
    () => () => {
      underlines.current?.clear();
      chosen.current?.clear();
    },
    [],
  );
}

/** A suggestion's underline: quiet, or the chosen one's stronger one (whose hover the quiet one already gives). */
function decoration(model: monaco.editor.ITextModel, suggestion: DocumentSuggestion, active: boolean): monaco.editor.IModelDeltaDecoration {
  const start = model.getPositionAt(suggestion.start);
  const end = model.getPositionAt(suggestion.end);
  return {
    range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
    options: {
      inlineClassName: active ? 'cb-suggestion cb-suggestion-active' : 'cb-suggestion',
      ...(active || suggestion.marked
        ? {}
        : {
            hoverMessage: {
              value: `Suggested ${suggestion.kind}${suggestion.speaker ? ` (${suggestion.speaker})` : ''}: ${suggestion.reason}`,
            },
          }),
      stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
    },
  };
}
