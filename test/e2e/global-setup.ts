// Once per browser-test run: the server host (server-host.mjs), which imports the server once and
// starts a fresh one per test file (server.ts asks it). It runs the compiled server (dist/server,
// from `npm run build`) when that is newer than every source, as npm start does, and the sources
// through tsx otherwise or with GRIDGUARD_E2E_SERVER=tsx. GRIDGUARD_E2E_HOST=off starts a separate
// server process per file instead (what every file did before the host).
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error: a plain .mjs script without types (npm start's own check)
import { compiledServerIsCurrent } from '../../scripts/server-build-state.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server host's control address; unset when each file spawns its own server. */
    e2eServerHost: string | null;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
let host: ChildProcess | null = null;

export async function setup(project: TestProject): Promise<void> {
  if (process.env.GRIDGUARD_E2E_HOST === 'off') {
    project.provide('e2eServerHost', null);
    return;
  }
  const compiled = process.env.GRIDGUARD_E2E_SERVER !== 'tsx' && (compiledServerIsCurrent(root) as { current: boolean }).current;
  const script = path.join(root, 'test/e2e/server-host.mjs');
  const [command, args] = compiled
    ? [process.execPath, ['--enable-source-maps', script, 'dist/server/server', '.js']]
    : [path.join(root, 'node_modules/.bin/tsx'), [script, 'src/server', '.ts']];
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  host = child;
  // The servers log at warn: kept, and shown only if the host dies (a file's failed start comes
  // back to that file with the error).
  let log = '';
  const keep = (chunk: Buffer) => (log = (log + chunk.toString()).slice(-200_000));
  child.stderr?.on('data', keep);
  const port = await new Promise<string>((resolve, reject) => {
    // Importing the server took up to 22 s at load 30; the hook limit is the real bound.
    const timer = setTimeout(() => reject(new Error(`the e2e server host did not start in 150 s:\n${log}`)), 150_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      keep(chunk);
      const found = /^listening (\d+)$/m.exec(log);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the e2e server host exited with ${code}:\n${log}`));
    });
  });
  child.once('exit', (code, signal) => {
    if (host) process.stderr.write(`\nthe e2e server host exited early (${code ?? signal}); its last output:\n${log.slice(-20_000)}\n`);
  });
  project.provide('e2eServerHost', `http://127.0.0.1:${port}`);
}

export async function teardown(): Promise<void> {
  const child = host;
  host = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
