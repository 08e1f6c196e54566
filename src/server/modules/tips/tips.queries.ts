// Reads of tips: always over a region subtree (the tip's current region), with the region's
// name, the reward and the names of who decided it.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { numberPattern } from '../../platform/record-numbers.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
import type { TipRewardsTable, TipsTable } from './tips.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
export { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

export const withDetails = (db: Db) =>
  db
    .selectFrom('tips as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .leftJoin('tip_rewards as w', 'w.tip_id', 't.id')
    .leftJoin('users as up', 'up.id', 'w.proposed_by')
    .leftJoin('users as ud', 'ud.id', 'w.decided_by')
    .leftJoin('users as uy', 'uy.id', 'w.paid_by')
    .selectAll('t')
    .select([
      'r.name as region_name',
      'r.path as region_path',
      'w.amount_cents as reward_amount_cents',
      'w.status as reward_status',
      'w.proposed_at as reward_proposed_at',
      'w.proposed_by as reward_proposed_by',
      'w.decided_at as reward_decided_at',
      'w.decision_note as reward_decision_note',
      'w.paid_at as reward_paid_at',
      'w.pay_reference as reward_pay_reference',
      'up.display_name as reward_proposed_by_name',
      'ud.display_name as reward_decided_by_name',
      'uy.display_name as reward_paid_by_name',
    ]);

export const findTip = (db: Db, id: string) => withDetails(db).where('t.id', '=', id).executeTakeFirst();
export type TipWithDetails = NonNullable<Awaited<ReturnType<typeof findTip>>>;

/** Open = not evaluated. Overdue = past the accept deadline unassessed, or past the handle deadline unhandled. */
export const overdueSql = (now: string) =>
  sql<boolean>`(t.status <> 'evaluated' and t.handled_at is null and ((t.assessed_at is null and t.accept_due_at < ${now}) or t.handle_due_at < ${now}))`;

export interface ListOptions {
  /** ?q=: all or part of the tip's number. */
  q?: string;
  status?: TipsTable['status'];
  category?: TipsTable['category'];
  open?: 'true' | 'false';
  overdue?: 'true';
  reward?: TipRewardsTable['status'];
  grouped?: 'true';
  before?: { filedAt: string; id: string };
  limit: number;
  now: string;
}

/** The tips a list's filters match in a subtree (ids only): the list pages it, the total counts it. */
export function tipsFiltered(db: Db, path: string, o: Omit<ListOptions, 'before' | 'limit'>) {
  let ids = db.selectFrom('tips as t').select('t.id').where(inLevelledSubtree(db, path, 't'));
  const numbered = numberPattern(o.q);
  if (numbered) ids = ids.where('t.number', 'like', numbered);
  if (o.status) ids = ids.where('t.status', '=', o.status);
  if (o.category) ids = ids.where('t.category', '=', o.category);
  if (o.open === 'true') ids = ids.where('t.status', '<>', 'evaluated');
  if (o.open === 'false') ids = ids.where('t.status', '=', 'evaluated');
  if (o.overdue) ids = ids.where(overdueSql(o.now));
  const reward = o.reward;
  if (reward) ids = ids.where('t.id', 'in', db.selectFrom('tip_rewards').select('tip_id').where('status', '=', reward));
  if (o.grouped) ids = ids.where((eb) => eb.or([eb('t.group_id', 'is', null), eb('t.group_id', '=', eb.ref('t.id'))]));
  return ids;
}

/**
 * The page's ids: a walk of the level's (level id, filed_at, id) index newest first (a grid's
 * (region_id, filed_at, id)), from the last page's key on — a row-value comparison, which both
 * databases read as the start of the index range.
 */
export function pageOfTipIds(db: Db, path: string, o: ListOptions) {
  let ids = tipsFiltered(db, path, o);
  const before = o.before;
  if (before) ids = ids.where((eb) => eb(eb.refTuple('t.filed_at', 't.id'), '<', eb.tuple(before.filedAt, before.id)));
  return ids.orderBy('t.filed_at', 'desc').orderBy('t.id', 'desc').limit(o.limit + 1);
}

export function tipsPageQuery(db: Db, path: string, o: ListOptions) {
  // Two steps: the page's ids first, from the narrow index, then the page's 51 rows with their
  // joins. Sorting the joined rows of a town's thousands of tips cost ten times as much. Each
  // row's group size comes with it (the tips_group index), not in a read of its own: on SQLite
  // every read is a hop to a reader thread, which a loaded machine serves late.
  return withDetails(db)
    .select(sql<number | null>`(select count(*) from tips as g where g.group_id = t.group_id)`.as('group_size'))
    .where('t.id', 'in', pageOfTipIds(db, path, o))
    .orderBy('t.filed_at', 'desc')
    .orderBy('t.id', 'desc');
}

export const listTips = (db: Db, path: string, o: ListOptions) => tipsPageQuery(db, path, o).execute();

/** Members per group id, for the groupSize of a page of tips. */
export async function groupSizes(db: Db, groupIds: string[]): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tips')
    .select(['group_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('group_id', 'in', [...new Set(groupIds)])
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((r) => [String(r.group_id), Number(r.n)]));
}

export const tipEvents = (db: Db, tipId: string) =>
  db
    .selectFrom('tip_events as e')
    .select(['e.id', 'e.action', 'e.status', 'e.note', 'e.at', displayNameOf('e.user_id').as('by_name')])
    .where('e.tip_id', '=', tipId)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();

export const groupMembers = (db: Db, groupId: string) =>
  db
    .selectFrom('tips as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .select(['t.id', 't.number', 't.status', 't.filed_at', 't.description', 't.region_id', 'r.name as region_name', 'r.path as region_path'])
    .where('t.group_id', '=', groupId)
    .orderBy('t.filed_at')
    .orderBy('t.id')
    .execute();

/** A tip's id and number by the keyed hash of its tracking code (a filing that just made it). */
export const tipByTrackingHash = (db: Db, hash: string) => db.selectFrom('tips').select(['id', 'number']).where('tracking_hash', '=', hash).executeTakeFirst();
