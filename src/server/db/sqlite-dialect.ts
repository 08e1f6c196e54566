// Kysely's SQLite dialect, except that a failed transaction is rolled back only while SQLite
// still has it open.
//
// On SQLITE_FULL (a full disk, or max_page_count), SQLITE_IOERR, SQLITE_NOMEM and some
// SQLITE_BUSY cases SQLite may roll the whole transaction back by itself. Kysely then sends its
// own ROLLBACK, which fails with "cannot rollback - no transaction is active" and is thrown
// *instead of* the real error: a full disk looked like an unknown 500 and the cause never
// reached the log. better-sqlite3's `inTransaction` is sqlite3_get_autocommit(), which says
// whether the transaction is still there.
import type SQLite from 'better-sqlite3';
import { type DatabaseConnection, type Driver, SqliteDialect, type SqliteDialectConfig, SqliteDriver } from 'kysely';

class RollbackOnlyWhenOpenDriver extends SqliteDriver {
  readonly #sqlite: Pick<SQLite.Database, 'inTransaction'>;

  constructor(config: SqliteDialectConfig, sqlite: Pick<SQLite.Database, 'inTransaction'>) {
    super(config);
    this.#sqlite = sqlite;
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (!this.#sqlite.inTransaction) return; // SQLite already undid it; the caller rethrows the real error
    await super.rollbackTransaction(connection);
  }
}

export class GridGuardSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #sqlite: Pick<SQLite.Database, 'inTransaction'>;

  /** `sqlite` is the handle behind `config.database` (which may be a wrapper around it). */
  constructor(config: SqliteDialectConfig, sqlite: Pick<SQLite.Database, 'inTransaction'>) {
    super(config);
    this.#config = config;
    this.#sqlite = sqlite;
  }

  override createDriver(): Driver {
    return new RollbackOnlyWhenOpenDriver(this.#config, this.#sqlite);
  }
}
