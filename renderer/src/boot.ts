// The page's first script: starts the calls the first paint waits on (api/first-calls.ts), then
// loads the app. Small on purpose, without React, Monaco or the contract's schemas: its calls go
// out while the app's bundle is still arriving and being evaluated.
// First, before any module that makes a schema: a zod object probes for eval when it is made
// (zod-config.ts), and the chunk the transport is bundled in holds the contract's schemas too.
import './zod-config.ts';
import { startFirstCalls } from './api/first-calls.ts';
import { transport } from './api/transport.ts';

startFirstCalls(transport, window.location.hash);
void import('./main.tsx');
