// A Kysely dialect whose every query runs on the SQLite read pool (sqlite-read-pool.ts). It
// compiles exactly as the writer's SQLite dialect does; it has no transactions (a reader that
// could hold one open would pin an old snapshot) and refuses statements that write.
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { SqliteReadPool } from './sqlite-read-pool.ts';

class ReadPoolConnection implements DatabaseConnection {
  readonly #pool: SqliteReadPool;
  constructor(pool: SqliteReadPool) {
    this.#pool = pool;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const { rows } = await this.#pool.read(compiled.sql, compiled.parameters);
    return { rows: rows as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the read pool does not stream: page with keyset queries instead');
  }
}

class ReadPoolDriver implements Driver {
  readonly #connection: ReadPoolConnection;
  constructor(pool: SqliteReadPool) {
    this.#connection = new ReadPoolConnection(pool);
  }
  async init(): Promise<void> {}
  // Any number of queries may be in flight: the pool queues them for its threads.
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('the read pool has no transactions: write through database.db');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export class SqliteReadPoolDialect implements Dialect {
  readonly #pool: SqliteReadPool;
  constructor(pool: SqliteReadPool) {
    this.#pool = pool;
  }
  createDriver(): Driver {
    return new ReadPoolDriver(this.#pool);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
