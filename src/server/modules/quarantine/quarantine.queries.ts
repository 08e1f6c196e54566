// Reads of quarantine orders, checks, events and alerts, always over a region subtree.
import { levelColumnOf } from './alert-levels.ts';
import { pathIds } from '../../../shared/region-path.ts';
import type { AlertKind } from '../../../shared/quarantine.ts';
import type { Db } from '../../db/schema.ts';
import { numberPattern } from '../../platform/record-numbers.ts';
import { inLevelledSubtree, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import { personNamesById } from '../households/households.queries.ts';
import type { QuarantineOrdersTable } from './quarantine.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
export { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

/** Counter metric the dashboard reads: orders in force in a region's subtree. */
export const METRIC_ACTIVE = 'quarantines.active';

export const findOrder = (db: Db, id: string) =>
  db
    .selectFrom('quarantine_orders as o')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .leftJoin('users as m', 'm.id', 'o.monitor_user_id')
    .selectAll('o')
    .select(['p.name as person_name', 'r.name as region_name', 'r.path as region_path', 'm.display_name as monitor_name'])
    .where('o.id', '=', id)
    .executeTakeFirst();
export type OrderWithNames = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

/**
 * The orders a list's filters match in a subtree, the order rows alone: the total counts these
 * (a bounded walk of the level's index, no join per row), the page adds the names to its 51.
 */
export function ordersFiltered(db: Db, path: string, opts: { q?: string; status?: QuarantineOrdersTable['status']; endingBy?: string }) {
  let q = db.selectFrom('quarantine_orders as o').selectAll('o').where(inLevelledSubtree(db, path, 'o'));
  const numbered = numberPattern(opts.q);
  if (numbered) q = q.where('o.number', 'like', numbered);
  if (opts.status) q = q.where('o.status', '=', opts.status);
  if (opts.endingBy) q = q.where('o.end_on', '<=', opts.endingBy);
  return q;
}

/** A page of orders newest first (ids are time-ordered UUIDv7): a walk of the level's (level id, id) index, with the page's names. */
export function pageOfOrders(db: Db, path: string, opts: { q?: string; status?: QuarantineOrdersTable['status']; endingBy?: string; beforeId?: string; limit: number }) {
  let q = ordersFiltered(db, path, opts);
  if (opts.beforeId) q = q.where('o.id', '<', opts.beforeId);
  return q
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .leftJoin('users as m', 'm.id', 'o.monitor_user_id')
    .select(['p.name as person_name', 'r.name as region_name', 'r.path as region_path', 'm.display_name as monitor_name'])
    .orderBy('o.id', 'desc')
    .limit(opts.limit + 1);
}

export const listOrders = (...args: Parameters<typeof pageOfOrders>) => pageOfOrders(...args).execute();

export const checksOf = (db: Db, orderId: string) =>
  db
    .selectFrom('quarantine_checks as c')
    .selectAll('c')
    .select([displayNameOf('c.user_id').as('user_name')])
    .where('c.order_id', '=', orderId)
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();

export const eventsOf = (db: Db, orderId: string) =>
  db
    .selectFrom('quarantine_events as e')
    .selectAll('e')
    .select([displayNameOf('e.user_id').as('user_name')])
    .where('e.order_id', '=', orderId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();

const alertSelect = (db: Db) =>
  db
    .selectFrom('quarantine_alerts as a')
    .innerJoin('quarantine_orders as o', 'o.id', 'a.order_id')
    .innerJoin('persons as p', 'p.id', 'o.person_id')
    .innerJoin('regions as r', 'r.id', 'a.region_id')
    .selectAll('a')
    .select(['p.name as person_name', 'r.name as region_name', 'r.path as region_path']);

export const findAlert = (db: Db, id: string) => alertSelect(db).where('a.id', '=', id).executeTakeFirst();

/**
 * A subtree's alerts, newest first, in two steps: the page's ids from quarantine_alerts alone
 * (`region_id in (subtree)` reads quarantine_alerts_region, one range per region, and the index
 * holds the sort key and id), then the names of those rows only — joining before the limit
 * would look up a person for every open alert of a town.
 */
export interface AlertPageOptions {
  open?: boolean;
  kind?: AlertKind;
  /** severity: the most urgent first (migration 0024's indexes), then newest first. */
  sort?: 'time' | 'severity';
  before?: { severity?: number; at: string; id: string };
  limit: number;
}

export async function listAlerts(db: Db, path: string, opts: AlertPageOptions) {
  const ids = (await pageOfAlertIds(db, path, opts).execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  const rows = await alertSelect(db).where('a.id', 'in', ids).execute();
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
}
/** The alerts of a subtree matching a list's filters, as a query to select from (ids, counts). */
export function alertsOfSubtree(db: Db, path: string, filters: { open?: boolean; kind?: AlertKind }) {
  // A county, town or village reads its own column's index range; a grid's few alerts come
  // from its micro-grids' ranges.
  const column = levelColumnOf(path);
  const ownId = pathIds(path).at(-1) as number;
  let q = column
    ? db.selectFrom('quarantine_alerts as a').where(`a.${column}`, '=', ownId)
    : db.selectFrom('quarantine_alerts as a').where('a.region_id', 'in', subtreeIds(db, path));
  if (filters.open === true) q = q.where('a.acknowledged_at', 'is', null);
  if (filters.open === false) q = q.where('a.acknowledged_at', 'is not', null);
  if (filters.kind) q = q.where('a.kind', '=', filters.kind);
  return q;
}

export function pageOfAlertIds(db: Db, path: string, opts: AlertPageOptions) {
  let q = alertsOfSubtree(db, path, opts).select(['a.id', 'a.severity', 'a.raised_at']);
  const before = opts.before;
  if (opts.sort === 'severity') {
    if (before) {
      const severity = before.severity ?? 0;
      q = q.where((eb) =>
        eb.or([
          eb('a.severity', '<', severity),
          eb.and([eb('a.severity', '=', severity), eb.or([eb('a.raised_at', '<', before.at), eb.and([eb('a.raised_at', '=', before.at), eb('a.id', '<', before.id)])])]),
        ]),
      );
    }
    return q.orderBy('a.severity', 'desc').orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit + 1);
  }
  if (before) q = q.where((eb) => eb.or([eb('a.raised_at', '<', before.at), eb.and([eb('a.raised_at', '=', before.at), eb('a.id', '<', before.id)])]));
  return q.orderBy('a.raised_at', 'desc').orderBy('a.id', 'desc').limit(opts.limit + 1);
}

/** Records named by their person's name, read through the households module. */
async function namedByPerson(db: Db, rows: { id: string; person_id: string }[]) {
  const names = await personNamesById(db, [...new Set(rows.map((r) => r.person_id))]);
  return rows.flatMap((r) => {
    const name = names.get(r.person_id);
    return name ? [{ id: r.id, name }] : [];
  });
}

/** Quarantine orders named for the audit log: by the person under quarantine. */
export async function orderEntityNames(db: Db, ids: readonly string[]) {
  return namedByPerson(db, await db.selectFrom('quarantine_orders').select(['id', 'person_id']).where('id', 'in', ids as string[]).execute());
}

/** Quarantine alerts named for the audit log: by the person of their order. */
export async function alertEntityNames(db: Db, ids: readonly string[]) {
  const rows = await db
    .selectFrom('quarantine_alerts as a')
    .innerJoin('quarantine_orders as o', 'o.id', 'a.order_id')
    .select(['a.id', 'o.person_id'])
    .where('a.id', 'in', ids as string[])
    .execute();
  return namedByPerson(db, rows);
}

/** Whether a person has an order in force (the responsibility module's "under control"). */
export const hasActiveOrder = async (db: Db, personId: string): Promise<boolean> =>
  (await db.selectFrom('quarantine_orders').select('id').where('person_id', '=', personId).where('status', '=', 'active').executeTakeFirst()) !== undefined;

/** The persons with an order in force in a subtree, with the order's region, as a query to join (the HQ's responsibility view). */
// A county's, town's or village's orders are one range of its level column (migration 0031), not
// a seek per region of the subtree (a county's 5,507: 4 ms of the HQ responsibility view's ~20).
export const activeOrderPersonsQuery = (db: Db, path: string) =>
  db.selectFrom('quarantine_orders as o').select(['o.person_id', 'o.region_id']).where('o.status', '=', 'active').where(inLevelledSubtree(db, path, 'o'));

/** The short number of each of these people's active order, for those who have one. */
export async function activeOrderNumbers(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('quarantine_orders').select(['person_id', 'number']).where('person_id', 'in', personIds).where('status', '=', 'active').execute();
  return new Map(rows.map((r) => [r.person_id, r.number]));
}

/**
 * The short number of the person's order in force on `day` (started by then, and active still or
 * released that day or later): what a departure's 协查函 names when it is read again later.
 * "That day" is the county's: released_at is a UTC instant, so it is compared with the instant the
 * county's day began (a bare 'YYYY-MM-DD' would be UTC midnight, and an order released in the
 * county's early morning, before 08:00 in China, would drop out of the letter).
 */
export async function orderNumberInForceOn(db: Db, personId: string, day: string, timeZone: string): Promise<string | null> {
  const dayBegan = zonedInstant(day, '00:00', timeZone).toISOString();
  const row = await db
    .selectFrom('quarantine_orders')
    .select('number')
    .where('person_id', '=', personId)
    .where('start_on', '<=', day)
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('released_at', '>=', dayBegan)]))
    .orderBy('start_on', 'desc')
    .executeTakeFirst();
  return row?.number ?? null;
}

/** The ids of a person's orders (an access request's 查阅记录 lists the reads of them too). */
export async function orderIdsOfPersons(db: Db, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  return (await db.selectFrom('quarantine_orders').select('id').where('person_id', 'in', personIds).execute()).map((r) => r.id);
}
