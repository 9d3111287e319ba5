// The annotations panel's selection (row-selection.ts), kept by the window so that the command
// palette can select all or clear it too. It belongs to one document, and ends when the cursor
// moves to another annotation other than by the panel (a click in the reader, a new annotation).
import { useCallback, useState } from 'react';
import { selectAll, SINGLE, type RowSelection } from './row-selection.ts';

export interface RowSelectionState {
  /** The selection now (SINGLE: the row at the cursor alone). */
  readonly selection: RowSelection;
  readonly setSelection: (next: RowSelection) => void;
  /** Rows have been picked (Ctrl+click, Shift, Ctrl+A): Esc gives them up. */
  readonly picking: boolean;
  /** Selects the rows `ids` (those the panel's filter shows), as Ctrl+A does. */
  readonly selectAll: (ids: readonly string[]) => void;
  /** Back to the row at the cursor alone. */
  readonly clear: () => void;
}

/** `cursor`: the annotation chosen in `documentId` (the pane's, not a frame late). */
export function useRowSelection(documentId: string | undefined, cursor: string | undefined): RowSelectionState {
  const [kept, setKept] = useState<{ documentId: string | undefined; selection: RowSelection }>({ documentId, selection: SINGLE });
  const current = kept.documentId === documentId && (kept.selection.picked === undefined || kept.selection.at === cursor);
  const selection = current ? kept.selection : SINGLE;
  // Forget picks that no longer hold, so that they do not come back with the cursor (during the
  // render, as React advises for state that follows props: no frame shows them).
  if (!current && kept.selection !== SINGLE) setKept({ documentId, selection: SINGLE });
  const setSelection = useCallback((next: RowSelection) => setKept({ documentId, selection: next }), [documentId]);
  const all = useCallback((ids: readonly string[]) => setSelection(selectAll(selection, cursor, ids)), [setSelection, selection, cursor]);
  const clear = useCallback(() => setSelection(SINGLE), [setSelection]);
  return { selection, setSelection, picking: selection.picked !== undefined, selectAll: all, clear };
}
