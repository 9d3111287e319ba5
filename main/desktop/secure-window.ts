// The one way the app makes a window: the caller chooses its size and title, this module alone
// chooses its web preferences. Electron's BrowserWindow is passed in, so the options Electron would
// receive are checked by a unit test in plain Node (main/desktop/secure-window.test.ts).

/** What a caller may choose about a window: anything except its web preferences. */
export interface WindowChoices {
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly minWidth?: number;
  readonly minHeight?: number;
  readonly show?: boolean;
  readonly title?: string;
}

/** Electron's BrowserWindow constructor, or a test's stand-in. */
export type WindowConstructor<Window> = new (options: WindowChoices & { readonly webPreferences: SecureWebPreferences }) => Window;

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly disableBlinkFeatures: 'Auxclick';
  readonly spellcheck: false;
}

/**
 * Makes a window whose page runs sandboxed, isolated from the preload, without Node, and with
 * nothing experimental switched on. A `webPreferences` smuggled into `choices` is overwritten.
 *
 * @example createSecureWindow(BrowserWindow, { width: 1200, height: 800, title: 'Claimbench' }, preloadPath)
 */
export function createSecureWindow<Window>(BrowserWindow: WindowConstructor<Window>, choices: WindowChoices, preloadPath: string): Window {
  // Written out at the `new` on purpose: Electronegativity reads web preferences only from a literal
  // in a `new BrowserWindow(...)`. (eslint-plugin-electron-security looks only at electron's own
  // BrowserWindow, so here the unit test is the guard.)
  return new BrowserWindow({
    ...choices,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // No <webview>: a page that could embed one could load anything in it.
      webviewTag: false,
      // A file dropped outside the drop zone must not replace the app with that file.
      navigateOnDragDrop: false,
      // Middle-click would otherwise open links without going through the window-open handler's checks.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
}
