// Undo and redo for the whole window: one step of the workspace's history each way, the document
// it changed opened on the left, and Ctrl/Cmd+Z / Ctrl/Cmd+Shift+Z anywhere but in a form field
// (the reader binds the same keys itself and calls these).
import { useCallback, useEffect } from 'react';
import { api } from '../api/client.ts';

type Direction = 'undo' | 'redo';

/**
 * `besideId` is the document open on the right: a step that changed it leaves the left pane as it
 * is. `report` shows a failure (an empty history is not one).
 */
export function useUndoRedo(
  besideId: string | undefined,
  openDocument: (documentId: string) => void,
  report: (message: string | undefined) => void,
) {
  const step = useCallback(
    (direction: Direction) => {
      // What bench/reader.ts times an undo from.
      if (direction === 'undo') performance.mark('cb:undo-key');
      void api[direction]().then(
        (result) => {
          if (result.ok && result.value.documentId !== undefined && result.value.documentId !== besideId)
            openDocument(result.value.documentId);
          if (!result.ok && result.error.code !== `nothing-to-${direction}`) report(result.error.message);
        },
        (error: unknown) => report((error as Error).message),
      );
    },
    [besideId, openDocument, report],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (
        !(event.ctrlKey || event.metaKey) ||
        event.key.toLowerCase() !== 'z' ||
        target?.closest('input, textarea, select, .monaco-editor')
      )
        return;
      event.preventDefault();
      step(event.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  return { undo, redo };
}
