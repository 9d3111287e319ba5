// How the Electron transport names things: a channel per method, one for events, one for file
// bytes, and the global the preload exposes. Transport details, not part of the contract.
import type { WorkbenchMethod } from './workbench-api.ts';

/** The IPC channel of a method or of the event stream (Electron transport). */
export const ipcChannel = (method: WorkbenchMethod): string => `workbench:${method}`;
export const IPC_EVENT_CHANNEL = 'workbench:event';
/** Files travel outside the method list: bytes are not JSON. */
export const IPC_UPLOAD_CHANNEL = 'workbench:upload';

/** The name under which the preload exposes the bridge on `window`. */
export const BRIDGE_GLOBAL = 'claimbench';
