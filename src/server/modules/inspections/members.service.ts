// Patrol team members (巡查队员: cadres, police, medics, volunteers) and the team's member count.
// Once a team has member records, patrol_teams.members is the number of active ones, kept in the
// same transaction as every change to them.
//
// A member may be linked to a staff account: the link is what shows them the team's pending
// visits. The account must be active, not read-only, inside the caller's subtree, and bound to
// the team's region or above it — an account of a village below a town team would learn when
// its own village is to be inspected, which is exactly what the schedule must hide.
import type { PatrolTeamMember, PatrolTeamMemberCreate, PatrolTeamMemberPatch } from '../../../shared/inspections.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, fromBool, toBool } from '../../db/dialect.ts';
import { type Actor, READ_ONLY_ROLES, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { changedColumns } from '../../platform/patch.ts';
import { afterCommit } from '../../platform/transaction.ts';
import * as q from './inspections.queries.ts';
import { setTeamMemberCount } from '../checkpoints/checkpoints.queries.ts';


export function toMember(row: q.MemberRow): PatrolTeamMember {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    role: row.role,
    phone: row.phone,
    userId: row.user_id,
    userName: row.user_name ?? null,
    active: toBool(row.active),
    joinedOn: row.joined_on === null ? null : String(row.joined_on).slice(0, 10),
  };
}

export interface MemberDeps {
  ctx: AuditContext;
  events: EventBus;
  actor: Actor;
}

async function teamOrThrow(db: Db, teamId: string): Promise<q.TeamRow> {
  const team = await q.findTeam(db, teamId);
  if (!team) throw notFound('patrol team');
  return team;
}

export async function listMembers(db: Db, teamId: string) {
  await teamOrThrow(db, teamId);
  return { teamId, items: (await q.listMembers(db, teamId)).map(toMember) };
}

async function checkLinkedAccount(db: Db, actor: Actor, team: q.TeamRow, userId: string, memberId: string | null): Promise<void> {
  const user = await q.findUser(db, userId);
  if (!user || !inSubtree(actor.regionPath, user.region_path)) throw unprocessable('userId', 'no such account in your region');
  if (!toBool(user.active)) throw unprocessable('userId', 'the account is switched off');
  if (READ_ONLY_ROLES.includes(user.role as Actor['role'])) throw unprocessable('userId', 'a read-only account cannot be a team member');
  if (!inSubtree(user.region_path, team.region_path)) {
    throw unprocessable('userId', "the account must be bound to the team's region or above it (a village account would see its own village's inspections coming)");
  }
  const taken = await db
    .selectFrom('patrol_team_members')
    .select('id')
    .where('team_id', '=', team.id)
    .where('user_id', '=', userId)
    .where('active', '=', DB_TRUE)
    .executeTakeFirst();
  if (taken && taken.id !== memberId) throw new AppError('CONFLICT', 'userId: this account is already an active member of the team', [{ path: 'userId', message: 'already a member' }]);
}

/** Sets patrol_teams.members to the active member count (in the caller's transaction). */
async function syncCount(tx: Db, team: q.TeamRow): Promise<void> {
  const members = await q.countActiveMembers(tx, team.id);
  if (members !== Number(team.members)) await setTeamMemberCount(tx, team.id, members, nowIso());
}

const publish = (deps: MemberDeps, tx: Db, team: q.TeamRow) =>
  afterCommit(tx, () => deps.events.publish({ type: 'patrol_team.changed', regionPath: team.region_path, data: { id: team.id } }));

export async function addMember(tx: Db, deps: MemberDeps, teamId: string, input: PatrolTeamMemberCreate): Promise<PatrolTeamMember> {
  const team = await teamOrThrow(tx, teamId);
  if (input.userId) await checkLinkedAccount(tx, deps.actor, team, input.userId, null);
  const id = newId();
  const now = nowIso();
  await tx
    .insertInto('patrol_team_members')
    .values({ id, team_id: team.id, name: input.name, role: input.role, phone: input.phone ?? null, user_id: input.userId ?? null, active: DB_TRUE, joined_on: input.joinedOn ?? null, created_at: now, updated_at: now })
    .execute();
  await syncCount(tx, team);
  await audit(tx, deps.ctx, { action: 'create', entity: 'patrol_team_member', entityId: id, regionId: team.region_id, details: { teamId: team.id, role: input.role, linked: Boolean(input.userId) } });
  publish(deps, tx, team);
  const row = await q.findMember(tx, id);
  if (!row) throw notFound('team member');
  return toMember(row);
}

const COLUMNS = { name: 'name', role: 'role', phone: 'phone', userId: 'user_id', active: 'active' } as const;

export async function patchMember(tx: Db, deps: MemberDeps, teamId: string, memberId: string, patch: PatrolTeamMemberPatch): Promise<PatrolTeamMember> {
  const team = await teamOrThrow(tx, teamId);
  const row = await q.findMember(tx, memberId);
  if (!row || row.team_id !== team.id) throw new AppError('NOT_FOUND', 'memberId: no such member of this team', [{ path: 'memberId', message: 'not found' }]);
  const current = toMember(row);
  const { set, fields } = changedColumns(current, patch, COLUMNS, { active: fromBool });
  if (fields.length === 0) return current;
  const linked = patch.userId === undefined ? current.userId : patch.userId;
  const activeAfter = patch.active ?? current.active;
  // A link is checked whenever it would (again) show the schedule: a new link, or reactivation.
  if (linked && activeAfter && (fields.includes('userId') || fields.includes('active'))) await checkLinkedAccount(tx, deps.actor, team, linked, memberId);
  await tx.updateTable('patrol_team_members').set({ ...set, updated_at: nowIso() }).where('id', '=', memberId).execute();
  await syncCount(tx, team);
  await audit(tx, deps.ctx, { action: 'update', entity: 'patrol_team_member', entityId: memberId, regionId: team.region_id, details: { teamId: team.id, fields } });
  publish(deps, tx, team);
  const updated = await q.findMember(tx, memberId);
  if (!updated) throw notFound('team member');
  return toMember(updated);
}
