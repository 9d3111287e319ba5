// The Electron transport: the functions the preload exposed on window.claimbench. Each resolves
// with main's reply (see core/contract/rpc-reply.ts), as the web host's answers do.
import type { StagedUpload, WorkbenchTransport } from '../../../core/contract/client.ts';
import type { RpcReply } from '../../../core/contract/rpc-reply.ts';
import type { WorkbenchEvent, WorkbenchMethod } from '../../../core/contract/workbench-api.ts';

export interface ExposedBridge {
  readonly subscribe: (event: WorkbenchEvent, listener: (payload: unknown) => void) => () => void;
  readonly upload: (bytes: ArrayBuffer) => Promise<unknown>;
  readonly [method: string]: unknown;
}

export function createBridgeTransport(bridge: ExposedBridge): WorkbenchTransport {
  return {
    invoke(method: WorkbenchMethod, args) {
      return call(() => (bridge[method] as (...args: unknown[]) => Promise<unknown>)(...args));
    },
    upload(bytes) {
      return call(() => bridge.upload(bytes)) as Promise<RpcReply<StagedUpload>>;
    },
    subscribe(event, listener) {
      const unsubscribe = bridge.subscribe(event, listener as (payload: unknown) => void);
      return { dispose: unsubscribe };
    },
  };
}

/**
 * Main answers every call from this page with a reply; a rejection is a failure of IPC itself
 * (arguments that cannot be cloned, a page main does not trust), whose message is shown as it is.
 */
async function call(run: () => Promise<unknown>): Promise<RpcReply> {
  try {
    return (await run()) as RpcReply;
  } catch (error) {
    return { error: { code: 'ipc-failed', message: (error as Error).message } };
  }
}
