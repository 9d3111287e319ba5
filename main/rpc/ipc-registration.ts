// Registers every contract method as an IPC handler, refusing calls from any frame that is not
// our own page, and forwards every event to the renderer. Written against a minimal IPC shape so
// it is tested without Electron; main/electron/ipc.ts hands it the real ipcMain.
import { IPC_EVENT_CHANNEL, WORKBENCH_METHODS, ipcChannel, type WorkbenchService } from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
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
  isTrustedFrameUrl: (url: string) => boolean,
  sendEvent: (channel: string, name: string, payload: unknown) => void,
): Disposable {
  for (const method of WORKBENCH_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, ...args) => {
      const url = event.senderFrame?.url;
      if (url === undefined || !isTrustedFrameUrl(url)) throw new IpcRefusal(`refused ${method} from ${url ?? 'a detached frame'}`);
      const result = await dispatch(service, method, args);
      if (!result.ok) throw new IpcRefusal(`${result.error.code}: ${result.error.message}`);
      return result.value;
    });
  }
  const events = forwardEvents(service, (name, payload) => sendEvent(IPC_EVENT_CHANNEL, name, payload));
  return {
    dispose() {
      events.dispose();
      for (const method of WORKBENCH_METHODS) ipcMain.removeHandler(ipcChannel(method));
    },
  };
}
