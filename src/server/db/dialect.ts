// Everything that differs between SQLite and PostgreSQL, in one place.
import { type Kysely, type RawBuilder, SqliteAdapter, type Transaction, sql } from 'kysely';
import type { DialectName } from './connect.ts';

/**
 * `column` contains `text`, ignoring case: a position function (SQLite's instr, PostgreSQL's
 * strpos) rather than LIKE, so PostgreSQL keeps walking the index the caller chose instead of
 * scanning for a pattern.
 */
export function containsText<DB>(db: Kysely<DB> | Transaction<DB>, column: string, text: string): RawBuilder<boolean> {
  const fn = sql.raw(db.getExecutor().adapter instanceof SqliteAdapter ? 'instr' : 'strpos');
  return sql<boolean>`${fn}(lower(${sql.ref(column)}), lower(${text})) > 0`;
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

export const toBool = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;
export const fromBool = (v: boolean): number => (v ? 1 : 0);

/** Unique-violation check for both drivers (SQLITE_CONSTRAINT_UNIQUE / PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
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
