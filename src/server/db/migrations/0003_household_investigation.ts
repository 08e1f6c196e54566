// Household investigation (排摸): visits, field-level edit history for offline merges,
// clashes for the grid leader, and the dwelling link of a person.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');

  await db.schema.alterTable('persons').addColumn('dwelling_relation', 'text').execute();
  await db.schema.alterTable('persons').addColumn('left_on', T(t.day)).execute();
  await db.schema.alterTable('households').addColumn('last_visited_on', T(t.day)).execute();
  await db.schema.createIndex('households_visited').on('households').columns(['region_id', 'last_visited_on']).execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('household_id', T(t.uuid), (c) => c.notNull().references('households.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('user_id', T(t.uuid), (c) => c.notNull().references('users.id'))
    .addColumn('visited_at', T(t.time), (c) => c.notNull())
    .addColumn('visited_on', T(t.day), (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('checked', T(t.json), (c) => c.notNull())
    .addColumn('present_count', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_household').on('visits').columns(['household_id', 'visited_at']).execute();
  await db.schema.createIndex('visits_region_day').on('visits').columns(['region_id', 'visited_on']).execute();

  // Which fields each version of a record changed: an offline edit based on an older version
  // merges the fields nobody else touched and reports the rest as clashes.
  await db.schema
    .createTable('record_changes')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', T(t.json), (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addPrimaryKeyConstraint('record_changes_pk', ['entity', 'entity_id', 'version'])
    .modifyEnd(clustered)
    .execute();

  await db.schema
    .createTable('edit_conflicts')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    // The refused value, encrypted: it may be an ID or phone number.
    .addColumn('proposed_enc', 'text', (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addColumn('resolved_at', T(t.time))
    .addColumn('resolved_by', T(t.uuid))
    .addColumn('resolution', 'text')
    .execute();
  await db.schema.createIndex('edit_conflicts_region').on('edit_conflicts').columns(['region_id', 'resolved_at']).execute();
}
