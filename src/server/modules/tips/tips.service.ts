// Staff reads of tips: the list of a region's subtree, one tip with its steps, photos and group,
// the summary of a subtree. A tip belongs to its CURRENT region (re-routing moves it).
import { readPageWithTotal, totalReads } from '../../platform/list-total.ts';
import type { ListTotal } from '../../../shared/paging.ts';
import type { RewardStatus, Tip, TipCategory, TipDetail, TipHistoryItem, TipStatus, TipSummary } from '../../../shared/tips.ts';
import { REWARD_STATUSES, TIP_CATEGORIES, TIP_STATUSES } from '../../../shared/tips.ts';
import { type InferResult, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { toBool } from '../../db/dialect.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, nowIso } from '../../platform/ids.ts';
import { encodeCursor, decodeCursor } from '../../platform/paging.ts';
import * as q from './tips.queries.ts';
import type { TipWithDetails } from './tips.queries.ts';
import { photoBytes } from '../../platform/photo-store.ts';

const yuan = (cents: number | null | undefined) => Number(cents ?? 0) / 100;

/** Past the accept deadline unassessed, or the handle deadline unhandled (and not closed). */
export function isOverdue(row: Pick<TipWithDetails, 'status' | 'assessed_at' | 'handled_at' | 'accept_due_at' | 'handle_due_at'>, now: string): boolean {
  if (row.status === 'evaluated' || row.handled_at) return false;
  return (!row.assessed_at && row.accept_due_at < now) || row.handle_due_at < now;
}

export function toTip(row: TipWithDetails, groupSize: number, now: string): Tip {
  return {
    id: row.id,
    number: row.number,
    category: row.category,
    description: row.description,
    place: row.place,
    regionId: row.region_id,
    regionName: row.region_name,
    status: row.status,
    anonymous: toBool(row.anonymous),
    // Only the masked form leaves the server; the full number stays encrypted.
    phone: row.phone_masked,
    photoCount: Number(row.photo_count),
    groupId: row.group_id,
    groupSize: row.group_id ? groupSize : 1,
    substantiated: row.substantiated === null ? null : toBool(row.substantiated),
    actionTaken: row.action_taken,
    reply: row.reply,
    reward:
      row.reward_status === null || row.reward_status === undefined
        ? null
        : {
            amount: yuan(row.reward_amount_cents),
            status: row.reward_status,
            proposedAt: String(row.reward_proposed_at),
            proposedBy: row.reward_proposed_by_name ?? null,
            decidedAt: row.reward_decided_at ?? null,
            decidedBy: row.reward_decided_by_name ?? null,
            decisionNote: row.reward_decision_note ?? null,
            paidAt: row.reward_paid_at ?? null,
            paidBy: row.reward_paid_by_name ?? null,
            payReference: row.reward_pay_reference ?? null,
          },
    filedAt: row.filed_at,
    updatedAt: row.updated_at,
    acceptDueAt: row.accept_due_at,
    handleDueAt: row.handle_due_at,
    overdue: isOverdue(row, now),
    version: Number(row.version),
  };
}

export async function tipForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('tips as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

export async function loadTip(db: Db, id: string): Promise<Tip> {
  const row = await q.findTip(db, id);
  if (!row) throw notFound('tip');
  const sizes = row.group_id ? await q.groupSizes(db, [row.group_id]) : new Map<string, number>();
  return toTip(row, sizes.get(row.group_id ?? '') ?? 1, nowIso());
}

/** The full record (history with staff names, photos, group): an audited read. */
export async function getTip(db: Db, ctx: AuditContext, scope: { path: string }, id: string): Promise<TipDetail> {
  const tip = await loadTip(db, id);
  const events = await q.tipEvents(db, id);
  const photos = await db.selectFrom('tip_photos').select('position').where('tip_id', '=', id).orderBy('position').execute();
  const members = tip.groupId ? await q.groupMembers(db, tip.groupId) : [];
  const history: TipHistoryItem[] = events.map((e) => ({
    id: e.id,
    action: e.action as TipHistoryItem['action'],
    at: e.at,
    by: e.by_name ?? null,
    note: e.note,
    status: e.status,
  }));
  await audit(db, ctx, { action: 'read', entity: 'tip', entityId: id, regionId: tip.regionId });
  return {
    ...tip,
    history: history.reverse(),
    photos: photos.map((p) => ({ position: Number(p.position), url: `/api/v1/tips/${id}/photos/${Number(p.position)}` })),
    // Members routed outside the reader's subtree are left out: their existence is not the reader's to know.
    group: members
      .filter((m) => m.id !== id && m.region_path.startsWith(scope.path))
      .map((m) => ({ id: m.id, number: m.number, status: m.status, filedAt: m.filed_at, description: m.description, regionName: m.region_name })),
  };
}

export async function readTipPhoto(db: Db, id: string, position: number): Promise<{ contentType: string; data: Buffer }> {
  const link = await db.selectFrom('tip_photos').select('sha256').where('tip_id', '=', id).where('position', '=', position).executeTakeFirst();
  const photo = link ? await photoBytes(db, link.sha256) : null;
  if (!photo) throw notFound('photo');
  return photo;
}

export interface ListQuery {
  status?: TipStatus;
  category?: TipCategory;
  open?: 'true' | 'false';
  overdue?: 'true';
  reward?: RewardStatus;
  grouped?: 'true';
  limit: number;
  cursor?: string;
}

function beforeOf(cursor: string | undefined): { filedAt: string; id: string } | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [filedAt, id] = String(key).split('|');
  if (!filedAt || !id || !UUID_RE.test(id)) throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
  return { filedAt, id };
}

/** Newest filed first, paged by (filed_at, id). */
export async function listTips(db: Db, scope: ScopedRegion, query: ListQuery): Promise<{ items: Tip[]; nextCursor: string | null; total?: ListTotal }> {
  const now = nowIso();
  // The page and, on a first page, its total: one job on SQLite's reader threads (list-total.ts).
  const pageQuery = q.tipsPageQuery(db, scope.path, { ...query, before: beforeOf(query.cursor), now });
  const { results, total } = await readPageWithTotal(db, [pageQuery], totalReads(db, query.cursor, q.tipsFiltered(db, scope.path, { ...query, now })));
  const rows = results[0] as InferResult<typeof pageQuery>;
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((r) => toTip(r, Number(r.group_size ?? 1), now)),
    nextCursor: more && last ? encodeCursor(`${last.filed_at}|${last.id}`) : null,
    total,
  };
}

/** Counted over the subtree's rows (tips are few enough); rewards by the region they were proposed in. */
export async function tipSummary(db: Db, scope: ScopedRegion): Promise<TipSummary> {
  const now = nowIso();
  const inSubtree = q.subtreeIds(db, scope.path);
  const byStatusRows = await db
    .selectFrom('tips as t')
    .select(['t.status', 't.category', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`sum(case when ${q.overdueSql(now)} then 1 else 0 end)`.as('overdue')])
    .where('t.region_id', 'in', inSubtree)
    .groupBy(['t.status', 't.category'])
    .execute();
  const rewardRows = await db
    .selectFrom('tip_rewards as w')
    .select(['w.status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('w.amount_cents').as('cents')])
    .where('w.region_id', 'in', q.subtreeIds(db, scope.path))
    .groupBy('w.status')
    .execute();
  const byStatus = Object.fromEntries(TIP_STATUSES.map((s) => [s, 0])) as Record<TipStatus, number>;
  const byCategory = Object.fromEntries(TIP_CATEGORIES.map((c) => [c, 0])) as Record<TipCategory, number>;
  let overdue = 0;
  for (const r of byStatusRows) {
    const n = Number(r.n);
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n;
    byCategory[r.category] = (byCategory[r.category] ?? 0) + n;
    overdue += Number(r.overdue ?? 0);
  }
  const rewards = Object.fromEntries(REWARD_STATUSES.map((s) => [s, { count: 0, amount: 0 }])) as TipSummary['rewards'];
  for (const r of rewardRows) rewards[r.status] = { count: Number(r.n), amount: yuan(r.cents) };
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { total, open: total - byStatus.evaluated, overdue, byStatus, byCategory, rewards };
}
