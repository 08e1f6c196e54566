// Unit and API tests. API tests run twice: on SQLite and on PostgreSQL (127.0.0.1:5432).
// Where PostgreSQL is not reachable the second half is left out with a message saying why,
// except under CI=true, where that is a failure.
import pg from 'pg';
import { defineConfig } from 'vitest/config';
import { contractDefine } from './scripts/contract.ts';

async function postgresReachable(): Promise<string | null> {
  const url = process.env.GG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default defineConfig(async () => {
  const pgProblem = process.env.GG_SKIP_POSTGRES ? 'GG_SKIP_POSTGRES is set' : await postgresReachable();
  if (pgProblem) {
    const msg = `PostgreSQL half of the API tests SKIPPED: ${pgProblem}`;
    if (process.env.CI === 'true' && !process.env.GG_SKIP_POSTGRES) throw new Error(`${msg} (CI requires it)`);
    console.warn(`\n*** ${msg} ***\n`);
  }
  // The browser apps' copy of the contract (src/client/contract.ts), as the web build makes it.
  // Each project gets its own object: Vite takes a project's `define` over as it resolves it.
  const define = () => contractDefine();
  const shared = {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Files share a worker's module graph: the server and its dependencies are imported once per
    // worker, not once per file (half of a file's time on a loaded machine). between-files.ts
    // clears what one file could leave for the next.
    isolate: false,
    setupFiles: ['test/support/between-files.ts'],
  };
  return {
    test: {
      projects: [
        { define: define(), test: { ...shared, name: 'sqlite', env: { GG_TEST_DB: 'sqlite' } } },
        // Pure unit tests (*.unit.test.ts) touch no database, and test/deploy/ brings its own
        // servers (a PostgreSQL primary and replica, nginx): they run once, in the first project.
        ...(pgProblem ? [] : [{ define: define(), test: { ...shared, exclude: [...shared.exclude, '**/*.unit.test.ts', 'test/deploy/**'], name: 'postgres', env: { GG_TEST_DB: 'postgres' } } }]),
      ],
    },
  };
});
