// The main window: made by createSecureWindow (its web preferences are decided and tested in
// main/desktop/secure-window.ts), size and position remembered. Navigation, pop-ups and <webview>
// are denied for every webContents in app.ts.
import { BrowserWindow, screen } from 'electron';
import { createSecureWindow } from '../desktop/secure-window.ts';
import { APP_ORIGIN } from '../desktop/url-policy.ts';
import { fitToDisplays, loadWindowState, saveWindowState, type WindowState } from '../desktop/window-state.ts';

export interface WindowOptions {
  readonly preloadPath: string;
  readonly stateFile: string;
  /** Set only in development (`electron-vite dev`). */
  readonly devServerUrl?: string;
}

export async function createMainWindow({ preloadPath, stateFile, devServerUrl }: WindowOptions): Promise<BrowserWindow> {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = fitToDisplays(await loadWindowState(stateFile), workAreas);
  const { maximized, ...bounds } = state;
  const window = createSecureWindow(
    BrowserWindow,
    { ...bounds, minWidth: 800, minHeight: 500, show: false, title: 'Claimbench' },
    preloadPath,
  );
  if (maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    const next: WindowState = { ...window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      saveWindowState(stateFile, next);
    } catch {
      // Losing the window position is not worth bothering the user about.
    }
  };
  window.on('close', remember);

  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
  return window;
}
