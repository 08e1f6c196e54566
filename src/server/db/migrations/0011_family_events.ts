// Family events (红白事报备) and their history: filed, guided, followed up.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('family_events')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    /** Encrypted; the keyed hash finds it again, lists show it masked. */
    .addColumn('host_phone_enc', 'text')
    .addColumn('host_phone_hash', 'text')
    .addColumn('planned_on', T(t.day), (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('expected_guests', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('guidance', 'text')
    .addColumn('guided_at', T(t.time))
    .addColumn('guided_by', T(t.uuid))
    .addColumn('visited_on', T(t.day))
    .addColumn('actual_guests', 'integer')
    .addColumn('follow_up_note', 'text')
    .addColumn('followed_up_at', T(t.time))
    .addColumn('followed_up_by', T(t.uuid))
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('family_events_region').on('family_events').columns(['region_id', 'planned_on']).execute();
}
