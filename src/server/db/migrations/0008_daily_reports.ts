// The daily report (每日一上报): one per grid per day, its revisions (filings, corrections,
// send-backs) kept as history, and the reminder lists the scheduler snapshots each day.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('daily_reports')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('day', T(t.day), (c) => c.notNull())
    /** JSON {figureName: number}. */
    .addColumn('figures', T(t.json), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('zero', T(t.bool), (c) => c.notNull().defaultTo(0))
    /** 'filed' or 'returned' (sent back by the village or town: to be filed again). */
    .addColumn('status', 'text', (c) => c.notNull())
    /** The first filing: on time or late is judged by it. */
    .addColumn('first_filed_at', T(t.time), (c) => c.notNull())
    .addColumn('on_time', T(t.bool), (c) => c.notNull())
    .addColumn('filed_at', T(t.time), (c) => c.notNull())
    .addColumn('filed_by', T(t.uuid))
    .addColumn('returned_at', T(t.time))
    .addColumn('returned_by', T(t.uuid))
    .addColumn('return_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addUniqueConstraint('daily_reports_grid_day', ['region_id', 'day'])
    .execute();
  await db.schema.createIndex('daily_reports_day').on('daily_reports').columns(['day', 'region_id']).execute();

  await db.schema
    .createTable('daily_report_revisions')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('report_id', T(t.uuid), (c) => c.notNull().references('daily_reports.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    /** 'filed', 'corrected', 'returned'. */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('figures', T(t.json), (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('zero', T(t.bool), (c) => c.notNull().defaultTo(0))
    .addColumn('reason', 'text')
    .addColumn('user_id', T(t.uuid))
    .addColumn('at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('daily_report_revisions_report').on('daily_report_revisions').columns(['report_id', 'version']).execute();

  await db.schema
    .createTable('report_reminders')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('day', T(t.day), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('missing_count', 'integer', (c) => c.notNull())
    /** JSON list of the grids with no report at reminder time, with who is responsible. */
    .addColumn('missing', T(t.json), (c) => c.notNull())
    .execute();
  // One snapshot per county and day, however often a retried run gets here.
  await db.schema.createIndex('report_reminders_day').on('report_reminders').columns(['day', 'region_id']).unique().execute();
}
