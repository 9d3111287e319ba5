// The built desktop entry point (out/main/index.js), booted under plain Node with a stand-in for
// the `electron` module (tests/support/electron-stand-in/electron.ts lists the Electron behaviours
// it assumes), in the layouts the desktop runtime sees: `electron .` on a copy of the build, the
// packaged app (resources/app.asar and app.asar.unpacked as electron-builder lays them out), and
// `electron-vite dev`. No Electron binary is needed, so this runs on every CI run; what only a real
// Electron can show (the sandboxed page, GPU, native dialogs, OS integration) is electron.spec.ts's.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { unwrapReply, type RpcReply } from '../../core/contract/rpc-reply.ts';
import { IPC_UPLOAD_CHANNEL, WORKBENCH_METHODS, ipcChannel } from '../../core/contract/workbench-api.ts';
import { APP_ROOT } from '../../main/app-paths.ts';
import { asarUnpackPatterns, layOutBuilt, layOutPackaged, workerDependencies } from '../support/desktop-layout.ts';
import { bootApp, type BootedApp } from '../support/electron-stand-in/boot-client.ts';

const OWN_FRAME = 'app://claimbench/index.html';

test.describe.configure({ mode: 'serial' });

let root: string;
test.beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'claimbench-boot-'));
});
test.afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Calls a method from our own frame, and unwraps main's reply as the renderer's client does. */
async function invoke<T>(app: BootedApp, method: string, ...args: unknown[]): Promise<T> {
  const reply = await app.command<RpcReply<T>>('invoke', { channel: ipcChannel(method as never), frameUrl: OWN_FRAME, args });
  if (!reply.ok) throw new Error(reply.message);
  return unwrapReply(reply.value) as T;
}

interface State {
  windows: { options: { webPreferences: Record<string, unknown> }; loadedUrls: string[] }[];
  channels: string[];
  schemes: string[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  errorBoxes: unknown[];
  sandboxEnabled: boolean;
  userData: string;
  menu: { label: string; submenu?: { label: string }[] }[];
  sent: string[];
}

async function state(app: BootedApp): Promise<State> {
  const reply = await app.command<State>('state');
  if (!reply.ok) throw new Error(reply.message);
  return reply.value;
}

async function pdfFile(dir: string): Promise<string> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage();
  page.drawText('The reservoir holds 40 percent of its capacity, the ministry said.', {
    x: 40,
    y: 700,
    size: 11,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  pdf.setTitle('Reservoir levels');
  const file = path.join(dir, 'reservoir.pdf');
  await writeFile(file, await pdf.save());
  return file;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 300; tries++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** What every layout must do: the checks the issue lists, through the real entry point. */
async function checkDesktopApp(app: BootedApp, expected: { appPath: string; workspace: string; packaged: boolean }): Promise<void> {
  expect(app.boot.errorBoxes, app.output()).toEqual([]);
  expect(app.boot.exitCode).toBeNull();

  // The workspace opened, and the sample was created in it.
  expect(existsSync(path.join(expected.workspace, 'workspace.json'))).toBe(true);
  expect(existsSync(path.join(expected.workspace, '.lock'))).toBe(true);

  const shell = await state(app);
  // Every contract method, and the upload channel, is registered over IPC; nothing else.
  expect(shell.channels).toEqual([...WORKBENCH_METHODS.map((method) => ipcChannel(method)), IPC_UPLOAD_CHANNEL].sort());
  // The window: secure preferences, the preload from the build, the page from app://.
  expect(shell.windows).toHaveLength(1);
  const window = shell.windows[0]!;
  expect(window.options.webPreferences).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    webviewTag: false,
  });
  const preload = String(window.options.webPreferences['preload']);
  expect(preload).toBe(path.join(expected.appPath, 'out', 'preload', 'index.cjs'));
  expect(existsSync(preload)).toBe(true);
  expect(window.loadedUrls).toEqual([OWN_FRAME]);
  expect(shell.sandboxEnabled).toBe(true);
  expect(shell.privilegedSchemes.map((entry) => entry.scheme)).toEqual(['app']);
  expect(shell.schemes).toEqual(['app']);
  // Permissions denied; navigation away prevented; a pop-up denied, its URL sent to the system browser.
  const policies = await app.command('policies');
  expect(policies.ok && policies.value).toEqual({
    permissions: { request: false, check: false, device: false },
    navigationPrevented: true,
    windowOpen: { action: 'deny' },
    openedExternally: ['https://example.org/article'],
  });
  const viewMenu = shell.menu.find((item) => item.label === '&View')!;
  expect(viewMenu.submenu!.some((item) => item.label === 'toggleDevTools')).toBe(!expected.packaged);

  // app:// serves the renderer with the CSP, and 404 for a missing file.
  const page = await app.command<{ status: number; headers: Record<string, string>; text: string }>('fetch', {
    url: 'app://claimbench/index.html',
  });
  expect(page.ok && page.value.status).toBe(200);
  if (!page.ok) return;
  expect(page.value.headers['content-security-policy']).toContain("default-src 'self'");
  expect(page.value.text).toContain('http-equiv="Content-Security-Policy"');
  const script = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(page.value.text)?.[1];
  expect(script).toBeDefined();
  const asset = await app.command<{ status: number; size: number }>('fetch', { url: `app://claimbench/${script}` });
  expect(asset.ok && asset.value.status).toBe(200);
  const missing = await app.command<{ status: number; headers: Record<string, string> }>('fetch', {
    url: 'app://claimbench/no-such-file.js',
  });
  expect(missing.ok && missing.value.status).toBe(404);
  expect(missing.ok && missing.value.headers['content-security-policy']).toBeTruthy();

  // A call from the app's own frame answers; one from any other frame is refused.
  const documents = await invoke<{ meta: { title: string } }[]>(app, 'listDocuments');
  expect(documents).toHaveLength(3);
  const foreign = await app.command('invoke', { channel: ipcChannel('listDocuments'), frameUrl: 'https://attacker.example/', args: [] });
  expect(foreign.ok).toBe(false);
  expect(!foreign.ok && foreign.message).toContain('refused listDocuments from https://attacker.example/');
  // Our frame's bad arguments are answered, not thrown: the reply's code says what was wrong.
  const badArguments = await app.command('invoke', { channel: ipcChannel('getDocument'), frameUrl: OWN_FRAME, args: [42] });
  expect(badArguments.ok && badArguments.value).toMatchObject({ error: { code: 'invalid-arguments' } });

  // File › Import…: the native dialog's choice goes through the import pipeline, the PDF through
  // its worker thread (loaded from the layout's own worker path).
  const text = path.join(root, 'statement.txt');
  await writeFile(text, 'The mayor said the water is safe to drink.\n');
  const pdf = await pdfFile(root);
  const clicked = await app.command('menu', { path: ['&File', 'Import…'], dialogAnswer: { canceled: false, filePaths: [text, pdf] } });
  expect(clicked.ok).toBe(true);
  const imported = await waitFor(async () => {
    const list = await invoke<{ meta: { title: string } }[]>(app, 'listDocuments');
    return list.length === 5 ? list : undefined;
  }, 'the two imported files');
  expect(imported.map((document) => document.meta.title)).toEqual(expect.arrayContaining(['Reservoir levels']));
  expect((await state(app)).sent).toEqual(expect.arrayContaining(['didProgressImport', 'didChangeDocuments']));

  // A file dropped on the window: its bytes go over the upload channel, then importUploads names them.
  const dropped = await app.command<RpcReply<{ uploadId: string }>>('invoke', {
    channel: IPC_UPLOAD_CHANNEL,
    frameUrl: OWN_FRAME,
    args: [{ $bytes: Buffer.from('Dropped note: the council met on Tuesday.\n').toString('base64') }],
  });
  expect(dropped.ok, dropped.ok ? '' : dropped.message).toBe(true);
  if (!dropped.ok) return;
  const { uploadId } = unwrapReply(dropped.value) as { uploadId: string };
  const outcomes = await invoke<{ status: string }[]>(app, 'importUploads', 'boot-drop', [{ uploadId, name: 'dropped-note.txt' }]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['imported']);
  const foreignUpload = await app.command('invoke', {
    channel: IPC_UPLOAD_CHANNEL,
    frameUrl: 'https://attacker.example/',
    args: [{ $bytes: 'AAAA' }],
  });
  expect(foreignUpload.ok).toBe(false);

  // An export runs in its worker thread, and app:// offers the file for saving.
  const exported = await invoke<{ ok: boolean; value: { downloadId: string; fileName: string; files: number } }>(
    app,
    'exportBundle',
    'boot-export',
    { format: 'bundle', originals: true, sign: false },
  );
  expect(exported.ok).toBe(true);
  const download = await app.command<{ status: number; headers: Record<string, string>; size: number }>('fetch', {
    url: `app://claimbench/api/download/${exported.value.downloadId}`,
  });
  expect(download.ok && download.value.status).toBe(200);
  expect(download.ok && download.value.headers['content-disposition']).toContain('.claimbundle');
  expect(download.ok && download.value.size).toBeGreaterThan(1000);
}

async function quitAndCheck(app: BootedApp, workspace: string): Promise<void> {
  await app.command('quit');
  expect(await app.exited).toBe(0);
  // The workspace was closed: its lock is released.
  expect(existsSync(path.join(workspace, '.lock'))).toBe(false);
}

test('`electron .` on the build: boots on a fresh user-data folder, serves, answers IPC, imports, exports and quits cleanly', async () => {
  const appPath = layOutBuilt(root);
  const home = path.join(root, 'home');
  const app = await bootApp({ appPath, home });
  try {
    // No --workspace: the default one in the fresh user-data folder.
    const workspace = path.join(home, '.config', 'Claimbench', 'workspace');
    await checkDesktopApp(app, { appPath, workspace, packaged: false });
    expect((await state(app)).userData).toBe(path.join(home, '.config', 'Claimbench'));
    await quitAndCheck(app, workspace);
  } finally {
    app.kill();
  }
});

test('the packaged layout (app.asar and app.asar.unpacked): paths inside the package, workers from the unpacked side', async () => {
  const asar = layOutPackaged(root);
  const home = path.join(root, 'home');
  const workspace = path.join(root, 'packaged-workspace');
  const app = await bootApp({
    appPath: asar,
    home,
    packaged: true,
    appArgs: ['--workspace', workspace],
    env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
  });
  try {
    // A package ignores a dev server URL in its environment.
    await checkDesktopApp(app, { appPath: asar, workspace, packaged: true });
    await quitAndCheck(app, workspace);
  } finally {
    app.kill();
  }
});

test('`electron-vite dev`: the window loads the dev server, whose frames may call the service', async () => {
  const appPath = layOutBuilt(root);
  const workspace = path.join(root, 'dev-workspace');
  const app = await bootApp({
    appPath,
    home: path.join(root, 'home'),
    appArgs: ['--workspace', workspace],
    env: { ELECTRON_RENDERER_URL: 'http://localhost:5173' },
  });
  try {
    expect(app.boot.errorBoxes).toEqual([]);
    expect((await state(app)).windows[0]!.loadedUrls).toEqual(['http://localhost:5173']);
    const fromDev = await app.command<RpcReply<unknown[]>>('invoke', {
      channel: ipcChannel('listDocuments'),
      frameUrl: 'http://localhost:5173/',
      args: [],
    });
    expect(fromDev.ok && unwrapReply(fromDev.value)).toHaveLength(3);
    const fromElsewhere = await app.command('invoke', {
      channel: ipcChannel('listDocuments'),
      frameUrl: 'http://localhost:5174/',
      args: [],
    });
    expect(fromElsewhere.ok).toBe(false);
    await quitAndCheck(app, workspace);
  } finally {
    app.kill();
  }
});

test('File › Open workspace… switches workspaces: the first is closed and unlocked, the second opened', async () => {
  const appPath = layOutBuilt(root);
  const first = path.join(root, 'first');
  const second = path.join(root, 'second');
  const app = await bootApp({ appPath, home: path.join(root, 'home'), appArgs: ['--workspace', first] });
  try {
    expect(existsSync(path.join(first, '.lock'))).toBe(true);
    await app.command('menu', { path: ['&File', 'Open workspace…'], dialogAnswer: { canceled: false, filePaths: [second] } });
    await waitFor(
      async () => (existsSync(path.join(second, '.lock')) && !existsSync(path.join(first, '.lock')) ? true : undefined),
      'the switch',
    );
    expect(await invoke<unknown[]>(app, 'listDocuments')).toHaveLength(3);
    await quitAndCheck(app, second);
  } finally {
    app.kill();
  }
});

test('a workspace that cannot be opened shows one error box and exits 1', async () => {
  const appPath = layOutBuilt(root);
  const notAFolder = path.join(root, 'file');
  await writeFile(notAFolder, 'not a workspace');
  const app = await bootApp({ appPath, home: path.join(root, 'home'), appArgs: ['--workspace', notAFolder] });
  expect(app.boot.errorBoxes).toHaveLength(1);
  expect(JSON.stringify(app.boot.errorBoxes[0])).toContain('Claimbench cannot open the workspace');
  expect(await app.exited).toBe(1);
});

test('electron-builder.yml unpacks every package the built worker threads import', async () => {
  const patterns = asarUnpackPatterns();
  expect(patterns).toContain('out/main/**');
  const needed = [...workerDependencies()];
  expect(needed).toEqual(expect.arrayContaining(['pdfjs-dist', 'pg']));
  // The packages every start loads are inside the build (STARTUP_PACKAGES in electron.vite.config.ts).
  expect(needed).not.toContain('zod');
  const missing = needed.filter((name) => !patterns.some((pattern) => path.matchesGlob(`node_modules/${name}/package.json`, pattern)));
  expect(missing, 'add these to asarUnpack in electron-builder.yml').toEqual([]);
  // And nothing in the build still finds its files from where its own module sits.
  for (const file of await readdir(path.join(APP_ROOT, 'out', 'main'))) {
    if (!file.endsWith('.js')) continue;
    // electron-vite's CommonJS shims leave a bare `import.meta.dirname;` statement in an entry: it reads nothing.
    const source = (await readFile(path.join(APP_ROOT, 'out', 'main', file), 'utf8')).replace(/^import\.meta\.dirname;$/gm, '');
    expect(source.match(/import\.meta\.dirname/g)?.length ?? 0, file).toBeLessThanOrEqual(file === 'index.js' ? 1 : 0);
  }
});

test('the built preload, run as a sandboxed preload is (CommonJS, only `electron` to require), exposes the contract and nothing else', async () => {
  const { runInNewContext } = await import('node:vm');
  const source = await readFile(path.join(APP_ROOT, 'out', 'preload', 'index.cjs'), 'utf8');
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => invoked.push({ channel, args }),
      on: () => {},
      removeListener: () => {},
    },
  };
  // A sandboxed preload gets a require that knows only a few modules; anything else throws.
  const sandboxRequire = (name: string) => {
    if (name === 'electron') return electron;
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  runInNewContext(source, { require: sandboxRequire, module, exports: module.exports, console });
  expect([...exposed.keys()]).toEqual(['claimbench']);
  const bridge = exposed.get('claimbench')!;
  expect(Object.keys(bridge).sort()).toEqual([...WORKBENCH_METHODS, 'subscribe', 'upload'].sort());
  await (bridge['listDocuments'] as () => Promise<unknown>)();
  expect(invoked).toEqual([{ channel: ipcChannel('listDocuments'), args: [] }]);
});
