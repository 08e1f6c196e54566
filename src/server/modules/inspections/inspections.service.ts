// Inspections (督查): scheduled visits and ad-hoc ones, recorded with the four-item checklist and
// findings; each finding becomes a rectification task in the same transaction. Pending visits
// are visible only to the team and the accounts above it (q.visibleInspections).
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { Inspection, InspectionDetail, InspectionListQuery, InspectionRecord, InspectionSummary } from '../../../shared/inspections.ts';
import { CHECKLIST_ITEMS, type ChecklistEntry } from '../../../shared/inspections.ts';
import type { Db } from '../../db/schema.ts';
import { toBool } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, inSubtree, subtreeRange } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { takeNumber } from '../../platform/record-numbers.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { bumpCounters, bumpDayCounters } from '../stats/counters.ts';
import * as q from './inspections.queries.ts';
import { createTasks } from './rectifications.service.ts';

const hidden = () => new AppError('NOT_FOUND', 'inspection not found');
const isPending = (status: string) => status === 'scheduled' || status === 'cancelled';

export function toInspection(row: q.InspectionRow): Inspection {
  return {
    id: row.id,
    number: row.number,
    scheduleId: row.schedule_id,
    teamId: row.team_id,
    teamName: row.team_name,
    regionId: row.region_id,
    regionName: row.region_name,
    scheduledAt: row.scheduled_at,
    status: row.status,
    doneAt: row.done_at,
    doneBy: row.done_by_name ?? null,
    summary: row.summary,
    findings: Number(row.findings),
  };
}

/**
 * The region the scope hook checks for an inspection: the team's for a pending visit (only the
 * team's region and above may know of it), the village's once done or missed.
 */
export async function inspectionForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('inspections as i')
    .innerJoin('regions as r', 'r.id', 'i.region_id')
    .innerJoin('patrol_teams as p', 'p.id', 'i.team_id')
    .innerJoin('regions as tr', 'tr.id', 'p.region_id')
    .select(['i.status', 'r.id', 'r.path', 'r.level', 'tr.id as team_region_id', 'tr.path as team_path', 'tr.level as team_level'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return isPending(row.status) ? { id: row.team_region_id, path: row.team_path, level: row.team_level } : { id: row.id, path: row.path, level: row.level };
}

export const viewerOf = (actor: Actor): q.Viewer => ({ userId: actor.userId, role: actor.role, path: actor.regionPath });

/** Whether the viewer may see this inspection (the scope hook has checked the region already). */
async function canSee(db: Db, viewer: q.Viewer, row: q.InspectionRow): Promise<boolean> {
  if (await q.isActiveMember(db, row.team_id, viewer.userId)) return true;
  if (!isPending(row.status)) return inSubtree(viewer.path, row.region_path);
  return viewer.role !== 'patrol_member' && inSubtree(viewer.path, row.team_path);
}

export async function getInspection(db: Db, viewer: q.Viewer, ctx: AuditContext | null, id: string): Promise<InspectionDetail> {
  const row = await q.findInspection(db, id);
  if (!row || !(await canSee(db, viewer, row))) throw hidden();
  const findings = await q.findingsOf(db, id);
  if (ctx) await audit(db, ctx, { action: 'read', entity: 'inspection', entityId: id, regionId: row.region_id });
  const checklist: ChecklistEntry[] = row.checklist ? (JSON.parse(row.checklist) as ChecklistEntry[]) : [];
  return {
    ...toInspection(row),
    checklist,
    findingList: findings.map((f) => ({ id: f.id, inspectionId: f.inspection_id, item: f.item as ChecklistEntry['item'], description: f.description, rectificationId: f.rectification_id })),
  };
}

export async function listInspections(db: Db, viewer: q.Viewer, scope: ScopedRegion, query: InspectionListQuery & { timeZone: string }) {
  // Upcoming visits read best soonest first; everything else newest first.
  const ascending = query.status === 'scheduled';
  const raw = decodeCursor(query.cursor);
  let after: { at: string; id: string } | undefined;
  if (raw !== undefined) {
    const [at, id] = String(raw).split('|');
    if (!at || !id || Number.isNaN(Date.parse(at)) || !UUID_RE.test(id)) throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
    after = { at: new Date(at).toISOString(), id };
  }
  const filters: q.InspectionFilters = {
    q: query.q,
    regionPath: query.regionId === undefined ? undefined : scope.path,
    teamId: query.teamId,
    scheduleId: query.scheduleId,
    status: query.status,
    fromAt: query.from ? zonedInstant(query.from, '00:00', query.timeZone).toISOString() : undefined,
    toAt: query.to ? zonedInstant(addDays(query.to, 1), '00:00', query.timeZone).toISOString() : undefined,
  };
  const [found, total] = await Promise.all([
    q.listInspections(db, viewer, { ...filters, after, ascending, limit: query.limit }).execute(),
    totalOnFirstPage(db, query.cursor, q.inspectionsFiltered(db, viewer, filters)),
  ]);
  const more = found.length > query.limit;
  const pageRows = more ? found.slice(0, query.limit) : found;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(toInspection), nextCursor: more && last ? encodeCursor(`${new Date(last.scheduled_at).toISOString()}|${last.id}`) : null, total };
}

export async function inspectionSummary(db: Db, viewer: q.Viewer, scope: ScopedRegion, now: Date = new Date()): Promise<InspectionSummary> {
  const [lo, hi] = subtreeRange(scope.path);
  const byStatus = await q
    .inspectionBase(db)
    .select(['i.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(q.visibleInspections(viewer))
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .groupBy('i.status')
    .execute();
  const n = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  const tasks = await db
    .selectFrom('rectifications as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .select([
      'k.status',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>(eb.case().when('k.due_at', '<', now.toISOString()).then(1).else(0).end()).as('overdue'),
    ])
    .where('r.path', '>=', lo)
    .where('r.path', '<', hi)
    .groupBy('k.status')
    .execute();
  const open = tasks.find((r) => r.status === 'open');
  return {
    regionId: scope.id,
    scheduled: n('scheduled'),
    done: n('done'),
    missed: n('missed'),
    rectificationsOpen: Number(open?.n ?? 0),
    rectificationsOverdue: Number(open?.overdue ?? 0),
    rectificationsClosed: Number(tasks.find((r) => r.status === 'closed')?.n ?? 0),
  };
}

export interface RecordDeps {
  ctx: AuditContext;
  events: EventBus;
  actor: Actor;
  timeZone: string;
}

function checkChecklist(input: InspectionRecord): void {
  const seen = new Set<string>();
  input.checklist.forEach((entry, i) => {
    if (seen.has(entry.item)) throw unprocessable(`checklist.${i}.item`, `${entry.item} is listed twice`);
    seen.add(entry.item);
  });
  const missingItem = CHECKLIST_ITEMS.find((item) => !seen.has(item));
  if (missingItem) throw unprocessable('checklist', `${missingItem} is missing`);
  input.checklist.forEach((entry, i) => {
    if (entry.result === 'issue' && !input.findings.some((f) => f.item === entry.item)) throw unprocessable(`checklist.${i}.result`, `${entry.item} is marked issue but has no finding`);
  });
  input.findings.forEach((f, i) => {
    if (input.checklist.find((e) => e.item === f.item)?.result !== 'issue') throw unprocessable(`findings.${i}.item`, `${f.item} is not marked issue in the checklist`);
  });
}

/** The inspection to record: a scheduled (or missed) visit, or a new ad-hoc one. */
async function target(tx: Db, deps: RecordDeps, input: InspectionRecord) {
  if (input.inspectionId) {
    const row = await q.findInspection(tx, input.inspectionId);
    if (!row || !(await canSee(tx, viewerOf(deps.actor), row))) throw new AppError('NOT_FOUND', 'inspectionId: inspection not found', [{ path: 'inspectionId', message: 'not found' }]);
    if (input.teamId && input.teamId !== row.team_id) throw unprocessable('teamId', 'is not the team of this inspection');
    if (input.regionId !== undefined && input.regionId !== row.region_id) throw unprocessable('regionId', 'is not the village of this inspection');
    if (row.status === 'done') throw new AppError('CONFLICT', 'inspectionId: this inspection is already recorded', [{ path: 'inspectionId', message: 'already done' }]);
    if (row.status === 'cancelled') throw new AppError('CONFLICT', 'inspectionId: this visit was cancelled', [{ path: 'inspectionId', message: 'cancelled' }]);
    const team = await q.findTeam(tx, row.team_id);
    const village = await q.findRegion(tx, row.region_id);
    if (!team || !village) throw new AppError('NOT_FOUND', 'inspectionId: inspection not found');
    return { team, village, existing: row };
  }
  if (!input.teamId) throw unprocessable('teamId', 'required for an inspection that was not scheduled (or give inspectionId)');
  if (input.regionId === undefined) throw unprocessable('regionId', 'required for an inspection that was not scheduled: the village inspected');
  const team = await q.findTeam(tx, input.teamId);
  if (!team) throw new AppError('NOT_FOUND', 'teamId: patrol team not found', [{ path: 'teamId', message: 'not found' }]);
  if (!toBool(team.active)) throw unprocessable('teamId', 'the team is switched off');
  const village = await q.findRegion(tx, input.regionId);
  if (!village) throw new AppError('NOT_FOUND', `regionId: no region ${input.regionId}`, [{ path: 'regionId', message: 'no such region' }]);
  if (!inSubtree(team.region_path, village.path)) throw unprocessable('regionId', "an inspection outside the team's region");
  if (village.level !== 'village') throw unprocessable('regionId', 'must be a village');
  return { team, village, existing: null };
}

export async function recordInspection(tx: Db, deps: RecordDeps, input: InspectionRecord): Promise<InspectionDetail> {
  const now = new Date();
  if (input.at && Date.parse(input.at) > now.getTime() + 5 * 60_000) throw unprocessable('at', 'cannot be in the future');
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  checkChecklist(input);
  const { team, village, existing } = await target(tx, deps, input);
  // Members of the team, or the officers its region answers to; a patrol member must be a member.
  const member = await q.isActiveMember(tx, team.id, deps.actor.userId);
  const superior = deps.actor.role !== 'patrol_member' && inSubtree(deps.actor.regionPath, team.region_path);
  if (!member && !superior) throw new AppError('FORBIDDEN', 'teamId: only the team’s members or the officers above it record its inspections', [{ path: 'teamId', message: 'not a member of the team' }]);

  const id = existing?.id ?? newId();
  const checklist = CHECKLIST_ITEMS.map((item) => {
    const entry = input.checklist.find((e) => e.item === item);
    return { item, result: entry?.result ?? 'na', note: entry?.note || null };
  });
  const stamp = nowIso();
  if (existing) {
    const res = await tx
      .updateTable('inspections')
      .set({ status: 'done', done_at: at, done_by: deps.actor.userId, summary: input.summary || null, checklist: JSON.stringify(checklist), findings: input.findings.length, updated_at: stamp })
      .where('id', '=', id)
      .where('status', 'in', ['scheduled', 'missed'])
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'inspectionId: this inspection is already recorded', [{ path: 'inspectionId', message: 'already done' }]);
  } else {
    await tx
      .insertInto('inspections')
      .values({ id, number: await takeNumber(tx, 'inspection', deps.timeZone), schedule_id: null, team_id: team.id, region_id: village.id, scheduled_at: at, status: 'done', done_at: at, done_by: deps.actor.userId, summary: input.summary || null, checklist: JSON.stringify(checklist), findings: input.findings.length, created_at: stamp, updated_at: stamp })
      .execute();
  }
  const tasks = await createTasks(tx, { ctx: deps.ctx, actor: deps.actor, timeZone: deps.timeZone }, { inspectionId: id, village, findings: input.findings, today: dayIn(deps.timeZone, now) });
  await bumpCounters(tx, village.path, { [q.METRICS.inspections]: 1, [q.METRICS.rectificationsOpen]: tasks });
  await bumpDayCounters(tx, village.path, dayIn(deps.timeZone, new Date(at)), { [q.METRICS.inspections]: 1 });
  await audit(tx, deps.ctx, { action: existing ? 'complete' : 'create', entity: 'inspection', entityId: id, regionId: village.id, details: { teamId: team.id, findings: tasks } });
  afterCommit(tx, () => {
    deps.events.publish({ type: 'inspection.done', regionPath: village.path, data: { id, findings: tasks } });
    if (tasks > 0) deps.events.publish({ type: 'rectification.changed', regionPath: village.path, data: { inspectionId: id } });
  });
  return getInspection(tx, viewerOf(deps.actor), null, id);
}
