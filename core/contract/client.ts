// Builds a typed workbench client over any transport (Electron bridge, HTTP), from the contract's lists.
import type { Disposable, Listener } from '../events.ts';
import {
  WORKBENCH_EVENTS,
  WORKBENCH_METHODS,
  subscriptionName,
  type WorkbenchEvent,
  type WorkbenchEvents,
  type WorkbenchMethod,
  type WorkbenchService,
} from './workbench-api.ts';

/** The two things a transport must do: call a method, and deliver events. */
export interface WorkbenchTransport {
  invoke(method: WorkbenchMethod, args: readonly unknown[]): Promise<unknown>;
  subscribe<E extends WorkbenchEvent>(event: E, listener: Listener<WorkbenchEvents[E]>): Disposable;
}

/** A call that failed in transit or was refused by the host (not an expected failure of the method). */
export class RpcError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
  }
}

export function createWorkbenchClient(transport: WorkbenchTransport): WorkbenchService {
  const client: Record<string, unknown> = {};
  for (const method of WORKBENCH_METHODS) {
    client[method] = (...args: unknown[]) => transport.invoke(method, args);
  }
  for (const event of WORKBENCH_EVENTS) {
    client[subscriptionName(event)] = (listener: Listener<unknown>) => transport.subscribe(event, listener);
  }
  // The loops above add exactly the contract's names; the lists are checked against the types.
  return client as unknown as WorkbenchService;
}
