// The renderer's one way to the backend: the Electron bridge when the preload exposed it, the web
// host's HTTP API otherwise. Features import `api` from here and never call fetch or window.* directly.
import { createWorkbenchClient, type WorkbenchClient } from '../../../core/contract/client.ts';
import { BRIDGE_GLOBAL } from '../../../core/contract/workbench-api.ts';
import { createBridgeTransport, type ExposedBridge } from './bridge-transport.ts';
import { createHttpTransport } from './http-transport.ts';

const bridge = (window as unknown as Record<string, ExposedBridge | undefined>)[BRIDGE_GLOBAL];

export const api: WorkbenchClient = createWorkbenchClient(bridge ? createBridgeTransport(bridge) : createHttpTransport());

export const transportName: 'electron' | 'web' = bridge ? 'electron' : 'web';
