// PostgreSQL read replica (DATABASE_READ_URL): `database.read` queries go to a streaming replica
// unless (a) the caller's account wrote within the read-after-write window, or (b) the replica is
// unreachable or lags past the bound — then to the primary. Reads are side-effect free, so a read
// whose replica connection breaks (or that a recovery conflict cancels) is re-run on the primary.
//
// Read-your-writes, the choice (docs/operating.md "Read replica"): a fixed window per account, at
// least the lag bound plus one health check. Every write by a signed-in account is noted in this
// process and broadcast to the other instances (NOTIFY, awaited before the write's answer
// leaves), so whichever instance takes the account's next request reads from the primary for the
// window. Outside the window the replica is used only while its measured lag is under the bound,
// so the write has been replayed there. Waiting for an LSN per request would need the writer's
// LSN carried to the next request (a cookie or header the contract does not have).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { surviveEndedConnections } from './pool-errors.ts';

export type ReadTarget = 'replica' | 'primary_after_write' | 'primary_replica_down';
export type ReplicaState = { up: true; lagSeconds: number } | { up: false; reason: 'unreachable' | 'lagging' | 'not_checked'; lagSeconds: number | null };
export type ReplicaTransition = { up: boolean; reason: string; lagSeconds: number | null };

/** Who is reading: the account whose own recent write must be visible (null: nobody signed in). */
export interface ReadCaller {
  userId: string | null;
}

export interface ReplicaOptions {
  /** Lag past this sends reads to the primary. */
  maxLagSeconds: number;
  /** How often the replica's replay position is compared with the primary's. */
  checkEveryMs?: number;
  /** Channel other instances hear this instance's writers on. */
  channel?: string;
}

export const READ_AFTER_WRITE_CHANNEL = 'gridguard_read_after_write';
type Listen = (channel: string, onMessage: (payload: string) => void, onError: (err: Error) => void) => Promise<() => Promise<void>>;

/** Routes reads between a replica pool and the primary pool; one per process. */
export class ReplicaRouter {
  readonly replicaPool: pg.Pool;
  readonly maxLagSeconds: number;
  readonly checkEveryMs: number;
  /** Read-after-write window (ms): the lag bound plus one health check. */
  readonly windowMs: number;
  private readonly caller = new AsyncLocalStorage<ReadCaller>();
  private readonly lastWrite = new Map<string, number>();
  private readonly counts: Record<ReadTarget, number> = { replica: 0, primary_after_write: 0, primary_replica_down: 0 };
  private readonly listeners = new Set<(t: ReplicaTransition) => void>();
  /** Primary WAL positions sampled at each check: the replica's lag is the age of the newest one it replayed. */
  private samples: { at: number; lsn: bigint }[] = [];
  private state: ReplicaState = { up: false, reason: 'not_checked', lagSeconds: null };
  private timer: NodeJS.Timeout | null = null;
  /** The last lag measured (seconds), or null before the first answer from the replica. */
  lastLagSeconds: number | null = null;
  private checking: Promise<void> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private closed = false;

  constructor(
    private readonly primaryPool: pg.Pool,
    replicaUrl: string,
    opts: ReplicaOptions,
    poolSize: number,
  ) {
    this.replicaPool = new pg.Pool({ connectionString: replicaUrl, max: poolSize, application_name: 'gridguard-read', connectionTimeoutMillis: 2000 });
    // The replica crashing under reads killed an instance before (the replica drill): no more.
    surviveEndedConnections(this.replicaPool);
    this.maxLagSeconds = opts.maxLagSeconds;
    this.checkEveryMs = opts.checkEveryMs ?? 1000;
    this.windowMs = Math.ceil(opts.maxLagSeconds * 1000 + this.checkEveryMs);
  }

  /** Starts the health checks (the first one before this resolves) and hears other instances' writers. */
  async start(listen: Listen | null): Promise<void> {
    if (this.timer) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.checkEveryMs);
    this.timer.unref();
    if (listen) await this.hearWriters(listen);
  }

  /** LISTEN for other instances' writers; a lost connection (a primary restart) listens again a second later. */
  private async hearWriters(listen: Listen): Promise<void> {
    const again = () => {
      if (this.closed) return;
      const stop = this.stopListening;
      this.stopListening = null;
      void stop?.().catch(() => undefined);
      setTimeout(() => void this.hearWriters(listen), 1000).unref();
    };
    this.stopListening = await listen(READ_AFTER_WRITE_CHANNEL, (payload) => this.noteLocalWrite(payload), again).catch(() => {
      again();
      return null;
    });
  }

  /** Runs `fn` (a request's handler) with `caller` as the reader of every `database.read` query inside. */
  runAs<T>(caller: ReadCaller, fn: () => T): T {
    return this.caller.run(caller, fn);
  }

  /** An account wrote: its reads go to the primary for the window, here and (through NOTIFY) on every instance. */
  async noteWrite(userId: string, notify: ((channel: string, payload: string) => Promise<void>) | null): Promise<void> {
    this.noteLocalWrite(userId);
    await notify?.(READ_AFTER_WRITE_CHANNEL, userId).catch(() => undefined);
  }

  private noteLocalWrite(userId: string): void {
    if (!userId || userId.length > 64) return;
    const now = Date.now();
    this.lastWrite.set(userId, now);
    // Forget writers whose window has passed, so the map stays the size of the last few seconds.
    if (this.lastWrite.size > 1000) for (const [id, at] of this.lastWrite) if (now - at > this.windowMs) this.lastWrite.delete(id);
  }

  /** Where the next read of the current caller goes. */
  targetNow(): ReadTarget {
    const userId = this.caller.getStore()?.userId;
    if (userId != null) {
      const at = this.lastWrite.get(userId);
      if (at !== undefined && Date.now() - at < this.windowMs) return 'primary_after_write';
    }
    return this.state.up ? 'replica' : 'primary_replica_down';
  }

  status(): ReplicaState {
    return this.state;
  }

  /** Reads sent to each target since the start (the metrics' counter). */
  readCounts(): Readonly<Record<ReadTarget, number>> {
    return this.counts;
  }

  /** Called once per change of the replica's state (up ↔ down), for the log. */
  onTransition(listener: (t: ReplicaTransition) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The pool Kysely's PostgresDialect reads through. */
  pool(): PostgresPool {
    return {
      connect: async () => {
        const target = this.targetNow();
        this.counts[target] += 1;
        if (target !== 'replica') return this.primaryPool.connect();
        try {
          return new FallbackClient(await this.replicaPool.connect(), this).asPoolClient();
        } catch {
          return this.connectPrimaryInstead('unreachable');
        }
      },
      end: async () => undefined, // the pools are ended by close()
    };
  }

  /** A replica query failed for a reason the primary would not have: the same read there. */
  async connectPrimaryInstead(reason: 'unreachable' | null): Promise<pg.PoolClient> {
    if (reason) this.markDown(reason, null);
    this.counts.replica -= 1;
    this.counts.primary_replica_down += 1;
    return this.primaryPool.connect();
  }

  /** Compares the replica's replayed WAL position with the primary's recent positions. */
  check(): Promise<void> {
    this.checking ??= this.measure().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async measure(): Promise<void> {
    const now = Date.now();
    try {
      const primary = await this.primaryPool.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
      const lsn = parseLsn(primary.rows[0]?.lsn);
      if (lsn !== null) this.samples.push({ at: now, lsn });
    } catch {
      return; // the primary is down: nothing to compare with; the instance's /readyz says so
    }
    this.samples = this.samples.filter((s) => now - s.at <= (this.maxLagSeconds + 5) * 1000 || s === this.samples.at(-1));
    let replayed: bigint | null;
    try {
      // A standby reports what it has replayed; a server that is not one (a promoted replica, or
      // DATABASE_READ_URL naming the primary) is current by definition.
      const r = await this.replicaPool.query<{ lsn: string | null }>(
        'select case when pg_is_in_recovery() then pg_last_wal_replay_lsn()::text else pg_current_wal_lsn()::text end as lsn',
      );
      replayed = parseLsn(r.rows[0]?.lsn ?? undefined);
    } catch {
      this.markDown('unreachable', null);
      return;
    }
    const reached = replayed === null ? [] : this.samples.filter((s) => s.lsn <= replayed);
    const newest = reached.at(-1);
    const oldest = this.samples[0];
    const lagSeconds = newest ? Math.max(0, (now - newest.at) / 1000) : oldest ? (now - oldest.at) / 1000 : 0;
    if (newest) this.samples = this.samples.filter((s) => s.at >= newest.at);
    this.lastLagSeconds = lagSeconds;
    if (lagSeconds > this.maxLagSeconds) this.markDown('lagging', lagSeconds);
    else if (newest) this.markUp(lagSeconds);
  }

  markDown(reason: 'unreachable' | 'lagging', lagSeconds: number | null): void {
    const was = this.state;
    this.state = { up: false, reason, lagSeconds };
    if (was.up || was.reason === 'not_checked') this.emit({ up: false, reason, lagSeconds });
  }

  private markUp(lagSeconds: number): void {
    const was = this.state;
    this.state = { up: true, lagSeconds };
    if (!was.up) this.emit({ up: true, reason: 'caught_up', lagSeconds });
  }

  private emit(t: ReplicaTransition): void {
    for (const listener of this.listeners) listener(t);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await this.stopListening?.().catch(() => undefined);
    await this.replicaPool.end();
  }
}

/**
 * A replica client whose query is re-run on a primary client when the replica connection breaks
 * (server stopped, network) or the standby cancels it for a recovery conflict. Reads only: a
 * re-run has no side effect.
 */
class FallbackClient {
  private onReplica = true;
  constructor(
    private client: pg.PoolClient,
    private readonly router: ReplicaRouter,
  ) {}

  // Kysely sends text and parameters; its cursor form is used only with the dialect's `cursor`
  // option, which this read pool is not given.
  asPoolClient(): PostgresPoolClient {
    return { query: (text: string, parameters: readonly unknown[]) => this.query(text, parameters), release: () => this.release() } as unknown as PostgresPoolClient;
  }

  async query(text: string, parameters: readonly unknown[]): Promise<pg.QueryResult> {
    const args: [string, unknown[]] = [text, [...parameters]];
    try {
      return await this.client.query(...args);
    } catch (err) {
      const kind = this.onReplica ? replicaFailureOf(err) : null;
      if (!kind) throw err;
      this.client.release(kind === 'unreachable' ? (err as Error) : undefined);
      this.onReplica = false;
      this.client = await this.router.connectPrimaryInstead(kind === 'unreachable' ? 'unreachable' : null);
      return this.client.query(...args);
    }
  }

  release(): void {
    this.client.release();
  }
}

// Connection exceptions (08), an administrator's or a shutdown's termination (57P01–57P03),
// and errors with no SQLSTATE (the socket closed) mean the replica is gone; 40001 on a standby is
// a recovery conflict (VACUUM replayed under a long read): that read alone moves.
function replicaFailureOf(err: unknown): 'unreachable' | 'conflict' | null {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string' || /^(08|57P0[123])/.test(code) || /^E[A-Z]+$/.test(code)) return 'unreachable';
  if (code === '40001') return 'conflict';
  return null;
}

/** '16/B374D848' → a comparable number; null for a missing position. */
export function parseLsn(text: string | undefined | null): bigint | null {
  const m = /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text ?? '');
  if (!m?.[1] || !m[2]) return null;
  return (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`);
}
