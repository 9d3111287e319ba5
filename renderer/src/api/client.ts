// The renderer's one way to the backend, over this window's transport (transport.ts: the Electron
// bridge or the web host's HTTP API). Features import `api` from here and never call fetch or
// window.* directly.
import { createWorkbenchClient, type WorkbenchClient } from '../../../core/contract/client.ts';
import { transport, transportName } from './transport.ts';

export const api: WorkbenchClient = createWorkbenchClient(transport);

export { transportName };
