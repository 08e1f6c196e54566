// Checkpoints (卡口), their history of events, and the patrol teams whose presence in a village
// a checkpoint's removal checks (the patrols module of issue 5 builds on patrol_teams).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('checkpoints')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    /** WGS-84; converted to GCJ-02 only to draw on Chinese base maps. */
    .addColumn('lng', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('in_charge_name', 'text')
    .addColumn('in_charge_phone', 'text')
    .addColumn('staff_on_duty', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('opened_on', T(t.day))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('removed_at', T(t.time))
    .addColumn('removed_by', T(t.uuid))
    .addColumn('removal_note', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('checkpoints_region').on('checkpoints').columns(['region_id', 'status']).execute();

  await db.schema
    .createTable('checkpoint_events')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('checkpoint_id', T(t.uuid), (c) => c.notNull().references('checkpoints.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('note', 'text')
    .addColumn('details', T(t.json))
    .execute();
  await db.schema.createIndex('checkpoint_events_checkpoint').on('checkpoint_events').columns(['checkpoint_id', 'at']).execute();
  await db.schema.createIndex('checkpoint_events_region').on('checkpoint_events').columns(['region_id', 'at']).execute();

  await db.schema
    .createTable('patrol_teams')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    /** 'persuasion' (村巡查劝导队) or 'inspection' (镇督查队). */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('leader_name', 'text')
    .addColumn('leader_phone', 'text')
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', T(t.bool), (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patrol_teams_region').on('patrol_teams').columns(['region_id', 'active']).execute();
}
