// Issue 15, items 4 and 5.
// Quarantine alerts get a severity (2: fever or breach, 1: a missed check) so a list can read
// the most urgent first — one index range per county, town or village, like 0015 — and a mark
// for the missed-check alerts a late run caught up on (raised after the deadline had long passed,
// because no instance was running then), which the list shows with its reason.
// Each version in record_changes keeps its old and new values from now on: plain for ordinary
// fields, encrypted (platform/crypto.ts) for ID and phone numbers; the row gets an id of its own so
// `npm run rotate-key` can re-encrypt it. Older rows keep field names alone.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('quarantine_alerts').addColumn('severity', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('quarantine_alerts').addColumn('caught_up', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update quarantine_alerts set severity = 2 where kind in ('fever', 'breach')`.execute(db);
  for (const level of ['county', 'town', 'village'] as const) {
    await db.schema.createIndex(`quarantine_alerts_${level}_severity`).on('quarantine_alerts').columns([`${level}_id`, 'severity', 'raised_at', 'id']).execute();
    await db.schema
      .createIndex(`quarantine_alerts_${level}_severity_open`)
      .on('quarantine_alerts')
      .columns([`${level}_id`, 'severity', 'raised_at', 'id'])
      .where(sql.ref('acknowledged_at'), 'is', null)
      .execute();
  }

  await db.schema.alterTable('record_changes').addColumn('id', 'text').execute();
  await db.schema.alterTable('record_changes').addColumn('values_plain', sql.raw(t.json)).execute();
  await db.schema.alterTable('record_changes').addColumn('values_enc', 'text').execute();
  await db.schema.createIndex('record_changes_id').on('record_changes').column('id').unique().execute();
}
