// Patrol teams (巡查队): a village's persuasion patrol or a town's inspection team. Their being in
// place is half of a checkpoint's coverage check; issue 5 adds their patrol logs.
import type { PatrolKind, PatrolTeam, PatrolTeamCreate, PatrolTeamPatch } from '../../../shared/checkpoints.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, fromBool, toBool } from '../../db/dialect.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { changedColumns } from '../../platform/patch.ts';
import { afterCommit } from '../../platform/transaction.ts';
import type { PatrolTeamsTable } from './checkpoints.tables.ts';
import * as q from './checkpoints.queries.ts';
import { teamHasMemberList } from '../inspections/inspections.queries.ts';
import { regionFieldsOrThrow } from '../regions/regions.queries.ts';

/** Patrol teams work for a town or a village; the county may also have an inspection team (督查组). */
const TEAM_LEVELS = ['town', 'village'];
const COUNTY_KINDS = ['inspection'];

export function toPatrolTeam(row: PatrolTeamsTable & { region_name: string }): PatrolTeam {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    name: row.name,
    kind: row.kind === 'inspection' ? 'inspection' : 'persuasion',
    leaderName: row.leader_name,
    leaderPhone: row.leader_phone,
    members: Number(row.members),
    active: toBool(row.active),
  };
}

export async function patrolTeamForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('patrol_teams as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

const publish = (events: EventBus, tx: Db, regionPath: string, id: string) =>
  afterCommit(tx, () => events.publish({ type: 'patrol_team.changed', regionPath, data: { id } }));

export async function createPatrolTeam(tx: Db, ctx: AuditContext, events: EventBus, region: ScopedRegion, input: PatrolTeamCreate): Promise<PatrolTeam> {
  if (!TEAM_LEVELS.includes(region.level) && !(region.level === 'county' && COUNTY_KINDS.includes(input.kind))) {
    throw new AppError('UNPROCESSABLE', 'regionId: a patrol team works for a town or a village (the county: an inspection team only)', [{ path: 'regionId', message: 'must be a town or village' }]);
  }
  const id = input.id ?? newId();
  if (input.id && (await q.findPatrolTeam(tx, id))) {
    throw new AppError('CONFLICT', 'id: a patrol team with this id exists', [{ path: 'id', message: 'already exists' }]);
  }
  const now = nowIso();
  const row: PatrolTeamsTable = {
    id,
    region_id: input.regionId,
    name: input.name,
    kind: input.kind,
    leader_name: input.leaderName ?? null,
    leader_phone: input.leaderPhone ?? null,
    members: input.members ?? 0,
    active: DB_TRUE,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('patrol_teams').values(row).execute();
  await audit(tx, ctx, { action: 'create', entity: 'patrol_team', entityId: id, regionId: row.region_id });
  publish(events, tx, region.path, id);
  const team = await q.findPatrolTeam(tx, id);
  if (!team) throw notFound('patrol team');
  return toPatrolTeam(team);
}

export async function listPatrolTeams(db: Db, scope: ScopedRegion, query: { kind?: PatrolKind; active?: 'true' | 'false'; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  const rows = await q.listPatrolTeams(db, scope.path, {
    kind: query.kind,
    active: query.active === undefined ? undefined : query.active === 'true',
    afterId: after === undefined ? undefined : String(after),
    limit: query.limit,
  });
  return page(rows, query.limit, (r) => r.id, toPatrolTeam);
}

const COLUMNS = { name: 'name', kind: 'kind', leaderName: 'leader_name', leaderPhone: 'leader_phone', members: 'members', active: 'active' } as const;

export async function patchPatrolTeam(tx: Db, ctx: AuditContext, events: EventBus, id: string, patch: PatrolTeamPatch): Promise<PatrolTeam> {
  const row = await q.findPatrolTeam(tx, id);
  if (!row) throw notFound('patrol team');
  const current = toPatrolTeam(row);
  const { set, fields } = changedColumns(current, patch, COLUMNS, { active: fromBool });
  if (fields.length === 0) return current;
  // Once the team lists its members (inspections module), the count follows that list.
  if (fields.includes('members') && (await teamHasMemberList(tx, id))) {
    throw new AppError('UNPROCESSABLE', 'members: counted from the team’s member list; add or switch off members there', [{ path: 'members', message: 'counted from the member list' }]);
  }
  await tx.updateTable('patrol_teams').set({ ...set, updated_at: nowIso() }).where('id', '=', id).execute();
  await audit(tx, ctx, { action: 'update', entity: 'patrol_team', entityId: id, regionId: row.region_id, details: { fields } });
  const region = await regionFieldsOrThrow(tx, row.region_id, ['path']);
  publish(events, tx, region.path, id);
  const updated = await q.findPatrolTeam(tx, id);
  if (!updated) throw notFound('patrol team');
  return toPatrolTeam(updated);
}
