// npm test: type check, unit + API tests (SQLite and PostgreSQL), web build, the public pages' and
// the phone app's JS budgets, browser tests.
// Each step prints its name; the first failure stops the run with its exit code.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['unit and API tests (SQLite + PostgreSQL)', 'npx', ['vitest', 'run']],
  ['web build', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['public page budget', 'node', ['scripts/check-public-budget.mjs', 'dist/web']],
  ['phone app budget', 'node', ['scripts/check-phone-budget.mjs', 'dist/web']],
  ['browser tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];

for (const [name, cmd, args] of steps) {
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n=== ${name}: FAILED after ${seconds}s ===\n`);
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`=== ${name}: ok in ${seconds}s ===\n`);
}
