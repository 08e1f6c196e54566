// The SQL of the daily report: one report per grid and day, its revisions, and the set
// queries the county-wide lists are made of (never one query per grid).
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import type { DailyReportRow, DailyReportRevisionsTable, DailyReportsTable } from './reports.tables.ts';
import { regionsFields } from '../regions/regions.queries.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { DB_TRUE } from '../../db/dialect.ts';

export const findReport = (db: Db, id: string) => db.selectFrom('daily_reports').selectAll().where('id', '=', id).executeTakeFirst();

export const findReportOfGridDay = (db: Db, regionId: number, day: string) =>
  db.selectFrom('daily_reports').selectAll().where('region_id', '=', regionId).where('day', '=', day).executeTakeFirst();

/** Inserts the day's first report of a grid; false when another filing got there first. */
export async function insertReportIfNone(db: Db, row: DailyReportsTable): Promise<boolean> {
  const res = await db
    .insertInto('daily_reports')
    .values(row)
    .onConflict((oc) => oc.columns(['region_id', 'day']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Updates the report only if nobody changed it since `version` was read. */
export async function updateReportAt(db: Db, id: string, version: number, set: Partial<DailyReportsTable>): Promise<boolean> {
  const res = await db.updateTable('daily_reports').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const insertRevision = (db: Db, row: DailyReportRevisionsTable) => db.insertInto('daily_report_revisions').values(row).execute();

export const revisionsOf = (db: Db, reportId: string) =>
  db
    .selectFrom('daily_report_revisions as v')
    .select(['v.version', 'v.kind', 'v.figures', 'v.note', 'v.zero', 'v.reason', 'v.at', displayNameOf('v.user_id').as('display_name')])
    .where('v.report_id', '=', reportId)
    .orderBy('v.version')
    .orderBy('v.at')
    .execute();

export { displayNamesById as namesOf } from '../accounts/accounts.queries.ts';

export interface GridRow {
  id: number;
  name: string;
  path: string;
  parent_id: number | null;
}

/** The active grids of a subtree, in code order. */
export function gridsOf(db: Db, path: string): Promise<GridRow[]> {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path', 'parent_id'])
    .where('path', '>=', lo)
    .where('path', '<', hi)
    .where('level', '=', 'grid')
    .where('active', '=', DB_TRUE)
    .orderBy('code')
    .execute();
}

/** The day's reports of every grid of a subtree: the (day, region_id) index, joined to the range. */
export function reportsOfDay(db: Db, path: string, day: string): Promise<DailyReportRow[]> {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('daily_reports as d')
    .innerJoin('regions as r', 'r.id', 'd.region_id')
    .selectAll('d')
    .where('d.day', '=', day)
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .execute();
}

/** Active grid staff of the grids of a subtree. */
export function gridStaffOf(db: Db, path: string) {
  const [lo, hi] = subtreeRange(path);
  return db
    .selectFrom('users as u')
    .innerJoin('regions as r', 'r.id', 'u.region_id')
    .select(['u.id', 'u.display_name', 'u.role', 'u.phone', 'u.region_id'])
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .where('r.level', '=', 'grid')
    .where('u.active', '=', DB_TRUE)
    .where('u.role', 'in', ['grid_leader', 'grid_worker'])
    .orderBy('u.role')
    .orderBy('u.username')
    .execute();
}

const CHUNK = 5_000;

/** Active village secretaries of the given villages. */
export async function secretariesOf(db: Db, villageIds: number[]) {
  const out: { id: string; display_name: string; role: string; phone: string | null; region_id: number }[] = [];
  for (let i = 0; i < villageIds.length; i += CHUNK) {
    const chunk = villageIds.slice(i, i + CHUNK);
    out.push(
      ...(await db
        .selectFrom('users')
        .select(['id', 'display_name', 'role', 'phone', 'region_id'])
        .where('region_id', 'in', chunk)
        .where('active', '=', DB_TRUE)
        .where('role', '=', 'village_secretary')
        .orderBy('username')
        .execute()),
    );
  }
  return out;
}

/** {id → name} of the given regions. */
export async function regionNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await regionsFields(db, ids.slice(i, i + CHUNK), ['id', 'name'])) out.set(r.id, r.name);
  }
  return out;
}

/** The first reminder the county sent for a day, if any. */
export const firstReminder = (db: Db, countyId: number, day: string) =>
  db.selectFrom('report_reminders').select('created_at').where('region_id', '=', countyId).where('day', '=', day).orderBy('created_at').executeTakeFirst();
