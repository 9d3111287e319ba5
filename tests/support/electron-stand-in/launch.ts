// Boots a built Claimbench as `electron .` (or a packaged app) would, with the stand-in in place of
// the `electron` module, then answers a test's commands. Run by boot-client.ts:
//
//   node [--preserve-symlinks] launch.ts --app DIR [--packaged] [--home DIR] -- [the app's arguments]
//
// The app's entry is package.json's "main" inside DIR, as Electron resolves it. Commands arrive on
// standard input and replies leave on file descriptor 3, one JSON object per line, so nothing the
// app prints can be mistaken for a reply.
import { readFileSync, writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import * as standIn from './electron.ts';

const STAND_IN_URL = pathToFileURL(path.join(import.meta.dirname, 'electron.ts')).href;

interface Options {
  readonly appPath: string;
  readonly isPackaged: boolean;
  readonly home: string;
  readonly appArgs: string[];
}

function parseArguments(argv: string[]): Options {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const valueOf = (flag: string) => (own.includes(flag) ? own[own.indexOf(flag) + 1] : undefined);
  const appPath = valueOf('--app');
  if (appPath === undefined) throw new Error('launch.ts needs --app DIR');
  return {
    appPath: path.resolve(appPath),
    isPackaged: own.includes('--packaged'),
    home: valueOf('--home') ?? path.join(appPath, '..', 'home'),
    appArgs: split < 0 ? [] : argv.slice(split + 1),
  };
}

// Written synchronously, so a reply is never lost when the app ends the process right after.
function reply(message: object): void {
  writeSync(3, `${JSON.stringify(message)}\n`);
}

/** The menu item reached by following labels from the application menu's top level. */
function menuItem(labels: string[]): { click?: () => void } | undefined {
  let items = (standIn.record.applicationMenu as { template?: unknown[] } | undefined)?.template as
    { label?: string; submenu?: unknown }[] | undefined;
  let found: { label?: string; submenu?: unknown; click?: () => void } | undefined;
  for (const label of labels) {
    found = items?.find((item) => item.label === label);
    items = Array.isArray(found?.submenu) ? (found.submenu as { label?: string }[]) : undefined;
  }
  return found;
}

function labelsOf(items: unknown): unknown[] {
  if (!Array.isArray(items)) return [];
  return items.map((item: { label?: string; role?: string; submenu?: unknown }) => ({
    label: item.label ?? item.role ?? '',
    ...(Array.isArray(item.submenu) ? { submenu: labelsOf(item.submenu) } : {}),
  }));
}

/** The policies the shell put on the window and session, exercised the way Electron would call them. */
function exercisePolicies(): object {
  const contents = standIn.BrowserWindow.getAllWindows()[0]?.webContents;
  let navigationPrevented: boolean | undefined;
  let windowOpen: unknown;
  if (contents !== undefined) {
    navigationPrevented = false;
    contents.emit('will-navigate', { url: 'https://example.org/elsewhere', preventDefault: () => (navigationPrevented = true) });
    windowOpen = contents.windowOpenHandler?.({ url: 'https://example.org/article' });
  }
  const permissions = standIn.record.permissionHandlers;
  let requestGranted: boolean | undefined;
  permissions.get('request')?.(contents, 'media', (granted: boolean) => (requestGranted = granted), {});
  return {
    navigationPrevented,
    windowOpen,
    openedExternally: standIn.record.openedExternally,
    permissions: {
      request: requestGranted,
      check: permissions.get('check')?.(contents, 'media', 'app://claimbench', {}),
      device: permissions.get('device')?.({}),
    },
  };
}

function snapshot(): object {
  const windows = standIn.BrowserWindow.getAllWindows();
  return {
    windows: windows.map((window) => ({ options: window.options, loadedUrls: window.loadedUrls, visible: window.visible })),
    channels: [...standIn.ipcMain.handlers.keys()].sort(),
    schemes: [...standIn.protocol.handlers.keys()],
    privilegedSchemes: standIn.record.privilegedSchemes,
    errorBoxes: standIn.record.errorBoxes,
    sandboxEnabled: standIn.record.sandboxEnabled,
    userData: standIn.app.getPath('userData'),
    menu: labelsOf((standIn.record.applicationMenu as { template?: unknown } | undefined)?.template),
    calls: standIn.record.calls.map((call) => call.api),
    sent: standIn.record.sent.map((message) => message.args[0]),
  };
}

async function answer(command: { id: number; cmd: string; [key: string]: unknown }): Promise<void> {
  try {
    switch (command.cmd) {
      case 'state':
        return reply({ id: command.id, ok: true, value: snapshot() });
      case 'policies':
        return reply({ id: command.id, ok: true, value: exercisePolicies() });
      case 'invoke': {
        // JSON cannot carry bytes: {"$bytes": base64} stands for an ArrayBuffer (a dropped file's contents).
        const args = ((command['args'] as unknown[]) ?? []).map((arg) =>
          typeof arg === 'object' && arg !== null && '$bytes' in arg
            ? new Uint8Array(Buffer.from(String(arg.$bytes), 'base64')).buffer
            : arg,
        );
        const result = await standIn.ipcMain.invokeFrom(String(command['frameUrl']), String(command['channel']), args);
        return reply({ id: command.id, ...result });
      }
      case 'fetch': {
        const handler = standIn.protocol.handlers.get(new URL(String(command['url'])).protocol.slice(0, -1));
        if (handler === undefined) return reply({ id: command.id, ok: false, message: 'no handler for that scheme' });
        const response = await handler(new Request(String(command['url'])));
        const bytes = new Uint8Array(await response.arrayBuffer());
        return reply({
          id: command.id,
          ok: true,
          value: {
            status: response.status,
            headers: Object.fromEntries(response.headers),
            size: bytes.length,
            text: new TextDecoder().decode(bytes.slice(0, 200_000)),
          },
        });
      }
      case 'menu': {
        const item = menuItem(command['path'] as string[]);
        if (item?.click === undefined)
          return reply({ id: command.id, ok: false, message: `no menu item ${(command['path'] as string[]).join(' › ')}` });
        if (command['dialogAnswer'] !== undefined) standIn.queueDialogAnswer(command['dialogAnswer']);
        item.click();
        return reply({ id: command.id, ok: true, value: null });
      }
      case 'quit':
        reply({ id: command.id, ok: true, value: null });
        standIn.app.quit();
        return;
      default:
        return reply({ id: command.id, ok: false, message: `unknown command ${command.cmd}` });
    }
  } catch (error) {
    reply({ id: command.id, ok: false, message: String(error) });
  }
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  standIn.configure({ appPath: options.appPath, isPackaged: options.isPackaged, home: options.home });
  // What the app sees as its arguments: Electron puts the app folder after the binary for `electron .`.
  process.argv = [process.execPath, ...(options.isPackaged ? [] : [options.appPath]), ...options.appArgs];
  let booted = false;
  const reportBoot = () => {
    if (booted) return;
    booted = true;
    reply({ event: 'booted', errorBoxes: standIn.record.errorBoxes, exitCode: standIn.record.exitCode ?? null });
  };
  standIn.onExit(reportBoot);
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      specifier === 'electron' ? { url: STAND_IN_URL, shortCircuit: true } : nextResolve(specifier, context),
  });
  const manifest = JSON.parse(readFileSync(path.join(options.appPath, 'package.json'), 'utf8')) as { main?: string };
  await import(pathToFileURL(path.join(options.appPath, manifest.main ?? 'index.js')).href);
  standIn.app.markReady();

  // Booted: the window has loaded its page, or the app gave up (an error box, an exit).
  const started = Date.now();
  while (
    standIn.BrowserWindow.getAllWindows().every((window) => window.loadedUrls.length === 0) &&
    standIn.record.errorBoxes.length === 0 &&
    standIn.record.exitCode === undefined
  ) {
    if (Date.now() - started > 60_000) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  reportBoot();
  createInterface({ input: process.stdin }).on('line', (line) => void answer(JSON.parse(line) as { id: number; cmd: string }));
}

await main();
