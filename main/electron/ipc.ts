// Connects the workbench service to the renderer over Electron IPC (see main/rpc/ipc-registration.ts).
import { BrowserWindow, ipcMain } from 'electron';
import type { WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import { isOwnUrl } from '../desktop/url-policy.ts';
import { registerIpc } from '../rpc/ipc-registration.ts';

export function connectIpc(service: WorkbenchService, devServerUrl: string | undefined): Disposable {
  return registerIpc(
    ipcMain,
    service,
    (url) => isOwnUrl(url, devServerUrl),
    (channel, name, payload) => {
      for (const window of BrowserWindow.getAllWindows()) window.webContents.send(channel, name, payload);
    },
  );
}
