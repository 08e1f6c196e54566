// Browser tests: the real server (dist/server when current, else the sources through tsx) on a fresh database per file,
// started by one server host for the run (test/e2e/global-setup.ts), the built web app (run `npm run build` first),
// system Chromium through playwright-core. Files run one at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    // A beforeAll starts a server and Chromium: at load 21-27 (other work on the 2 cores) the server
    // alone took 52-68 s to answer /healthz, and two inspections runs timed out at 120 s (2026-12-07).
    hookTimeout: 180_000,
    retry: 0,
  },
});
