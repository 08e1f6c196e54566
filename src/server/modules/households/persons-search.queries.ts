// The SQL of the person search (migration 0023's search_terms). A name or address search walks
// one term's index range per region of the subtree, in (region, record) order, so a page is the
// first rows found and never a sort of the subtree; a text longer than its term is checked whole
// on the rows found. ID and phone numbers go by their keyed hashes.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { containsText, onSqlite } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import { regionOrderedReads } from '../../platform/paging.ts';
import { levelColumnOf, regionIdOf } from '../../platform/region-levels.ts';
import { ancestorIdAt } from '../../../shared/region-path.ts';
import { inSubtreeRange, subtreeIdRange, subtreeRegionIds } from '../regions/regions.queries.ts';

/** Where the previous page stopped, in the order of the search: region, record, person. */
export interface SearchAfter {
  regionId: number;
  recordId: string;
  personId: string;
}

export interface TermSearch {
  /** The indexed term the search walks (a character or pair of the typed text). */
  term: string;
  /** The whole typed text, checked on each row when longer than the term. */
  whole: string | null;
  after?: SearchAfter;
  limit: number;
}

/**
 * The county, town or village whose term counters (migration 0042) speak for a subtree: its own
 * at those levels; below (a grid, a micro-grid), its village's, which counts at least as many.
 */
export function termCounterRegionOf(path: string): number {
  if (levelColumnOf(path)) return regionIdOf(path);
  const id = ancestorIdAt(path, 'village') ?? ancestorIdAt(path, 'town') ?? ancestorIdAt(path, 'county');
  if (id === null) throw new Error('termCounterRegionOf: a region below no county');
  return id;
}

/**
 * How many records carry `term` in the subtree at `path` (names: people, addresses: households),
 * one keyed read of its counter (0042): the count that picks the narrowest pair of a long search,
 * exact at a county, town or village, at most the village's below.
 */
export const termCountQuery = (db: Db, kind: 'n' | 'a', term: string, path: string) =>
  db.selectNoFrom((eb) =>
    eb.fn
      .coalesce(
        eb
          .selectFrom('search_term_counts as c')
          .select('c.n')
          .where('c.kind', '=', kind)
          .where('c.term', '=', sql<string>`lower(${term})`)
          .where('c.region_id', '=', termCounterRegionOf(path)),
        sql<number>`0`,
      )
      .as('n'),
  );

export async function termCount(db: Db, kind: 'n' | 'a', term: string, path: string): Promise<number> {
  return Number((await termCountQuery(db, kind, term, path).executeTakeFirstOrThrow()).n);
}

/**
 * The person `p`, read anyway for the page, is in the subtree: at a county, town or village a
 * check of their level column (0039); below, the grid's few regions. On SQLite the unary plus
 * keeps it a check, so the planner walks the term index the search drives by rather than the
 * level's. Not on PostgreSQL: there `+col = …` is an expression it cannot estimate, guessed
 * rare, and the address search sorted 11,417 people to return 51 (604 ms against 0.6 ms).
 */
export function personInSubtree(db: Db, path: string) {
  const column = levelColumnOf(path);
  const level = column && sql.ref(`p.${column}`);
  // biome-ignore lint/suspicious/noExplicitAny: the search's tables
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (!level) return eb('p.region_id', 'in', subtreeRegionIds(db, path));
    return onSqlite(db) ? sql<SqlBool>`+${level} = ${regionIdOf(path)}` : eb(level, '=', regionIdOf(path));
  };
}

/**
 * A name term's entries `t` of people `p` in the subtree (from `afterRegionId` on): one range of
 * the subtree's region ids, each entry's person checked by level where the subtree is a level
 * (no list of the county's thousands of regions to build and probe), by region list below.
 */
export function termsOfPeopleInSubtree(db: Db, path: string, afterRegionId?: number) {
  if (!levelColumnOf(path)) return inSubtreeRange(db, 't.region_id', path, afterRegionId);
  const range = subtreeIdRange(db, 't.region_id', path, afterRegionId);
  const person = personInSubtree(db, path);
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => eb.and([range(eb), person(eb)]);
}

/** The reads of a name search page (regionOrderedPage): the term's index entries of a subtree, with their people. */
export function nameSearchQueries(db: Db, path: string, s: Pick<TermSearch, 'term' | 'whole'>) {
  const found = (afterRegionId?: number) => {
    const q = db
      .selectFrom('search_terms as t')
      .innerJoin('persons as p', 'p.id', 't.record_id')
      .leftJoin('households as h', 'h.id', 'p.household_id')
      .selectAll('p')
      .select(['h.address as address', 't.region_id as term_region_id', 't.record_id as term_record_id'])
      .where('t.kind', '=', 'n')
      .where('t.term', '=', sql<string>`lower(${s.term})`)
      .where(termsOfPeopleInSubtree(db, path, afterRegionId));
    return s.whole ? q.where(containsText(db, 'p.name', s.whole)) : q;
  };
  return {
    restOfRegion: (regionId: number, recordId: string, limit: number) =>
      found().where('t.region_id', '=', regionId).where('t.record_id', '>', recordId).orderBy('t.region_id').orderBy('t.record_id').limit(limit + 1),
    laterRegions: (afterRegionId: number | undefined, limit: number) => found(afterRegionId).orderBy('t.region_id').orderBy('t.record_id').limit(limit + 1),
  };
}

/** The reads of a page of people whose name contains the text, by the name term index (regionOrderedReads). */
export function searchByName(db: Db, path: string, s: TermSearch) {
  const after = s.after && { regionId: s.after.regionId, key: s.after.recordId };
  return regionOrderedReads(after, s.limit, nameSearchQueries(db, path, s));
}

/** People of the households whose address contains the text, unordered: the search pages it, its total counts it. */
export function addressSearchRows(db: Db, path: string, s: Pick<TermSearch, 'term' | 'whole'>) {
  const q = db
    .selectFrom('search_terms as t')
    .innerJoin('households as h', 'h.id', 't.record_id')
    .innerJoin('persons as p', 'p.household_id', 'h.id')
    .selectAll('p')
    .select(['h.address as address', 't.region_id as term_region_id', 't.record_id as term_record_id'])
    .where('t.kind', '=', 'a')
    .where('t.term', '=', sql<string>`lower(${s.term})`)
    .where(inSubtreeRange(db, 't.region_id', path))
    // A person is shown only inside the caller's subtree, wherever their household is: at a
    // county, town or village a check of the person's level column (0039) on the row read anyway.
    .where(personInSubtree(db, path));
  // containsText, not LIKE: PostgreSQL estimates LIKE '%…%' as rare and would scan every
  // household with it instead of walking the term index (2 s against 34 ms on the demo county).
  return s.whole ? q.where(containsText(db, 'h.address', s.whole)) : q;
}

/** A page of the address search, household by household, as a builder: the plan tests explain it. */
export function addressSearchPage(db: Db, path: string, s: TermSearch) {
  let q = addressSearchRows(db, path, s);
  const after = s.after;
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('t.region_id', '>', after.regionId),
        eb.and([eb('t.region_id', '=', after.regionId), eb('t.record_id', '>', after.recordId)]),
        eb.and([eb('t.region_id', '=', after.regionId), eb('t.record_id', '=', after.recordId), eb('p.id', '>', after.personId)]),
      ]),
    );
  }
  return q.orderBy('t.region_id').orderBy('t.record_id').orderBy('p.id').limit(s.limit + 1);
}

/**
 * The ids of the households of a subtree whose address contains the text, by the address term
 * index: the filter of the people and household lists' q= when it reads as an address.
 */
export function householdsWithAddress(db: Db, s: Pick<TermSearch, 'term' | 'whole'>, path: string, afterRegionId?: number) {
  // One range of the term's entries (inSubtreeRange), not one seek per region of the subtree.
  const terms = db
    .selectFrom('search_terms as t')
    .where('t.kind', '=', 'a')
    .where('t.term', '=', sql<string>`lower(${s.term})`)
    .where(inSubtreeRange(db, 't.region_id', path, afterRegionId));
  if (!s.whole) return terms.select('t.record_id');
  return terms.innerJoin('households as h', 'h.id', 't.record_id').where(containsText(db, 'h.address', s.whole)).select('t.record_id');
}

/** People with this keyed hash of an ID or phone number in a subtree, unordered: a handful at most. */
export const hashSearchRows = (db: Db, path: string, column: 'id_number_hash' | 'phone_hash', hash: string) =>
  db
    .selectFrom('persons as p')
    .leftJoin('households as h', 'h.id', 'p.household_id')
    .selectAll('p')
    .select(['h.address as address'])
    .where(`p.${column}`, '=', hash)
    .where('p.region_id', 'in', subtreeRegionIds(db, path));

/** A page of the people with this keyed hash of an ID or phone number, by id, as a builder (plan tests). */
export function hashSearchPage(db: Db, path: string, column: 'id_number_hash' | 'phone_hash', hash: string, afterId: string | undefined, limit: number) {
  const q = hashSearchRows(db, path, column, hash);
  return (afterId ? q.where('p.id', '>', afterId) : q).orderBy('p.id').limit(limit + 1);
}
