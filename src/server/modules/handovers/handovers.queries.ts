// SQL of hand-overs. A list reads the rows into or out of a subtree by region id range
// (the regions module's subtree subquery), newest first, keyset-paged on the id (UUIDv7).
import type { HandoverStatus } from '../../../shared/handovers.ts';
import { PENDING_HANDOVER_STATUSES } from '../../../shared/handovers.ts';
import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';
import type { HandoversTable } from './handovers.tables.ts';

export const findHandover = (db: Db, id: string) => db.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();

export const pendingOfPerson = (db: Db, personId: string) =>
  db.selectFrom('handovers').select(['id', 'number']).where('person_id', '=', personId).where('status', 'in', PENDING_HANDOVER_STATUSES).executeTakeFirst();

export const insertHandover = (db: Db, row: HandoversTable) => db.insertInto('handovers').values(row).execute();

export interface HandoverFilters {
  direction?: 'in' | 'out';
  status?: HandoverStatus;
  /** LIKE pattern of the number (platform/record-numbers.ts numberPattern). */
  number?: string;
}

export function handoversFiltered(db: Db, path: string, filters: HandoverFilters) {
  let q = db.selectFrom('handovers as h');
  if (filters.direction === 'in') q = q.where('h.to_region_id', 'in', subtreeRegionIds(db, path));
  else if (filters.direction === 'out') q = q.where('h.from_region_id', 'in', subtreeRegionIds(db, path));
  else q = q.where((eb) => eb.or([eb('h.to_region_id', 'in', subtreeRegionIds(db, path)), eb('h.from_region_id', 'in', subtreeRegionIds(db, path))]));
  if (filters.status) q = q.where('h.status', '=', filters.status);
  if (filters.number) q = q.where('h.number', 'like', filters.number);
  return q;
}

export const listHandovers = (db: Db, path: string, filters: HandoverFilters, beforeId: string | undefined, limit: number) => {
  const q = handoversFiltered(db, path, filters).selectAll('h');
  return (beforeId === undefined ? q : q.where('h.id', '<', beforeId)).orderBy('h.id', 'desc').limit(limit + 1).execute();
};

/** Waiting hand-overs past their deadline that are due to climb a level (first time, or again after the interval). */
export const dueToEscalate = (db: Db, now: string, again: string) =>
  db
    .selectFrom('handovers')
    .select(['id', 'to_region_id', 'escalation_level'])
    .where('status', 'in', PENDING_HANDOVER_STATUSES)
    .where('due_at', '<', now)
    .where((eb) => eb.or([eb('escalation_level', '=', 0), eb('escalated_at', '<', again)]))
    .execute();

/** A decision or an escalation: applied only while the row still stands as read (compare-and-set). */
export async function updateIfPending(db: Db, id: string, set: Partial<HandoversTable>, level?: number): Promise<boolean> {
  let q = db.updateTable('handovers').set(set).where('id', '=', id).where('status', 'in', PENDING_HANDOVER_STATUSES);
  if (level !== undefined) q = q.where('escalation_level', '=', level);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
