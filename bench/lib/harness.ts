// Shared pieces of the benchmarks: child servers (own process group, killed on any exit),
// free loopback ports, health waits, RSS from /proc, autocannon runs, medians.
// Files under bench/lib/ are helpers, not benchmarks: run-all.ts only runs bench/*.ts files
// that declare `export const bench`.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_TIME_ZONE } from '../../src/shared/time-zone.ts';

export const HOST = '127.0.0.1';

/** The county's zone as the servers a bench starts read it (GRIDGUARD_TIME_ZONE, else the default). */
export const countyTimeZone = (): string => process.env.GRIDGUARD_TIME_ZONE || DEFAULT_TIME_ZONE;

// ---------------------------------------------------------------- cleanup
type Cleanup = { name: string; sync: () => void };
const cleanups: Cleanup[] = [];

/** Registers a synchronous cleanup that runs on normal exit, on failure and on signals. */
export function onCleanup(name: string, sync: () => void): () => void {
  const entry = { name, sync };
  cleanups.push(entry);
  return () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export function runCleanups(): void {
  while (cleanups.length) {
    const c = cleanups.pop();
    try {
      c?.sync();
    } catch (err) {
      process.stderr.write(`cleanup ${c?.name} failed: ${String(err)}\n`);
    }
  }
}

process.on('exit', runCleanups);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    process.stderr.write(`\n${sig}: cleaning up\n`);
    runCleanups();
    process.exit(130);
  });
}

/** A hard limit on the whole benchmark: past it, children are killed and the run fails. */
export function deadline(ms: number, what: string): void {
  setTimeout(() => {
    process.stderr.write(`\nFAIL: ${what} exceeded its time limit of ${Math.round(ms / 1000)} s\n`);
    runCleanups();
    process.exit(2);
  }, ms).unref();
}

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  onCleanup(`rm ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------- children
export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** Last lines of stdout+stderr, for failure messages. */
  output(): string;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startChild(name: string, cmd: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const proc = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (proc.pid === undefined) throw new Error(`${name}: could not start ${cmd}`);
  const pid = proc.pid;
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-8000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  let alive = true;
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      alive = false;
      resolve(code);
    }),
  );
  // The child leads its own process group (detached): killing -pid also ends what it started
  // (tsx runs the server in a grandchild).
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const unregister = onCleanup(`kill ${name} (${pid})`, () => killGroup('SIGKILL'));
  return {
    name,
    proc,
    pid,
    output: () => out,
    exited,
    async stop() {
      if (alive) {
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // anything left in the group
      unregister();
    },
  };
}

/** A port nothing listens on; inside GRIDGUARD_BENCH_PORTS (e.g. 19500-19599) when set, for a machine whose ports are shared out. */
export async function freePort(): Promise<number> {
  const range = /^(\d+)-(\d+)$/.exec(process.env.GRIDGUARD_BENCH_PORTS ?? '');
  if (range) {
    for (let port = Number(range[1]); port <= Number(range[2]); port++) if (await portFree(port)) return port;
    throw new Error(`no free port in GRIDGUARD_BENCH_PORTS=${process.env.GRIDGUARD_BENCH_PORTS}`);
  }
  return anyFreePort();
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitHealthy(child: Child, url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let exitedCode: number | null | undefined;
  void child.exited.then((c) => {
    exitedCode = c;
  });
  while (Date.now() < until) {
    if (exitedCode !== undefined) throw new Error(`${child.name} exited (${exitedCode}) before it was healthy:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} not healthy at ${url} after ${timeoutMs} ms:\n${child.output()}`);
}

// ---------------------------------------------------------------- memory
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const text = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function cmdlineOf(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/**
 * RSS of the process that actually serves, and of the whole tree. tsx's CLI runs the script in
 * a node grandchild, which itself starts an esbuild service: the server is the deepest process
 * whose command line names `script`.
 */
export function serverRss(rootPid: number, script: string): { serverMb: number; treeMb: number; serverPid: number } {
  const tree: number[] = [];
  let server = rootPid;
  let serverDepth = -1;
  const walk = (pid: number, depth: number) => {
    tree.push(pid);
    if (depth > serverDepth && cmdlineOf(pid).includes(script)) {
      server = pid;
      serverDepth = depth;
    }
    for (const kid of childrenOf(pid)) walk(kid, depth + 1);
  };
  walk(rootPid, 0);
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  return { serverMb: mb(rssKb(server)), treeMb: mb(tree.reduce((s, p) => s + rssKb(p), 0)), serverPid: server };
}

/** CPU time (user + system) the process has used so far, in µs (from /proc/<pid>/stat). */
export function cpuUs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime field 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
  } catch {
    return 0;
  }
}
const CLK_TCK = 100; // Linux USER_HZ

// ---------------------------------------------------------------- load
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Server CPU µs per request, filled in by the caller. */
  cpuUsPerReq?: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSec: number;
  path: string;
  headers: Record<string, string>;
  /** POST by default. */
  method?: 'GET' | 'POST';
  /** Called once per request: the body, extra headers and (optionally) path of that request. */
  next: () => { body?: string; headers: Record<string, string>; path?: string };
}

export async function load(spec: LoadSpec): Promise<LoadResult> {
  const statusCodes: Record<string, number> = {};
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSec,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: spec.method ?? 'POST',
        path: spec.path,
        headers: { ...(spec.method === 'GET' ? {} : { 'content-type': 'application/json' }), ...spec.headers },
        setupRequest: (req) => {
          const n = spec.next();
          return { ...req, ...(n.path ? { path: n.path } : {}), ...(n.body !== undefined ? { body: n.body } : {}), headers: { ...req.headers, ...n.headers } };
        },
        onResponse: (status) => {
          statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        },
      },
    ],
  });
  const r = await instance;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

/**
 * The options every benchmark on the demo county takes: which database (`--postgres`, or an
 * existing `--database URL` with its `--data-dir`), the county's size, and the load to put on it.
 */
export function demoCountyArgs(argv: string[], defaults: { connections: number; durationSec?: number; runs?: number }) {
  const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
  return {
    postgres: argv.includes('--postgres'),
    people: num('--people', 250_000),
    durationSec: num('--duration', defaults.durationSec ?? 5),
    runs: num('--runs', defaults.runs ?? 3),
    connections: num('--connections', defaults.connections),
    database: argValue(argv, '--database'),
    dataDir: argValue(argv, '--data-dir'),
  };
}

/** The line run-all.ts reads back for its summary table. */
export function emitResult(result: Record<string, unknown>): void {
  process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}
