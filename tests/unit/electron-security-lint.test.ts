// Electron's security checklist is partly enforced by eslint-plugin-electron-security (wired in
// eslint.config.js for main/ and preload/). This proves each rule we rely on is switched on, at
// error level, for the files it guards: a bad sample linted as if it sat there must be reported.
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The rule ids reported at error level for `code` placed at `file`. */
async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((message) => message.severity === 2).map((message) => message.ruleId ?? message.message);
}

const SHELL = 'main/electron/x.ts';
const PRELOAD = 'preload/x.ts';

describe('eslint-plugin-electron-security', () => {
  it.each([
    [
      'no-raw-electron-api-exposure',
      PRELOAD,
      "import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('claimbench', { ipcRenderer });",
    ],
    [
      'no-raw-electron-api-exposure',
      PRELOAD,
      "import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('claimbench', { on: ipcRenderer.on });",
    ],
    [
      'no-raw-electron-api-exposure',
      PRELOAD,
      "import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('claimbench', {\n  subscribe: (channel: string, listener: (...args: unknown[]) => void) => {\n    ipcRenderer.on(channel, (event, ...args) => listener(event, ...args));\n  },\n});",
    ],
    [
      'no-context-isolation-disabled',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });",
    ],
    [
      'no-sandbox-disabled',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { sandbox: false } });",
    ],
    [
      'no-web-security-disabled',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { webSecurity: false } });",
    ],
    [
      'no-allow-running-insecure-content',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { allowRunningInsecureContent: true } });",
    ],
    [
      'no-experimental-features',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { experimentalFeatures: true } });",
    ],
    [
      'no-enable-blink-features',
      SHELL,
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { enableBlinkFeatures: 'CSSVariables' } });",
    ],
    ['require-factory', SHELL, "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ width: 800 });"],
    [
      'no-file-protocol-load-url',
      SHELL,
      "import { BrowserWindow } from 'electron';\nconst w = new BrowserWindow({});\nvoid w.loadURL('file:///opt/claimbench/index.html');",
    ],
    [
      'no-insecure-load-url',
      SHELL,
      "import { BrowserWindow } from 'electron';\nconst w = new BrowserWindow({});\nvoid w.loadURL('http://example.org/');",
    ],
    [
      'require-navigation-allowlist',
      SHELL,
      "import type { WebContents } from 'electron';\nexport const watch = (c: WebContents) => c.on('will-navigate', (_event, url) => console.log(url));",
    ],
    [
      'require-window-open-handler',
      SHELL,
      "import type { WebContents } from 'electron';\nexport const allow = (c: WebContents) => c.setWindowOpenHandler(() => ({ action: 'allow' }));",
    ],
    [
      'require-permission-request-handler',
      SHELL,
      "import { session } from 'electron';\nsession.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => {\n  callback(true);\n});",
    ],
    ['require-ipc-sender-validation', SHELL, "import { ipcMain } from 'electron';\nipcMain.handle('save', (_event, payload) => payload);"],
    [
      'require-factory',
      SHELL,
      "import { ipcMain } from 'electron';\nipcMain.handle('save', (event, payload) => {\n  if (!isOwnFrame(event.senderFrame)) throw new Error('no');\n  return payload;\n});\ndeclare function isOwnFrame(frame: unknown): boolean;",
    ],
    [
      'no-open-external-with-dynamic-url',
      SHELL,
      "import { shell } from 'electron';\nexport const open = (url: string) => shell.openExternal(url);",
    ],
    [
      'require-factory',
      'main/electron/menu.ts',
      "import { shell } from 'electron';\nexport const open = () => shell.openExternal('https://example.org/');",
    ],
    [
      'require-csp',
      SHELL,
      "export const headers = { 'Content-Security-Policy': [\"default-src 'self'; script-src 'self' 'unsafe-inline'\"] };",
    ],
    [
      'require-secure-fuses',
      SHELL,
      "import { FuseV1Options, FuseVersion } from '@electron/fuses';\nexport const fuses = { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: true };",
    ],
  ])('%s reports %s', async (rule, file, code) => {
    expect(await errorsFor(file, code)).toContain(`electron-security/${rule}`);
  });

  it.each([
    [
      PRELOAD,
      "import { contextBridge, ipcRenderer } from 'electron';\ncontextBridge.exposeInMainWorld('claimbench', {\n  getDocument: (id: string) => ipcRenderer.invoke('workbench:getDocument', id),\n});",
    ],
    [
      'main/electron/app.ts',
      "import { shell } from 'electron';\nimport { safeExternalUrl } from '../desktop/url-policy.ts';\nexport function open(url: string): void {\n  const external = safeExternalUrl(url);\n  if (external === undefined) return;\n  void shell.openExternal(external);\n}",
    ],
  ])('accepts the shape the app uses, in %s', async (file, code) => {
    expect((await errorsFor(file, code)).filter((rule) => rule.startsWith('electron-security/'))).toEqual([]);
  });
});
