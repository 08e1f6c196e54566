// Risk colours (风险赋码): a row per person who is yellow or red (green is the absence of a row,
// so a county of mostly green people stores only its few coloured ones), and the full
// recomputes a rule change starts, with their progress.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('person_risk')
    .addColumn('person_id', T(t.uuid), (c) => c.primaryKey())
    /** The person's region when computed: lists and counters go by region. */
    .addColumn('region_id', 'integer', (c) => c.notNull())
    /** 'yellow' or 'red'. */
    .addColumn('colour', 'text', (c) => c.notNull())
    /** JSON array of the matching rules' labels. */
    .addColumn('reasons', T(t.json), (c) => c.notNull())
    .addColumn('computed_at', T(t.time), (c) => c.notNull())
    .execute();
  // The list of a region's red/yellow people (keyset by person id) and the counters' recount.
  await db.schema.createIndex('person_risk_region').on('person_risk').columns(['region_id', 'colour', 'person_id']).execute();

  await db.schema
    .createTable('risk_jobs')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    /** The county root whose people are recomputed. */
    .addColumn('county_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('changed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('finished_at', T(t.time))
    .execute();
  await db.schema.createIndex('risk_jobs_county').on('risk_jobs').columns(['county_id', 'id']).execute();

  // A person's orders, active or released: the recompute of one person (fever checks of a
  // released order still count for N days). The existing partial index covers active ones only.
  await db.schema.createIndex('quarantine_orders_person').on('quarantine_orders').columns(['person_id', 'status']).execute();
}
