// A demo county behind a real server, for the benchmarks that measure pages over it: builds the
// county into a fresh SQLite file or PostgreSQL database (dropped on exit) unless one is given,
// starts the server as a child process and signs staff in with bearer tokens.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo.ts';
import { type Child, HOST, freePort, onCleanup, startChild, tempDir, waitHealthy } from './harness.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
export const PG_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_ADMIN_PASSWORD = 'bench-county-keeper-1';

export interface DemoServerOptions {
  /** A short name for temp dirs and the PostgreSQL database. */
  name: string;
  postgres: boolean;
  people: number;
  grids?: number;
  /** Reuse a database built by `npm run demo` (nothing is generated). */
  database?: string;
  /** Bulk data a benchmark adds before the server starts (as if it had been there all along). */
  prepare?: (databaseUrl: string) => Promise<void>;
  /** Extra environment for the server (e.g. GRIDGUARD_PUBLIC_LIMIT_SCALE). */
  env?: Record<string, string>;
  /** Reuse a data directory (its data key) of an earlier server on the same database. */
  dataDir?: string;
  /** Run the server of another tree (e.g. a `git archive` of an older commit, node_modules linked), for a before/after. */
  serverRoot?: string;
  /** Run the server under `node --cpu-prof`, its profiles (main thread and each worker) written to this directory when it stops. */
  cpuProfDir?: string;
}

export interface DemoServer {
  base: string;
  dialect: 'sqlite' | 'postgres';
  databaseUrl: string;
  dataDir: string;
  child: Child;
  api(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ json: any; headers: Headers }>;
  /** A bearer-token header for a staff account (demo accounts share DEMO_PASSWORD; 'admin' is the bench admin). */
  bearer(username: string): Promise<{ headers: Record<string, string>; user: { id: string; regionId: number; role: string } }>;
}

/** A fresh SQLite file in dataDir, or a fresh PostgreSQL database dropped when the process ends. */
export async function freshDatabase(opts: Pick<DemoServerOptions, 'name' | 'postgres'>, dataDir: string): Promise<string> {
  if (!opts.postgres) return `sqlite://${path.join(dataDir, 'bench.db')}`;
  const name = `gg_bench_${opts.name.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  // On a signal or a crash there is no time for async work: psql drops it synchronously.
  onCleanup(`drop database ${name}`, () =>
    execFileSync('psql', ['-q', '-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-c', `drop database if exists ${name} with (force)`], { stdio: 'ignore', timeout: 10_000 }),
  );
  return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
}

/** The database to measure: the one given (`--database`), or a demo county built into a fresh one. */
export async function demoDatabase(opts: DemoServerOptions, dataDir: string): Promise<string> {
  if (opts.database) return opts.database;
  const databaseUrl = await freshDatabase(opts, dataDir);
  const gridsArgs = opts.grids ? ['--grids', String(opts.grids)] : [];
  console.log(`building the demo county: ${opts.people.toLocaleString()} people${opts.grids ? `, ${opts.grids.toLocaleString()} grids` : ''} (${databaseUrl.split('://')[0]})…`);
  const t0 = Date.now();
  execFileSync(TSX, ['scripts/demo-county.ts', '--people', String(opts.people), ...gridsArgs, '--database', databaseUrl], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  console.log(`  built in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return databaseUrl;
}

export async function startDemoServer(opts: DemoServerOptions): Promise<DemoServer> {
  const dataDir = opts.dataDir ?? tempDir(`gg-bench-${opts.name}-`);
  const databaseUrl = await demoDatabase(opts, dataDir);
  await opts.prepare?.(databaseUrl);
  const port = await freePort();
  const [cmd, args] = opts.cpuProfDir
    ? [process.execPath, ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', path.resolve(opts.cpuProfDir), 'src/server/main.ts']]
    : [TSX, ['src/server/main.ts']];
  const child = startChild('platform', cmd, args, {
    cwd: opts.serverRoot ?? ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', PORT: String(port), HOST, DATA_DIR: dataDir, DATABASE_URL: databaseUrl, GRIDGUARD_DEMO: 'off', GRIDGUARD_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD, LOG_LEVEL: 'warn', ...opts.env },
  });
  const base = `http://${HOST}:${port}`;
  await waitHealthy(child, `${base}/healthz`, 120_000);

  const api: DemoServer['api'] = async (method, url, body, headers = {}) => {
    const res = await fetch(`${base}${url}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
    return { json: text ? JSON.parse(text) : null, headers: res.headers };
  };
  const bearer: DemoServer['bearer'] = async (username) => {
    const password = username === 'admin' ? BENCH_ADMIN_PASSWORD : DEMO_PASSWORD;
    const login = await api('POST', '/api/v1/auth/login', { username, password });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const token = await api('POST', '/api/v1/auth/tokens', { name: 'bench', expiresInDays: 1 }, { cookie, 'x-csrf-token': String(login.json.csrfToken) });
    return { headers: { authorization: `Bearer ${token.json.token as string}` }, user: login.json.user };
  };
  return { base, dialect: databaseUrl.startsWith('postgres') ? 'postgres' : 'sqlite', databaseUrl, dataDir, child, api, bearer };
}
