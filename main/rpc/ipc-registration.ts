// Registers every contract method as an IPC handler, refusing calls from any frame that is not
// our own page, and forwards every event to the renderer. Our page gets the web host's reply for
// every call (core/contract/rpc-reply.ts): a value or a coded error, never a thrown string; a
// frame that is not ours is refused by throwing, since it is not a client we answer. Written
// against a minimal IPC shape so it is tested without Electron; main/electron/ipc.ts hands it the
// real ipcMain.
import { replyOf, type RpcReply } from '../../core/contract/rpc-reply.ts';
import { fail, type Result } from '../../core/result.ts';
import {
  IPC_EVENT_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  WORKBENCH_METHODS,
  ipcChannel,
  type WorkbenchService,
} from '../../core/contract/workbench-api.ts';
import type { Disposable } from '../../core/events.ts';
import type { UploadStaging } from '../import/upload-staging.ts';
import { dispatch, forwardEvents } from './dispatch.ts';

export interface IpcMainLike {
  handle(channel: string, handler: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** A call from a frame that is not our page: refused (Electron passes only the message across). */
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
      return answer(method, () => dispatch(service, method, args));
    });
  }
  ipcMain.handle(IPC_UPLOAD_CHANNEL, async (event, bytes) => {
    checkSender(event, 'upload');
    if (!(bytes instanceof ArrayBuffer) && !(bytes instanceof Uint8Array))
      return replyOf(fail('invalid-arguments', "upload takes the file's bytes"));
    return answer('upload', () => uploads.stageBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
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

/**
 * The reply to a call. A failure of the service itself (a bug) is logged here and answered as the
 * web host answers it, with code 'internal', so the page still gets a reply to show.
 */
async function answer(what: string, run: () => Promise<Result<unknown>>): Promise<RpcReply> {
  try {
    return replyOf(await run());
  } catch (error) {
    console.error(`claimbench: ${what} failed:`, error);
    return replyOf(fail('internal', `Internal error: ${(error as Error).message}`));
  }
}
