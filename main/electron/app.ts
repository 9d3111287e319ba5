// The desktop shell: one instance, one window, the workbench service over IPC. Everything it
// shows and stores goes through the same service the web host and CLI use. The security policy it
// applies is decided (and tested) in main/desktop/; tests/unit/electron-wiring.test.ts checks that
// this file applies it.
import path from 'node:path';
import { app, dialog, session, shell, type BrowserWindow } from 'electron';
import type { Disposable } from '../../core/events.ts';
import { APP_LAYOUT } from '../app-paths.ts';
import { denyAllPermissions } from '../desktop/permissions.ts';
import { isOwnUrl, safeExternalUrl } from '../desktop/url-policy.ts';
import { hardenWebContents } from '../desktop/web-contents-policy.ts';
import { DEFAULT_LIMITS, type ImportLimits } from '../import/extract-types.ts';
import { EXTRACTORS } from '../import/extractors.ts';
import { IMPORTABLE_EXTENSIONS } from '../import/detect-format.ts';
import { fileSource, type ImportSource } from '../import/import-files.ts';
import { openWorkbench, type OpenedWorkbench } from '../workbench/open-workbench.ts';
import { resolveWorkspaceDir, userDataDir } from '../workspace/default-location.ts';
import { connectIpc } from './ipc.ts';
import { installMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { createMainWindow } from './window.ts';

interface Session {
  /** The open workspace, its service and its lock (released by `close`). */
  workbench: OpenedWorkbench;
  ipc: Disposable;
}

export function runDesktopApp(): void {
  app.setPath('userData', userDataDir());
  // Every renderer sandboxed, whatever a window's own preferences say.
  app.enableSandbox();
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  // electron-vite dev sets ELECTRON_RENDERER_URL; a package, or an empty value, never loads from it.
  const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL || undefined;
  let window: BrowserWindow | undefined;
  let current: Session | undefined;

  const openWorkspace = async (dir: string, empty: boolean): Promise<void> => {
    const previous = current;
    const close = async (session: Session) => {
      session.ipc.dispose();
      await session.workbench.close();
    };
    // The same folder again: closed first (one process, one writer). Another one: opened first, so
    // that the one open stays open if the new one cannot be.
    const same = previous !== undefined && previous.workbench.store.dir === path.resolve(dir);
    if (same) {
      current = undefined;
      await close(previous);
    }
    const workbench = await openWorkbench(dir, {
      resourcesDir: APP_LAYOUT.resourcesDir,
      empty,
      lock: 'the Claimbench desktop app',
      service: {
        extractors: EXTRACTORS,
        limits: limitsFromArgs(),
        keysDir: path.join(app.getPath('userData'), 'keys'),
        checkOnOpen: true,
        indexOnOpen: true,
        suggestOnImport: true,
      },
    });
    if (previous !== undefined && !same) await close(previous);
    current = { workbench, ipc: connectIpc(workbench.service, devServerUrl) };
  };

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { isOwnPage: (url) => isOwnUrl(url, devServerUrl), openInSystemBrowser });
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (!current) return;
    // Let pending writes land before the process exits.
    const closing = current;
    current = undefined;
    event.preventDefault();
    closing.ipc.dispose();
    void closing.workbench.close().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    serveRenderer(APP_LAYOUT.rendererDir, () => current?.workbench.service.exports);

    try {
      await openWorkspace(resolveWorkspaceDir(flagValue('--workspace')), process.argv.includes('--empty'));
    } catch (error) {
      dialog.showErrorBox('Claimbench cannot open the workspace', (error as Error).message);
      app.exit(1);
      return;
    }

    installMenu(() => window, {
      importFiles: () => {
        void (async () => {
          const choice = await dialog.showOpenDialog({
            title: 'Import documents',
            properties: ['openFile', 'multiSelections'],
            filters: [
              { name: 'Documents', extensions: IMPORTABLE_EXTENSIONS.map((extension) => extension.slice(1)) },
              { name: 'All files', extensions: ['*'] },
            ],
          });
          if (choice.canceled || !current) return;
          const sources: ImportSource[] = [];
          for (const file of choice.filePaths) sources.push(await fileSource(file));
          // Progress and results reach the window as events, as for a drop.
          await current.workbench.service.importSources(`menu-${crypto.randomUUID()}`, sources);
        })().catch((error: unknown) => dialog.showErrorBox('Import failed', (error as Error).message));
      },
      openWorkspace: () => {
        void (async () => {
          const choice = await dialog.showOpenDialog({ title: 'Open workspace', properties: ['openDirectory', 'createDirectory'] });
          const dir = choice.filePaths[0];
          if (choice.canceled || dir === undefined) return;
          try {
            await openWorkspace(dir, false);
            window?.webContents.reload();
          } catch (error) {
            dialog.showErrorBox('Claimbench cannot open that folder', (error as Error).message);
          }
        })();
      },
    });

    window = await createMainWindow({
      preloadPath: APP_LAYOUT.preloadPath,
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      devServerUrl,
    });
    window.on('closed', () => {
      window = undefined;
    });
  });
}

/**
 * The app's one call to shell.openExternal. hardenWebContents has vetted the URL already; it is
 * checked again here, at the call, so no other caller can pass an unchecked one and the lint rule
 * (no-open-external-with-dynamic-url) can see the check.
 */
function openInSystemBrowser(url: string): void {
  const external = safeExternalUrl(url);
  if (external === undefined) return;
  void shell.openExternal(external);
}

/** --max-file-size N (MiB), as `claimbench start` passes it on. */
function limitsFromArgs(): ImportLimits {
  const mebibytes = Number(flagValue('--max-file-size'));
  return Number.isInteger(mebibytes) && mebibytes >= 1 && mebibytes <= 4096
    ? { ...DEFAULT_LIMITS, maxFileBytes: mebibytes * 1024 * 1024 }
    : DEFAULT_LIMITS;
}

function flagValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
