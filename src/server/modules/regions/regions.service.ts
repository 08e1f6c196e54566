// Rules of the territory: levels nest in order, codes are unique, a move keeps the levels and
// never puts a region under its own subtree; deactivation covers the subtree.
import type { Region, RegionCreate, RegionPatch } from '../../../shared/regions.ts';
import { CHILD_LEVEL, type RegionLevel } from '../../../shared/regions.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { TtlCache, invalidateCaches } from '../../platform/ttl-cache.ts';
import type { RegionMoveHook } from '../../platform/region-moves.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import * as q from './regions.queries.ts';
import type { RegionRow } from './regions.tables.ts';

export const toRegion = (row: RegionRow & { child_count?: number | string | null }): Region => ({
  id: row.id,
  parentId: row.parent_id,
  level: row.level,
  code: row.code,
  name: row.name,
  active: toBool(row.active),
  ...(row.child_count != null ? { childCount: Number(row.child_count) } : {}),
});

// The scope check reads a region's path on most requests; paths change only when a subtree moves.
const scopeCache = new TtlCache<number, ScopedRegion | null>(10_000);

export async function regionForScope(db: Db, id: number): Promise<ScopedRegion | null> {
  const cached = scopeCache.get(id);
  if (cached !== undefined) return cached;
  const row = (await db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', id).executeTakeFirst()) ?? null;
  // Unknown ids are not cached: the region may be created a moment later.
  if (row) scopeCache.set(id, row);
  return row;
}

export async function listRegions(
  db: Db,
  scope: ScopedRegion,
  query: { parentId?: number; q?: string; level?: RegionLevel; limit: number; cursor?: string; includeInactive?: 'true' | 'false' },
) {
  const after = decodeCursor(query.cursor);
  const includeInactive = query.includeInactive === 'true';
  if (query.parentId !== undefined) {
    const afterId = after === undefined ? undefined : Number(after);
    const rows = await q.listChildren(db, query.parentId, { afterId, limit: query.limit, includeInactive });
    return page(rows, query.limit, (r) => r.id, toRegion);
  }
  const afterPath = after === undefined ? undefined : String(after);
  const rows = await q.searchSubtree(db, scope.path, { q: query.q, level: query.level, afterPath, limit: query.limit, includeInactive });
  return page(rows, query.limit, (r) => r.path, toRegion);
}

export async function getRegion(db: Db, id: number) {
  const row = await q.findRegion(db, id);
  if (!row) throw notFound('region');
  const ancestors = await q.ancestorsOf(db, row.path);
  const children = await db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow();
  return { ...toRegion({ ...row, child_count: children.n }), path: ancestors.map((a) => ({ id: a.id, name: a.name, level: a.level })) };
}

function codeTaken(code: string) {
  return new AppError('DUPLICATE', `code: region code ${code} is already used`, [{ path: 'code', message: 'already used' }]);
}

export async function createRegion(tx: Db, ctx: AuditContext, input: RegionCreate): Promise<Region> {
  const parent = await q.findRegion(tx, input.parentId);
  if (!parent) throw new AppError('NOT_FOUND', 'parentId: no such region', [{ path: 'parentId', message: 'no such region' }]);
  if (!toBool(parent.active)) {
    throw new AppError('UNPROCESSABLE', 'parentId: the parent region is deactivated', [
      { path: 'parentId', message: 'deactivated' },
    ]);
  }
  const expected = CHILD_LEVEL[parent.level];
  if (expected !== input.level) {
    const message = expected ? `a ${parent.level}'s child must be a ${expected}` : `a ${parent.level} has no children`;
    throw unprocessable('level', message);
  }
  // A taken code surfaces as the unique index's violation: no extra read on the write path.
  const now = nowIso();
  let row: RegionRow;
  try {
    row = await q.insertRegion(
      tx,
      { parent_id: parent.id, level: input.level, code: input.code, name: input.name, depth: parent.depth + 1, active: DB_TRUE, created_at: now, updated_at: now },
      parent.path,
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(input.code);
    throw err;
  }
  await audit(tx, ctx, { action: 'create', entity: 'region', entityId: row.id, regionId: row.id, details: { level: row.level, code: row.code, name: row.name } });
  afterCommit(tx, invalidateCaches); // grid counts of the roll-ups
  return toRegion(row);
}

/** `regionMoved`: what the other modules do when a region moves (their counters, their alerts). */
export async function patchRegion(tx: Db, ctx: AuditContext, actorPath: string, id: number, patch: RegionPatch, regionMoved: RegionMoveHook): Promise<Region> {
  const row = await q.findRegion(tx, id);
  if (!row) throw notFound('region');
  const now = nowIso();
  const changes: Record<string, unknown> = {};
  if (patch.code !== undefined && patch.code !== row.code) {
    const other = await q.findRegionByCode(tx, patch.code);
    if (other && other.id !== id) throw codeTaken(patch.code);
    changes.code = patch.code;
  }
  if (patch.name !== undefined && patch.name !== row.name) changes.name = patch.name;
  if (Object.keys(changes).length) {
    await tx.updateTable('regions').set({ ...changes, updated_at: now }).where('id', '=', id).execute();
  }
  if (patch.parentId !== undefined && patch.parentId !== row.parent_id) {
    await moveRegion(tx, actorPath, row, patch.parentId, now, regionMoved);
    changes.parentId = patch.parentId;
  }
  if (patch.active !== undefined && patch.active !== toBool(row.active)) {
    if (row.path === actorPath) {
      throw new AppError('FORBIDDEN', 'active: you cannot deactivate the region your account is bound to');
    }
    await q.setSubtreeActive(tx, row.path, fromBool(patch.active), now);
    changes.active = patch.active;
  }
  if (Object.keys(changes).length) afterCommit(tx, invalidateCaches); // grid counts, scope lookups
  const action = 'parentId' in changes ? 'move' : 'active' in changes ? (patch.active ? 'activate' : 'deactivate') : 'update';
  if (Object.keys(changes).length) {
    await audit(tx, ctx, { action, entity: 'region', entityId: id, regionId: id, details: changes });
  }
  const updated = await q.findRegion(tx, id);
  if (!updated) throw notFound('region');
  return toRegion(updated);
}

async function moveRegion(tx: Db, actorPath: string, row: RegionRow, newParentId: number, now: string, regionMoved: RegionMoveHook) {
  if (row.parent_id === null || row.path === actorPath) {
    throw new AppError('FORBIDDEN', 'parentId: this region cannot be moved from your account');
  }
  const parent = await q.findRegion(tx, newParentId);
  if (!parent) throw new AppError('NOT_FOUND', 'parentId: no such region', [{ path: 'parentId', message: 'no such region' }]);
  if (inSubtree(row.path, parent.path)) {
    throw new AppError('UNPROCESSABLE', 'parentId: a region cannot move under its own subtree', [
      { path: 'parentId', message: 'inside the moved subtree' },
    ]);
  }
  if (CHILD_LEVEL[parent.level] !== row.level) {
    const message = `a ${row.level} must sit under a ${Object.entries(CHILD_LEVEL).find(([, c]) => c === row.level)?.[0] ?? '—'}`;
    throw unprocessable('parentId', message);
  }
  await tx.updateTable('regions').set({ parent_id: parent.id, updated_at: now }).where('id', '=', row.id).execute();
  const toPath = `${parent.path}${row.id}/`;
  await q.rewriteSubtreePaths(tx, row.path, toPath, parent.depth + 1 - row.depth, now);
  await regionMoved(tx, { regionId: row.id, fromPath: row.path, toPath });
  afterCommit(tx, invalidateCaches); // cached sessions and scope lookups carry the old paths
}
