// The window's pane layout as React state, read from and written back to localStorage.
import { useCallback, useEffect, useState } from 'react';
import { LAYOUT_STORAGE_KEY, parseLayout, shownLayout, type PaneLayout, type SidePane } from './pane-layout.ts';

function readStored(): string | null {
  try {
    return window.localStorage.getItem(LAYOUT_STORAGE_KEY);
  } catch {
    // Storage can be refused (a locked-down browser profile): the window then opens with the defaults.
    return null;
  }
}

export interface PaneLayoutControl {
  /** The layout as shown in this window (see `shownLayout`). */
  readonly layout: PaneLayout;
  readonly setLayout: (next: PaneLayout) => void;
  /** Folds a pane away (stable, for memoized panes). */
  readonly fold: (pane: SidePane) => void;
}

/** `split`: two documents side by side, which leaves the panes a smaller share of the window. */
export function usePaneLayout(split: boolean): PaneLayoutControl {
  const [layout, setLayout] = useState(() => parseLayout(readStored()));
  useEffect(() => {
    try {
      window.localStorage.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
    } catch {
      // Not remembered this time; nothing else depends on it.
    }
  }, [layout]);
  // Another window of the same workbench changed it: follow.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === LAYOUT_STORAGE_KEY) setLayout(parseLayout(event.newValue));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);
  const [windowWidth, setWindowWidth] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setWindowWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const fold = useCallback((pane: SidePane) => setLayout((current) => ({ ...current, [pane]: { ...current[pane], collapsed: true } })), []);
  return { layout: shownLayout(layout, windowWidth, split), setLayout, fold };
}
