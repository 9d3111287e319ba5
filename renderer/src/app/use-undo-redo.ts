// Undo and redo for the whole window: one step of the workspace's history each way, the document
// it changed opened on the left, and what was undone or redone said in the status bar (`say` says
// other changes there too: a bulk edit). The keys (Ctrl/Cmd+Z; Ctrl/Cmd+Shift+Z and Ctrl+Y) are
// the command registry's (commands/command-registry.ts).
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';

type Direction = 'undo' | 'redo';

/** How long the status bar says what was undone. */
const SAID_FOR_MS = 10_000;

/**
 * `besideId` is the document open on the right: a step that changed it leaves the left pane as it
 * is. `report` shows a failure (an empty history is not one, but it is said in the status bar).
 */
export function useUndoRedo(
  besideId: string | undefined,
  openDocument: (documentId: string) => void,
  report: (message: string | undefined) => void,
  /** The title of a document, to say where a step undone elsewhere was (undefined: unknown). */
  titleOf: (documentId: string) => string | undefined = () => undefined,
  /** The document open on the left: a step there needs no "in …". */
  leftId?: string,
) {
  /** "Undid: Tag as Statistic", for the status bar. */
  const [said, setSaid] = useState<{ text: string; serial: number }>();
  const say = useCallback((text: string) => setSaid((previous) => ({ text, serial: (previous?.serial ?? 0) + 1 })), []);
  useEffect(() => {
    if (said === undefined) return;
    const timer = setTimeout(() => setSaid(undefined), SAID_FOR_MS);
    return () => clearTimeout(timer);
  }, [said]);

  const step = useCallback(
    (direction: Direction) => {
      // What bench/reader.ts times an undo from.
      if (direction === 'undo') performance.mark('cb:undo-key');
      void api[direction]().then(
        (result) => {
          if (result.ok) {
            const { documentId } = result.value;
            const title = documentId !== undefined && documentId !== leftId ? titleOf(documentId) : undefined;
            say(`${direction === 'undo' ? 'Undid' : 'Redid'}: ${result.value.label}${title ? `, in “${title}”` : ''}`);
            if (result.value.documentId !== undefined && result.value.documentId !== besideId) openDocument(result.value.documentId);
          } else if (result.error.code === `nothing-to-${direction}`) say(result.error.message);
          else report(result.error.message);
        },
        (error: unknown) => report((error as Error).message),
      );
    },
    [besideId, openDocument, report, say, titleOf, leftId],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  return { undo, redo, said: said?.text, say };
}
