// Imported first by main.tsx, so that it runs before the rest of the script is evaluated: a
// reopen's read of the phone's copy of its grid (grid-copy.ts) starts at once, and IndexedDB
// opens and reads while a slow phone's single core is busy with everything else.
import { beginGridRead } from './grid-copy.ts';

// User-timing marks (free) that bench/phone.ts --trace prints: where a reopen's time goes.
performance.mark('field:script');
beginGridRead();
