// Writes a planned territory import inside the caller's transaction: creations top-down (a
// parent is always written before its children), renames, moves with their subtree's paths.
import type { Db } from '../../db/schema.ts';
import { inSubtree } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { invalidateCaches } from '../../platform/ttl-cache.ts';
import type { RegionMoveHook } from '../../platform/region-moves.ts';
import type { PlannedOp } from './regions-import.plan.ts';
import * as q from './regions.queries.ts';
import { DB_TRUE } from '../../db/dialect.ts';

export interface ApplyCounts {
  created: number;
  renamed: number;
  moved: number;
  unchanged: number;
}

/** `regionMoved`: what the other modules do when a region moves (as PATCH /regions/:id does). */
export async function applyImport(tx: Db, ops: PlannedOp[], regionMoved: RegionMoveHook): Promise<ApplyCounts> {
  afterCommit(tx, invalidateCaches); // scope lookups and the roll-ups' grid counts
  const counts: ApplyCounts = { created: 0, renamed: 0, moved: 0, unchanged: 0 };
  const now = nowIso();
  // Where each region sits, by code: read once, refreshed after a move rewrites paths.
  const placed = new Map<string, { id: number; path: string; depth: number }>();
  const place = async (code: string) => {
    const cached = placed.get(code);
    if (cached) return cached;
    const row = await q.findRegionByCode(tx, code);
    if (!row) throw new AppError('CONFLICT', `region ${code} disappeared during the import`);
    const found = { id: row.id, path: row.path, depth: row.depth };
    placed.set(code, found);
    return found;
  };
  for (const { kind, row, existing } of ops) {
    if (kind === 'same') {
      counts.unchanged += 1;
      continue;
    }
    if (kind === 'create') {
      const parent = await place(row.parentCode ?? '');
      const created = await q.insertRegion(
        tx,
        { parent_id: parent.id, level: row.level, code: row.code, name: row.name, depth: parent.depth + 1, active: DB_TRUE, created_at: now, updated_at: now },
        parent.path,
      );
      placed.set(row.code, { id: created.id, path: created.path, depth: created.depth });
      counts.created += 1;
      continue;
    }
    if (!existing) throw new Error('a rename or move needs the existing region');
    if (existing.name !== row.name) {
      await tx.updateTable('regions').set({ name: row.name, updated_at: now }).where('id', '=', existing.id).execute();
    }
    if (kind === 'rename') {
      counts.renamed += 1;
      continue;
    }
    // A move: the same rules as PATCH /regions/:id, checked again on the rows as they are now.
    const self = await place(row.code);
    const parent = await place(row.parentCode ?? '');
    if (inSubtree(self.path, parent.path)) {
      throw new AppError('UNPROCESSABLE', `row ${row.row}: region ${row.code} cannot move under its own subtree`);
    }
    await tx.updateTable('regions').set({ parent_id: parent.id, updated_at: now }).where('id', '=', self.id).execute();
    const toPath = `${parent.path}${self.id}/`;
    await q.rewriteSubtreePaths(tx, self.path, toPath, parent.depth + 1 - self.depth, now);
    await regionMoved(tx, { regionId: self.id, fromPath: self.path, toPath });
    placed.clear();
    counts.moved += 1;
  }
  return counts;
}
