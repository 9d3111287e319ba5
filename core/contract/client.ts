// Builds a typed workbench client over any transport (Electron bridge, HTTP), from the contract's lists.
import type { Disposable, Listener } from '../events.ts';
import { unwrapReply, type RpcReply } from './rpc-reply.ts';
import {
  WORKBENCH_EVENTS,
  WORKBENCH_METHODS,
  subscriptionName,
  type WorkbenchEvent,
  type WorkbenchEvents,
  type WorkbenchMethod,
  type WorkbenchService,
} from './workbench-api.ts';

/** A file handed to main, to be named in `importUploads`. */
export interface StagedUpload {
  readonly uploadId: string;
  readonly size: number;
}

/**
 * What a transport must do: call a method, deliver events, and carry a file's bytes. A call
 * resolves with the host's reply as it came (the client unwraps it); a transport that fails
 * itself (the host cannot be reached) resolves with a reply that says so.
 */
export interface WorkbenchTransport {
  invoke(method: WorkbenchMethod, args: readonly unknown[]): Promise<RpcReply>;
  subscribe<E extends WorkbenchEvent>(event: E, listener: Listener<WorkbenchEvents[E]>): Disposable;
  upload(bytes: ArrayBuffer): Promise<RpcReply<StagedUpload>>;
  /** Tells when the event stream drops or comes back (a web host that stopped); the IPC bridge never drops. */
  watchConnection?(listener: Listener<boolean>): Disposable;
  /** Tells when events were lost for good (the web host restarted, or the window was away too long): the window must read again. */
  watchMissedEvents?(listener: Listener<void>): Disposable;
}

/** The renderer's view of the backend: the service, plus uploads and the connection's state. */
export type WorkbenchClient = WorkbenchService & {
  upload(bytes: ArrayBuffer): Promise<StagedUpload>;
  onDidChangeConnection(listener: Listener<boolean>): Disposable;
  onDidMissEvents(listener: Listener<void>): Disposable;
};

/**
 * The service over `transport`: every method resolves with its own return type, or rejects with
 * an RpcError (see rpc-reply.ts) when the call itself failed, whichever the transport.
 */
export function createWorkbenchClient(transport: WorkbenchTransport): WorkbenchClient {
  const client: Record<string, unknown> = {
    upload: async (bytes: ArrayBuffer) => unwrapReply(await transport.upload(bytes)),
    onDidChangeConnection: (listener: Listener<boolean>) => transport.watchConnection?.(listener) ?? { dispose() {} },
    onDidMissEvents: (listener: Listener<void>) => transport.watchMissedEvents?.(listener) ?? { dispose() {} },
  };
  for (const method of WORKBENCH_METHODS) {
    client[method] = async (...args: unknown[]) => unwrapReply(await transport.invoke(method, args));
  }
  for (const event of WORKBENCH_EVENTS) {
    client[subscriptionName(event)] = (listener: Listener<unknown>) => transport.subscribe(event, listener);
  }
  // The loops above add exactly the contract's names; the lists are checked against the types.
  return client as unknown as WorkbenchClient;
}
