// `npm start` as a new user meets it: a real process, configured only through the environment
// of API.md's "Running it" table, on SQLite or PostgreSQL (whichever this project runs).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PG_ADMIN_URL, TEST_DIALECT } from './support/db.ts';
import { freePort } from './support/free-port.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});


async function databaseUrl(): Promise<string | undefined> {
  if (TEST_DIALECT !== 'postgres') return undefined;
  const name = `gg_start_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  cleanups.push(async () => {
    const d = new pg.Client({ connectionString: PG_ADMIN_URL });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  });
  return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
}

async function start(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-start-'));
  const port = await freePort();
  const url = await databaseUrl();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, GRIDGUARD_DEMO: 'off', LOG_LEVEL: 'warn', ...(url ? { DATABASE_URL: url } : {}), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok).catch(() => false);
    if (ok && output.includes('GridGuard is running')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, child, dataDir, exited, output: () => output };
}

async function login(base: string, username: string, password: string) {
  return fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
}

describe(`npm start (${TEST_DIALECT})`, () => {
  it('migrates, creates admin with GRIDGUARD_ADMIN_PASSWORD, answers /healthz and stops cleanly on SIGTERM', async () => {
    const s = await start({ GRIDGUARD_ADMIN_PASSWORD: 'chosen-county-keeper' });
    expect(await (await fetch(`${s.base}/healthz`)).json()).toEqual({ status: 'ok' });
    const signedIn = await login(s.base, 'admin', 'chosen-county-keeper');
    expect(signedIn.status).toBe(200);
    // The operator chose it: no forced change.
    expect(((await signedIn.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(false);
    expect(s.output()).not.toContain('chosen-county-keeper');
    // The API description is for signed-in staff (GRIDGUARD_PUBLIC_DOCS is not set).
    expect((await fetch(`${s.base}/api/docs/json`)).status).toBe(401);
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const docs = await fetch(`${s.base}/api/docs/json`, { headers: { cookie } });
    expect(docs.status).toBe(200);
    // Read to its end: a response still streaming to a client that stopped reading is a
    // request in flight, which the shutdown waits for (until its 10 s limit, exit 1).
    await docs.arrayBuffer();
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 60_000);

  it('prints a generated admin password once, and it works', async () => {
    const s = await start({});
    const match = /password: (\S+)/.exec(s.output());
    expect(match?.[1]).toBeTruthy();
    const res = await login(s.base, 'admin', match?.[1] ?? '');
    expect(res.status).toBe(200);
    // It went through a console: the admin replaces it at first sign-in.
    expect(((await res.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    if (TEST_DIALECT === 'sqlite') {
      expect(fs.existsSync(path.join(s.dataDir, 'gridguard.db'))).toBe(true);
      expect(fs.statSync(path.join(s.dataDir, 'keys', 'datakey.json')).mode & 0o077).toBe(0);
    }
  }, 60_000);

  it('refuses to create the admin with a guessable GRIDGUARD_ADMIN_PASSWORD, saying why', async () => {
    await expect(start({ GRIDGUARD_ADMIN_PASSWORD: 'admin12345' })).rejects.toThrow(/GRIDGUARD_ADMIN_PASSWORD: must not contain the username/);
    await expect(start({ GRIDGUARD_ADMIN_PASSWORD: '1234567890' })).rejects.toThrow(/GRIDGUARD_ADMIN_PASSWORD: too easy to guess/);
  }, 60_000);

  it('refuses to start with a clear message on a bad setting', async () => {
    await expect(start({ PORT: 'eighty' })).rejects.toThrow(/PORT/);
  }, 60_000);
});
