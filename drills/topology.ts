// What the drills run against. Two kinds, one interface:
// - ownTopology(): started here, on this machine — a private PostgreSQL cluster (initdb'd once
//   under the drill directory, run as the `postgres` OS user: PostgreSQL refuses root), a
//   private redis-server, N GridGuard instances as plain node processes and the round-robin
//   balancer in front. Ports: DRILL_PORTS below (PostgreSQL 5452, Redis 6391, 18101–18199).
// - targetFromState(file): a cluster someone else stood up (deploy/local-cluster.sh), described
//   by a JSON state file named in GRIDGUARD_DRILL_TARGET (its shape: TargetState below, and
//   docs/operating.md "Fault drills").
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { newKeyringJson } from '../src/server/platform/crypto.ts';
import { type Balancer, startBalancer } from './balancer.ts';

const run = promisify(execFile);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_BIN = process.env.GRIDGUARD_DRILL_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export const DRILL_PORTS = { postgres: 5452, redis: 6391, balancer: 18101, firstInstance: 18111, lossyProxy: 18102 } as const;
export const DRILL_ADMIN_PASSWORD = 'drill-keeper-7f3a9c2e41';

export interface Instance {
  name: string;
  url: string;
  pid(): number | null;
  /** Sends a signal; resolves once the process has exited, with its exit code (null: killed by a signal, or not known). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** Starts it again (same port, same database) and waits for /readyz. */
  start(): Promise<void>;
}

export interface Topology {
  /** The balancer's address: what clients use. */
  url: string;
  databaseUrl: string;
  redisUrl: string;
  instances: Instance[];
  balancer: Balancer | null;
  postgres: { stop(): Promise<void>; start(): Promise<void> };
  redis: { stop(): Promise<void>; start(): Promise<void> };
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

const ready = (url: string) => async () => (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;

// ---------------------------------------------------------------- PostgreSQL (private cluster)

function asPostgres(args: string[]) {
  return run('runuser', ['-u', 'postgres', '--', ...args], { timeout: 120_000 });
}

async function privatePostgres(root: string, port: number) {
  const dataDir = path.join(root, `pg-${port}`);
  const pgCtl = (...args: string[]) => asPostgres([path.join(PG_BIN, 'pg_ctl'), '-D', dataDir, ...args]);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(root, { recursive: true, mode: 0o755 });
    fs.mkdirSync(dataDir, { recursive: true });
    await run('chown', ['postgres:postgres', dataDir]);
    await asPostgres([path.join(PG_BIN, 'initdb'), '-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--no-locale']);
    fs.appendFileSync(
      path.join(dataDir, 'postgresql.conf'),
      [`port = ${port}`, "listen_addresses = '127.0.0.1'", `unix_socket_directories = '${dataDir}'`, 'max_connections = 100', 'shared_buffers = 64MB', ''].join('\n'),
    );
  }
  const isUp = async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const start = async () => {
    if (await isUp().catch(() => false)) return;
    await pgCtl('-l', path.join(dataDir, 'server.log'), '-w', '-t', '60', 'start');
  };
  // Fast shutdown: what a restart for an update or a crash of the service looks like to clients.
  const stop = async () => {
    await pgCtl('-m', 'fast', '-w', '-t', '60', 'stop');
  };
  return { dataDir, start, stop, isUp };
}

async function adminQuery(port: number, sql: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- Redis (private)

function privateRedis(port: number) {
  let child: ChildProcess | null = null;
  const start = async () => {
    if (child) return;
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const current = child;
    current.once('exit', () => {
      if (child === current) child = null;
    });
    await waitUntil('redis-server', async () => (await run('redis-cli', ['-p', String(port), 'ping'])).stdout.trim() === 'PONG', 10_000, 100);
  };
  const stop = async () => {
    const current = child;
    if (!current) return;
    const exited = new Promise((r) => current.once('exit', r));
    current.kill('SIGKILL');
    await exited;
  };
  return { start, stop };
}

// ---------------------------------------------------------------- GridGuard instances

export function instanceProcess(name: string, port: number, env: Record<string, string>, logDir: string): Instance {
  let child: ChildProcess | null = null;
  let exited: Promise<number | null> = Promise.resolve(null);
  const url = `http://127.0.0.1:${port}`;
  const dataDir = path.join(logDir, name);
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(logDir, `${name}.log`);
  const spawnIt = () => {
    const out = fs.openSync(logFile, 'a');
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO,
      env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', out, out],
    });
    fs.closeSync(out);
    const current = child;
    exited = new Promise((resolve) => current.once('exit', (code) => resolve(code)));
    void exited.then(() => {
      if (child === current) child = null;
    });
  };
  return {
    name,
    url,
    pid: () => child?.pid ?? null,
    async stop(signal) {
      if (!child) return null;
      child.kill(signal);
      return exited;
    },
    async start() {
      if (!child) spawnIt();
      try {
        await waitUntil(`${name} ready`, async () => {
          if (!child) throw new Error(`${name} exited; see ${logFile}`);
          return ready(url)();
        }, 300_000, 250); // tsx compiles the server at start: minutes on a loaded machine
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${fs.readFileSync(logFile, 'utf8').slice(-3_000)}`);
      }
    },
  };
}

/** What every drill instance shares besides its database: the admin, one data keyring (as a deployment shares it), no demo, no web app. */
export function instanceEnv(runDir: string): Record<string, string> {
  return {
    GRIDGUARD_DEMO: 'off',
    GRIDGUARD_ADMIN_PASSWORD: DRILL_ADMIN_PASSWORD,
    GRIDGUARD_DATA_KEY: Buffer.from(JSON.stringify(newKeyringJson())).toString('base64'),
    GRIDGUARD_WEB_ROOT: path.join(runDir, 'no-web'),
    GRIDGUARD_TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'warn',
  };
}

export interface OwnTopologyOptions {
  instances?: number;
  /** Where the PostgreSQL cluster (kept between runs), logs and data directories live. */
  root?: string;
  log?: (line: string) => void;
}

export async function ownTopology(opts: OwnTopologyOptions = {}): Promise<Topology> {
  const log = opts.log ?? (() => undefined);
  const root = opts.root ?? path.join(os.tmpdir(), 'gridguard-drills');
  const postgres = await privatePostgres(root, DRILL_PORTS.postgres);
  log(`PostgreSQL: private cluster in ${postgres.dataDir} on port ${DRILL_PORTS.postgres}`);
  await postgres.start();
  const dbName = `gg_drill_${randomBytes(4).toString('hex')}`;
  await adminQuery(DRILL_PORTS.postgres, `create database ${dbName}`);
  const databaseUrl = `postgres://postgres@127.0.0.1:${DRILL_PORTS.postgres}/${dbName}`;

  const redis = privateRedis(DRILL_PORTS.redis);
  await redis.start();
  const redisUrl = `redis://127.0.0.1:${DRILL_PORTS.redis}`;

  const runDir = fs.mkdtempSync(path.join(root, 'run-'));
  const env = { ...instanceEnv(runDir), DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
  const count = opts.instances ?? 3;
  const instances = Array.from({ length: count }, (_, i) => instanceProcess(`instance-${i + 1}`, DRILL_PORTS.firstInstance + i, env, runDir));
  // The first one alone migrates the empty database and creates the admin; then the rest.
  log(`starting ${count} instances (logs in ${runDir})`);
  const [first, ...rest] = instances;
  await first?.start();
  await Promise.all(rest.map((i) => i.start()));
  const balancer = await startBalancer(
    instances.map((_, i) => ({ host: '127.0.0.1', port: DRILL_PORTS.firstInstance + i })),
    { port: DRILL_PORTS.balancer },
  );
  log(`balancer at ${balancer.url}`);
  return {
    url: balancer.url,
    databaseUrl,
    redisUrl,
    instances,
    balancer,
    postgres: { stop: postgres.stop, start: postgres.start },
    redis,
    async close() {
      await balancer.close();
      await Promise.all(instances.map((i) => i.stop('SIGTERM')));
      await redis.stop();
      await adminQuery(DRILL_PORTS.postgres, `drop database if exists ${dbName} with (force)`).catch(() => undefined);
      // The cluster is kept (initdb is the slow part); stopped so nothing runs after the drills.
      await postgres.stop().catch(() => undefined);
      // The logs stay (a failed drill is read there); the instances' data directories go.
      for (const i of instances) fs.rmSync(path.join(runDir, i.name), { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- someone else's cluster

/** The shape of the GRIDGUARD_DRILL_TARGET state file: addresses and shell commands. */
export interface TargetState {
  url: string;
  databaseUrl: string;
  redisUrl: string;
  instances: { name: string; url: string; pidFile: string; start: string }[];
  postgres: { stop: string; start: string };
  redis: { stop: string; start: string };
}

const shell = (command: string) => async () => {
  await run('sh', ['-c', command], { timeout: 120_000 });
};

export function targetFromState(file: string): Topology {
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as TargetState;
  const instances: Instance[] = state.instances.map((i) => {
    const pid = () => {
      const text = fs.existsSync(i.pidFile) ? fs.readFileSync(i.pidFile, 'utf8').trim() : '';
      return /^\d+$/.test(text) ? Number(text) : null;
    };
    return {
      name: i.name,
      url: i.url,
      pid,
      async stop(signal) {
        const p = pid();
        if (p === null) return null;
        process.kill(p, signal);
        await waitUntil(`${i.name} exit`, async () => {
          try {
            process.kill(p, 0);
            return false;
          } catch {
            return true;
          }
        }, 30_000, 100);
        return null;
      },
      async start() {
        await shell(i.start)();
        await waitUntil(`${i.name} ready`, ready(i.url), 120_000, 250);
      },
    };
  });
  return {
    url: state.url,
    databaseUrl: state.databaseUrl,
    redisUrl: state.redisUrl,
    instances,
    balancer: null,
    postgres: { stop: shell(state.postgres.stop), start: shell(state.postgres.start) },
    redis: { stop: shell(state.redis.stop), start: shell(state.redis.start) },
    close: async () => undefined,
  };
}

/** The cluster named by GRIDGUARD_DRILL_TARGET, else one started here. */
export async function openTopology(opts: OwnTopologyOptions = {}): Promise<Topology> {
  const target = process.env.GRIDGUARD_DRILL_TARGET;
  return target ? targetFromState(target) : ownTopology(opts);
}
