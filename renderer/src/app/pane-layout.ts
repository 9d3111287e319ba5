// The widths of the library and the side panel, and whether each is folded away: what the
// splitters change, kept in localStorage so the window opens as it was left. Pure, so tested.

export type SidePane = 'library' | 'side';

export interface PaneLayout {
  readonly library: { readonly width: number; readonly collapsed: boolean };
  readonly side: { readonly width: number; readonly collapsed: boolean };
}

/** The narrowest and widest each pane may be dragged to, in CSS pixels. */
export const PANE_LIMITS: Readonly<Record<SidePane, { readonly min: number; readonly max: number }>> = {
  library: { min: 180, max: 520 },
  side: { min: 220, max: 640 },
};

/** The widths the window had before the panes could be resized (22% and 26% of 1400 px), so text wraps as it did. */
export const DEFAULT_LAYOUT: PaneLayout = {
  library: { width: 308, collapsed: false },
  side: { width: 364, collapsed: false },
};

export const LAYOUT_STORAGE_KEY = 'claimbench.layout.v1';

/** `width` kept inside the pane's limits (rounded to whole pixels). */
export function clampWidth(pane: SidePane, width: number): number {
  const { min, max } = PANE_LIMITS[pane];
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(width) ? width : min)));
}

/**
 * The layout stored under `LAYOUT_STORAGE_KEY`, or the default where it is missing or damaged
 * (an old value, a hand edit): a bad entry never breaks the window.
 */
export function parseLayout(stored: string | null): PaneLayout {
  if (stored === null) return DEFAULT_LAYOUT;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return DEFAULT_LAYOUT;
  }
  const pane = (name: SidePane) => {
    const entry = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
    const fallback = DEFAULT_LAYOUT[name];
    if (typeof entry !== 'object' || entry === null) return fallback;
    const { width, collapsed } = entry as { width?: unknown; collapsed?: unknown };
    return {
      width: typeof width === 'number' ? clampWidth(name, width) : fallback.width,
      collapsed: typeof collapsed === 'boolean' ? collapsed : fallback.collapsed,
    };
  };
  return { library: pane('library'), side: pane('side') };
}

/** Step sizes of the keyboard: an arrow moves 16 px, with Shift 64 px. */
const STEP = 16;
const BIG_STEP = 64;

/**
 * What a key on a splitter does to its pane, or undefined for a key it ignores. The library's
 * splitter is on its right edge, the side panel's on its left: ArrowRight widens the library and
 * narrows the side panel; on a folded pane, an arrow unfolds it. Home and End go to the limits;
 * Enter folds or unfolds the pane.
 * @example splitterKey(DEFAULT_LAYOUT, 'library', { key: 'ArrowRight', shiftKey: false }) // library 266 px
 */
export function splitterKey(layout: PaneLayout, pane: SidePane, event: { key: string; shiftKey: boolean }): PaneLayout | undefined {
  const current = layout[pane];
  const step = event.shiftKey ? BIG_STEP : STEP;
  const grow = pane === 'library' ? 1 : -1;
  const set = (width: number): PaneLayout => ({ ...layout, [pane]: { width: clampWidth(pane, width), collapsed: false } });
  switch (event.key) {
    // On a folded pane an arrow unfolds it, at the width it had.
    case 'ArrowRight':
      return set(current.collapsed ? current.width : current.width + grow * step);
    case 'ArrowLeft':
      return set(current.collapsed ? current.width : current.width - grow * step);
    case 'Home':
      return set(PANE_LIMITS[pane].min);
    case 'End':
      return set(PANE_LIMITS[pane].max);
    case 'Enter':
      return { ...layout, [pane]: { ...current, collapsed: !current.collapsed } };
    default:
      return undefined;
  }
}

/**
 * The most of the window each pane takes, whatever it was dragged to: the reader keeps the rest;
 * with two documents side by side, less, so each keeps a readable width.
 */
const WINDOW_SHARE: Readonly<Record<'one' | 'split', Readonly<Record<SidePane, number>>>> = {
  one: { library: 0.25, side: 0.32 },
  split: { library: 0.15, side: 0.21 },
};

/**
 * The layout as shown in a window `windowWidth` pixels wide (`split`: two documents side by side):
 * each pane at most its share of the window (and never under its minimum), so a width chosen in a wide window does not squeeze the
 * reader of a narrow one.
 * @example shownLayout(DEFAULT_LAYOUT, 1000).library.width // 250
 */
export function shownLayout(layout: PaneLayout, windowWidth: number, split = false): PaneLayout {
  const share = WINDOW_SHARE[split ? 'split' : 'one'];
  const cap = (pane: SidePane) => ({
    ...layout[pane],
    width: Math.max(PANE_LIMITS[pane].min, Math.min(layout[pane].width, Math.round(windowWidth * share[pane]))),
  });
  return { library: cap('library'), side: cap('side') };
}
