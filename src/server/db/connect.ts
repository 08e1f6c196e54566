// Opens SQLite (default, one file, WAL) or PostgreSQL (DATABASE_URL=postgres://…) behind one Kysely.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The file (SQLite) or the database URL without its password (PostgreSQL), for messages. */
  describe: string;
  /** The raw better-sqlite3 handle, for bulk loads that bypass the query builder. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
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

export function openDatabase(url: string, opts: { poolSize?: number } = {}): Database {
  const dialect = dialectOf(url);
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect,
      describe: url.replace(/\/\/([^:@/]+):[^@]*@/, '//$1:***@'),
      sqlite: null,
      close: () => db.destroy(),
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
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect, describe: file, sqlite, close: () => db.destroy() };
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
