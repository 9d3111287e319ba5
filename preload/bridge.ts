// The object the preload exposes, built from the contract's lists: one function per method (each
// bound to its own IPC channel, resolving with main's reply as it came: core/contract/rpc-reply.ts)
// and one `subscribe` for events. No raw ipcRenderer crosses over.
import {
  IPC_EVENT_CHANNEL,
  IPC_UPLOAD_CHANNEL,
  WORKBENCH_METHODS,
  ipcChannel,
  isWorkbenchEvent,
  type WorkbenchEvent,
  type WorkbenchMethod,
} from '../core/contract/workbench-api.ts';

export interface IpcLike {
  invoke(channel: string, args: readonly unknown[]): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): () => void;
}

export type Bridge = Readonly<Record<WorkbenchMethod, (...args: unknown[]) => Promise<unknown>>> & {
  /** Calls `listener` with each payload of `event`; returns the unsubscriber. */
  readonly subscribe: (event: WorkbenchEvent, listener: (payload: unknown) => void) => () => void;
  /** Hands a file's bytes to main for a later `importUploads`. */
  readonly upload: (bytes: ArrayBuffer) => Promise<unknown>;
};

export function buildBridge(ipc: IpcLike): Bridge {
  const methods = Object.fromEntries(
    WORKBENCH_METHODS.map((method) => [method, (...args: unknown[]) => ipc.invoke(ipcChannel(method), args)]),
  ) as Record<WorkbenchMethod, (...args: unknown[]) => Promise<unknown>>;
  return Object.freeze({
    ...methods,
    upload(bytes: ArrayBuffer) {
      if (!(bytes instanceof ArrayBuffer)) throw new TypeError('upload takes an ArrayBuffer');
      return ipc.invoke(IPC_UPLOAD_CHANNEL, [bytes]);
    },
    subscribe(event: WorkbenchEvent, listener: (payload: unknown) => void) {
      if (!isWorkbenchEvent(event)) throw new TypeError(`unknown workbench event "${String(event)}"`);
      return ipc.on(IPC_EVENT_CHANNEL, (name, payload) => {
        if (name === event) listener(payload);
      });
    },
  });
}
