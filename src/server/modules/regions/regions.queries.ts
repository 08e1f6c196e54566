// SQL of the territory. A subtree is the path range of subtreeRange(): one index range.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { levelColumnOf, regionIdOf } from '../../platform/region-levels.ts';
import type { NewRegionRow, RegionRow, RegionsTable } from './regions.tables.ts';
import { DB_TRUE } from '../../db/dialect.ts';
import { idsBelowCounty, pathIds } from '../../../shared/region-path.ts';

/**
 * Region ids of a subtree, as a subquery: records filter with `region_id in (…)`. With
 * `afterId`, only the regions after it: the rest of a walk in region order (regionOrderedPage).
 */
export const subtreeRegionIds = (db: Db, path: string, afterId?: number) => {
  const [lo, hi] = subtreeRange(path);
  const ids = db.selectFrom('regions').select('regions.id').where('regions.path', '>=', lo).where('regions.path', '<', hi);
  return afterId === undefined ? ids : ids.where('regions.id', '>', afterId);
};

/**
 * A subtree's rows of an index that holds (…, region_id, …) after some equalities — the search
 * terms' (kind, term, region_id, record_id) — as one range of region ids, [first, last] of the
 * subtree (from `afterId` on), checked against the subtree's ids row by row. With `region_id in
 * (…)` alone SQLite seeks the index once per region of the subtree: 5,500 seeks at the county
 * for a name pair that 60 people carry (8–30 ms, most of a search's time). The unary plus keeps
 * the membership test a filter, so the planner walks the range (both databases accept it).
 */
export function inSubtreeRange(db: Db, column: string, path: string, afterId?: number) {
  const ids = subtreeRegionIds(db, path, afterId);
  const range = subtreeIdRange(db, column, path, afterId);
  // biome-ignore lint/suspicious/noExplicitAny: any table with a region column, under any alias
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => eb.and([range(eb), sql<SqlBool>`+${sql.ref(column)} in ${ids}`]);
}

/**
 * inSubtreeRange's range alone, [first, last] region id of the subtree (from `afterId` on), for
 * a read that checks membership another way (a record's level column, 0039).
 */
export function subtreeIdRange(db: Db, column: string, path: string, afterId?: number) {
  const ids = subtreeRegionIds(db, path, afterId);
  const edge = (fn: 'min' | 'max') => ids.clearSelect().select((eb) => eb.fn[fn]<number>('regions.id').as('edge'));
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => eb.and([eb(sql.ref(column), '>=', edge('min')), eb(sql.ref(column), '<=', edge('max'))]);
}

/**
 * The rows of a table with level columns (platform/region-levels.ts), aliased `alias`, in the
 * subtree at `path`: a county's, town's or village's are its level column's index range, in
 * whatever order the list's index after that column gives; a grid's are its few regions'.
 * With `afterId`, only the rows of the regions after it (a walk in region order: the level's
 * index holds the region next, so that is still one range).
 */
export function inLevelledSubtree(db: Db, path: string, alias: string, afterId?: number) {
  const column = levelColumnOf(path);
  const region = sql.ref(`${alias}.region_id`);
  // biome-ignore lint/suspicious/noExplicitAny: any table with level columns, under any alias
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (!column) return eb(region, 'in', subtreeRegionIds(db, path, afterId));
    const level = eb(sql.ref(`${alias}.${column}`), '=', regionIdOf(path));
    return afterId === undefined ? level : eb.and([level, eb(region, '>', afterId)]);
  };
}

export const findRegion = (db: Db, id: number): Promise<RegionRow | undefined> =>
  db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();

export const findRegionByCode = (db: Db, code: string): Promise<RegionRow | undefined> =>
  db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();

export function listChildren(db: Db, parentId: number, opts: { afterId?: number; limit: number; includeInactive: boolean }) {
  let q = db
    .selectFrom('regions as r')
    .selectAll('r')
    .select((eb) =>
      eb.selectFrom('regions as c').whereRef('c.parent_id', '=', 'r.id').select(eb.fn.countAll<number>().as('n')).as('child_count'),
    )
    .where('r.parent_id', '=', parentId);
  if (!opts.includeInactive) q = q.where('r.active', '=', DB_TRUE);
  if (opts.afterId !== undefined) q = q.where('r.id', '>', opts.afterId);
  return q.orderBy('r.id').limit(opts.limit + 1).execute();
}

/** The subtree search, as a builder: regions.sql.test.ts snapshots its SQL. */
export function subtreeQuery(
  db: Db,
  path: string,
  opts: { q?: string; level?: RegionsTable['level']; afterPath?: string; limit: number; includeInactive: boolean },
) {
  const [lo, hi] = subtreeRange(path);
  let q = db.selectFrom('regions').selectAll().where('path', '>=', lo).where('path', '<', hi);
  if (opts.level) q = q.where('level', '=', opts.level);
  if (!opts.includeInactive) q = q.where('active', '=', DB_TRUE);
  if (opts.q) {
    const like = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([sql<boolean>`name like ${like} escape '\\'`, eb('code', 'like', `${opts.q}%`)]));
  }
  // Walking in path order keeps the read one forward index range, whatever the subtree's size.
  if (opts.afterPath !== undefined) q = q.where('path', '>', opts.afterPath);
  return q.orderBy('path').limit(opts.limit + 1);
}

export const searchSubtree = (...args: Parameters<typeof subtreeQuery>) => subtreeQuery(...args).execute();

export const ancestorsOf = (db: Db, path: string) => {
  return db.selectFrom('regions').select(['id', 'name', 'level', 'code']).where('id', 'in', pathIds(path)).orderBy('depth').execute();
};

export async function insertRegion(db: Db, row: Omit<NewRegionRow, 'path' | 'id'>, parentPath: string): Promise<RegionRow> {
  const inserted = await db
    .insertInto('regions')
    .values({ ...row, path: `${parentPath}pending/` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${parentPath}${inserted.id}/`;
  return db.updateTable('regions').set({ path }).where('id', '=', inserted.id).returningAll().executeTakeFirstOrThrow();
}

/** Moves a subtree: every path under oldPath is rewritten under newPath, depths shifted. */
export async function rewriteSubtreePaths(db: Db, oldPath: string, newPath: string, depthDelta: number, now: string) {
  const [lo, hi] = subtreeRange(oldPath);
  await db
    .updateTable('regions')
    .set({
      path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
      updated_at: now,
    })
    .where('path', '>=', lo)
    .where('path', '<', hi)
    .execute();
}

export async function setSubtreeActive(db: Db, path: string, active: number, now: string) {
  const [lo, hi] = subtreeRange(path);
  await db.updateTable('regions').set({ active, updated_at: now }).where('path', '>=', lo).where('path', '<', hi).execute();
}

export const countRegions = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

// What other modules read of the territory. A module that needs a region's name, path or
// children asks here, so the shape of the regions table is known in this folder only.

export type RegionColumn = keyof RegionsTable & string;

/** Chosen columns of one region: the SQL is exactly the select the caller would have written. */
export const regionFields = <C extends RegionColumn>(db: Db, id: number, columns: readonly C[]) =>
  db.selectFrom('regions').select(columns as C[]).where('id', '=', id).executeTakeFirst();

/** Chosen columns of several regions, in no particular order. */
export const regionsFields = <C extends RegionColumn>(db: Db, ids: readonly number[], columns: readonly C[]) =>
  db.selectFrom('regions').select(columns as C[]).where('id', 'in', ids as number[]).execute();

/** Region names by id, read in chunks so a long list stays under the drivers' parameter limits. */
export async function regionNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const CHUNK = 500;
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of (await regionNamesQuery(db, ids.slice(i, i + CHUNK))?.execute()) ?? []) out.set(r.id, r.name);
  }
  return out;
}

/** One statement of region names (null for no ids): a few hundred ids at most, as regionNames sends them. */
export const regionNamesQuery = (db: Db, ids: readonly number[]) => (ids.length === 0 ? null : db.selectFrom('regions').select(['id', 'name']).where('id', 'in', ids));

/**
 * The names along each region path below its county, by path: '/1/7/30/' → ['城关镇', '东村',
 * '第二村民小组'], so a county-wide list can say which town and village a group is in. One read of
 * the names for all the paths of a page.
 */
export async function namesBelowCounty(db: Db, paths: readonly string[]): Promise<Map<string, string[]>> {
  const names = await regionNames(db, [...new Set(paths.flatMap(idsBelowCounty))]);
  return new Map(paths.map((path) => [path, idsBelowCounty(path).map((id) => names.get(id) ?? '')]));
}

/** How many counties (regions without a parent) the database holds. */
export const countCounties = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', 'is', null).executeTakeFirstOrThrow()).n);

/** The county roots (regions without a parent), oldest first. */
export const countyRoots = (db: Db) => db.selectFrom('regions').select(['id', 'name', 'path']).where('parent_id', 'is', null).orderBy('id').execute();

/** Which regions of a list to keep: one level, only the active ones. */
type RegionFilter = { level?: RegionsTable['level']; activeOnly?: boolean };

/** Chosen columns of a region's children, optionally of one level and only active ones, in code order. */
export function childRegions<C extends RegionColumn>(db: Db, parentId: number, columns: readonly C[], opts: RegionFilter = {}) {
  let q = db.selectFrom('regions').select(columns as C[]).where('parent_id', '=', parentId);
  if (opts.level !== undefined) q = q.where('level', '=', opts.level);
  if (opts.activeOnly) q = q.where('active', '=', DB_TRUE);
  return q.orderBy('code').orderBy('id').execute();
}

/** The regions of a subtree with their paths, as a derived table other modules join. */
export const subtreeRegionsWithPath = (db: Db, path: string) => subtreeRegionIds(db, path).select('regions.path');

/** Chosen columns of every region of a subtree, optionally of one level and only active ones. */
export function regionsInSubtree<C extends RegionColumn>(db: Db, path: string, columns: readonly C[], opts: RegionFilter = {}) {
  const [lo, hi] = subtreeRange(path);
  let q = db.selectFrom('regions').select(columns as C[]).where('path', '>=', lo).where('path', '<', hi);
  if (opts.level !== undefined) q = q.where('level', '=', opts.level);
  if (opts.activeOnly) q = q.where('active', '=', DB_TRUE);
  return q.execute();
}

/** The public page's region picker: active children (or the county roots) with their active child count. */
export const publicChildren = (db: Db, parentId: number | undefined) =>
  db
    .selectFrom('regions as r')
    .select(['r.id', 'r.name', 'r.level'])
    .select(sql<number>`(select count(*) from regions c where c.parent_id = r.id and c.active = ${sql.lit(DB_TRUE)})`.as('children'))
    .where('r.active', '=', DB_TRUE)
    .$call((q) => (parentId === undefined ? q.where('r.parent_id', 'is', null) : q.where('r.parent_id', '=', parentId)))
    .orderBy('r.code')
    .limit(500)
    .execute();

/** As regionFields, for a region the caller knows exists (a foreign key points at it). */
export const regionFieldsOrThrow = <C extends RegionColumn>(db: Db, id: number, columns: readonly C[]) =>
  db.selectFrom('regions').select(columns as C[]).where('id', '=', id).executeTakeFirstOrThrow();

/** Regions named for the audit log; ids in a region's spelling (digits). */
export async function regionEntityNames(db: Db, ids: readonly string[]) {
  const names = await regionNames(db, ids.map(Number));
  return [...names].map(([id, name]) => ({ id: String(id), name }));
}

/** The active towns, villages and grids of a county, for the phone's picker of where a person went. */
export const countyDestinations = (db: Db, countyPath: string) =>
  db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'parent_id'])
    .where('path', '>=', subtreeRange(countyPath)[0])
    .where('path', '<', subtreeRange(countyPath)[1])
    .where('level', 'in', ['town', 'village', 'grid'])
    .where('active', '=', DB_TRUE)
    .orderBy('path')
    .limit(5_000)
    .execute();
