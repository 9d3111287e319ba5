// The desktop window's remembered size and position, kept in the user data folder.
import { renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1400, height: 900, maximized: false };

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Reads the saved state; anything missing or malformed gives the default. */
export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    return WindowState.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

/** Synchronous on purpose: it runs as the window closes, just before the process may exit. */
export function saveWindowState(file: string, state: WindowState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

/**
 * Keeps a saved position only if the window would still be visible on one of today's displays
 * (a monitor may have been unplugged since); otherwise lets the OS place it.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some(
    (area) => x + 100 <= area.x + area.width && x + state.width - 100 >= area.x && y >= area.y && y + 50 <= area.y + area.height,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
