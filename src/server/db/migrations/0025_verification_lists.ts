// Issue 18. Verification lists (核查名单): the lists taken in, their rows as uploaded (sealed, for
// the feedback workbook), one task per person with its routing and outcome, and the column
// mapping remembered per list source. Self-contained: creates only its own tables.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('verification_lists')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('deadline_hours', 'integer', (c) => c.notNull())
    .addColumn('replaces_list_id', T(t.uuid))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('routed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unrouted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tasks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('file_name', 'text')
    .addColumn('headers', 'text')
    .addColumn('mapping', 'text')
    .addColumn('upload_ref', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('created_by', T(t.uuid), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('finished_at', T(t.time))
    .addColumn('due_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_lists_region').on('verification_lists').columns(['region_id', 'created_at']).execute();

  await db.schema
    .createTable('verification_rows')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('list_id', T(t.uuid), (c) => c.notNull().references('verification_lists.id'))
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('cells_enc', 'text', (c) => c.notNull())
    .addColumn('task_id', T(t.uuid))
    .execute();
  await db.schema.createIndex('verification_rows_list').on('verification_rows').columns(['list_id', 'row_no']).unique().execute();

  await db.schema
    .createTable('verification_tasks')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('list_id', T(t.uuid), (c) => c.notNull().references('verification_lists.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('address', 'text')
    .addColumn('origin', 'text')
    .addColumn('arrived_on', 'text')
    .addColumn('travel', 'text')
    .addColumn('list_note', 'text')
    .addColumn('flags', 'text')
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('person_id', T(t.uuid))
    .addColumn('routed_by', 'text')
    .addColumn('route_reason', 'text', (c) => c.notNull())
    .addColumn('route_score', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('moved_to', 'text')
    .addColumn('left_on', 'text')
    .addColumn('duplicate_of', T(t.uuid))
    .addColumn('recorded_by', T(t.uuid))
    .addColumn('checked_at', T(t.time))
    .addColumn('reviewed_by', T(t.uuid))
    .addColumn('reviewed_at', T(t.time))
    .addColumn('review_note', 'text')
    .addColumn('due_at', T(t.time), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A grid's list (its region, by status, soonest due first) and a list's progress and dedupe.
  await db.schema.createIndex('verification_tasks_region').on('verification_tasks').columns(['region_id', 'status', 'due_at', 'id']).execute();
  await db.schema.createIndex('verification_tasks_list').on('verification_tasks').columns(['list_id', 'region_id', 'status']).execute();
  await db.schema.createIndex('verification_tasks_person').on('verification_tasks').columns(['list_id', 'person_key']).execute();

  await db.schema
    .createTable('verification_mappings')
    .addColumn('source', 'text', (c) => c.primaryKey())
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
}
