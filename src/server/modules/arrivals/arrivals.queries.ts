// Reads of arrival codes and entries, always with the names the lists show.
import type { Db } from '../../db/schema.ts';
import { inLevelledSubtree, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import type { ArrivalCodesTable, ArrivalEntriesTable } from './arrivals.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
export { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

export { findRegion } from '../regions/regions.queries.ts';

const codesWithRegion = (db: Db) =>
  db
    .selectFrom('arrival_codes as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select(['r.name as region_name', 'r.path as region_path', displayNameOf('c.created_by').as('created_by_name'), displayNameOf('c.revoked_by').as('revoked_by_name')]);

export const findCode = (db: Db, id: string) => codesWithRegion(db).where('c.id', '=', id).executeTakeFirst();
export type CodeWithRegion = NonNullable<Awaited<ReturnType<typeof findCode>>>;

/** The village's active code, if any (a village has at most one). */
export const findActiveCodeOf = (db: Db, regionId: number) =>
  db.selectFrom('arrival_codes').select(['id']).where('region_id', '=', regionId).where('status', '=', 'active').executeTakeFirst();

/** An active code by its token: read from the database on every request, so a revoke stops it at once. */
export const findActiveCodeByToken = (db: Db, token: string) =>
  db
    .selectFrom('arrival_codes as c')
    .innerJoin('regions as v', 'v.id', 'c.region_id')
    .select(['c.id', 'c.region_id', 'v.name as village_name', 'v.path as village_path', 'v.parent_id as town_id'])
    .where('c.token', '=', token)
    .where('c.status', '=', 'active')
    .executeTakeFirst();

export function listCodes(db: Db, path: string, opts: { regionId?: number; status?: ArrivalCodesTable['status']; beforeId?: string; limit: number }) {
  let q = codesWithRegion(db).where('c.region_id', 'in', subtreeIds(db, path));
  if (opts.status) q = q.where('c.status', '=', opts.status);
  if (opts.beforeId) q = q.where('c.id', '<', opts.beforeId);
  return q.orderBy('c.id', 'desc').limit(opts.limit + 1).execute();
}

const entriesWithNames = (db: Db) =>
  db
    .selectFrom('arrival_entries as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .innerJoin('regions as v', 'v.id', 'e.village_id')
    .selectAll('e')
    .select(['r.name as region_name', 'r.path as region_path', 'v.path as village_path', displayNameOf('e.decided_by').as('decided_by_name')]);

export const findEntry = (db: Db, id: string) => entriesWithNames(db).where('e.id', '=', id).executeTakeFirst();
export type EntryWithNames = NonNullable<Awaited<ReturnType<typeof findEntry>>>;

/** The entries of a subtree matching a list's filters, before paging (the list and its total). */
export function entriesFiltered(db: Db, path: string, opts: { status?: ArrivalEntriesTable['status'] }) {
  const q = entriesWithNames(db).where(inLevelledSubtree(db, path, 'e'));
  return opts.status ? q.where('e.status', '=', opts.status) : q;
}

/** A page newest first: a walk of the level's (level id, id) index. */
export function pageOfEntries(db: Db, path: string, opts: { status?: ArrivalEntriesTable['status']; beforeId?: string; limit: number }) {
  let q = entriesFiltered(db, path, opts);
  if (opts.beforeId) q = q.where('e.id', '<', opts.beforeId);
  return q.orderBy('e.id', 'desc').limit(opts.limit + 1);
}

export const listEntries = (...args: Parameters<typeof pageOfEntries>) => pageOfEntries(...args).execute();

/** Registered people by ID-number hash, with where they live (for the duplicate flag). */
export const personsByHashes = (db: Db, hashes: string[]) =>
  hashes.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('persons as p')
        .innerJoin('regions as r', 'r.id', 'p.region_id')
        .select(['p.id', 'p.id_number_hash', 'r.name as region_name', 'r.path'])
        .where('p.id_number_hash', 'in', hashes)
        .execute();

/** The same person already waiting in the village's queue. */
export const findPendingInVillage = (db: Db, villageId: number, idNumberHash: string) =>
  db
    .selectFrom('arrival_entries')
    .select(['id', 'reference'])
    .where('village_id', '=', villageId)
    .where('id_number_hash', '=', idNumberHash)
    .where('status', '=', 'pending')
    .executeTakeFirst();
