// Households' natural-order key (shared/address.ts) for rows written in bulk without one: the
// migration that added the column and the people import, which moves staged rows in SQL.
import { type Kysely, sql } from 'kysely';
import { dwellingSortKey } from '../../../shared/address.ts';
import { idType } from '../../db/dialect.ts';

const BATCH = 2000;

/** Keys every household whose `sort_key` is null; returns how many. */
export async function keyUnsortedHouseholds(db: Kysely<any>): Promise<number> {
  const idCast = idType(db);
  let keyed = 0;
  for (;;) {
    const rows: { id: string; address: string; building: string | null; unit: string | null; room: string | null }[] = await db
      .selectFrom('households')
      .select(['id', 'address', 'building', 'unit', 'room'])
      .where('sort_key', 'is', null)
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return keyed;
    const values = sql.join(rows.map((r) => sql`(${String(r.id)}, ${dwellingSortKey(r)})`));
    await sql`with v(id, k) as (values ${values})
      update households set sort_key = (select v.k from v where cast(v.id as ${idCast}) = households.id)
      where households.id in (select cast(v.id as ${idCast}) from v)`.execute(db);
    keyed += rows.length;
  }
}
