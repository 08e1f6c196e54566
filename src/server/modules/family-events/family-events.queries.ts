// Reads of family events, always over a region subtree, with the names of who did each step.
import type { Db } from '../../db/schema.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
import type { FamilyEventsTable } from './family-events.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

const withNames = (db: Db) =>
  db
    .selectFrom('family_events as f')
    .innerJoin('regions as r', 'r.id', 'f.region_id')
    .selectAll('f')
    .select([
      'r.name as region_name',
      'r.path as region_path',
      displayNameOf('f.created_by').as('created_by_name'),
      displayNameOf('f.guided_by').as('guided_by_name'),
      displayNameOf('f.followed_up_by').as('followed_up_by_name'),
    ]);

export const findFamilyEvent = (db: Db, id: string) => withNames(db).where('f.id', '=', id).executeTakeFirst();
export type FamilyEventWithRegion = NonNullable<Awaited<ReturnType<typeof findFamilyEvent>>>;

type FamilyEventFilters = { status?: FamilyEventsTable['status']; kind?: FamilyEventsTable['kind']; from?: string; to?: string };

/** The family events of a subtree matching a list's filters, before paging (the list and its total). */
export function familyEventsFiltered(db: Db, path: string, opts: FamilyEventFilters) {
  let q = withNames(db).where(inLevelledSubtree(db, path, 'f'));
  if (opts.status) q = q.where('f.status', '=', opts.status);
  if (opts.kind) q = q.where('f.kind', '=', opts.kind);
  if (opts.from) q = q.where('f.planned_on', '>=', opts.from);
  if (opts.to) q = q.where('f.planned_on', '<=', opts.to);
  return q;
}

/** A page newest filed first (ids are time-ordered UUIDv7): a walk of the level's (level id, id) index. */
export function pageOfFamilyEvents(db: Db, path: string, opts: FamilyEventFilters & { beforeId?: string; limit: number }) {
  let q = familyEventsFiltered(db, path, opts);
  if (opts.beforeId) q = q.where('f.id', '<', opts.beforeId);
  return q.orderBy('f.id', 'desc').limit(opts.limit + 1);
}

export const listFamilyEvents = (...args: Parameters<typeof pageOfFamilyEvents>) => pageOfFamilyEvents(...args).execute();
