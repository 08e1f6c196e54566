// Patrol team members, unannounced inspection schedules, inspections with their checklist and
// findings, the rectification tasks findings become, and the evidence photos that close them
// (the bytes live once in patrol_photos; a photo is readable only through a task it closes).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('patrol_team_members')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('team_id', T(t.uuid), (c) => c.notNull().references('patrol_teams.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('user_id', T(t.uuid))
    .addColumn('active', T(t.bool), (c) => c.notNull().defaultTo(1))
    .addColumn('joined_on', T(t.day))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_members_team').on('patrol_team_members').columns(['team_id', 'active', 'id']).execute();
  // "Is this account an active member of that team": the visibility check of every pending visit.
  await db.schema.createIndex('team_members_user').on('patrol_team_members').columns(['user_id', 'active', 'team_id']).execute();

  await db.schema
    .createTable('inspection_schedules')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('team_id', T(t.uuid), (c) => c.notNull().references('patrol_teams.id'))
    /** The team's region when planned: the list is filtered by it. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('from_day', T(t.day), (c) => c.notNull())
    .addColumn('to_day', T(t.day), (c) => c.notNull())
    .addColumn('visits_per_village', 'integer', (c) => c.notNull())
    .addColumn('villages', 'integer', (c) => c.notNull())
    .addColumn('inspections', 'integer', (c) => c.notNull())
    .addColumn('night_visits', 'integer', (c) => c.notNull())
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('cancelled_at', T(t.time))
    .addColumn('cancelled_by', T(t.uuid))
    .execute();
  await db.schema.createIndex('inspection_schedules_region').on('inspection_schedules').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('inspection_schedules_team').on('inspection_schedules').columns(['team_id', 'id']).execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('schedule_id', T(t.uuid), (c) => c.references('inspection_schedules.id'))
    .addColumn('team_id', T(t.uuid), (c) => c.notNull().references('patrol_teams.id'))
    /** The village inspected. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('scheduled_at', T(t.time), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', T(t.time))
    .addColumn('done_by', T(t.uuid))
    .addColumn('summary', 'text')
    /** JSON list of {item, result, note}, in CHECKLIST_ITEMS order. */
    .addColumn('checklist', T(t.json))
    .addColumn('findings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  // The lists (a village subtree by time) and the summary (by status).
  await db.schema.createIndex('inspections_region').on('inspections').columns(['region_id', 'status', 'scheduled_at']).execute();
  await db.schema.createIndex('inspections_team').on('inspections').columns(['team_id', 'scheduled_at']).execute();
  await db.schema.createIndex('inspections_schedule').on('inspections').columns(['schedule_id', 'status']).execute();
  // The missed-visit job: scheduled visits by time.
  await db.schema.createIndex('inspections_due').on('inspections').columns(['status', 'scheduled_at']).execute();

  await db.schema
    .createTable('inspection_findings')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('inspection_id', T(t.uuid), (c) => c.notNull().references('inspections.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('rectification_id', T(t.uuid), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inspection_findings_inspection').on('inspection_findings').columns(['inspection_id', 'seq']).execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('inspection_id', T(t.uuid), (c) => c.notNull().references('inspections.id'))
    .addColumn('finding_id', T(t.uuid), (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('owner_user_id', T(t.uuid))
    .addColumn('deadline', T(t.day), (c) => c.notNull())
    /** The end of the deadline day in county time: overdue is `status = 'open' and due_at < now`. */
    .addColumn('due_at', T(t.time), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalated_to_region_id', 'integer', (c) => c.references('regions.id'))
    .addColumn('escalated_at', T(t.time))
    .addColumn('evidence_text', 'text')
    .addColumn('closed_at', T(t.time))
    .addColumn('closed_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_region').on('rectifications').columns(['region_id', 'status', 'id']).execute();
  await db.schema.createIndex('rectifications_owner').on('rectifications').columns(['owner_user_id', 'status', 'id']).execute();
  // The escalation job: open tasks by due time.
  await db.schema.createIndex('rectifications_due').on('rectifications').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('rectifications_inspection').on('rectifications').columns(['inspection_id']).execute();

  await db.schema
    .createTable('rectification_photos')
    .addColumn('rectification_id', T(t.uuid), (c) => c.notNull().references('rectifications.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('patrol_photos.sha256'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rectification_photos_pk', ['rectification_id', 'sha256'])
    .execute();
  await db.schema.createIndex('rectification_photos_sha256').on('rectification_photos').columns(['sha256']).execute();
}
