// Home quarantine orders: order (one active order a person), record the daily checks (a fever
// raises an alert), extend, record a breach (an alert), release. Every write keeps the
// 'quarantines.active' counter the dashboard reads in its own transaction, is audited, and
// tells the live views after commit. Temperatures and symptoms never go into audit details,
// logs or error messages: they are health data, stored encrypted (migration 0034) with the
// keyring of ID numbers. A check's `fever` flag stays in clear for alerts and counts. Lists
// carry an order's reason only to the account that monitors it; the audited detail read
// decrypts the rest.
import { sql } from 'kysely';
import { alertLevels } from './alert-levels.ts';
import type {
  CheckCreate,
  Quarantine,
  QuarantineAlert,
  QuarantineCheck,
  QuarantineCreate,
  QuarantineDetail,
  QuarantineEvent,
  QuarantineEventKind,
  Symptom,
} from '../../../shared/quarantine.ts';
import { ALERT_SEVERITY, type AlertBulkAck, type AlertBulkAckResult, BULK_ACK_MAX, FEVER_AT } from '../../../shared/quarantine.ts';
import type { AlertKind, QuarantineStatus } from '../../../shared/quarantine.ts';
import { DB_FALSE, fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import { type Actor, STAFF_ROLES, type ScopedRegion, inSubtree, subtreeRange } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { takeNumber } from '../../platform/record-numbers.ts';
import { totalOnFirstPage } from '../../platform/list-total.ts';
import { inLevelledSubtree, namesBelowCounty } from '../regions/regions.queries.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { bumpCounters } from '../stats/counters.ts';
import * as q from './quarantine.queries.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';
import { METRIC_ACTIVE } from './quarantine.queries.ts';
import { displayNameById, isActiveAccountIn } from '../accounts/accounts.queries.ts';
import { notifyResponsible } from '../responsibility/responsible-messages.ts';
import { responsibleOfPerson } from '../responsibility/responsibility.service.ts';

const day = (v: unknown) => String(v).slice(0, 10);

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  timeZone: string;
  crypto: FieldCrypto;
}

/** `reason`: decrypted by the caller when this answer may carry it (the detail, the monitor's list rows), else null. */
export function toQuarantine(row: q.OrderWithNames, reason: string | null): Quarantine {
  return {
    id: row.id,
    number: row.number,
    personId: row.person_id,
    personName: row.person_name,
    regionId: row.region_id,
    regionName: row.region_name,
    reason,
    place: row.place,
    startOn: day(row.start_on),
    endOn: day(row.end_on),
    status: row.status === 'released' ? 'released' : 'active',
    monitorUserId: row.monitor_user_id,
    monitorName: row.monitor_name,
    releasedAt: row.released_at,
    createdAt: row.created_at,
    version: Number(row.version),
  };
}

async function regionOf(db: Db, table: 'quarantine_orders' | 'quarantine_alerts', id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom(`${table} as x` as 'quarantine_orders as x')
    .innerJoin('regions as r', 'r.id', 'x.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}
export const orderForScope = (db: Db, id: string) => regionOf(db, 'quarantine_orders', id);
export const alertForScope = (db: Db, id: string) => regionOf(db, 'quarantine_alerts', id);

function publishChanged(deps: Deps, tx: Db, regionPath: string, id: string, status: string) {
  afterCommit(tx, () => deps.events.publish({ type: 'quarantine.changed', regionPath, data: { id, status } }));
}
function publishAlert(deps: Pick<Deps, 'events'>, tx: Db, regionPath: string, alert: { id: string; kind: string; orderId: string }) {
  afterCommit(tx, () => deps.events.publish({ type: 'quarantine.alert', regionPath, data: alert }));
}

async function addEvent(tx: Db, e: { orderId: string; regionId: number; kind: QuarantineEventKind; at: string; userId: string | null; note?: string | null; details?: Record<string, unknown> }): Promise<string> {
  const id = newId();
  await tx
    .insertInto('quarantine_events')
    .values({ id, order_id: e.orderId, region_id: e.regionId, kind: e.kind, at: e.at, user_id: e.userId, note: e.note ?? null, details: e.details ? JSON.stringify(e.details) : null })
    .execute();
  return id;
}

async function raiseAlert(tx: Db, order: { id: string; region_id: number; region_path: string }, kind: 'fever' | 'breach', alertDay: string, at: string): Promise<string> {
  const id = newId();
  await tx
    .insertInto('quarantine_alerts')
    .values({ id, order_id: order.id, region_id: order.region_id, kind, day: alertDay, raised_at: at, acknowledged_at: null, acknowledged_by: null, ...alertLevels(order.region_path), severity: ALERT_SEVERITY[kind], caught_up: DB_FALSE })
    .execute();
  await notifyResponsible(tx, { alertId: id, orderId: order.id, kind });
  return id;
}

async function activeOrder(tx: Db, id: string): Promise<q.OrderWithNames> {
  const row = await q.findOrder(tx, id);
  if (!row) throw notFound('quarantine order');
  if (row.status !== 'active') throw new AppError('CONFLICT', 'this quarantine order has been released', [{ path: 'id', message: 'released' }]);
  return row;
}

async function assertMonitor(tx: Db, actor: Actor, userId: string): Promise<void> {
  if (!(await isActiveAccountIn(tx, userId, actor.regionPath, STAFF_ROLES))) throw new AppError('UNPROCESSABLE', 'monitorUserId: not an active staff account of your region', [{ path: 'monitorUserId', message: 'must be an active staff account in your region' }]);
}

const activeClash = () => new AppError('CONFLICT', 'personId: this person already has an active quarantine order', [{ path: 'personId', message: 'has an active order' }]);

/**
 * An order of N days starting on startOn ends on startOn + N − 1: the first day counts, so a
 * 14-day order from the 1st ends on the 14th (released the day after).
 */
export const defaultEndOn = (startOn: string, quarantineDays: number) => addDays(startOn, quarantineDays - 1);

export async function createOrder(tx: Db, deps: Deps & { quarantineDays: number }, input: QuarantineCreate): Promise<Quarantine> {
  const endOn = input.endOn ?? defaultEndOn(input.startOn, deps.quarantineDays);
  if (endOn < input.startOn) throw new AppError('UNPROCESSABLE', 'endOn: the order cannot end before it starts', [{ path: 'endOn', message: 'must be on or after startOn' }]);
  const person = await tx
    .selectFrom('persons as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['p.id', 'p.region_id', 'r.path'])
    .where('p.id', '=', input.personId)
    .executeTakeFirst();
  // The scope hook already answered 404 for a person outside the caller's subtree.
  if (!person || !inSubtree(deps.actor.regionPath, person.path)) throw new AppError('NOT_FOUND', 'personId: person not found', [{ path: 'personId', message: 'not found' }]);
  const clash = await tx.selectFrom('quarantine_orders').select('id').where('person_id', '=', input.personId).where('status', '=', 'active').executeTakeFirst();
  if (clash) throw activeClash();
  if (input.monitorUserId) await assertMonitor(tx, deps.actor, input.monitorUserId);
  const id = newId();
  const now = nowIso();
  // Two orders racing for one person: the partial unique index lets one in; the other is the same 409.
  await tx
    .insertInto('quarantine_orders')
    .values({
      id,
      number: await takeNumber(tx, 'quarantine', deps.timeZone),
      person_id: input.personId,
      region_id: person.region_id,
      reason_enc: deps.crypto.encrypt(input.reason),
      place: input.place ?? null,
      start_on: input.startOn,
      end_on: endOn,
      status: 'active',
      monitor_user_id: input.monitorUserId ?? null,
      released_at: null,
      released_by: null,
      release_note: null,
      created_by: deps.actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute()
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw activeClash();
      throw err;
    });
  await addEvent(tx, { orderId: id, regionId: person.region_id, kind: 'ordered', at: now, userId: deps.actor.userId });
  await bumpCounters(tx, person.path, { [METRIC_ACTIVE]: 1 });
  await recomputePersonRisk(tx, [input.personId], dayIn(deps.timeZone));
  await audit(tx, deps.ctx, { action: 'create', entity: 'quarantine', entityId: id, regionId: person.region_id, details: { personId: input.personId, startOn: input.startOn, endOn } });
  publishChanged(deps, tx, person.path, id, 'active');
  const row = await q.findOrder(tx, id);
  if (!row) throw notFound('quarantine order');
  return toQuarantine(row, deps.crypto.decrypt(row.reason_enc));
}

/** Who reads a list: its monitor sees an order's reason on the list, everyone else opens the (audited) order. */
export interface ListReader {
  actor: Actor;
  crypto: FieldCrypto;
}

export async function listOrders(db: Db, scope: ScopedRegion, reader: ListReader, query: { q?: string; status?: QuarantineStatus; endingBy?: string; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const filters = { q: query.q, status: query.status, endingBy: query.endingBy };
  const [rows, total] = await Promise.all([
    q.listOrders(db, scope.path, { ...filters, beforeId: before === undefined ? undefined : String(before), limit: query.limit }),
    totalOnFirstPage(db, query.cursor, q.ordersFiltered(db, scope.path, filters)),
  ]);
  const places = await namesBelowCounty(db, rows.map((r) => r.region_path));
  const reasonFor = (r: q.OrderWithNames) => (r.monitor_user_id !== null && r.monitor_user_id === reader.actor.userId ? reader.crypto.decrypt(r.reason_enc) : null);
  return { ...page(rows, query.limit, (r) => r.id, (r) => ({ ...toQuarantine(r, reasonFor(r)), regionPath: places.get(r.region_path) ?? [] })), total };
}

type CheckRow = { id: string; order_id: string; day: unknown; at: string; temperature_enc: string; symptoms_enc: string; note_enc: string | null; fever: number; user_name?: string | null };
export const toCheck = (crypto: FieldCrypto, r: CheckRow): QuarantineCheck => ({
  id: r.id,
  orderId: r.order_id,
  day: day(r.day),
  at: r.at,
  temperature: Number(crypto.decrypt(r.temperature_enc)),
  symptoms: JSON.parse(crypto.decrypt(r.symptoms_enc)) as Symptom[],
  note: r.note_enc === null ? null : crypto.decrypt(r.note_enc),
  fever: toBool(Number(r.fever)),
  by: r.user_name ?? null,
});

function toEvent(e: { id: string; kind: QuarantineEventKind; at: string; user_name: string | null; note: string | null; details: string | null }): QuarantineEvent {
  const details = e.details ? (JSON.parse(e.details) as { fromEndOn?: string; toEndOn?: string }) : {};
  return { id: e.id, kind: e.kind, at: e.at, by: e.user_name, note: e.note, ...(details.fromEndOn ? { fromEndOn: details.fromEndOn, toEndOn: details.toEndOn } : {}) };
}

/** The order with its checks and history; reading health data is audited. */
export async function getOrder(db: Db, ctx: AuditContext, crypto: FieldCrypto, id: string): Promise<QuarantineDetail> {
  const row = await q.findOrder(db, id);
  if (!row) throw notFound('quarantine order');
  const [checks, events, responsible] = await Promise.all([q.checksOf(db, id), q.eventsOf(db, id), responsibleOfPerson(db, row.person_id)]);
  await audit(db, ctx, { action: 'read', entity: 'quarantine', entityId: id, regionId: row.region_id });
  return { ...toQuarantine(row, crypto.decrypt(row.reason_enc)), checks: checks.map((c) => toCheck(crypto, c)), events: events.map(toEvent), responsible };
}

export async function addCheck(tx: Db, deps: Deps, id: string, input: CheckCreate): Promise<QuarantineCheck & { alert: boolean }> {
  const order = await activeOrder(tx, id);
  const now = nowIso();
  const row = {
    id: newId(),
    order_id: id,
    region_id: order.region_id,
    day: dayIn(deps.timeZone, new Date(now)),
    at: now,
    temperature_enc: deps.crypto.encrypt(String(input.temperature)),
    symptoms_enc: deps.crypto.encrypt(JSON.stringify([...new Set(input.symptoms ?? [])])),
    note_enc: input.note ? deps.crypto.encrypt(input.note) : null,
    // Computed here, the one moment the temperature is in clear: alerts, counts and risk read it.
    fever: fromBool(input.temperature >= FEVER_AT),
    user_id: deps.actor.userId,
  };
  await tx.insertInto('quarantine_checks').values(row).execute();
  const fever = toBool(row.fever);
  if (fever) {
    const alertId = await raiseAlert(tx, order, 'fever', row.day, now);
    publishAlert(deps, tx, order.region_path, { id: alertId, kind: 'fever', orderId: id });
    await recomputePersonRisk(tx, [order.person_id], dayIn(deps.timeZone));
  }
  // No temperature or symptoms here: the audit log is not a health record.
  await audit(tx, deps.ctx, { action: 'create', entity: 'quarantine_check', entityId: row.id, regionId: order.region_id, details: { orderId: id } });
  publishChanged(deps, tx, order.region_path, id, 'active');
  const byName = await displayNameById(tx, deps.actor.userId);
  return { ...toCheck(deps.crypto, { ...row, user_name: byName }), alert: fever };
}

export async function releaseOrder(tx: Db, deps: Deps, id: string, input: { note: string }): Promise<Quarantine> {
  const order = await activeOrder(tx, id);
  const now = nowIso();
  // Guarded on status: of two releases racing, the second updates nothing and is refused.
  const res = await tx
    .updateTable('quarantine_orders')
    .set({ status: 'released', released_at: now, released_by: deps.actor.userId, release_note: input.note, updated_at: now, version: Number(order.version) + 1 })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'this quarantine order has been released', [{ path: 'id', message: 'released' }]);
  await addEvent(tx, { orderId: id, regionId: order.region_id, kind: 'released', at: now, userId: deps.actor.userId, note: input.note });
  await bumpCounters(tx, order.region_path, { [METRIC_ACTIVE]: -1 });
  await recomputePersonRisk(tx, [order.person_id], dayIn(deps.timeZone));
  await audit(tx, deps.ctx, { action: 'release', entity: 'quarantine', entityId: id, regionId: order.region_id });
  publishChanged(deps, tx, order.region_path, id, 'released');
  const row = await q.findOrder(tx, id);
  if (!row) throw notFound('quarantine order');
  return toQuarantine(row, deps.crypto.decrypt(row.reason_enc));
}

export async function extendOrder(tx: Db, deps: Deps, id: string, input: { endOn: string; reason: string }): Promise<Quarantine> {
  const order = await activeOrder(tx, id);
  const fromEndOn = day(order.end_on);
  if (input.endOn <= fromEndOn) throw new AppError('UNPROCESSABLE', 'endOn: an extension must end after the current end', [{ path: 'endOn', message: `must be after ${fromEndOn}` }]);
  const now = nowIso();
  await tx.updateTable('quarantine_orders').set({ end_on: input.endOn, updated_at: now, version: Number(order.version) + 1 }).where('id', '=', id).execute();
  await addEvent(tx, { orderId: id, regionId: order.region_id, kind: 'extended', at: now, userId: deps.actor.userId, note: input.reason, details: { fromEndOn, toEndOn: input.endOn } });
  await audit(tx, deps.ctx, { action: 'extend', entity: 'quarantine', entityId: id, regionId: order.region_id, details: { fromEndOn, toEndOn: input.endOn } });
  publishChanged(deps, tx, order.region_path, id, 'active');
  const row = await q.findOrder(tx, id);
  if (!row) throw notFound('quarantine order');
  return toQuarantine(row, deps.crypto.decrypt(row.reason_enc));
}

export async function recordBreach(tx: Db, deps: Deps, id: string, input: { note: string; at?: string }) {
  const order = await activeOrder(tx, id);
  const at = input.at ? new Date(input.at).toISOString() : nowIso();
  const breachId = await addEvent(tx, { orderId: id, regionId: order.region_id, kind: 'breach', at, userId: deps.actor.userId, note: input.note });
  const alertId = await raiseAlert(tx, order, 'breach', dayIn(deps.timeZone, new Date(at)), nowIso());
  await audit(tx, deps.ctx, { action: 'breach', entity: 'quarantine', entityId: id, regionId: order.region_id, details: { alertId } });
  publishAlert(deps, tx, order.region_path, { id: alertId, kind: 'breach', orderId: id });
  return { id: breachId, orderId: id, at, alertId };
}

const toAlert = (r: NonNullable<Awaited<ReturnType<typeof q.findAlert>>>): QuarantineAlert => ({
  id: r.id,
  kind: r.kind,
  orderId: r.order_id,
  personName: r.person_name,
  regionId: r.region_id,
  regionName: r.region_name,
  day: day(r.day),
  raisedAt: r.raised_at,
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  severity: Number(r.severity),
  caughtUp: toBool(Number(r.caught_up)),
});

const badCursor = () => new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);

export async function listAlerts(db: Db, scope: ScopedRegion, query: { open?: 'true' | 'false'; kind?: AlertKind; sort?: 'time' | 'severity'; limit: number; cursor?: string }) {
  const cursor = decodeCursor(query.cursor);
  const bySeverity = query.sort === 'severity';
  let before: q.AlertPageOptions['before'];
  if (cursor !== undefined) {
    const parts = String(cursor).split('|');
    if (bySeverity) {
      const [severity, at, id] = parts;
      if (!severity || !/^\d+$/.test(severity) || !at || !id) throw badCursor();
      before = { severity: Number(severity), at, id };
    } else {
      const [at, id] = parts;
      if (!at || !id || parts.length !== 2) throw badCursor();
      before = { at, id };
    }
  }
  const open = query.open === undefined ? undefined : query.open === 'true';
  const [rows, total] = await Promise.all([
    q.listAlerts(db, scope.path, { open, kind: query.kind, sort: query.sort, before, limit: query.limit }),
    totalOnFirstPage(db, query.cursor, q.alertsOfSubtree(db, scope.path, { open, kind: query.kind })),
  ]);
  const cursorOf = (r: (typeof rows)[number]) => (bySeverity ? `${Number(r.severity)}|${r.raised_at}|${r.id}` : `${r.raised_at}|${r.id}`);
  return { ...page(rows, query.limit, cursorOf, toAlert), total };
}

/**
 * Confirms the listed open alerts, or every open alert matching the filter, of the scope's
 * subtree in one transaction. Each alert is taken by a guarded update (`acknowledged_at is
 * null`), so of this and a concurrent single acknowledgement exactly one confirms it and only
 * that one audits it; the rest are counted as already acknowledged. An id outside the subtree
 * (or unknown) refuses the whole request naming it, with nothing changed.
 */
export async function bulkAckAlerts(tx: Db, deps: Deps, scope: ScopedRegion, input: AlertBulkAck): Promise<AlertBulkAckResult> {
  let ids: string[];
  if (input.ids) {
    const wanted = [...new Set(input.ids)];
    const found = await q.alertsOfSubtree(tx, scope.path, {}).select('a.id').where('a.id', 'in', wanted).execute();
    const inScope = new Set(found.map((r) => r.id));
    const missing = input.ids.findIndex((id) => !inScope.has(id));
    if (missing >= 0) throw new AppError('NOT_FOUND', `ids[${missing}]: no such alert in your region`, [{ path: `ids.${missing}`, message: 'not found in your region' }]);
    ids = wanted;
  } else {
    const filter = { open: true, kind: input.matching?.kind };
    const counted = await q.alertsOfSubtree(tx, scope.path, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const n = Number(counted?.n ?? 0);
    if (n > BULK_ACK_MAX) {
      throw new AppError('UNPROCESSABLE', `matching: ${n} open alerts match; at most ${BULK_ACK_MAX} can be confirmed at once — narrow the filter (a region or a kind)`, [
        { path: 'matching', message: `${n} match; at most ${BULK_ACK_MAX} at once` },
      ]);
    }
    ids = (await q.alertsOfSubtree(tx, scope.path, filter).select('a.id').execute()).map((r) => r.id);
  }
  if (ids.length === 0) return { acknowledged: 0, alreadyAcknowledged: 0, ids: [] };
  const now = nowIso();
  const taken = await tx
    .updateTable('quarantine_alerts')
    .set({ acknowledged_at: now, acknowledged_by: deps.actor.userId })
    .where('id', 'in', ids)
    .where('acknowledged_at', 'is', null)
    .returning(['id', 'kind', 'region_id', 'order_id'])
    .execute();
  const feverOrders = new Set<string>();
  for (const a of taken) {
    await audit(tx, deps.ctx, { action: 'acknowledge', entity: 'quarantine_alert', entityId: a.id, regionId: a.region_id, details: { kind: a.kind, bulk: true } });
    if (a.kind === 'fever') feverOrders.add(a.order_id);
  }
  if (feverOrders.size) {
    const persons = await tx.selectFrom('quarantine_orders').select('person_id').where('id', 'in', [...feverOrders]).execute();
    await recomputePersonRisk(tx, persons.map((p) => p.person_id), dayIn(deps.timeZone));
  }
  // One live event for the request: the lists below the scope refresh once, not per alert.
  if (taken.length) afterCommit(tx, () => deps.events.publish({ type: 'quarantine.alert', regionPath: scope.path, data: { acknowledged: true, count: taken.length } }));
  return { acknowledged: taken.length, alreadyAcknowledged: ids.length - taken.length, ids: taken.map((a) => a.id) };
}

/** Acknowledging twice keeps the first acknowledgement (a resent tap is not an error). */
export async function ackAlert(tx: Db, deps: Deps, id: string): Promise<QuarantineAlert> {
  const alert = await q.findAlert(tx, id);
  if (!alert) throw notFound('alert');
  if (alert.acknowledged_at === null) {
    const now = nowIso();
    const res = await tx.updateTable('quarantine_alerts').set({ acknowledged_at: now, acknowledged_by: deps.actor.userId }).where('id', '=', id).where('acknowledged_at', 'is', null).executeTakeFirst();
    // A concurrent acknowledgement (single or bulk) took it between the read and this update:
    // theirs stands and is the one audited.
    if (Number(res.numUpdatedRows) === 1) await audit(tx, deps.ctx, { action: 'acknowledge', entity: 'quarantine_alert', entityId: id, regionId: alert.region_id, details: { kind: alert.kind } });
    if (alert.kind === 'fever') {
      const order = await q.findOrder(tx, alert.order_id);
      if (order) await recomputePersonRisk(tx, [order.person_id], dayIn(deps.timeZone));
    }
    afterCommit(tx, () => deps.events.publish({ type: 'quarantine.alert', regionPath: alert.region_path, data: { id, kind: alert.kind, orderId: alert.order_id, acknowledged: true } }));
  }
  const row = await q.findAlert(tx, id);
  if (!row) throw notFound('alert');
  return toAlert(row);
}

/**
 * Day-based figures for the dashboard, counted on request through quarantine_orders_end:
 * `ending` active orders whose last day is `today`, `overdue` active orders past their last day
 * and not yet released. (Counters cannot hold them: they change with the date, not a write.)
 */
export async function quarantineDueCounts(db: Db, regionPath: string, today: string): Promise<{ ending: number; overdue: number }> {
  // One read for both figures: the orders in force ending today or before, by the (status,
  // end_on) index, each checked against the subtree by its level column — a county's subtree as
  // `region_id in (5,500 regions)` cost 3–14 ms a read, the dashboard's slowest part (issue 17).
  const row = await db
    .selectFrom('quarantine_orders as o')
    .select([sql<number>`sum(case when o.end_on = ${today} then 1 else 0 end)`.as('ending'), sql<number>`sum(case when o.end_on < ${today} then 1 else 0 end)`.as('overdue')])
    .where('o.status', '=', 'active')
    .where('o.end_on', '<=', today)
    .where(inLevelledSubtree(db, regionPath, 'o'))
    .executeTakeFirst();
  return { ending: Number(row?.ending ?? 0), overdue: Number(row?.overdue ?? 0) };
}
