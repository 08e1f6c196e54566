// Patrol logs (巡查劝导日志) of village persuasion patrols, their photos (stored once by SHA-256)
// and which log shows which photo (a photo is readable only through a log in the reader's region).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('patrol_logs')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('team_id', T(t.uuid), (c) => c.notNull().references('patrol_teams.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('patrolled_on', T(t.day), (c) => c.notNull())
    .addColumn('started_at', T(t.time))
    .addColumn('ended_at', T(t.time))
    .addColumn('gatherings_dispersed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('people_dispersed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mask_reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('banquets_found', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('places', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_logs_region_day').on('patrol_logs').columns(['region_id', 'patrolled_on', 'id']).execute();
  await db.schema.createIndex('patrol_logs_team').on('patrol_logs').columns(['team_id', 'patrolled_on']).execute();

  await db.schema
    .createTable('patrol_photos')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', T(t.blob), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('patrol_log_photos')
    .addColumn('log_id', T(t.uuid), (c) => c.notNull().references('patrol_logs.id'))
    .addColumn('sha256', 'text', (c) => c.notNull().references('patrol_photos.sha256'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('patrol_log_photos_pk', ['log_id', 'sha256'])
    .execute();
  await db.schema.createIndex('patrol_log_photos_sha256').on('patrol_log_photos').columns(['sha256']).execute();
}
