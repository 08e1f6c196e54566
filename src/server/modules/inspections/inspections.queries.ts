// Reads of patrol team members, schedules, inspections and rectification tasks. Pending visits
// are filtered by visibleInspections(): the village inspected must not learn when.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { DB, Db } from '../../db/schema.ts';
import { subtreeRange } from '../../platform/access.ts';
import { numberPattern } from '../../platform/record-numbers.ts';
import { inLevelledSubtree, regionFields, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import type { InspectionsTable } from './inspections.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { photoBytes } from '../../platform/photo-store.ts';
import { DB_TRUE } from '../../db/dialect.ts';
export { inLevelledSubtree, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';

/** Region counters this module keeps (stats/counters.ts). */
export const METRICS = { inspections: 'inspections', rectificationsOpen: 'rectifications.open' } as const;
export const PENDING = ['scheduled', 'cancelled'] as const;
export const SETTLED = ['done', 'missed'] as const;

/** Who is looking: their account, role and region path. */
export interface Viewer {
  userId: string;
  role: string;
  path: string;
}

export const findRegion = (db: Db, id: number) => regionFields(db, id, ['id', 'path', 'level', 'name', 'parent_id']);

// Teams are the checkpoints module's: read through its queries.
export { teamWithRegion as findTeam, type TeamWithRegion as TeamRow } from '../checkpoints/checkpoints.queries.ts';

/** Whether the team keeps a member list (then its member count follows the list). */
export const teamHasMemberList = async (db: Db, teamId: string): Promise<boolean> =>
  (await db.selectFrom('patrol_team_members').select('id').where('team_id', '=', teamId).executeTakeFirst()) !== undefined;

export { accountWithRegion as findUser } from '../accounts/accounts.queries.ts';

// ---------------------------------------------------------------- members

const memberRows = (db: Db) =>
  db.selectFrom('patrol_team_members as m').selectAll('m').select(displayNameOf('m.user_id').as('user_name'));

export const listMembers = (db: Db, teamId: string) => memberRows(db).where('m.team_id', '=', teamId).orderBy('m.active', 'desc').orderBy('m.id').execute();
export const findMember = (db: Db, id: string) => memberRows(db).where('m.id', '=', id).executeTakeFirst();
export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

export async function countActiveMembers(db: Db, teamId: string): Promise<number> {
  const row = await db.selectFrom('patrol_team_members').select((eb) => eb.fn.countAll<number>().as('n')).where('team_id', '=', teamId).where('active', '=', DB_TRUE).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The teams the account is an active member of. */
export function memberTeams(db: Db, userId: string) {
  return db.selectFrom('patrol_team_members as tm').select('tm.team_id').where('tm.user_id', '=', userId).where('tm.active', '=', DB_TRUE);
}

export async function isActiveMember(db: Db, teamId: string, userId: string): Promise<boolean> {
  return (await memberTeams(db, userId).where('tm.team_id', '=', teamId).executeTakeFirst()) !== undefined;
}

// ---------------------------------------------------------------- inspections

/**
 * What a viewer may see of inspections (alias i, its team p, team region tr, village r):
 * a done or missed one when the village is in their subtree; a pending (scheduled or
 * cancelled) one only when the team's region is in their subtree — unless they are a patrol
 * member, who sees pending visits of their own teams only — or when they are an active member.
 */
export function visibleInspections(viewer: Viewer) {
  const [lo, hi] = subtreeRange(viewer.path);
  return (eb: ExpressionBuilder<DB & { i: DB['inspections']; r: DB['regions']; tr: DB['regions'] }, 'i' | 'r' | 'tr'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [eb.and([eb('i.status', 'in', [...SETTLED]), eb('r.path', '>=', lo), eb('r.path', '<', hi)])];
    if (viewer.role !== 'patrol_member') ors.push(eb.and([eb('tr.path', '>=', lo), eb('tr.path', '<', hi)]));
    ors.push(eb('i.team_id', 'in', eb.selectFrom('patrol_team_members as tm').select('tm.team_id').where('tm.user_id', '=', viewer.userId).where('tm.active', '=', DB_TRUE)));
    return eb.or(ors);
  };
}

/** An inspection with its village (r), team (p) and the team's region (tr): what visibility reads. */
export const inspectionBase = (db: Db) =>
  db.selectFrom('inspections as i').innerJoin('regions as r', 'r.id', 'i.region_id').innerJoin('patrol_teams as p', 'p.id', 'i.team_id').innerJoin('regions as tr', 'tr.id', 'p.region_id');

export const inspectionRows = (db: Db) =>
  inspectionBase(db)
    // The list's shape is snapshotted (inspections.sql.test.ts) and tuned: its join stays.
    .leftJoin('users as u', 'u.id', 'i.done_by')
    .selectAll('i')
    .select(['r.name as region_name', 'r.path as region_path', 'p.name as team_name', 'tr.path as team_path', 'u.display_name as done_by_name']);

/**
 * A page of inspections the viewer may see, by time then id (`after` is the last row's).
 * `regionPath` narrows to the villages of a subtree (the caller's ?regionId=).
 */
export type InspectionFilters = { q?: string; regionPath?: string; teamId?: string; scheduleId?: string; status?: InspectionsTable['status']; fromAt?: string; toAt?: string };

/** The inspections the viewer may see matching a list's filters, before paging (the list and its total). */
export function inspectionsFiltered(db: Db, viewer: Viewer, opts: InspectionFilters) {
  let rows = inspectionRows(db).where(visibleInspections(viewer));
  // The village's level columns: a county's or town's inspections are one index range in time order.
  if (opts.regionPath) rows = rows.where(inLevelledSubtree(db, opts.regionPath, 'i'));
  const numbered = numberPattern(opts.q);
  if (numbered) rows = rows.where('i.number', 'like', numbered);
  if (opts.teamId) rows = rows.where('i.team_id', '=', opts.teamId);
  if (opts.scheduleId) rows = rows.where('i.schedule_id', '=', opts.scheduleId);
  if (opts.status) rows = rows.where('i.status', '=', opts.status);
  if (opts.fromAt) rows = rows.where('i.scheduled_at', '>=', opts.fromAt);
  if (opts.toAt) rows = rows.where('i.scheduled_at', '<', opts.toAt);
  return rows;
}

export function listInspections(db: Db, viewer: Viewer, opts: InspectionFilters & { after?: { at: string; id: string }; ascending: boolean; limit: number }) {
  let rows = inspectionsFiltered(db, viewer, opts);
  const after = opts.after;
  // A row value: both databases start the index range at the last page's key.
  if (after) rows = rows.where((eb) => eb(eb.refTuple('i.scheduled_at', 'i.id'), opts.ascending ? '>' : '<', eb.tuple(after.at, after.id)));
  const dir = opts.ascending ? 'asc' : 'desc';
  return rows.orderBy('i.scheduled_at', dir).orderBy('i.id', dir).limit(opts.limit + 1);
}

export const findInspection = (db: Db, id: string) => inspectionRows(db).where('i.id', '=', id).executeTakeFirst();
export type InspectionRow = NonNullable<Awaited<ReturnType<typeof findInspection>>>;

export const findingsOf = (db: Db, inspectionId: string) =>
  db.selectFrom('inspection_findings').selectAll().where('inspection_id', '=', inspectionId).orderBy('seq').execute();

// ---------------------------------------------------------------- rectifications

export const rectificationRows = (db: Db) =>
  db
    .selectFrom('rectifications as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .leftJoin('regions as er', 'er.id', 'k.escalated_to_region_id')
    .selectAll('k')
    .select([
      'r.name as region_name',
      'r.path as region_path',
      'er.name as escalated_name',
      'er.path as escalated_path',
      displayNameOf('k.owner_user_id').as('owner_name'),
      displayNameOf('k.closed_by').as('closed_by_name'),
    ]);

export const findRectification = (db: Db, id: string) => rectificationRows(db).where('k.id', '=', id).executeTakeFirst();
export type RectificationRow = NonNullable<Awaited<ReturnType<typeof findRectification>>>;

export async function photosOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('rectification_photos').select(['rectification_id', 'sha256']).where('rectification_id', 'in', ids).orderBy('rectification_id').orderBy('seq').execute();
  for (const r of rows) out.get(r.rectification_id)?.push(r.sha256);
  return out;
}

export { storedDigests as existingPhotos } from '../../platform/photo-store.ts';

/** An evidence photo's bytes, when a task the viewer may read shows it. */
export async function evidencePhoto(db: Db, viewer: Viewer, sha256: string) {
  const [lo, hi] = subtreeRange(viewer.path);
  const shown = await db
    .selectFrom('rectification_photos as rp')
    .innerJoin('rectifications as k', 'k.id', 'rp.rectification_id')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .select('rp.rectification_id')
    .where('rp.sha256', '=', sha256)
    .where((w) => w.or([w.and([w('r.path', '>=', lo), w('r.path', '<', hi)]), w('k.owner_user_id', '=', viewer.userId)]))
    .limit(1)
    .executeTakeFirst();
  return shown ? photoBytes(db, sha256) : null;
}
