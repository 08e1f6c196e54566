// The real server as its own process (node --import tsx src/server/main.ts: one process, so its
// pid is the server's and /proc tells its memory), on this project's dialect: a fresh SQLite
// file in a temp DATA_DIR, or a fresh PostgreSQL database dropped at stop().
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { PG_ADMIN_URL, TEST_DIALECT } from './db.ts';

export interface ServerProcess {
  base: string;
  pid: number;
  adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function startServerProcess(env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-server-'));
  const pgName = TEST_DIALECT === 'postgres' ? `gg_server_${randomBytes(5).toString('hex')}` : null;
  if (pgName) await adminQuery(`create database ${pgName}`);
  const adminPassword = `county-keeper-${randomBytes(6).toString('hex')}`;
  const { DATABASE_URL: _theirs, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...inherited,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      GRIDGUARD_DEMO: 'off',
      GRIDGUARD_ADMIN_PASSWORD: adminPassword,
      GRIDGUARD_WEB_ROOT: path.join(dataDir, 'no-web'),
      LOG_LEVEL: 'warn',
      ...(pgName ? { DATABASE_URL: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${pgName}`) } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (pgName) await adminQuery(`drop database if exists ${pgName} with (force)`);
  };
  const base = `http://127.0.0.1:${port}`;
  for (const until = Date.now() + 90_000; ; ) {
    if (child.exitCode !== null || Date.now() > until) {
      await stop();
      throw new Error(`the server did not start:\n${output}`);
    }
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, pid: child.pid ?? 0, adminPassword, output: () => output, stop };
}
