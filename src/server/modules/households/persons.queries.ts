import { sql } from 'kysely';
import { containsText, fromBool } from '../../db/dialect.ts';
import { householdsWithAddress, termCountQuery, termsOfPeopleInSubtree } from './persons-search.queries.ts';
import { boundedTotalQuery } from '../../platform/list-total.ts';
import { levelColumnOf } from '../../platform/region-levels.ts';
import type { Db } from '../../db/schema.ts';
import { type RegionAfter, regionOrderedPage } from '../../platform/paging.ts';
import { subtreeRegionIds } from './households.queries.ts';
import { inLevelledSubtree, inSubtreeRange } from '../regions/regions.queries.ts';
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
  /** A name search: the name term (search_terms) it walks, and the whole text when longer. */
  name?: { term: string; whole: string | null };
  idHash?: string;
  /** A whole mobile number's keyed hash. */
  phoneHash?: string;
  /** A part of the household's address: the address term it walks, and the whole text when longer. */
  address?: { term: string; whole: string | null };
}

/**
 * The people a list's filters match in a subtree (from `afterRegionId` on): the list pages it,
 * the total counts it. A name search drives by the name's term index, in the same (region,
 * person) order as persons_region, so a surname's first page at the county is the first few
 * index entries, not a scan of every name.
 */
export function personsFiltered(db: Db, path: string, opts: PersonFilters, afterRegionId?: number) {
  const name = opts.idHash || opts.phoneHash ? undefined : opts.name;
  let q = name
    ? nameTermsOf(db, name.term).innerJoin('persons as p', 'p.id', 't.record_id').where(termsOfPeopleInSubtree(db, path, afterRegionId))
    : db.selectFrom('persons as p').where(inLevelledSubtree(db, path, 'p', afterRegionId));
  if (name?.whole) q = q.where(containsText(db, 'p.name', name.whole));
  if (opts.householdId) q = q.where('p.household_id', '=', opts.householdId);
  if (opts.category) q = q.where('p.category', '=', opts.category);
  if (opts.keyPerson !== undefined) q = q.where('p.key_person', '=', fromBool(opts.keyPerson));
  if (opts.idHash) q = q.where('p.id_number_hash', '=', opts.idHash);
  if (opts.phoneHash) q = q.where('p.phone_hash', '=', opts.phoneHash);
  if (opts.address) q = q.where('p.household_id', 'in', householdsWithAddress(db, opts.address, path));
  return q;
}

/** The name index's entries of a term: one per person whose name holds it. */
const nameTermsOf = (db: Db, term: string) => db.selectFrom('search_terms as t').where('t.kind', '=', 'n').where('t.term', '=', sql<string>`lower(${term})`);

/** The name index's entries of a term in a subtree, read alone (a total that needs no person row). */
const nameTerms = (db: Db, term: string, path: string) => nameTermsOf(db, term).where(inSubtreeRange(db, 't.region_id', path));

/** Whether the list walks the name term index (a name search, not a number's). */
const byNameTerms = (opts: PersonFilters) => Boolean(opts.name && !opts.idHash && !opts.phoneHash);

/**
 * What a list's total counts, in region order (boundedTotal's `ordered`): personsFiltered, except
 * that a plain name search (a term, no other filter) counts its index entries alone, without
 * reading the person behind each.
 */
export function personsCounted(db: Db, path: string, opts: PersonFilters) {
  const name = plainNameOf(opts);
  if (name) return nameTerms(db, name.term, path).orderBy('t.region_id');
  return personsFiltered(db, path, opts).orderBy(byNameTerms(opts) ? 't.region_id' : 'p.region_id');
}

/** The name term of a plain name search (a term, its whole text, no other filter): its entries are its total. */
function plainNameOf(opts: PersonFilters): { term: string } | undefined {
  const plain = opts.name && !opts.name.whole && !opts.idHash && !opts.phoneHash && !opts.householdId && !opts.category && opts.keyPerson === undefined && !opts.address;
  return plain ? opts.name : undefined;
}

/**
 * The first-page total of the people a list's filters match (column `n`, read by totalOf): a
 * plain name search at a county, town or village is its term's counter (migration 0042), one
 * keyed read, exact (over the bound, "1 万+"), where counting walked up to 10,001 index entries
 * (a surname at the county); anything else counts its rows up to the bound (personsCounted).
 */
export function personsTotalQuery(db: Db, path: string, opts: PersonFilters) {
  const name = plainNameOf(opts);
  if (name && levelColumnOf(path)) return termCountQuery(db, 'n', name.term, path);
  return boundedTotalQuery(db, personsCounted(db, path, opts), true);
}

/** A person's place in the list: their region, then their id. */
export type PersonAfter = RegionAfter<string>;

/** The two reads of a people page (regionOrderedPage), as builders: the plan tests explain them. */
export function personsPageQueries(db: Db, path: string, opts: PersonFilters) {
  // The name index holds (region, person) too: ordering by its columns keeps the walk on it.
  const [region, id] = byNameTerms(opts) ? (['t.region_id', 't.record_id'] as const) : (['p.region_id', 'p.id'] as const);
  return {
    restOfRegion: (regionId: number, afterId: string, limit: number) =>
      // Ordered by the region too (one value here): SQLite then keeps the index's order even
      // where it drives the walk by the subtree's list rather than the one region.
      personsFiltered(db, path, opts).selectAll('p').where(region, '=', regionId).where(id, '>', afterId).orderBy(region).orderBy(id).limit(limit + 1),
    laterRegions: (afterRegionId: number | undefined, limit: number) =>
      personsFiltered(db, path, opts, afterRegionId).selectAll('p').orderBy(region).orderBy(id).limit(limit + 1),
  };
}

/** A page of people region by region, then by id: the order of persons_region (and of the name terms). */
export function listPersons(db: Db, path: string, opts: PersonFilters & { after?: PersonAfter; limit: number }) {
  return regionOrderedPage(opts.after, opts.limit, personsPageQueries(db, path, opts));
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

/** These people's regions, by id (the primary key: no subtree walk). */
export const personRegionsByIds = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('persons').select(['id', 'region_id']).where('id', 'in', ids as string[]).execute();

/** The people of a subtree with their region, as a derived table other modules join (the retention purge). */
export const personRegionsInSubtree = (db: Db, path: string) => db.selectFrom('persons as p').select(['p.id', 'p.region_id']).where('p.region_id', 'in', subtreeRegionIds(db, path));
