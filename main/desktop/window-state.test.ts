import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTempDir } from '../../tests/support/temp-dir.ts';
import { DEFAULT_WINDOW_STATE, fitToDisplays, loadWindowState, saveWindowState } from './window-state.ts';

describe('window state', () => {
  it('round-trips through its file', () =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'window-state.json');
      const state = { x: 10, y: 20, width: 1200, height: 800, maximized: true };
      saveWindowState(file, state);
      expect(await loadWindowState(file)).toEqual(state);
    }));

  it.each([
    ['missing', null],
    ['corrupt', '{"x":'],
    ['absurd', JSON.stringify({ width: 5, height: 99999999 })],
  ])('falls back to the default when the file is %s', (_name, content) =>
    withTempDir(async (dir) => {
      const file = path.join(dir, 'window-state.json');
      if (content !== null) await writeFile(file, content);
      expect(await loadWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    }),
  );

  it('forgets a position on a display that is gone', () => {
    const state = { x: 3000, y: 100, width: 1000, height: 700, maximized: false };
    const laptop = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(fitToDisplays(state, laptop)).toEqual({ width: 1000, height: 700, maximized: false });
    const withMonitor = [...laptop, { x: 1920, y: 0, width: 2560, height: 1440 }];
    expect(fitToDisplays(state, withMonitor)).toEqual(state);
  });
});
