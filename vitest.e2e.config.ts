// Browser tests: the real server (tsx src/server/main.ts) on a fresh database, the built web app
// (run `npm run build` first), system Chromium through playwright-core. Files run one at a time.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    retry: 0,
  },
});
