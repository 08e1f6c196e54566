// SQL of the territory. A subtree is the path range of subtreeRange(): one index range.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import type { NewRegionRow, RegionRow, RegionsTable } from './regions.tables.ts';

/** Region ids of a subtree, as a subquery: records filter with `region_id in (…)`. */
export const subtreeRegionIds = (db: Db, path: string) => {
  const [lo, hi] = subtreeRange(path);
  return db.selectFrom('regions').select('regions.id').where('regions.path', '>=', lo).where('regions.path', '<', hi);
};

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
  if (!opts.includeInactive) q = q.where('r.active', '=', 1);
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
  if (!opts.includeInactive) q = q.where('active', '=', 1);
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
  const ids = path.split('/').filter(Boolean).map(Number);
  return db.selectFrom('regions').select(['id', 'name', 'level', 'code']).where('id', 'in', ids).orderBy('depth').execute();
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
