// Registers every contract method as an IPC handler, refusing calls from any frame that is not
// our own page, and forwards every event to the renderer. Written against a minimal IPC shape so
// it is tested without Electron; main/electron/ipc.ts hands it the real ipcMain.
import { IPC_EVENT_CHANNEL, IPC_UPLOAD_CHANNEL, WORKBENCH_METHODS, ipcChannel, type WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import { dispatch, forwardEvents } from './dispatch.ts';

export interface IpcMainLike {
  handle(channel: string, handler: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** An error whose message the renderer may show (Electron passes only the message across). */
export class IpcRefusal extends Error {
  override name = 'IpcRefusal';
}

export function registerIpc(
  ipcMain: IpcMainLike,
  service: WorkbenchService,
  uploads: UploadStaging,
  isTrustedFrameUrl: (url: string) => boolean,
  sendEvent: (channel: string, name: string, payload: unknown) => void,
): Disposable {
  const checkSender = (event: { senderFrame: { url: string } | null }, what: string) => {
    const url = event.senderFrame?.url;
    if (url === undefined || !isTrustedFrameUrl(url)) throw new IpcRefusal(`refused ${what} from ${url ?? 'a detached frame'}`);
  };
  for (const method of WORKBENCH_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, ...args) => {
      checkSender(event, method);
      const result = await dispatch(service, method, args);
      if (!result.ok) throw new IpcRefusal(`${result.error.code}: ${result.error.message}`);
      return result.value;
    });
  }
  ipcMain.handle(IPC_UPLOAD_CHANNEL, async (event, bytes) => {
    checkSender(event, 'upload');
    if (!(bytes instanceof ArrayBuffer) && !(bytes instanceof Uint8Array)) throw new IpcRefusal('invalid-arguments: upload takes the file\'s bytes');
    const staged = await uploads.stageBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
    if (!staged.ok) throw new IpcRefusal(`${staged.error.code}: ${staged.error.message}`);
    return staged.value;
  });
  const events = forwardEvents(service, (name, payload) => sendEvent(IPC_EVENT_CHANNEL, name, payload));
  return {
    dispose() {
      events.dispose();
      for (const method of WORKBENCH_METHODS) ipcMain.removeHandler(ipcChannel(method));
      ipcMain.removeHandler(IPC_UPLOAD_CHANNEL);
    },
  };
}
