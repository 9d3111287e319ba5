// The main window: secure web preferences, navigation and pop-ups denied, size and position remembered.
import path from 'node:path';
import { BrowserWindow, screen, shell } from 'electron';
import { APP_ORIGIN, isOwnUrl, isSafeExternalUrl } from '../desktop/url-policy.ts';
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
  const window = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Claimbench',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url, devServerUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  const remember = () => {
    const bounds = window.getNormalBounds();
    const next: WindowState = { ...bounds, maximized: window.isMaximized() };
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

export function preloadPathFor(mainDir: string): string {
  return path.join(mainDir, '..', 'preload', 'index.cjs');
}
