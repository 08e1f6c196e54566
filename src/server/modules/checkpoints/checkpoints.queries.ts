// Reads of checkpoints, their events and patrol teams, always over a region subtree.
import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import type { CheckpointsTable, PatrolTeamsTable } from './checkpoints.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { fromBool } from '../../db/dialect.ts';
export { subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

/** Counter metrics the dashboard reads: every checkpoint ever registered, and those removed. */
export const METRIC_TOTAL = 'checkpoints';
export const METRIC_REMOVED = 'checkpoints.removed';

const likeText = (q: string) => `%${q.replace(/[\\%_]/g, '')}%`;

export const findCheckpoint = (db: Db, id: string) =>
  db
    .selectFrom('checkpoints as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select(['r.name as region_name', 'r.path as region_path', 'r.level as region_level', 'r.parent_id as region_parent_id'])
    .where('c.id', '=', id)
    .executeTakeFirst();
export type CheckpointWithRegion = NonNullable<Awaited<ReturnType<typeof findCheckpoint>>>;

export function listCheckpoints(db: Db, path: string, opts: { status?: CheckpointsTable['status']; q?: string; beforeId?: string; limit: number }) {
  let q = db
    .selectFrom('checkpoints as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select(['r.name as region_name'])
    .where('c.region_id', 'in', subtreeIds(db, path));
  if (opts.status) q = q.where('c.status', '=', opts.status);
  if (opts.q) {
    const text = likeText(opts.q);
    q = q.where((eb) => eb.or([eb('c.name', 'like', text), eb('c.place', 'like', text), eb('r.name', 'like', text)]));
  }
  // Newest first: ids are time-ordered (UUIDv7).
  if (opts.beforeId) q = q.where('c.id', '<', opts.beforeId);
  return q.orderBy('c.id', 'desc').limit(opts.limit + 1).execute();
}

export const eventsOf = (db: Db, checkpointId: string) =>
  db
    .selectFrom('checkpoint_events as e')
    .selectAll('e')
    .select([displayNameOf('e.user_id').as('user_name')])
    .where('e.checkpoint_id', '=', checkpointId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();

/** Openings and removals of a subtree, newest first; `before` is the last row's (at, id). */
export function historyOf(db: Db, path: string, opts: { before?: { at: string; id: string }; limit: number }) {
  let q = db
    .selectFrom('checkpoint_events as e')
    .innerJoin('checkpoints as c', 'c.id', 'e.checkpoint_id')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .selectAll('e')
    .select(['c.name as checkpoint_name', 'r.name as region_name', displayNameOf('e.user_id').as('user_name')])
    .where('e.region_id', 'in', subtreeIds(db, path))
    .where('e.kind', 'in', ['opened', 'removed']);
  const before = opts.before;
  if (before) q = q.where((eb) => eb.or([eb('e.at', '<', before.at), eb.and([eb('e.at', '=', before.at), eb('e.id', '<', before.id)])]));
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(opts.limit + 1).execute();
}

export const findPatrolTeam = (db: Db, id: string) =>
  db
    .selectFrom('patrol_teams as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .selectAll('p')
    .select(['r.name as region_name'])
    .where('p.id', '=', id)
    .executeTakeFirst();

/**
 * A patrol team with its region, as the modules that work with teams (inspections, patrols) read
 * it: patrol_teams is this module's table, so its shape is known here only.
 */
export const teamWithRegion = (db: Db, id: string) =>
  db
    .selectFrom('patrol_teams as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.name', 'p.active', 'p.members', 'r.id as region_id', 'r.path as region_path', 'r.level as region_level'])
    .where('p.id', '=', id)
    .executeTakeFirst();
export type TeamWithRegion = NonNullable<Awaited<ReturnType<typeof teamWithRegion>>>;

/** Sets a team's member count (in the caller's transaction): it follows the member list inspections keeps. */
export const setTeamMemberCount = (tx: Db, id: string, members: number, at: string) =>
  tx.updateTable('patrol_teams').set({ members, updated_at: at }).where('id', '=', id).execute();

export function listPatrolTeams(db: Db, path: string, opts: { kind?: PatrolTeamsTable['kind']; active?: boolean; afterId?: string; limit: number }) {
  let q = db
    .selectFrom('patrol_teams as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .selectAll('p')
    .select(['r.name as region_name'])
    .where('p.region_id', 'in', subtreeIds(db, path));
  if (opts.kind) q = q.where('p.kind', '=', opts.kind);
  if (opts.active !== undefined) q = q.where('p.active', '=', fromBool(opts.active));
  if (opts.afterId) q = q.where('p.id', '>', opts.afterId);
  return q.orderBy('p.id').limit(opts.limit + 1).execute();
}

/** Checkpoints named for the audit log. */
export const checkpointEntityNames = (db: Db, ids: readonly string[]) =>
  db.selectFrom('checkpoints').select(['id', 'name']).where('id', 'in', ids as string[]).execute();
