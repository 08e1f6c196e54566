// npm test: type check, unit + API tests (SQLite and PostgreSQL), web build, the public pages' and
// the phone app's JS budgets, browser tests.
// Each step prints its name; the first failure stops the run with its exit code.
// Under CI=true (or with GRIDGUARD_NODE24=on) the type check and the unit + API suite also run on
// Node 24, the current LTS (scripts/node24.sh: its own copy of the tree and node_modules), as the
// last step; the browser tests need one Node only. GRIDGUARD_NODE24=off leaves it out (a machine
// without the npm registry, or a quick local check). After the browser tests, not beside them:
// on two cores the two shared the CPU for the same total time (2,853 s beside, 2026-12-07), and the
// browser tests, which wait on a real page, timed out twice under that load; not beside the unit
// suite either: the drills test takes fixed ports (drills/topology.ts).
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['unit and API tests (SQLite + PostgreSQL)', 'npx', ['vitest', 'run']],
  ['web build', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['public page budget', 'node', ['scripts/check-public-budget.mjs', 'dist/web']],
  ['phone app budget', 'node', ['scripts/check-phone-budget.mjs', 'dist/web']],
  ['browser tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];
const node24Choice = process.env.GRIDGUARD_NODE24;
if (node24Choice !== undefined && node24Choice !== 'on' && node24Choice !== 'off') {
  process.stderr.write(`GRIDGUARD_NODE24 must be on or off (got "${node24Choice}")\n`);
  process.exit(2);
}
const withNode24 = node24Choice === 'on' || (node24Choice !== 'off' && process.env.CI === 'true');

if (withNode24) steps.push(['Node 24 (the current LTS): type check, unit and API tests', 'bash', ['scripts/node24.sh']]);

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
