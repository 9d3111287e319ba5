// zod compiles validators with `new Function` when it may; our CSP forbids eval, so its probe for
// that would be reported as a violation on every start. Told not to try, it validates without.
// Imported first by boot.ts (the page's first script) and main.tsx, before any schema is made: a
// zod object checks whether it may compile when it is made, not when it is first used.
import { z } from 'zod';

z.config({ jitless: true });
