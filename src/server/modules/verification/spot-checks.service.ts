// Spot checks (抽查): a town draws a random share of its closed tasks of a list for one of its
// patrol teams; the team's result confirms the task or reopens it (back to open, audited), and
// the grid checks again. Drawing twice never doubles the sample: the draw first takes the
// list's row lock, then tops the town's sample up to its share of the tasks closed by then; a
// task is drawn at most once (unique index).
import { toBool } from '../../db/dialect.ts';
import type { SpotCheck, SpotCheckStatus } from '../../../shared/verification-checks.ts';
import type { Outcome, TaskStatus } from '../../../shared/verification.ts';
import { isRecordId } from '../../../shared/ids.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { findTeam, isActiveMember } from '../inspections/inspections.queries.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { regionForScope } from '../regions/regions.service.ts';
import { readList } from './lists.service.ts';
import * as q from './verification.queries.ts';
import { saveTask } from './task-writes.ts';

export interface SpotCheckDeps {
  ctx: AuditContext;
  actor: Actor;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

async function toSpotChecks(db: Db, rows: q.SpotCheckRow[]): Promise<SpotCheck[]> {
  const names = await regionNames(db, [...new Set(rows.map((r) => r.task_region_id))]);
  return rows.map((r) => ({
    id: r.id,
    listId: r.list_id,
    taskId: r.task_id,
    taskNumber: r.task_number,
    regionId: r.region_id,
    taskRegionId: r.task_region_id,
    taskRegionName: names.get(r.task_region_id) ?? '',
    teamId: r.team_id,
    name: r.name,
    // Masked: the patrol goes to the door with the task's number, not the person's numbers.
    idNumber: r.id_number_masked,
    phone: r.phone_masked,
    address: r.address,
    outcome: r.outcome as Outcome | null,
    taskStatus: r.task_status,
    status: r.status,
    resultNote: r.result_note,
    drawnAt: new Date(r.drawn_at).toISOString(),
    checkedAt: iso(r.checked_at),
    version: r.version,
  }));
}

export async function spotCheckForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!isRecordId(id)) return null;
  const row = await q.findSpotCheck(db, id);
  return row ? regionForScope(db, row.region_id) : null;
}

export async function getSpotCheck(db: Db, id: string): Promise<SpotCheck> {
  const row = await q.findSpotCheck(db, id);
  if (!row) throw notFound('spot check');
  return (await toSpotChecks(db, [row]))[0] as SpotCheck;
}

export async function listSpotChecks(db: Db, actor: Actor, listId: string, scope: ScopedRegion, status: SpotCheckStatus | undefined): Promise<{ items: SpotCheck[] }> {
  const list = await readList(db, actor.regionPath, listId, true);
  return { items: await toSpotChecks(db, await q.spotChecksOf(db, list.id, scope.path, status, 1000)) };
}

/** The share of a list drawn for spot checks, set by whoever manages the list. */
export async function setSpotCheckShare(tx: Db, deps: SpotCheckDeps, listId: string, share: number): Promise<void> {
  const list = await readList(tx, deps.actor.regionPath, listId);
  await q.updateList(tx, list.id, { spot_check_share: share });
  await audit(tx, deps.ctx, { action: 'update', entity: 'verification_list', entityId: list.id, regionId: list.region_id, details: { spotCheckShare: share } });
}

export async function drawSpotChecks(tx: Db, deps: SpotCheckDeps, listId: string, town: ScopedRegion, input: { teamId: string; share?: number }) {
  const list = await readList(tx, deps.actor.regionPath, listId, true);
  if (list.status !== 'done') throw new AppError('CONFLICT', `the list is ${list.status}: spot checks are drawn once it is taken in`);
  if (town.level !== 'town') throw unprocessable('regionId', 'a town: a town draws spot checks of its own subtree');
  const covered = await regionForScope(tx, list.region_id);
  if (!covered || !(inSubtree(covered.path, town.path) || inSubtree(town.path, covered.path))) throw unprocessable('regionId', 'the list does not cover this town');
  const team = await findTeam(tx, input.teamId);
  if (!team || !toBool(team.active) || !inSubtree(town.path, team.region_path)) throw unprocessable('teamId', 'an active patrol team of this town');
  // The list's row lock: a second draw of any town waits here, then counts what the first drew.
  await q.updateList(tx, list.id, {});
  const share = input.share ?? Number(list.spot_check_share);
  const { closed, drawn } = await q.spotCheckCounts(tx, list.id, town.path, town.id);
  const target = Math.ceil((closed * share) / 100);
  const picked = target > drawn ? await q.randomClosedTasks(tx, list.id, town.path, target - drawn) : [];
  const now = nowIso();
  const rows = picked.map((t) => ({ id: newId(), list_id: list.id, task_id: t.id, region_id: town.id, team_id: team.id, status: 'pending' as const, result_note: null, drawn_by: deps.actor.userId, drawn_at: now, checked_by: null, checked_at: null, version: 1 }));
  if (rows.length) await q.insertSpotChecks(tx, rows);
  await audit(tx, deps.ctx, { action: 'draw', entity: 'verification_list', entityId: list.id, regionId: town.id, details: { teamId: team.id, share, closed, target, drawn: rows.length } });
  return { closed, target, drawn: rows.length, items: await toSpotChecks(tx, await q.spotChecksByIds(tx, rows.map((r) => r.id))) };
}

/** The patrol's finding: confirm the task's outcome, or reopen the task with the reason. */
export async function recordSpotCheck(tx: Db, deps: SpotCheckDeps, id: string, input: { confirm: boolean; note?: string }): Promise<SpotCheck> {
  const row = await q.findSpotCheck(tx, id);
  if (!row) throw notFound('spot check');
  if (deps.actor.role === 'patrol_member' && !(await isActiveMember(tx, row.team_id, deps.actor.userId))) throw new AppError('FORBIDDEN', 'only a member of the patrol team it was drawn for records this spot check');
  if (row.recorded_by === deps.actor.userId) throw new AppError('FORBIDDEN', 'you recorded the task’s outcome: someone else spot-checks it');
  if (row.status !== 'pending') throw new AppError('CONFLICT', `the spot check is ${row.status} already`);
  if (!input.confirm && !input.note) throw unprocessable('note', 'what the spot check found wrong: the grid reads it when it checks again');
  if (row.task_status !== 'checked' && row.task_status !== 'accepted') throw new AppError('CONFLICT', `the task is ${row.task_status} again: nothing to confirm or reopen`);
  const now = nowIso();
  const status = input.confirm ? 'confirmed' : 'reopened';
  if (!(await q.updateSpotCheck(tx, id, row.version, { status, result_note: input.note ?? null, checked_by: deps.actor.userId, checked_at: now }))) throw new AppError('CONFLICT', 'the spot check changed meanwhile: reload it');
  if (!input.confirm) {
    const task = await q.findTask(tx, row.task_id);
    if (!task) throw new AppError('CONFLICT', 'the task changed meanwhile: reload it');
    await saveTask(tx, task, { status: 'open', outcome: null, checked_at: null, reviewed_by: null, reviewed_at: null, review_note: `spot check: ${input.note}`.slice(0, 500) });
    await audit(tx, deps.ctx, { action: 'reopen', entity: 'verification_task', entityId: row.task_id, regionId: row.task_region_id, details: { spotCheckId: id, outcome: row.outcome } });
  }
  await audit(tx, deps.ctx, { action: status === 'confirmed' ? 'confirm' : 'reopen', entity: 'verification_spot_check', entityId: id, regionId: row.region_id, details: { taskId: row.task_id } });
  return getSpotCheck(tx, id);
}
