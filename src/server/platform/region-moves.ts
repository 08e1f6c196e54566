// A region moved to another parent with its whole subtree (PATCH /regions/:id, the territory
// import). Records that keep a copy of where their region sits — the counters of every
// ancestor, an alert's county, town and village ids — follow it inside the move's transaction,
// after the subtree's paths were rewritten. Each module that keeps such a copy says how in its
// definition (`onRegionMoved`); buildApp hands the regions module all of them as one hook.
import type { Db } from '../db/schema.ts';

export interface RegionMove {
  regionId: number;
  /** The region's path before and after the move ('/1/7/30/' → '/1/9/30/'). */
  fromPath: string;
  toPath: string;
}

export type RegionMoveHook = (tx: Db, move: RegionMove) => Promise<void>;

/** '/1/7/30/' → '/1/7/': the path of the region's parent. */
export const parentPathOf = (path: string): string => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);

/**
 * One person moved to another region (an accepted hand-over, 移交): the records a module keeps
 * of the person with a copy of the person's region — quarantine orders and their checks,
 * events and alerts; responsible people — follow it inside the move's transaction, after the
 * person's own row was rewritten. Each module that keeps such a copy says how in its
 * definition (`onPersonMoved`); buildApp hands them to the modules as one hook.
 */
export interface PersonMove {
  personId: string;
  fromRegionId: number;
  toRegionId: number;
  /** The regions' paths at the time of the move. */
  fromPath: string;
  toPath: string;
  /** The account that moved the person (the receiver who accepted a hand-over). */
  by: string;
}

export type PersonMoveHook = (tx: Db, move: PersonMove) => Promise<void>;
