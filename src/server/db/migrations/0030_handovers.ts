// Issue 19 (item 3). Hand-over (移交) of a person between grids: one row per proposal, with its
// short number (YJ-…), deadline and escalation like a rectification task's; at most one still
// waiting per person (a partial unique index, so two proposals racing cannot both stand).
// `persons.left_to`: where a person went who left for a place GridGuard does not cover (离开辖区).
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('handovers')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('person_id', T(t.uuid), (c) => c.notNull().references('persons.id'))
    .addColumn('from_region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('to_region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', T(t.time), (c) => c.notNull())
    .addColumn('proposed_by', T(t.uuid))
    .addColumn('proposed_at', T(t.time), (c) => c.notNull())
    .addColumn('decided_by', T(t.uuid))
    .addColumn('decided_at', T(t.time))
    .addColumn('refuse_reason', 'text')
    .addColumn('household_id', T(t.uuid))
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_to_region_id', 'integer')
    .addColumn('escalated_at', T(t.time))
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('handovers_one_pending')
    .on('handovers')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), 'in', sql`('proposed', 'overdue')`)
    .execute();
  await db.schema.createIndex('handovers_person').on('handovers').columns(['person_id', 'proposed_at']).execute();
  await db.schema.createIndex('handovers_to').on('handovers').columns(['to_region_id', 'id']).execute();
  await db.schema.createIndex('handovers_from').on('handovers').columns(['from_region_id', 'id']).execute();
  await db.schema.createIndex('handovers_due').on('handovers').columns(['status', 'due_at']).execute();

  await db.schema.alterTable('persons').addColumn('left_to', 'text').execute();
}
