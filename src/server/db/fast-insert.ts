// Inserts on the hot write path (audit entries, idempotency keys) skip Kysely's query builder:
// building and compiling cost 10–50 µs a statement (bench/platform-post.ts profile), and these
// run on every write. The SQL is built once per table and dialect; values stay bound parameters.
import { CompiledQuery, SqliteAdapter } from 'kysely';
import type { DB, Db } from './schema.ts';

const cache = new WeakMap<object, Map<string, string>>();

function insertSql(db: Db, table: string, columns: readonly string[]): string {
  const adapter = db.getExecutor().adapter;
  let perDb = cache.get(adapter);
  if (!perDb) cache.set(adapter, (perDb = new Map()));
  const key = `${table}(${columns.join(',')})`;
  let text = perDb.get(key);
  if (!text) {
    const sqlite = adapter instanceof SqliteAdapter;
    const marks = columns.map((_c, i) => (sqlite ? '?' : `$${i + 1}`)).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${marks})`;
    perDb.set(key, text);
  }
  return text;
}

/** One row into `table`; `row`'s keys are trusted column names from our own code, never input. */
export async function fastInsert(db: Db, table: keyof DB & string, row: Record<string, string | number | null>): Promise<void> {
  const columns = Object.keys(row);
  await db.executeQuery(CompiledQuery.raw(insertSql(db, table, columns), columns.map((c) => row[c])));
}

const MAX_PARAMS = 30_000; // SQLite allows 32,766 bound parameters a statement, PostgreSQL 65,535

/** Many rows of the same columns into `table`, as few multi-row statements as the limits allow. */
export async function bulkInsert(db: Db, table: keyof DB & string, rows: readonly Record<string, string | number | null>[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values: (string | number | null)[] = [];
    for (const row of chunk) for (const c of columns) values.push(row[c] ?? null);
    await db.executeQuery(CompiledQuery.raw(multiInsertSql(db, table, columns, chunk.length), values));
  }
}

function multiInsertSql(db: Db, table: string, columns: readonly string[], count: number): string {
  const adapter = db.getExecutor().adapter;
  let perDb = cache.get(adapter);
  if (!perDb) cache.set(adapter, (perDb = new Map()));
  const key = `${table}(${columns.join(',')})x${count}`;
  let text = perDb.get(key);
  if (!text) {
    const sqlite = adapter instanceof SqliteAdapter;
    let n = 0;
    const tuple = () => `(${columns.map(() => (sqlite ? '?' : `$${++n}`)).join(', ')})`;
    const tuples = Array.from({ length: count }, tuple).join(', ');
    text = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples}`;
    perDb.set(key, text);
  }
  return text;
}
