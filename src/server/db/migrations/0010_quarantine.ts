// Home quarantine (居家隔离): orders, their daily checks, their history of events, and the alerts
// the grid, village and town lists read (an index range per region of the subtree).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('quarantine_orders')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('person_id', T(t.uuid), (c) => c.notNull().references('persons.id'))
    /** The person's region when ordered: lists and alerts select by region like households do. */
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('start_on', T(t.day), (c) => c.notNull())
    .addColumn('end_on', T(t.day), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('monitor_user_id', T(t.uuid))
    .addColumn('released_at', T(t.time))
    .addColumn('released_by', T(t.uuid))
    .addColumn('release_note', 'text')
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('quarantine_orders_region').on('quarantine_orders').columns(['region_id', 'status']).execute();
  // Ending / overdue counts: active orders by end day.
  await db.schema.createIndex('quarantine_orders_end').on('quarantine_orders').columns(['status', 'end_on', 'region_id']).execute();
  // One active order per person: a second one is refused (and two racing inserts cannot both win).
  await db.schema
    .createIndex('quarantine_orders_one_active')
    .on('quarantine_orders')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();

  await db.schema
    .createTable('quarantine_checks')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('order_id', T(t.uuid), (c) => c.notNull().references('quarantine_orders.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull())
    /** The county day the check belongs to. */
    .addColumn('day', T(t.day), (c) => c.notNull())
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addColumn('temperature', 'double precision', (c) => c.notNull())
    .addColumn('symptoms', T(t.json), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('fever', T(t.bool), (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', T(t.uuid))
    .execute();
  await db.schema.createIndex('quarantine_checks_order').on('quarantine_checks').columns(['order_id', 'day']).execute();
  await db.schema.createIndex('quarantine_checks_region_day').on('quarantine_checks').columns(['region_id', 'day', 'fever']).execute();

  await db.schema
    .createTable('quarantine_events')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('order_id', T(t.uuid), (c) => c.notNull().references('quarantine_orders.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull())
    /** 'ordered', 'extended', 'breach', 'released'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', T(t.time), (c) => c.notNull())
    .addColumn('user_id', T(t.uuid))
    .addColumn('note', 'text')
    .addColumn('details', T(t.json))
    .execute();
  await db.schema.createIndex('quarantine_events_order').on('quarantine_events').columns(['order_id', 'at']).execute();

  await db.schema
    .createTable('quarantine_alerts')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('order_id', T(t.uuid), (c) => c.notNull().references('quarantine_orders.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull())
    /** 'fever', 'missed_check', 'breach'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** The county day it concerns (a missed check's day). */
    .addColumn('day', T(t.day), (c) => c.notNull())
    .addColumn('raised_at', T(t.time), (c) => c.notNull())
    .addColumn('acknowledged_at', T(t.time))
    .addColumn('acknowledged_by', T(t.uuid))
    .execute();
  // The lists: a region's (open) alerts, newest first — one index range per region id.
  await db.schema.createIndex('quarantine_alerts_region').on('quarantine_alerts').columns(['region_id', 'acknowledged_at', 'raised_at', 'id']).execute();
  await db.schema.createIndex('quarantine_alerts_order').on('quarantine_alerts').columns(['order_id', 'raised_at']).execute();
  // The missed-check job raises one alert per order and day, however often it is retried.
  await db.schema
    .createIndex('quarantine_alerts_missed_once')
    .on('quarantine_alerts')
    .columns(['order_id', 'kind', 'day'])
    .unique()
    .where(sql.ref('kind'), '=', 'missed_check')
    .execute();
}
