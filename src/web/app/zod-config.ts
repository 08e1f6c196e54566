// zod compiles object schemas with `new Function` when it may; to learn whether it may, it tries
// once, which the Content-Security-Policy (no 'unsafe-eval') refuses and reports as a violation.
// Imported first by start.tsx: zod checks the setting when it first parses.
import { z } from 'zod';

z.config({ jitless: true });
