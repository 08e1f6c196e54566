// Starts the real server for browser tests: a free port, a fresh data directory, no demo county,
// a known admin password. Serves the web app from dist/web, so `npm run build` must have run.
// The server host (global-setup.ts, server-host.mjs) starts it in a process that has imported
// the server once, from a migrated template; with GRIDGUARD_E2E_HOST=off each file spawns its own
// server process (slower: what every file did before the host). Either runs the compiled server
// (dist/server, also from `npm run build`) when it is newer than every source, as npm start does,
// and the sources through tsx otherwise or with GRIDGUARD_E2E_SERVER=tsx.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain .mjs script without types (npm start's own check)
import { compiledServerIsCurrent } from '../../scripts/server-build-state.mjs';
import { inject } from 'vitest';
import { freePort } from '../support/free-port.ts';

export const ADMIN_PASSWORD = 'e2e-county-keeper-2024';

export interface TestServer {
  url: string;
  adminPassword: string;
  stop: () => Promise<void>;
}


async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy in ${timeoutMs} ms:\n${output()}`);
}

/** What every test server runs with, over the test's own environment (a file may set a GRIDGUARD_ variable first). */
function serverEnv(): NodeJS.ProcessEnv {
  // The embedded SQLite under DATA_DIR, whatever the calling shell points DATABASE_URL at.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return { ...inherited, HOST: '127.0.0.1', GRIDGUARD_DEMO: 'off', GRIDGUARD_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
}

export async function startServer(): Promise<TestServer> {
  const root = path.resolve(import.meta.dirname, '../..');
  const webRoot = path.resolve(root, process.env.GRIDGUARD_WEB_ROOT ?? 'dist/web');
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: run \`npm run build\` before the browser tests`);
  }
  const host = inject('e2eServerHost');
  return host ? startHosted(host) : startProcess(root);
}

async function hostCall<T>(host: string, what: 'start' | 'stop', body: unknown): Promise<T> {
  const response = await fetch(`${host}/${what}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`the e2e server host could not ${what} a server: ${answer.error ?? response.status}`);
  return answer;
}

async function startHosted(host: string): Promise<TestServer> {
  const { id, url } = await hostCall<{ id: string; url: string }>(host, 'start', { env: serverEnv() });
  return { url, adminPassword: ADMIN_PASSWORD, stop: async () => void (await hostCall(host, 'stop', { id })) };
}

async function startProcess(root: string): Promise<TestServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-e2e-'));
  let log = '';
  const compiled = process.env.GRIDGUARD_E2E_SERVER !== 'tsx' && (compiledServerIsCurrent(root) as { current: boolean }).current;
  const [command, args] = compiled
    ? [process.execPath, ['--enable-source-maps', 'dist/server/server/main.js']]
    : [path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts']];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...serverEnv(), PORT: String(port), DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    // Under the shared machine's load a start has taken over 60 s (68 s at load 21): the hook's
    // timeout (vitest.e2e.config.ts) is the real limit.
    await waitForHealth(url, child, () => log, 150_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, adminPassword: ADMIN_PASSWORD, stop };
}
