// The Electron transport: the functions the preload exposed on window.claimbench.
import { RpcError, type WorkbenchTransport } from '../../../core/contract/client.ts';
import type { WorkbenchEvent, WorkbenchMethod } from '../../../core/contract/workbench-api.ts';

export interface ExposedBridge {
  readonly subscribe: (event: WorkbenchEvent, listener: (payload: unknown) => void) => () => void;
  readonly [method: string]: unknown;
}

export function createBridgeTransport(bridge: ExposedBridge): WorkbenchTransport {
  return {
    async invoke(method: WorkbenchMethod, args) {
      const call = bridge[method] as (...args: unknown[]) => Promise<unknown>;
      try {
        return await call(...args);
      } catch (error) {
        // Electron passes only the message across; main formats it as "<code>: <message>".
        const text = (error as Error).message.replace(/^Error invoking remote method '[^']*': (\w+: )?/, '');
        const match = /^([a-z-]+): (.*)$/s.exec(text);
        throw match ? new RpcError(match[1]!, match[2]!) : new RpcError('ipc-failed', text);
      }
    },
    subscribe(event, listener) {
      const unsubscribe = bridge.subscribe(event, listener as (payload: unknown) => void);
      return { dispose: unsubscribe };
    },
  };
}
