// Bulk inserts for the demo county, the fastest honest way on each database:
// - SQLite: the raw better-sqlite3 handle, one prepared statement per table, rows run as they
//   come inside one big transaction (a commit costs ~70 µs; a row inside a transaction ~2 µs).
// - PostgreSQL: INSERT … SELECT FROM unnest($1::uuid[], $2::int[], …) of 5,000 rows, one array
//   parameter per column: no 65,535-parameter limit to mind (a VALUES list of 23 columns would
//   stop at 2,849 rows), and PostgreSQL parses a 23-parameter statement instead of a 46,000-one.
//   One chunk is in flight while the next is generated.
// Rows are added in dependency order (regions, users, households, then their people), and the
// PostgreSQL writer sends every buffer, in that order, whenever one is full: no foreign key
// ever points at a row not yet sent.
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import type { Row } from './people.ts';

export type BulkTable = 'regions' | 'users' | 'households' | 'persons';
const TABLE_ORDER: readonly BulkTable[] = ['regions', 'users', 'households', 'persons'];
const PG_MAX_ROWS = 5_000;

export interface BulkWriter {
  add(table: BulkTable, columns: readonly string[], row: Row): void;
  /** Lets buffered rows go out; call between batches of add(). */
  drain(): Promise<void>;
  /** Commits what is written so far and opens the next transaction. */
  commit(): Promise<void>;
  /** Runs a statement inside the current transaction (after sending what is buffered). */
  exec(sqlText: string): Promise<void>;
  /** After rows written with explicit serial ids: the next generated id follows the largest written (PostgreSQL's sequence; SQLite needs nothing). */
  catchUpSerial(table: BulkTable, column: string): Promise<void>;
}

/** Runs `work` with a writer inside a transaction; commits at the end, rolls back on failure. */
export async function withBulkWriter<T>(database: Database, work: (writer: BulkWriter) => Promise<T>): Promise<T> {
  if (database.sqlite) return withSqliteWriter(database.sqlite, work);
  return database.db.connection().execute((conn) => withPostgresWriter(conn, work));
}

async function withSqliteWriter<T>(sqlite: NonNullable<Database['sqlite']>, work: (writer: BulkWriter) => Promise<T>): Promise<T> {
  const statements = new Map<string, ReturnType<typeof sqlite.prepare>>();
  const writer: BulkWriter = {
    add(table, columns, row) {
      let stmt = statements.get(table);
      if (!stmt) {
        stmt = sqlite.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        statements.set(table, stmt);
      }
      stmt.run(row);
    },
    drain: async () => undefined,
    async commit() {
      sqlite.exec('commit');
      sqlite.exec('begin');
    },
    async exec(sqlText) {
      sqlite.exec(sqlText);
    },
    catchUpSerial: async () => undefined,
  };
  sqlite.exec('begin');
  try {
    const result = await work(writer);
    sqlite.exec('commit');
    return result;
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('rollback');
    throw err;
  }
}

async function withPostgresWriter<T>(conn: Kysely<DB>, work: (writer: BulkWriter) => Promise<T>): Promise<T> {
  const buffers = new Map<BulkTable, { columns: readonly string[]; rows: Row[] }>();
  const types = await columnTypesOf(conn);
  let inflight: Promise<void> = Promise.resolve();
  let failure: unknown = null;

  const run = async (sqlText: string, params: unknown[] = []) => {
    await inflight;
    if (failure) throw failure;
    // Started, not awaited: the next chunk is generated while PostgreSQL inserts this one.
    // The failure is kept (not left unhandled) and thrown at the next step.
    inflight = conn.executeQuery(CompiledQuery.raw(sqlText, params)).then(
      () => undefined,
      (err: unknown) => void (failure = err),
    );
    // One turn of the event loop puts the query on the socket before generation resumes.
    await new Promise((resolve) => setImmediate(resolve));
  };
  const insertText = (table: BulkTable, columns: readonly string[]) => {
    const arrays = columns.map((c, i) => `$${i + 1}::${types.get(`${table}.${c}`) ?? 'text'}[]`);
    return `insert into ${table} (${columns.join(', ')}) select * from unnest(${arrays.join(', ')})`;
  };
  const sendAll = async () => {
    for (const table of TABLE_ORDER) {
      const buffer = buffers.get(table);
      if (!buffer?.rows.length) continue;
      const rows = buffer.rows;
      buffer.rows = [];
      for (let i = 0; i < rows.length; i += PG_MAX_ROWS) {
        const chunk = rows.slice(i, i + PG_MAX_ROWS);
        await run(insertText(table, buffer.columns), buffer.columns.map((_, c) => chunk.map((row) => row[c] ?? null)));
      }
    }
  };
  const settle = async () => {
    await sendAll();
    await inflight;
    if (failure) throw failure;
  };
  const writer: BulkWriter = {
    add(table, columns, row) {
      let buffer = buffers.get(table);
      if (!buffer) {
        buffer = { columns, rows: [] };
        buffers.set(table, buffer);
      }
      buffer.rows.push(row);
    },
    async drain() {
      if ([...buffers.values()].some((b) => b.rows.length >= PG_MAX_ROWS)) await sendAll();
    },
    async commit() {
      await settle();
      await conn.executeQuery(CompiledQuery.raw('commit'));
      await conn.executeQuery(CompiledQuery.raw('begin'));
    },
    async exec(sqlText) {
      await settle();
      await conn.executeQuery(CompiledQuery.raw(sqlText));
    },
    async catchUpSerial(table, column) {
      await this.exec(`select setval(pg_get_serial_sequence('${table}', '${column}'), (select max(${column}) from ${table}))`);
    },
  };
  await conn.executeQuery(CompiledQuery.raw('begin'));
  try {
    const result = await work(writer);
    await settle();
    await conn.executeQuery(CompiledQuery.raw('commit'));
    return result;
  } catch (err) {
    await inflight;
    await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
    throw err;
  }
}

/** 'table.column' → its SQL type ('uuid', 'integer', 'timestamp with time zone', …). */
async function columnTypesOf(conn: Kysely<DB>): Promise<Map<string, string>> {
  const result = await conn.executeQuery<{ rel: string; col: string; type: string }>(
    CompiledQuery.raw(
      `select c.relname as rel, a.attname as col, format_type(a.atttypid, a.atttypmod) as type
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = current_schema() and c.relname = any($1) and a.attnum > 0 and not a.attisdropped`,
      [[...TABLE_ORDER]],
    ),
  );
  return new Map(result.rows.map((r) => [`${r.rel}.${r.col}`, r.type]));
}
