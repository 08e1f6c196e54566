// Re-encrypts stored personal fields under the keyring's current key, in batches of rows
// (each batch one transaction), so a rotation can run on a live database and be resumed:
// rows already under the current key are skipped.
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { FieldCrypto } from './crypto.ts';

export interface EncryptedColumns {
  table: string;
  /** The primary key column, text (UUIDv7). */
  key: string;
  columns: readonly string[];
}

export async function reencryptAll(
  db: Db,
  crypto: FieldCrypto,
  targets: readonly EncryptedColumns[],
  onProgress: (table: string, rows: number) => void = () => undefined,
  batch = 1000,
): Promise<number> {
  const current = `${crypto.currentKeyId}.`;
  let total = 0;
  for (const target of targets) {
    let after = '';
    for (;;) {
      const stale = target.columns.map((c) => sql`(${sql.ref(c)} is not null and ${sql.ref(c)} not like ${`${current}%`})`);
      const rows = await sql<Record<string, string | null>>`
        select ${sql.ref(target.key)} as k, ${sql.join(target.columns.map((c) => sql.ref(c)))}
        from ${sql.table(target.table)}
        where cast(${sql.ref(target.key)} as text) > ${after} and (${sql.join(stale, sql` or `)})
        order by cast(${sql.ref(target.key)} as text) limit ${batch}`.execute(db);
      if (rows.rows.length === 0) break;
      await db.transaction().execute(async (tx) => {
        for (const row of rows.rows) {
          const sets = target.columns
            .filter((c) => row[c] != null && !String(row[c]).startsWith(current))
            .map((c) => sql`${sql.ref(c)} = ${crypto.encrypt(crypto.decrypt(String(row[c])))}`);
          await sql`update ${sql.table(target.table)} set ${sql.join(sets)} where ${sql.ref(target.key)} = ${row.k}`.execute(tx);
        }
      });
      total += rows.rows.length;
      after = String(rows.rows[rows.rows.length - 1]?.k);
      onProgress(target.table, total);
    }
  }
  return total;
}
