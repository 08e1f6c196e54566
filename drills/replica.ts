// Drill replica (lag or loss): reads stay correct for the writer, then fall back to the primary.
// The other drills' PostgreSQL has no replica, so this one stands up its own servers:
// deploy/local-cluster.sh pg-up (a primary and a streaming replica made by pg_basebackup -R, run
// as the `postgres` user), two instances with DATABASE_READ_URL behind the drill balancer, each
// with its own metrics port — where the drill reads, from outside, whether an instance uses the
// replica (gridguard_db_replica_up). Ports: REPLICA_DRILL_PORTS (19401–19422).
// Phases, each timed: replay paused (the replica lags) → the writer reads each write at once,
// another account reads the stale copy until the lag bound sends every read to the primary;
// replay resumed → back on the replica; replica stopped (immediate: a crash) → reads answer from
// the primary; replica started again → back on it. No answer may be a 5xx.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { startBalancer } from './balancer.ts';
import { type Answer, type Session, adminSession, call, drillGrid, postUntilAcknowledged, printTable } from './client.ts';
import { type Instance, instanceEnv, instanceProcess, waitUntil } from './topology.ts';

const run = promisify(execFile);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPLICA_DRILL_PORTS = { primary: 19401, replica: 19402, balancer: 19410, firstInstance: 19411, firstMetrics: 19421 } as const;
const READER_PASSWORDS = ['drill-reader-first-5c81e2', 'drill-reader-own-9d04a7'] as const;

export interface ReplicaFigures {
  lagBoundSeconds: number;
  writes: number;
  /** Writes the writer found in its very next list read (through either instance). */
  writerSawOwnWrite: number;
  /** The other account's list reads while the lag was under the bound, and how many missed the write just made. */
  readerReadsUnderBound: number;
  readerStaleUnderBound: number;
  /** Replay paused → the other account sees the last write (its reads went to the primary). */
  fallbackSeconds: number;
  /** Replay resumed → every instance reads on the replica again. */
  backOnReplicaSeconds: number;
  /** Replica stopped → every instance has noticed (reads on the primary). */
  lossNoticedSeconds: number;
  /** List reads while the replica was down, and how many of them had the writer's last write. */
  readsWhileDown: number;
  correctWhileDown: number;
  /** Replica started again (accepting connections) → every instance reads on it again. */
  recoverySeconds: number;
  serverErrors: number;
  networkErrors: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const since = (t: number) => (Date.now() - t) / 1000;

function pgBin(): string {
  const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return `/usr/lib/postgresql/${versions.at(-1)}/bin`;
}

/** The primary and its replica, by the deployment kit's own script. */
function pgPair(dir: string) {
  const env = { ...process.env, GRIDGUARD_CLUSTER_DIR: dir, PG_PRIMARY_PORT: String(REPLICA_DRILL_PORTS.primary), PG_REPLICA_PORT: String(REPLICA_DRILL_PORTS.replica), GRIDGUARD_CLUSTER_DB: 'gridguard' };
  const script = (command: string) => run('bash', [path.join(REPO, 'deploy/local-cluster.sh'), command], { env, timeout: 180_000 });
  const urlOn = (port: number) => `postgres://postgres@127.0.0.1:${port}/gridguard`;
  return {
    primaryUrl: urlOn(REPLICA_DRILL_PORTS.primary),
    replicaUrl: urlOn(REPLICA_DRILL_PORTS.replica),
    /** Starts whatever of the pair is not running (both at first; the replica after a stop). */
    up: () => script('pg-up'),
    down: () => script('pg-down').catch(() => undefined),
    async onReplica(sql: string): Promise<Record<string, unknown>[]> {
      const client = new pg.Client({ connectionString: urlOn(REPLICA_DRILL_PORTS.replica) });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    /** The replica's server dies (immediate shutdown: no checkpoint, connections cut). */
    async crashReplica() {
      const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
      const [cmd = '', ...args] = [...asPostgres, path.join(pgBin(), 'pg_ctl'), '-D', path.join(dir, 'pg', 'replica'), '-m', 'immediate', '-w', 'stop'];
      await run(cmd, args, { timeout: 60_000 });
    },
  };
}

/** Every instance's gridguard_db_replica_up, read on its metrics port. */
async function replicaUp(metricsPorts: number[]): Promise<number[]> {
  return Promise.all(
    metricsPorts.map(async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      return Number(/^gridguard_db_replica_up (\d)/m.exec(text)?.[1] ?? Number.NaN);
    }),
  );
}

/** A second account, in the drill's grid, signed in with a cookie (reads need no CSRF token). */
async function readerSession(admin: Session, gridId: number): Promise<Session> {
  // Password hashing is slow on purpose, slower on a loaded machine: a minute per call.
  const slow = 60_000;
  const username = `drill.reader.${Date.now().toString(36)}`;
  const made = await call(admin.base, 'POST', '/api/v1/users', { username, displayName: '演练读者', role: 'grid_leader', regionId: gridId, password: READER_PASSWORDS[0] }, admin.headers, slow);
  if (made.status !== 201) throw new Error(`reader account: ${made.status} ${JSON.stringify(made.json)}`);
  const signIn = async (password: string) => {
    const login = await call(admin.base, 'POST', '/api/v1/auth/login', { username, password }, {}, slow);
    if (login.status !== 200) throw new Error(`reader sign-in: ${login.status} ${JSON.stringify(login.json)}`);
    return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: String(login.json?.csrfToken) };
  };
  // A password a manager set must be replaced before anything else answers.
  const first = await signIn(READER_PASSWORDS[0]);
  const changed = await call(admin.base, 'POST', '/api/v1/auth/password', { currentPassword: READER_PASSWORDS[0], newPassword: READER_PASSWORDS[1] }, { cookie: first.cookie, 'x-csrf-token': first.csrf }, slow);
  if (changed.status !== 200) throw new Error(`reader password: ${changed.status} ${JSON.stringify(changed.json)}`);
  const own = await signIn(READER_PASSWORDS[1]);
  return { base: admin.base, headers: { cookie: own.cookie } };
}

export async function replicaDrill(opts: { writes?: number; lagBoundSeconds?: number; log?: (line: string) => void } = {}): Promise<ReplicaFigures> {
  const log = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const lagBound = opts.lagBoundSeconds ?? 3;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gridguard-replica-drill-'));
  fs.chmodSync(root, 0o755);
  const pair = pgPair(path.join(root, 'cluster'));
  const instances: Instance[] = [];
  let balancer: Awaited<ReturnType<typeof startBalancer>> | null = null;
  let finished = false;
  try {
    log(`PostgreSQL primary ${REPLICA_DRILL_PORTS.primary} + streaming replica ${REPLICA_DRILL_PORTS.replica} (deploy/local-cluster.sh pg-up)`);
    await pair.up();
    const shared = instanceEnv(root);
    const metricsPorts = [0, 1].map((i) => REPLICA_DRILL_PORTS.firstMetrics + i);
    for (const i of [0, 1]) {
      const env = { ...shared, DATABASE_URL: pair.primaryUrl, DATABASE_READ_URL: pair.replicaUrl, GRIDGUARD_REPLICA_MAX_LAG_S: String(lagBound), GRIDGUARD_METRICS_PORT: String(metricsPorts[i]) };
      instances.push(instanceProcess(`replica-instance-${i + 1}`, REPLICA_DRILL_PORTS.firstInstance + i, env, root));
    }
    log(`starting 2 instances with DATABASE_READ_URL, GRIDGUARD_REPLICA_MAX_LAG_S=${lagBound} (logs in ${root})`);
    // The first alone migrates the empty database.
    for (const instance of instances) await instance.start();
    balancer = await startBalancer(instances.map((_, i) => ({ host: '127.0.0.1', port: REPLICA_DRILL_PORTS.firstInstance + i })), { port: REPLICA_DRILL_PORTS.balancer });

    const writer = await adminSession(balancer.url);
    const grid = await drillGrid(writer);
    const reader = await readerSession(writer, grid);
    const allOnReplica = async () => (await replicaUp(metricsPorts)).every((up) => up === 1);
    const noneOnReplica = async () => (await replicaUp(metricsPorts)).every((up) => up === 0);
    await waitUntil('both instances on the replica', allOnReplica, 60_000, 100);

    let serverErrors = 0;
    let networkErrors = 0;
    /** The grid's households as `session` lists them; null when the read failed. */
    const listed = async (session: Session): Promise<Set<string> | null> => {
      let answer: Answer;
      try {
        answer = await call(session.base, 'GET', `/api/v1/households?regionId=${grid}&limit=500`, undefined, session.headers);
      } catch {
        networkErrors += 1;
        return null;
      }
      if (answer.status >= 500) serverErrors += 1;
      if (answer.status !== 200) return null;
      return new Set((answer.json?.items as { id: string }[]).map((h) => h.id));
    };

    // ---- lag: the replica stops replaying; the writer writes and reads, the other account reads.
    const writes = opts.writes ?? 10;
    await pair.onReplica('select pg_wal_replay_pause()');
    // The pause is a request: replay stops at its next record.
    await waitUntil('replay paused', async () => (await pair.onReplica('select pg_get_wal_replay_pause_state() as s'))[0]?.s === 'paused', 30_000, 50);
    const pausedAt = Date.now();
    let writerSawOwnWrite = 0;
    let readerReadsUnderBound = 0;
    let readerStaleUnderBound = 0;
    let lastId = '';
    /** When the other account first read the write just made: its reads had gone to the primary. */
    let freshAt: number | null = null;
    for (let n = 0; n < writes; n++) {
      const made = await postUntilAcknowledged(writer, '/api/v1/households', { regionId: grid, address: `演练副本路${n}号` });
      if (!made.id) throw new Error('a household write was never acknowledged');
      lastId = made.id;
      if ((await listed(writer))?.has(lastId)) writerSawOwnWrite += 1;
      const readAt = Date.now();
      const theirs = await listed(reader);
      // Under the bound the other account may read the lagging copy: the documented trade.
      if (theirs && readAt - pausedAt < lagBound * 1000) {
        readerReadsUnderBound += 1;
        if (!theirs.has(lastId)) readerStaleUnderBound += 1;
      }
      if (theirs?.has(lastId)) freshAt ??= readAt;
      await sleep(100);
    }
    if (freshAt === null) {
      await waitUntil('the other account sees the write (reads on the primary)', async () => Boolean((await listed(reader))?.has(lastId)), 60_000, 100);
      freshAt = Date.now();
    }
    const fallbackSeconds = (freshAt - pausedAt) / 1000;
    log(`  replay paused: the other account read the write ${fallbackSeconds.toFixed(1)} s later (bound ${lagBound} s)`);

    await pair.onReplica('select pg_wal_replay_resume()');
    const resumedAt = Date.now();
    await waitUntil('both instances back on the replica after replay resumed', allOnReplica, 60_000, 100);
    const backOnReplicaSeconds = since(resumedAt);

    // ---- loss: the replica's server dies while the other account keeps reading.
    let readsWhileDown = 0;
    let correctWhileDown = 0;
    let reading = true;
    const readLoop = (async () => {
      while (reading) {
        const theirs = await listed(reader);
        readsWhileDown += 1;
        if (theirs?.has(lastId)) correctWhileDown += 1;
        await sleep(50);
      }
    })();
    await pair.crashReplica();
    const stoppedAt = Date.now();
    await waitUntil('both instances notice the replica is gone', noneOnReplica, 60_000, 100);
    const lossNoticedSeconds = since(stoppedAt);
    await sleep(2_000);
    reading = false;
    await readLoop;

    await pair.up();
    const restartedAt = Date.now();
    await waitUntil('both instances back on the restarted replica', allOnReplica, 60_000, 100);
    const recoverySeconds = since(restartedAt);
    if (!(await listed(reader))?.has(lastId)) throw new Error('the restarted replica does not show the last write');

    const figures: ReplicaFigures = {
      lagBoundSeconds: lagBound,
      writes,
      writerSawOwnWrite,
      readerReadsUnderBound,
      readerStaleUnderBound,
      fallbackSeconds,
      backOnReplicaSeconds,
      lossNoticedSeconds,
      readsWhileDown,
      correctWhileDown,
      recoverySeconds,
      serverErrors,
      networkErrors,
    };
    printTable(`replica: 2 instances, DATABASE_READ_URL on a streaming replica, lag bound ${lagBound} s`, [
      ['writes while replay paused', writes],
      ['writer read its own write at once', `${writerSawOwnWrite}/${writes}`],
      ['other account, reads under the bound', readerReadsUnderBound],
      ['  of them stale (replica copy)', readerStaleUnderBound],
      ['replay paused → reads on primary (s)', fallbackSeconds.toFixed(1)],
      ['replay resumed → back on replica (s)', backOnReplicaSeconds.toFixed(1)],
      ['replica killed → every instance noticed (s)', lossNoticedSeconds.toFixed(1)],
      ['reads while it was down / with the write', `${readsWhileDown} / ${correctWhileDown}`],
      ['replica restarted → back on it (s)', recoverySeconds.toFixed(1)],
      ['answers 5xx', serverErrors],
      ['network errors', networkErrors],
    ]);
    finished = true;
    return figures;
  } finally {
    await balancer?.close();
    await Promise.all(instances.map((i) => i.stop('SIGTERM')));
    await pair.down();
    // The instances' logs stay when the drill failed (they say why); the servers' data never.
    fs.rmSync(finished ? root : path.join(root, 'cluster'), { recursive: true, force: true });
    if (!finished) log(`  instance logs kept in ${root}`);
  }
}
