import { describe, expect, it } from 'vitest';
import { createSecureWindow, type WindowChoices, type SecureWebPreferences } from './secure-window.ts';

/** Records what Electron's BrowserWindow would have been given. */
class RecordingWindow {
  readonly options: WindowChoices & { readonly webPreferences: SecureWebPreferences };
  constructor(options: WindowChoices & { readonly webPreferences: SecureWebPreferences }) {
    this.options = options;
  }
}

const preloadPath = '/opt/claimbench/resources/app.asar/out/preload/index.cjs';

function preferencesOf(choices: WindowChoices = {}): Record<string, unknown> {
  return { ...createSecureWindow(RecordingWindow, choices, preloadPath).options.webPreferences };
}

describe('createSecureWindow', () => {
  // Electron's security checklist, item by item (https://www.electronjs.org/docs/latest/tutorial/security).
  it.each([
    ['contextIsolation', true],
    ['sandbox', true],
    ['nodeIntegration', false],
    ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false],
    ['webSecurity', true],
    ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false],
    ['webviewTag', false],
    ['navigateOnDragDrop', false],
  ])('sets %s to %s', (key, value) => {
    expect(preferencesOf()[key]).toBe(value);
  });

  it('enables no Blink feature and disables middle-click navigation', () => {
    const preferences = preferencesOf();
    expect(preferences).not.toHaveProperty('enableBlinkFeatures');
    expect(preferences['disableBlinkFeatures']).toBe('Auxclick');
  });

  it('sets nothing else: a new preference is a decision for this module and its test', () => {
    expect(Object.keys(preferencesOf()).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'disableBlinkFeatures',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it("passes the preload path and the caller's choices through", () => {
    const { options } = createSecureWindow(RecordingWindow, { width: 1200, height: 800, title: 'Claimbench', show: false }, preloadPath);
    expect(options).toMatchObject({ width: 1200, height: 800, title: 'Claimbench', show: false });
    expect(options.webPreferences.preload).toBe(preloadPath);
  });

  it('ignores web preferences smuggled in with the choices', () => {
    const smuggled = { title: 'x', webPreferences: { sandbox: false, contextIsolation: false, nodeIntegration: true } } as WindowChoices;
    expect(preferencesOf(smuggled)).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});
