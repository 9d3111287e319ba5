// zod compiles validators with `new Function` when it may; our CSP forbids eval, so its probe for
// that would be reported as a violation on every start. Told not to try, it validates without.
// Imported first by main.tsx, before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
