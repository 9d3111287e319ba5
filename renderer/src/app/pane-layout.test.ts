import { describe, expect, it } from 'vitest';
import { clampWidth, DEFAULT_LAYOUT, PANE_LIMITS, parseLayout, shownLayout, splitterKey, type PaneLayout } from './pane-layout.ts';

describe('parseLayout', () => {
  it.each([
    ['nothing stored', null, DEFAULT_LAYOUT],
    ['not JSON', '{oops', DEFAULT_LAYOUT],
    ['not an object', '42', DEFAULT_LAYOUT],
    [
      'a stored layout',
      JSON.stringify({ library: { width: 300, collapsed: true }, side: { width: 400, collapsed: false } }),
      { library: { width: 300, collapsed: true }, side: { width: 400, collapsed: false } },
    ],
    [
      'widths outside the limits, kept inside',
      JSON.stringify({ library: { width: 5, collapsed: false }, side: { width: 99999, collapsed: false } }),
      { library: { width: PANE_LIMITS.library.min, collapsed: false }, side: { width: PANE_LIMITS.side.max, collapsed: false } },
    ],
    [
      'wrong types, the defaults for those fields',
      JSON.stringify({ library: { width: '300', collapsed: 'yes' }, side: null }),
      DEFAULT_LAYOUT,
    ],
  ])('%s', (_name, stored, expected) => {
    expect(parseLayout(stored)).toEqual(expected);
  });
});

describe('clampWidth', () => {
  it('rounds and keeps inside the limits; NaN goes to the minimum', () => {
    expect(clampWidth('library', 250.6)).toBe(251);
    expect(clampWidth('side', 10)).toBe(PANE_LIMITS.side.min);
    expect(clampWidth('side', Number.NaN)).toBe(PANE_LIMITS.side.min);
  });
});

describe('splitterKey', () => {
  const layout: PaneLayout = { library: { width: 250, collapsed: false }, side: { width: 320, collapsed: false } };
  const folded: PaneLayout = { ...layout, side: { width: 320, collapsed: true } };
  it.each<[string, PaneLayout, 'library' | 'side', string, boolean, PaneLayout | undefined]>([
    ['ArrowRight widens the library', layout, 'library', 'ArrowRight', false, { ...layout, library: { width: 266, collapsed: false } }],
    ['Shift+ArrowLeft narrows it by 64', layout, 'library', 'ArrowLeft', true, { ...layout, library: { width: 186, collapsed: false } }],
    [
      'ArrowRight narrows the side panel (its splitter is on its left)',
      layout,
      'side',
      'ArrowRight',
      false,
      { ...layout, side: { width: 304, collapsed: false } },
    ],
    ['ArrowLeft widens it', layout, 'side', 'ArrowLeft', false, { ...layout, side: { width: 336, collapsed: false } }],
    ['Home goes to the minimum', layout, 'side', 'Home', false, { ...layout, side: { width: PANE_LIMITS.side.min, collapsed: false } }],
    ['End to the maximum', layout, 'library', 'End', false, { ...layout, library: { width: PANE_LIMITS.library.max, collapsed: false } }],
    ['Enter folds', layout, 'side', 'Enter', false, folded],
    ['Enter unfolds', folded, 'side', 'Enter', false, layout],
    ['an arrow unfolds a folded pane at its width', folded, 'side', 'ArrowRight', false, layout],
    ['other keys are ignored', layout, 'library', 'a', false, undefined],
  ])('%s', (_name, before, pane, key, shiftKey, expected) => {
    expect(splitterKey(before, pane, { key, shiftKey })).toEqual(expected);
  });
});

describe('shownLayout', () => {
  const wide: PaneLayout = { library: { width: 480, collapsed: false }, side: { width: 600, collapsed: true } };
  it('caps each pane at its share of the window, never under its minimum, and keeps folding', () => {
    expect(shownLayout(wide, 2400)).toEqual(wide);
    expect(shownLayout(wide, 1000)).toEqual({ library: { width: 250, collapsed: false }, side: { width: 320, collapsed: true } });
    expect(shownLayout(wide, 1400, true)).toEqual({ library: { width: 210, collapsed: false }, side: { width: 294, collapsed: true } });
    expect(shownLayout(wide, 500)).toEqual({
      library: { width: PANE_LIMITS.library.min, collapsed: false },
      side: { width: PANE_LIMITS.side.min, collapsed: true },
    });
  });
});
