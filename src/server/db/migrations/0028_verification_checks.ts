// Issue 18, second half. Spot checks (抽查) of closed verification tasks drawn by a town for its
// patrol team; the escalation of overdue tasks (as rectifications escalate, 0014); the share of
// each list drawn for spot checks; and the registration codes a town issues to an enterprise
// bringing workers back (复工复产), whose submissions become lists of kind `enterprise`.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  // Percent of a town's closed tasks drawn as spot checks; 10 unless the list says otherwise.
  await db.schema.alterTable('verification_lists').addColumn('spot_check_share', 'integer', (c) => c.notNull().defaultTo(10)).execute();
  await db.schema.alterTable('verification_lists').addColumn('enterprise_code_id', T(t.uuid)).execute();
  await db.schema.createIndex('verification_lists_enterprise').on('verification_lists').columns(['enterprise_code_id', 'created_at']).execute();

  await db.schema.alterTable('verification_tasks').addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('verification_tasks').addColumn('escalated_to_region_id', 'integer').execute();
  await db.schema.alterTable('verification_tasks').addColumn('escalated_at', T(t.time)).execute();
  // No (status, due_at) index for the hourly escalation scan: SQLite took it for a grid's
  // "open, soonest due" page and walked the whole county's open tasks (bench/verification-tasks.ts).

  await db.schema
    .createTable('verification_spot_checks')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('list_id', T(t.uuid), (c) => c.notNull().references('verification_lists.id'))
    // One spot check per task, ever: a second draw cannot pick it again.
    .addColumn('task_id', T(t.uuid), (c) => c.notNull().unique().references('verification_tasks.id'))
    /** The town that drew it: the spot check lives in its region. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('team_id', T(t.uuid), (c) => c.notNull().references('patrol_teams.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('result_note', 'text')
    .addColumn('drawn_by', T(t.uuid), (c) => c.notNull())
    .addColumn('drawn_at', T(t.time), (c) => c.notNull())
    .addColumn('checked_by', T(t.uuid))
    .addColumn('checked_at', T(t.time))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('verification_spot_checks_list').on('verification_spot_checks').columns(['list_id', 'region_id', 'status']).execute();

  await db.schema
    .createTable('enterprise_codes')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    /** The town that issued it: the enterprise's lists cover this region. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('enterprise_name', 'text', (c) => c.notNull())
    /** Keyed hash of the code: the code itself is shown once, when issued, and never stored. */
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hint', 'text', (c) => c.notNull())
    .addColumn('deadline_hours', 'integer', (c) => c.notNull())
    .addColumn('expires_at', T(t.time), (c) => c.notNull())
    .addColumn('revoked_at', T(t.time))
    .addColumn('revoked_by', T(t.uuid))
    .addColumn('created_by', T(t.uuid), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('enterprise_codes_region').on('enterprise_codes').columns(['region_id', 'created_at']).execute();
}
