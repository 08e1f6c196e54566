// Runs before each test file (vitest setupFiles). The unit and API suite runs files one after
// another in a shared module graph (isolate: false in vitest.config.ts) instead of importing the
// whole server again for every file, which was the largest single cost of the suite. What one
// file leaves in process-wide state must not reach the next:
// - the server's in-process caches (platform/ttl-cache.ts) key on region ids and sessions, and
//   the next file's database has the same region ids with other contents;
// - globals a test stubbed, fake timers and spies.
import { afterAll, beforeAll, vi } from 'vitest';
import { invalidateCaches } from '../../src/server/platform/ttl-cache.ts';

beforeAll(() => invalidateCaches());

afterAll(() => {
  invalidateCaches();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});
