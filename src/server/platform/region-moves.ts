// Records that keep a copy of their region's ancestors (for one-range lists) register here to
// be told when a region moves; the regions module calls the hooks inside the move's
// transaction, after the subtree's paths were rewritten.
import type { Db } from '../db/schema.ts';

type RegionMoveHook = (tx: Db, newPath: string) => Promise<void>;
const hooks: RegionMoveHook[] = [];

export function registerRegionMoveHook(hook: RegionMoveHook): void {
  if (!hooks.includes(hook)) hooks.push(hook);
}

export async function afterRegionMoved(tx: Db, newPath: string): Promise<void> {
  for (const hook of hooks) await hook(tx, newPath);
}
