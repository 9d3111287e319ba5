// The page's first script: starts the calls the first paint waits on (api/first-calls.ts), then
// loads the app. Small on purpose, without React, Monaco or the contract's schemas: its calls go
// out while the app's bundle is still arriving and being evaluated.
import { startFirstCalls } from './api/first-calls.ts';
import { transport } from './api/transport.ts';

startFirstCalls(transport, window.location.hash);
void import('./main.tsx');
