// Verification tasks: the list of a subtree (masked, soonest due first, keyset paged), a move
// to another region (audited; the deadline keeps running), the bulk assignment of the pool, the
// outcome a grid records, and the review by someone else above it.
import { isRecordId } from '../../../shared/ids.ts';
import type { Outcome, RoutedBy, TaskOutcome, TaskStatus, VerificationTask } from '../../../shared/verification.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { EventBus } from '../../platform/events.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { dayIn } from '../../platform/time.ts';
import { findPerson } from '../households/persons.queries.ts';
import { createOrder } from '../quarantine/quarantine.service.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { regionForScope } from '../regions/regions.service.ts';
import * as q from './verification.queries.ts';
import type { VerificationTasksTable } from './verification.tables.ts';
import { TaskWrites, saveTask } from './task-writes.ts';
import { ancestorIdAt } from '../../../shared/region-path.ts';

export interface TaskDeps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  timeZone: string;
  quarantineDays: number;
  /** Encrypts the reason of a quarantine the outcome starts. */
  crypto: FieldCrypto;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
const OPEN: readonly string[] = ['open', 'sent_back'];

export function toTask(row: q.TaskRow, regionName: string, now: string): VerificationTask {
  const dueAt = new Date(row.due_at).toISOString();
  return {
    id: row.id,
    number: row.number,
    listId: row.list_id,
    regionId: row.region_id,
    regionName,
    name: row.name,
    // Only the masked forms leave the server; the full numbers stay encrypted.
    idNumber: row.id_number_masked,
    phone: row.phone_masked,
    address: row.address,
    origin: row.origin,
    arrivedOn: row.arrived_on,
    flags: row.flags ? row.flags.split(',') : [],
    status: row.status,
    outcome: row.outcome as Outcome | null,
    outcomeNote: row.outcome_note,
    dueAt,
    overdue: OPEN.includes(row.status) && dueAt < now,
    routedBy: row.routed_by as RoutedBy | null,
    routeReason: row.route_reason,
    routeScore: row.route_score,
    personId: row.person_id,
    recordedBy: row.recorded_by,
    checkedAt: iso(row.checked_at),
    reviewNote: row.review_note,
    escalationLevel: Number(row.escalation_level),
    escalatedToRegionId: row.escalated_to_region_id === null ? null : Number(row.escalated_to_region_id),
    version: row.version,
  };
}

async function withNames(db: Db, rows: q.TaskRow[]): Promise<VerificationTask[]> {
  const names = await regionNames(db, [...new Set(rows.map((r) => r.region_id))]);
  const now = nowIso();
  return rows.map((r) => toTask(r, names.get(r.region_id) ?? '', now));
}

export async function taskForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!isRecordId(id)) return null;
  const row = await q.findTask(db, id);
  return row ? regionForScope(db, row.region_id) : null;
}

export async function listTasks(db: Db, scope: ScopedRegion, query: { listId?: string; status?: TaskStatus; unrouted?: 'true' | 'false'; escalated?: 'true'; limit: number; cursor?: string }) {
  const key = decodeCursor(query.cursor);
  let after: { dueAt: string; id: string } | undefined;
  if (typeof key === 'string') {
    const [dueAt, id] = key.split('|');
    if (!dueAt || !id) throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
    after = { dueAt, id };
  }
  const unrouted = query.unrouted === undefined ? undefined : query.unrouted === 'true';
  const rows = await q.listTasks(db, scope.path, { listId: query.listId, status: query.status, unrouted, escalated: query.escalated === 'true' }, after, query.limit);
  const more = rows.length > query.limit;
  const pageRows = more ? rows.slice(0, query.limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: await withNames(db, pageRows), nextCursor: more && last ? encodeCursor(`${last.due_at}|${last.id}`) : null };
}

export async function getTask(db: Db, id: string): Promise<VerificationTask> {
  const row = await q.findTask(db, id);
  if (!row) throw notFound('verification task');
  const [task] = await withNames(db, [row]);
  return task as VerificationTask;
}

/** A region of the same county as the task's (a person may live in another town). */
async function regionInCounty(db: Db, taskRegionId: number, regionId: number, field: string): Promise<ScopedRegion> {
  const [from, to] = await Promise.all([regionForScope(db, taskRegionId), regionForScope(db, regionId)]);
  if (!from || !to || ancestorIdAt(from.path, 'county') !== ancestorIdAt(to.path, 'county')) throw new AppError('NOT_FOUND', `${field}: no region ${regionId} in the county`, [{ path: field, message: 'no such region in the county' }]);
  return to;
}

async function lockedTask(tx: Db, id: string): Promise<VerificationTasksTable> {
  const row = await q.findTask(tx, id);
  if (!row) throw notFound('verification task');
  return row;
}

/** One action: the task goes to another region of the county, audited; its deadline is the list's still. */
export async function moveTask(tx: Db, deps: TaskDeps, id: string, input: { regionId: number; reason?: string }): Promise<VerificationTask> {
  const row = await lockedTask(tx, id);
  if (!OPEN.includes(row.status)) throw new AppError('CONFLICT', `the task is ${row.status}: only an open task moves`);
  const to = await regionInCounty(tx, row.region_id, input.regionId, 'regionId');
  const names = await regionNames(tx, [row.region_id, to.id]);
  await saveTask(tx, row, { region_id: to.id, routed_by: 'manual', route_score: null, route_reason: `moved by hand from ${names.get(row.region_id) ?? row.region_id} to ${names.get(to.id) ?? to.id}` });
  await audit(tx, deps.ctx, { action: 'move', entity: 'verification_task', entityId: id, regionId: to.id, details: { from: row.region_id, to: to.id, reason: input.reason ?? null } });
  return getTask(tx, id);
}

/** The pool assigned by hand: every task must be open and in the account's subtree; the region too. */
export async function assignTasks(tx: Db, deps: TaskDeps, scope: ScopedRegion, input: { taskIds: string[]; regionId: number }): Promise<{ assigned: number }> {
  const ids = [...new Set(input.taskIds)];
  const rows = await q.tasksByIds(tx, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const regions = await Promise.all([...new Set(rows.map((r) => r.region_id))].map((rid) => regionForScope(tx, rid)));
  const visible = new Set(regions.filter((r): r is ScopedRegion => r !== null && inSubtree(deps.actor.regionPath, r.path)).map((r) => r.id));
  ids.forEach((tid, i) => {
    const r = byId.get(tid);
    if (!r || !visible.has(r.region_id)) throw new AppError('NOT_FOUND', `taskIds.${i}: no such task`, [{ path: `taskIds.${i}`, message: 'not found' }]);
    if (!OPEN.includes(r.status)) throw new AppError('CONFLICT', `taskIds.${i}: the task is ${r.status}: only open tasks are assigned`, [{ path: `taskIds.${i}`, message: r.status }]);
  });
  const name = (await regionNames(tx, [scope.id])).get(scope.id) ?? String(scope.id);
  const writes = new TaskWrites();
  for (const tid of ids) {
    const row = await lockedTask(tx, tid);
    await writes.save(tx, row, { region_id: scope.id, routed_by: 'manual', route_score: null, route_reason: `assigned by hand to ${name}` });
  }
  await writes.flush(tx);
  await audit(tx, deps.ctx, { action: 'assign', entity: 'verification_task', regionId: scope.id, details: { tasks: ids.length, taskIds: ids.slice(0, 100) } });
  return { assigned: ids.length };
}

export async function recordOutcome(tx: Db, deps: TaskDeps, id: string, input: TaskOutcome): Promise<VerificationTask> {
  const row = await lockedTask(tx, id);
  if (!OPEN.includes(row.status)) throw new AppError('CONFLICT', `the task is ${row.status}: its outcome was recorded; a reviewer may send it back`);
  if (input.outcome === 'left' && input.movedTo === undefined) throw unprocessable('movedTo', 'where the person went: a place, or a region id inside the county');
  if (input.outcome === 'duplicate' && !input.duplicateOf) throw unprocessable('duplicateOf', 'the task (number or id) this one repeats');
  if (input.outcome === 'wrong_info' && !input.note) throw unprocessable('note', 'what is wrong in the list’s row');
  const personId = input.personId ?? row.person_id;
  if (input.personId) {
    const person = await findPerson(tx, input.personId);
    const region = person ? await regionForScope(tx, person.region_id) : null;
    if (!person || !region || !inSubtree(deps.actor.regionPath, region.path)) throw unprocessable('personId', 'no such person in your region');
  }
  if (input.startQuarantine && input.outcome !== 'present_uncontrolled') throw unprocessable('startQuarantine', 'only for present_uncontrolled');
  if (input.startQuarantine && !personId) throw unprocessable('personId', 'register the person (or link the registered one) to start home quarantine');
  let duplicateOf: string | null = null;
  if (input.outcome === 'duplicate' && input.duplicateOf) {
    const other = isRecordId(input.duplicateOf) ? await q.findTask(tx, input.duplicateOf) : await q.taskByNumber(tx, String(input.duplicateOf).toUpperCase());
    if (!other || other.id === row.id) throw unprocessable('duplicateOf', 'no other task with that number or id');
    duplicateOf = other.id;
  }
  const now = nowIso();
  const common = { outcome_note: input.note ?? null, person_id: personId, recorded_by: deps.actor.userId, checked_at: now, left_on: input.leftOn ?? null };
  if (input.outcome === 'left' && typeof input.movedTo === 'number') {
    // Left for another place in the county: that grid must find the person; the clock runs on.
    const to = await regionInCounty(tx, row.region_id, input.movedTo, 'movedTo');
    const names = await regionNames(tx, [row.region_id, to.id]);
    await saveTask(tx, row, { ...common, region_id: to.id, moved_to: String(to.id), routed_by: 'manual', route_score: null, route_reason: `left ${names.get(row.region_id) ?? row.region_id} for ${names.get(to.id) ?? to.id}, as its grid recorded`, status: 'open', outcome: null });
    await audit(tx, deps.ctx, { action: 'outcome', entity: 'verification_task', entityId: id, regionId: to.id, details: { outcome: 'left', from: row.region_id, to: to.id } });
    return getTask(tx, id);
  }
  await saveTask(tx, row, { ...common, status: 'checked', outcome: input.outcome, moved_to: typeof input.movedTo === 'string' ? input.movedTo : null, duplicate_of: duplicateOf, review_note: null });
  await audit(tx, deps.ctx, { action: 'outcome', entity: 'verification_task', entityId: id, regionId: row.region_id, details: { outcome: input.outcome } });
  if (input.startQuarantine && personId) {
    const list = await q.findList(tx, row.list_id);
    await createOrder(tx, deps, { personId, reason: `核查名单：${list?.name ?? row.number}`.slice(0, 200), startOn: dayIn(deps.timeZone) });
  }
  return getTask(tx, id);
}

export async function reviewTask(tx: Db, deps: TaskDeps, id: string, input: { accept: boolean; note?: string }): Promise<VerificationTask> {
  const row = await lockedTask(tx, id);
  if (row.status !== 'checked') throw new AppError('CONFLICT', `the task is ${row.status}: only a recorded outcome is reviewed`);
  if (row.recorded_by === deps.actor.userId) throw new AppError('FORBIDDEN', 'you recorded this outcome: another account reviews it');
  if (!input.accept && !input.note) throw unprocessable('note', 'why the outcome is sent back');
  await saveTask(tx, row, { status: input.accept ? 'accepted' : 'sent_back', reviewed_by: deps.actor.userId, reviewed_at: nowIso(), review_note: input.note ?? null });
  await audit(tx, deps.ctx, { action: input.accept ? 'accept' : 'send_back', entity: 'verification_task', entityId: id, regionId: row.region_id, details: { outcome: row.outcome } });
  return getTask(tx, id);
}
