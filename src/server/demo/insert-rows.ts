// The demo seeders write their records in multi-row INSERTs of at most 500 rows: within both
// databases' bound-parameter limits for tables of up to ~60 columns.
import type { DB, Db } from '../db/schema.ts';

const ROWS_PER_STATEMENT = 500;

export async function insertRows<T extends keyof DB & string>(tx: Db, table: T, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    await tx.insertInto(table).values(rows.slice(i, i + ROWS_PER_STATEMENT) as never).execute();
  }
}
