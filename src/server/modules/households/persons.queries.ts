import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds } from './households.queries.ts';
import type { PersonsTable } from './households.tables.ts';

export const findPerson = (db: Db, id: string) => db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** People sharing an ID number (by keyed hash), county-wide; at most a few. */
export const findByIdNumberHash = (db: Db, hash: string) =>
  db
    .selectFrom('persons as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.region_id', 'r.path'])
    .where('p.id_number_hash', '=', hash)
    .limit(5)
    .execute();

export interface PersonFilters {
  householdId?: string;
  category?: PersonsTable['category'];
  keyPerson?: boolean;
  q?: string;
  idHash?: string;
}

/** The people a list's filters match in a subtree: the list pages it, the total counts it. */
export function personsFiltered(db: Db, path: string, opts: PersonFilters) {
  let q = db.selectFrom('persons').where('region_id', 'in', subtreeRegionIds(db, path));
  if (opts.householdId) q = q.where('household_id', '=', opts.householdId);
  if (opts.category) q = q.where('category', '=', opts.category);
  if (opts.keyPerson !== undefined) q = q.where('key_person', '=', opts.keyPerson ? 1 : 0);
  if (opts.idHash) q = q.where('id_number_hash', '=', opts.idHash);
  else if (opts.q) q = q.where('name', 'like', `%${opts.q.replace(/[\\%_]/g, '')}%`);
  return q;
}

export function listPersons(db: Db, path: string, opts: PersonFilters & { afterId?: string; limit: number }) {
  let q = personsFiltered(db, path, opts).selectAll();
  if (opts.afterId) q = q.where('id', '>', opts.afterId);
  return q.orderBy('id').limit(opts.limit + 1).execute();
}

/**
 * People still living at a dwelling, found by keyed hash of ID number or phone, with their
 * household's region: verification lists route a name to the grid that must check it by these.
 * County-wide through the hash index only: the caller keeps those of its subtree (a subtree
 * filter here lets SQLite walk the subtree's people for every batch of hashes instead).
 */
export function residentsByHash(db: Db, column: 'id_number_hash' | 'phone_hash', hashes: readonly string[]) {
  return db
    .selectFrom('persons as p')
    .leftJoin('households as h', 'h.id', 'p.household_id')
    .select(['p.id', 'p.region_id', 'h.region_id as household_region_id', `p.${column} as hash`])
    .where(`p.${column}`, 'in', hashes)
    .where('p.left_on', 'is', null)
    .execute();
}

/** Every registered dwelling address of a subtree with its region (an address matcher's dictionary). */
export const dwellingAddresses = (db: Db, path: string) =>
  db.selectFrom('households').select(['address', 'region_id']).where('region_id', 'in', subtreeRegionIds(db, path)).execute();
