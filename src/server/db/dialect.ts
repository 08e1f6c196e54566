// Everything that differs between SQLite and PostgreSQL, in one place.
import { type Kysely, type RawBuilder, SqliteAdapter, type Transaction, sql } from 'kysely';
import type { DialectName } from './connect.ts';

// Callers pass the handle they already hold: the dialect is read from it here, so no module
// needs to carry (or know) which database it runs on.
type Handle = Kysely<any> | Transaction<any>;
export const onSqlite = (db: Handle): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Whether a write statement runs on the server's own thread (SQLite's better-sqlite3 is
 * synchronous): while it runs no request is served, so long background writes must pace
 * themselves. PostgreSQL's run in its own processes while the server goes on.
 */
export const writesBlockTheServer = (db: Handle): boolean => onSqlite(db);

/**
 * `column` contains `text`, ignoring case: a position function (SQLite's instr, PostgreSQL's
 * strpos) rather than LIKE, so PostgreSQL keeps walking the index the caller chose instead of
 * scanning for a pattern.
 */
export function containsText<DB>(db: Kysely<DB> | Transaction<DB>, column: string, text: string): RawBuilder<boolean> {
  const fn = sql.raw(onSqlite(db) ? 'instr' : 'strpos');
  return sql<boolean>`${fn}(lower(${sql.ref(column)}), lower(${text})) > 0`;
}

/**
 * Holds every other writer of `table` until the transaction `tx` ends (a recount that deletes and
 * rewrites rows other writes bump). PostgreSQL needs `lock table … in exclusive mode` (reads go
 * on); SQLite has one writer at a time already, so a write transaction needs nothing more.
 */
export async function lockTableForRewrite(tx: Transaction<any>, table: string): Promise<void> {
  if (!onSqlite(tx)) await sql`lock table ${sql.table(table)} in exclusive mode`.execute(tx);
}

/**
 * Holds every other transaction that asks for the same `key` until `tx` ends (two edits of one
 * record's set of rows that must not interleave). PostgreSQL: a transaction-scoped advisory lock
 * on the key's hash; SQLite has one writer at a time already.
 */
export async function lockKeyForWrite(tx: Handle, key: string): Promise<void> {
  if (!onSqlite(tx)) await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(tx);
}

/**
 * A time bound as a parameter of a select list (`insert … select …, ${now}`): PostgreSQL gives
 * such a parameter no type, so it is cast to timestamptz; SQLite stores the ISO text as it is.
 */
export function timeValue(db: Handle, iso: string): RawBuilder<string> {
  return onSqlite(db) ? sql<string>`${iso}` : sql<string>`cast(${iso} as timestamptz)`;
}

/**
 * A table read through one index the caller names: SQLite's `indexed by` (its planner, on the
 * statistics `pragma optimize` keeps, may prefer a primary-key range and sort it whole — what a
 * top-N index is there to avoid); PostgreSQL plans with the query's values and needs no hint.
 */
export function tableIndexedBy(db: Handle, table: string, index: string): RawBuilder<unknown> {
  return onSqlite(db) ? sql`${sql.table(table)} indexed by ${sql.id(index)}` : sql`${sql.table(table)}`;
}

/** The type an id column has (`cast(v.id as ${idType(db)})` in a `values` list): uuid or text. */
export function idType(db: Handle): RawBuilder<unknown> {
  return sql.raw(onSqlite(db) ? 'text' : 'uuid');
}



/** Column types per dialect. Booleans are 0/1 integers in both: better-sqlite3 binds no JS boolean. */
export function columnTypes(dialect: DialectName) {
  const pg = dialect === 'postgres';
  return {
    uuid: pg ? 'uuid' : 'text',
    time: pg ? 'timestamptz' : 'text',
    day: pg ? 'date' : 'text',
    bool: pg ? 'smallint' : 'integer',
    json: pg ? 'text' : 'text',
    serial: pg ? 'serial' : 'integer',
    /** Binary content (signatures, scans): bytea in PostgreSQL; both drivers read a Buffer. */
    blob: pg ? 'bytea' : 'blob',
    // Region paths compare bytewise, so a subtree is a range; PostgreSQL needs the C collation.
    path: pg ? 'text collate "C"' : 'text',
  } as const;
}

/**
 * The boolean codec: boolean columns are 0/1 integers on both databases (see columnTypes), and
 * code reads and writes them only through these, never with a bare 0/1.
 */
export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean): number => (v ? 1 : 0);
/** A boolean column's stored true and false, for filters and inserts of a fixed value. */
export const DB_TRUE = fromBool(true);
export const DB_FALSE = fromBool(false);

/** Unique-violation check for both drivers (SQLITE_CONSTRAINT_UNIQUE / PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

// Connection-level SQLSTATEs: class 08 (connection exception) and 57P01–57P03 (the server is
// shutting down, crashed or starting up: "terminating connection due to administrator command",
// "the database system is starting up").
const UNREACHABLE_SQLSTATES = /^(08...|57P0[1-3])$/;
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a connection lost under a query, or a client left unusable by one, in words only.
const UNREACHABLE_MESSAGES = /Connection terminated|connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect/i;

/**
 * The database cannot be reached at all (PostgreSQL restarting, its host down): the request
 * did nothing and may be tried again once it is back. Never true for SQLite (a file).
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; errors?: unknown } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (UNREACHABLE_SQLSTATES.test(e.code) || UNREACHABLE_SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNREACHABLE_MESSAGES.test(e.message)) return true;
  // Node's AggregateError from a connect to "localhost" (both ::1 and 127.0.0.1 refused).
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isDatabaseUnreachable);
}

/**
 * The database saying it has no room: SQLITE_FULL (a full disk, or max_page_count reached),
 * SQLITE_IOERR_SHMSIZE (the WAL index file could not grow) or PostgreSQL's SQLSTATE 53100
 * disk_full ("could not extend file …: No space left on device").
 */
export function isDatabaseFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'SQLITE_IOERR_SHMSIZE' || code === '53100';
}

/**
 * SQLite's I/O errors that a write, resize or sync finding no space also produces, as does a
 * failing disk; only the free space left can tell which (platform/storage-health.ts asks).
 */
export function isDatabaseWriteIoError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_TRUNCATE' || code === 'SQLITE_IOERR_FSYNC';
}
