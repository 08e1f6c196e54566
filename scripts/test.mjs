// npm test: type check, unit + API tests (SQLite and PostgreSQL), web build, the public pages' and
// the phone app's JS budgets, browser tests.
// Each step prints its name; the first failure stops the run with its exit code.
// Under CI=true (or with GRIDGUARD_NODE24=on) the type check and the unit + API suite also run on
// Node 24, the current LTS (scripts/node24.sh: its own copy of the tree and node_modules), beside
// the browser tests, which need one Node only; its output goes to test-results/node24.log and its
// result decides the run with the rest. GRIDGUARD_NODE24=off leaves it out (a machine without the
// npm registry, or a quick local check). Beside the browser tests rather than beside the unit
// suite: the drills test takes fixed ports (drills/topology.ts), so two suites must not overlap.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['unit and API tests (SQLite + PostgreSQL)', 'npx', ['vitest', 'run']],
  ['web build', 'npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn']],
  ['public page budget', 'node', ['scripts/check-public-budget.mjs', 'dist/web']],
  ['phone app budget', 'node', ['scripts/check-phone-budget.mjs', 'dist/web']],
  ['browser tests (Chromium)', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts']],
];
const NODE24_BESIDE = 'browser tests (Chromium)';
const node24Choice = process.env.GRIDGUARD_NODE24;
if (node24Choice !== undefined && node24Choice !== 'on' && node24Choice !== 'off') {
  process.stderr.write(`GRIDGUARD_NODE24 must be on or off (got "${node24Choice}")\n`);
  process.exit(2);
}
const withNode24 = node24Choice === 'on' || (node24Choice !== 'off' && process.env.CI === 'true');

/** Starts scripts/node24.sh in the background; resolves with its exit code and time. */
function startNode24() {
  fs.mkdirSync('test-results', { recursive: true });
  const log = fs.openSync('test-results/node24.log', 'w');
  const started = Date.now();
  process.stdout.write('\n=== Node 24: type check, unit and API tests (beside the browser tests; test-results/node24.log) ===\n');
  // Its own process group: a failed step above ends it with everything it started.
  const child = spawn('bash', ['scripts/node24.sh'], { stdio: ['ignore', log, log], detached: true });
  const done = new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) })));
  return { done, stop: () => process.kill(-child.pid, 'SIGTERM') };
}

let node24 = null;
for (const [name, cmd, args] of steps) {
  if (withNode24 && name === NODE24_BESIDE) node24 = startNode24();
  const started = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stdout.write(`\n=== ${name}: FAILED after ${seconds}s ===\n`);
    node24?.stop();
    process.exit(result.status ?? 1);
  }
  process.stdout.write(`=== ${name}: ok in ${seconds}s ===\n`);
}

if (node24) {
  const { code, seconds } = await node24.done;
  const tail = fs.readFileSync('test-results/node24.log', 'utf8').split('\n').slice(-40).join('\n');
  process.stdout.write(`\n=== Node 24 (last lines of test-results/node24.log) ===\n${tail}\n`);
  if (code !== 0) {
    process.stdout.write(`=== Node 24: FAILED after ${seconds}s ===\n`);
    process.exit(code);
  }
  process.stdout.write(`=== Node 24: ok in ${seconds}s ===\n`);
}
