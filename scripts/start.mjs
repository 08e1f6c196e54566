// npm start: the built web app (built once if missing), then the server — its compiled
// JavaScript (npm run build → dist/server) when that build is newer than every source file,
// else the TypeScript sources through tsx, so a fresh clone or a checkout changed since the
// last build still starts, and a stale build is never run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { compiledServerIsCurrent } from './server-build-state.mjs';

const web = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { stdio: 'inherit' });
if (web.status !== 0) process.exit(web.status ?? 1);

const compiled = compiledServerIsCurrent();
if (!compiled.current) process.stdout.write(`Running the server from its TypeScript sources (${compiled.why}; npm run build compiles it)\n`);
const args = compiled.current
  ? ['--enable-source-maps', path.join('dist', 'server', 'server', 'main.js')]
  : [path.join('node_modules', 'tsx', 'dist', 'cli.mjs'), path.join('src', 'server', 'main.ts')];
// The server handles SIGTERM/SIGINT itself (finishes requests in flight): pass them on and
// leave with its exit code.
const child = spawn(process.execPath, args, { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
