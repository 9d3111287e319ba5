// F6 moves the focus to the next pane of the window (Shift+F6 to the previous), as in VS Code,
// Outlook and the browsers: library, reader, source, side panel; in the claims view, the table and
// the claim. Each pane is an element with `data-pane`; the focus lands on the pane's own place:
// the chosen row, the reader's text, or its first control.
import { useEffect } from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/** Where the focus goes in `pane`: its marked place, the reader's text, the chosen row, or the first control. */
function focusTarget(pane: HTMLElement): HTMLElement | null {
  return (
    pane.querySelector<HTMLElement>('[data-pane-focus]') ??
    pane.querySelector<HTMLElement>('.monaco-editor textarea') ??
    pane.querySelector<HTMLElement>('[aria-current="true"]:not([tabindex="-1"])') ??
    pane.querySelector<HTMLElement>(FOCUSABLE)
  );
}

/** The panes in the order they are on screen (document order), those shown. */
function panes(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[data-pane]')].filter((pane) => pane.offsetParent !== null);
}

export function usePaneCycling(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.metaKey || event.altKey) return;
      // A modal dialog keeps the focus.
      if (document.querySelector('dialog[open]')) return;
      const all = panes();
      if (all.length === 0) return;
      event.preventDefault();
      event.stopPropagation();
      const here = all.findIndex((pane) => pane.contains(document.activeElement));
      const step = event.shiftKey ? -1 : 1;
      const start = here >= 0 ? here : step > 0 ? -1 : all.length;
      for (let tried = 1; tried <= all.length; tried++) {
        const next = all[(((start + step * tried) % all.length) + all.length) % all.length]!;
        const target = focusTarget(next);
        if (target) {
          target.focus();
          return;
        }
      }
    };
    // In the capture phase: the reader (Monaco) would otherwise see the key first.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
