// Opens SQLite (default, one file, WAL) or PostgreSQL (DATABASE_URL=postgres://…) behind one Kysely.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { Kysely, type LogEvent, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { ReplicaRouter } from './read-replica.ts';
import type { DB } from './schema.ts';
import { GridGuardSqliteDialect } from './sqlite-dialect.ts';
import { bindReadPool } from './read-together.ts';
import { SqliteReadPoolDialect } from './sqlite-read-dialect.ts';
import { SqliteReadPool, defaultSqliteReaders } from './sqlite-read-pool.ts';
import { surviveEndedConnections } from './pool-errors.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  /**
   * For reads that may take long (lists, searches, dashboards, exports): never a transaction,
   * never a write. SQLite: a pool of readonly connections in worker threads, so a county scan
   * does not hold up the event loop (`db` itself when readers are 0 or the file is :memory:).
   * PostgreSQL: the read replica (DATABASE_READ_URL) when it is up and current, else the primary
   * (db/read-replica.ts). Read-your-writes holds: on SQLite and on the primary a write committed
   * before the read is sent is seen; with a replica the writer's account reads from the primary
   * for a window after each write.
   */
  read: Kysely<DB>;
  /**
   * For bulk reads (exports): like `read`, on a lane of its own so a county export's pages never
   * queue in front of a list's read. SQLite: one reader thread of its own, at a lower CPU
   * priority (Linux) than the readers of `read`. PostgreSQL: a pool of its own of two
   * connections on the primary (the replica's `read` when one is named), so an export does not
   * take a list's connection.
   */
  bulkRead: Kysely<DB>;
  /**
   * A bulk lane that sees every write committed before it is asked (a purge finding what is left
   * to remove): SQLite's bulk reader thread (a WAL snapshot taken per read, at a lower CPU
   * priority); on PostgreSQL the writer's pool, whose queries never hold the event loop — never a
   * replica, whose lag would hand back rows already deleted.
   */
  bulkReadFresh: Kysely<DB>;
  /** PostgreSQL with DATABASE_READ_URL: where `read` goes and why; null otherwise. */
  replica: ReplicaRouter | null;
  /** SQLite's reader threads, or null (PostgreSQL, readers 0, :memory:). */
  readPool: SqliteReadPool | null;
  /** SQLite's bulk reader thread (exports), or null (PostgreSQL, readers 0, :memory:). */
  bulkPool: SqliteReadPool | null;
  dialect: DialectName;
  /** The file (SQLite) or the database URL without its password (PostgreSQL), for messages. */
  describe: string;
  /** The raw better-sqlite3 handle, for bulk loads that bypass the query builder. */
  sqlite: SQLite.Database | null;
  /** PostgreSQL only: a dedicated connection's LISTEN, for fan-out between instances. */
  listen: ((channel: string, onMessage: (payload: string) => void, onError: (err: Error) => void) => Promise<() => Promise<void>>) | null;
  /** PostgreSQL only: NOTIFY through the pool (after the writer's commit). */
  notify: ((channel: string, payload: string) => Promise<void>) | null;
  /** Calls `observer` after every query with its duration (seconds) and whether it failed (metrics). */
  observeQueries(observer: QueryObserver): () => void;
  /** PostgreSQL: the pool's connections (open, idle, callers waiting for one); SQLite: null (one connection). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

export type QueryObserver = (seconds: number, failed: boolean) => void;

/** Kysely's log hook, fanned out to whoever observes queries (none: a set check per query). */
function queryObservers() {
  const observers = new Set<QueryObserver>();
  return {
    log: (event: LogEvent) => {
      for (const observe of observers) observe(event.queryDurationMillis / 1000, event.level === 'error');
    },
    observe(observer: QueryObserver) {
      observers.add(observer);
      return () => {
        observers.delete(observer);
      };
    },
  };
}

// pg parses `date` into a JS Date at local midnight and `timestamptz` into a Date; we keep
// days as 'YYYY-MM-DD' and times as ISO strings in UTC, the same as SQLite returns them.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString());
pg.types.setTypeParser(20, (v) => Number(v)); // count(*) is bigint; our counts fit a double

export function dialectOf(url: string): DialectName {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('sqlite://') || url === ':memory:') return 'sqlite';
  throw new Error(`DATABASE_URL must start with postgres:// or sqlite:// (got "${url.split(':')[0]}:")`);
}

export interface OpenOptions {
  poolSize?: number;
  backgroundCheckpoint?: boolean;
  /** SQLite reader threads (default min(4, cores); 0 reads on the main connection, as before). */
  sqliteReaders?: number;
  /**
   * Bulk reads (exports) on a lane of their own (default true): SQLite a reader thread of its
   * own, PostgreSQL a pool of its own. False: they share `read`'s threads or connections.
   */
  bulkLane?: boolean;
  /** PostgreSQL: a streaming replica for `read` (SQLite ignores it: its readers are threads on the one file). */
  readUrl?: string | null;
  /** PostgreSQL replica: lag past this sends reads to the primary (default 5 s). */
  replicaMaxLagSeconds?: number;
  /** PostgreSQL replica: how often its lag is measured (default 1 s; tests measure by hand). */
  replicaCheckEveryMs?: number;
}

export function openDatabase(url: string, opts: OpenOptions = {}): Database {
  const dialect = dialectOf(url);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, application_name: 'gridguard' });
    surviveEndedConnections(pool);
    const queries = queryObservers();
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: queries.log });
    const replica = opts.readUrl ? new ReplicaRouter(pool, opts.readUrl, { maxLagSeconds: opts.replicaMaxLagSeconds ?? 5, checkEveryMs: opts.replicaCheckEveryMs }, opts.poolSize ?? 10) : null;
    const read = replica ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: replica.pool() }), log: queries.log }) : db;
    // With a replica the exports read there (through `read`, which falls back to the primary).
    const bulkPg = !replica && opts.bulkLane !== false ? new pg.Pool({ connectionString: url, max: BULK_PG_CONNECTIONS, application_name: 'gridguard-bulk' }) : null;
    if (bulkPg) surviveEndedConnections(bulkPg);
    const bulkRead = bulkPg ? new Kysely<DB>({ dialect: new PostgresDialect({ pool: bulkPg }), log: queries.log }) : read;
    return {
      db,
      read,
      bulkRead,
      bulkReadFresh: db,
      replica,
      readPool: null,
      bulkPool: null,
      dialect,
      describe: url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@'),
      sqlite: null,
      observeQueries: queries.observe,
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      async listen(channel, onMessage, onError) {
        const client = new pg.Client({ connectionString: url });
        client.on('notification', (n) => n.channel === channel && n.payload !== undefined && onMessage(n.payload));
        client.on('error', onError);
        await client.connect();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
        return () => client.end();
      },
      async notify(channel, payload) {
        await pool.query('select pg_notify($1, $2)', [channel, payload]);
      },
      close: async () => {
        await replica?.close();
        if (bulkRead !== read) await bulkRead.destroy();
        if (read !== db) await read.destroy();
        await db.destroy();
      },
    };
  }
  const file = url === ':memory:' ? ':memory:' : url.slice('sqlite://'.length);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL'); // durable at each checkpoint; WAL keeps commits atomic
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  const checkpointer = opts.backgroundCheckpoint && file !== ':memory:' ? startCheckpointer(file) : null;
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
  // The planner chooses by the statistics ANALYZE left; a table of 100 alerts on the day the
  // server started may hold 40,000 a month later, and a plan made for 100 rows scans them all
  // (bench/control.ts saw an 8 ms list turn into 0.5 ms after a restart). `optimize` re-analyzes
  // the tables whose size changed a lot, with a bounded sample: at opening and every hour.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  const optimizer = file === ':memory:' ? null : setInterval(() => optimizeQuietly(sqlite), OPTIMIZE_EVERY_MS);
  optimizer?.unref();
  const queries = queryObservers();
  const db = new Kysely<DB>({ dialect: new GridGuardSqliteDialect({ database: withStatementCache(sqlite) }, sqlite), log: queries.log });
  const readers = file === ':memory:' ? 0 : (opts.sqliteReaders ?? defaultSqliteReaders());
  const readPool = readers > 0 ? new SqliteReadPool(path.resolve(file), readers) : null;
  const read = readPool ? new Kysely<DB>({ dialect: new SqliteReadPoolDialect(readPool), log: queries.log }) : db;
  if (readPool) bindReadPool(read, readPool);
  const bulkPool = readPool && opts.bulkLane !== false ? new SqliteReadPool(path.resolve(file), 1, { nice: BULK_SQLITE_NICE }) : null;
  const bulkRead = bulkPool ? new Kysely<DB>({ dialect: new SqliteReadPoolDialect(bulkPool), log: queries.log }) : read;
  if (bulkPool) bindReadPool(bulkRead, bulkPool);
  return {
    db,
    read,
    bulkRead,
    bulkReadFresh: bulkRead,
    replica: null,
    readPool,
    bulkPool,
    dialect,
    describe: file,
    sqlite,
    observeQueries: queries.observe,
    poolStats: () => null,
    listen: null,
    notify: null,
    close: async () => {
      if (optimizer) clearInterval(optimizer);
      await checkpointer?.terminate();
      await bulkPool?.close();
      await readPool?.close();
      await db.destroy();
    },
  };
}

const OPTIMIZE_EVERY_MS = 60 * 60_000;
/** An export reads one page ahead, so one connection is in use per export; two let a second export start. */
const BULK_PG_CONNECTIONS = 2;
/**
 * The bulk reader thread's nice value (Linux; 0–19, higher yields more): when lists and an export
 * both want the two cores, the kernel gives the lists' readers about three times the export's
 * share (CFS weights 1024 : 335); alone, the export still gets a whole core.
 */
const BULK_SQLITE_NICE = 5;
function optimizeQuietly(sqlite: SQLite.Database): void {
  try {
    sqlite.pragma('optimize');
  } catch {
    // Busy or closing: the next hour tries again.
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing cost ~290 µs of a ~1.5 ms write
 * request (bench/platform-post.ts). The same SQL text reuses its statement. Safe because Kysely
 * runs one query at a time on its single SQLite connection.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql); // re-insert: the Map's order is the recency order
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}

/**
 * SQLite checkpoints the WAL inline, on the commit that crosses 1,000 pages: that request waits
 * for the copy and its fsync (8 ms and more, the p99 of bench/platform-post.ts). The server
 * instead checkpoints from a worker thread with its own connection; PASSIVE never blocks
 * writers, and the journal is truncated back to 64 MiB when it grew past that.
 */
function startCheckpointer(file: string, everyMs = 500): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const Database = require('better-sqlite3');
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    db.pragma('journal_size_limit = 67108864');
    setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, workerData.everyMs);
  `;
  const worker = new Worker(code, { eval: true, workerData: { file, everyMs } });
  worker.unref();
  return worker;
}

/** Throws when the database does not answer: the health check's one question. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`select 1`.execute(db);
}
