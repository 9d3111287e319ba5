// A stand-in for the `electron` module's main-process API, so the built desktop entry point
// (out/main/index.js) can boot under plain Node where no Electron binary can be had. It records
// what the shell does and lets a test drive it (launch.ts reads the test's commands).
//
// It imitates Electron's documented behaviour where the shell depends on it; each assumption is
// listed here so a reader can check it against https://www.electronjs.org/docs/latest/api/:
// - app.getAppPath() is the folder holding the app's package.json (`electron .` → that folder; a
//   package → resources/app.asar). app.isPackaged is false for `electron .`, true in a package.
// - app.whenReady() resolves after the main script's top level has run; protocol.registerSchemes-
//   AsPrivileged throws once the app is ready ("can only be called before app is ready").
// - app.quit() emits 'before-quit' (cancellable with preventDefault), then closes the windows,
//   then 'will-quit' and 'quit', then the process exits 0; app.exit(code) exits at once, no events.
// - ipcMain.handle throws when a channel already has a handler; an error thrown by a handler
//   reaches the renderer as "Error invoking remote method '<channel>': <Error: message>".
// - A new BrowserWindow emits app 'web-contents-created' with its webContents; 'ready-to-show'
//   follows its first loadURL. BrowserWindow.getAllWindows() lists the windows not closed.
// - dialog.show*Dialog resolve with the test's queued answer (a native dialog cannot be shown here).
// What it cannot show (GPU, native dialogs and menus, OS integration, the sandboxed renderer itself)
// only a run of the real binary can: tests/e2e/electron.spec.ts does that where one exists.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type Listener = (...args: unknown[]) => unknown;

/** Everything the shell did, for the test to read. */
export const record = {
  calls: [] as { api: string; args: unknown[] }[],
  errorBoxes: [] as { title: string; content: string }[],
  privilegedSchemes: [] as unknown[],
  sent: [] as { channel: string; args: unknown[] }[],
  openedExternally: [] as string[],
  applicationMenu: undefined as unknown,
  permissionHandlers: new Map<string, Listener>(),
  sandboxEnabled: false,
  exitCode: undefined as number | undefined,
};

const state = {
  appPath: process.cwd(),
  isPackaged: false,
  ready: false,
  paths: new Map<string, string>(),
  dialogAnswers: [] as unknown[],
};

function note(api: string, ...args: unknown[]): void {
  record.calls.push({ api, args });
}

/** Set by the launcher before the app's entry point runs. */
export function configure(options: { appPath: string; isPackaged: boolean; home: string }): void {
  state.appPath = options.appPath;
  state.isPackaged = options.isPackaged;
  for (const name of ['home', 'appData', 'userData', 'temp', 'downloads', 'documents', 'desktop', 'logs']) {
    state.paths.set(name, name === 'temp' ? os.tmpdir() : path.join(options.home, name));
  }
}

let beforeExit: (code: number) => void = () => {};
/** Runs synchronously when the app calls app.exit, before the process ends. */
export function onExit(hook: (code: number) => void): void {
  beforeExit = hook;
}

/** A dialog answer for the next show*Dialog call. */
export function queueDialogAnswer(answer: unknown): void {
  state.dialogAnswers.push(answer);
}

let resolveReady: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => (resolveReady = resolve));

class App extends EventEmitter {
  get isPackaged(): boolean {
    return state.isPackaged;
  }
  getAppPath(): string {
    return state.appPath;
  }
  getName(): string {
    return this.manifest().productName ?? this.manifest().name;
  }
  getVersion(): string {
    return this.manifest().version;
  }
  private manifest(): { name: string; productName?: string; version: string } {
    return JSON.parse(readFileSync(path.join(state.appPath, 'package.json'), 'utf8')) as {
      name: string;
      productName?: string;
      version: string;
    };
  }
  getPath(name: string): string {
    const value = state.paths.get(name);
    if (value === undefined) throw new Error(`Failed to get '${name}' path`);
    return value;
  }
  setPath(name: string, value: string): void {
    note('app.setPath', name, value);
    state.paths.set(name, value);
  }
  enableSandbox(): void {
    if (state.ready) throw new Error('app.enableSandbox() can only be called before app is ready');
    record.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  isReady(): boolean {
    return state.ready;
  }
  whenReady(): Promise<void> {
    return readyPromise;
  }
  /** Called by the launcher once the entry point's top level has run. */
  markReady(): void {
    state.ready = true;
    this.emit('ready');
    resolveReady();
  }
  quit(): void {
    note('app.quit');
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    for (const window of BrowserWindow.getAllWindows()) window.close();
    this.emit('will-quit', { preventDefault: () => {} });
    this.emit('quit', {}, 0);
    record.exitCode = 0;
    // Like Electron, the process ends once the app has quit.
    setImmediate(() => process.exit(0));
  }
  exit(code = 0): void {
    note('app.exit', code);
    record.exitCode = code;
    beforeExit(code);
    setImmediate(() => process.exit(code));
  }
}

export const app = new App();

class WebContents extends EventEmitter {
  readonly id: number;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  url = '';
  constructor(id: number) {
    super();
    this.id = id;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    record.sent.push({ channel, args });
  }
  getURL(): string {
    return this.url;
  }
  reload(): void {
    note('webContents.reload');
  }
}

let nextWindowId = 1;
const openWindows = new Set<BrowserWindow>();

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return [...openWindows];
  }
  readonly id = nextWindowId++;
  readonly options: Record<string, unknown>;
  readonly webContents: WebContents;
  loadedUrls: string[] = [];
  private bounds: { x: number; y: number; width: number; height: number };
  private maximized = false;
  visible = false;
  constructor(options: Record<string, unknown> = {}) {
    super();
    if (!state.ready) throw new Error('Cannot create BrowserWindow before app is ready');
    this.options = options;
    this.bounds = {
      x: Number(options['x'] ?? 0),
      y: Number(options['y'] ?? 0),
      width: Number(options['width'] ?? 800),
      height: Number(options['height'] ?? 600),
    };
    this.visible = options['show'] !== false;
    this.webContents = new WebContents(this.id);
    openWindows.add(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.url = url;
    setImmediate(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  close(): void {
    if (!openWindows.has(this)) return;
    this.emit('close', { preventDefault: () => {} });
    openWindows.delete(this);
    this.emit('closed');
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class IpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke(channel, ...args) from a frame at `frameUrl` would get back. */
  async invokeFrom(
    frameUrl: string,
    channel: string,
    args: unknown[],
  ): Promise<{ ok: true; value: unknown } | { ok: false; message: string }> {
    const handler = this.handlers.get(channel);
    if (handler === undefined)
      return { ok: false, message: `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'` };
    try {
      // Arguments cross the process boundary by structured clone.
      const value = await handler({ senderFrame: { url: frameUrl }, sender: undefined }, ...structuredClone(args));
      return { ok: true, value: structuredClone(value) };
    } catch (error) {
      return { ok: false, message: `Error invoking remote method '${channel}': ${String(error)}` };
    }
  }
}

export const ipcMain = new IpcMain();

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    if (state.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme '${scheme}' is already handled`);
    this.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return this.handlers.has(scheme);
  },
};

const defaultSession = {
  setPermissionRequestHandler: (handler: Listener) => record.permissionHandlers.set('request', handler),
  setPermissionCheckHandler: (handler: Listener) => record.permissionHandlers.set('check', handler),
  setDevicePermissionHandler: (handler: Listener) => record.permissionHandlers.set('device', handler),
  on: () => {},
};

export const session = {
  get defaultSession() {
    if (!state.ready) throw new Error('session.defaultSession can only be used after app is ready');
    return defaultSession;
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu: (menu: unknown) => {
    record.applicationMenu = menu;
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record.errorBoxes.push({ title, content });
  },
  async showOpenDialog(...args: unknown[]): Promise<unknown> {
    note('dialog.showOpenDialog', ...args);
    return state.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
  },
  async showSaveDialog(...args: unknown[]): Promise<unknown> {
    note('dialog.showSaveDialog', ...args);
    return state.dialogAnswers.shift() ?? { canceled: true };
  },
  async showMessageBox(...args: unknown[]): Promise<unknown> {
    note('dialog.showMessageBox', ...args);
    return { response: 0, checkboxChecked: false };
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record.openedExternally.push(url);
  },
};

export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
};

export const nativeTheme = Object.assign(new EventEmitter(), {
  themeSource: 'system' as 'system' | 'light' | 'dark',
  shouldUseDarkColors: false,
});

export default { app, BrowserWindow, ipcMain, protocol, session, Menu, dialog, shell, screen, nativeTheme };
