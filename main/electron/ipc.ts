// Connects the workbench service to the renderer over Electron IPC (see main/rpc/ipc-registration.ts).
import { BrowserWindow, ipcMain } from 'electron';
import type { Disposable } from '../../core/events.ts';
import { isOwnUrl } from '../desktop/url-policy.ts';
import { registerIpc } from '../rpc/ipc-registration.ts';
import type { WorkbenchHost } from '../workbench/workbench-service.ts';

export function connectIpc(service: WorkbenchHost, devServerUrl: string | undefined): Disposable {
  return registerIpc(
    ipcMain,
    service,
    service.uploads,
    (url) => isOwnUrl(url, devServerUrl),
    (channel, name, payload) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, name, payload);
    },
  );
}
