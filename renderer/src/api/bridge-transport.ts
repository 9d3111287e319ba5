// The Electron transport: the functions the preload exposed on window.claimbench.
import { RpcError, type StagedUpload, type WorkbenchTransport } from '../../../core/contract/client.ts';
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
    async upload(bytes) {
      return (await call(() => bridge.upload(bytes))) as StagedUpload;
    },
    subscribe(event, listener) {
      const unsubscribe = bridge.subscribe(event, listener as (payload: unknown) => void);
      return { dispose: unsubscribe };
    },
  };
}

async function call(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    // Electron passes only the message across; main formats it as "<code>: <message>".
    const text = (error as Error).message.replace(/^Error invoking remote method '[^']*': (\w+: )?/, '');
    const match = /^([a-z-]+): (.*)$/s.exec(text);
    throw match ? new RpcError(match[1]!, match[2]!) : new RpcError('ipc-failed', text);
  }
}
