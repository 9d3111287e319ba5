// The one transport of this window, chosen once: the Electron bridge when the preload exposed it,
// the web host's HTTP API otherwise. Apart from the contract (and so from zod) on purpose: the
// page's first script (boot.ts) starts the first calls through it before the app's bundle arrives,
// and the api client (client.ts) is built over it and takes their answers (first-calls.ts).
import { BRIDGE_GLOBAL } from '../../../core/contract/ipc-channels.ts';
import { createBridgeTransport, type ExposedBridge } from './bridge-transport.ts';
import { withEarlyAnswers } from './first-calls.ts';
import { createHttpTransport } from './http-transport.ts';

const bridge = (window as unknown as Record<string, ExposedBridge | undefined>)[BRIDGE_GLOBAL];

export const transport = withEarlyAnswers(bridge ? createBridgeTransport(bridge) : createHttpTransport());

export const transportName: 'electron' | 'web' = bridge ? 'electron' : 'web';
