// Family events (红白事报备): file (client-made id, so a resend is the same event), record the
// guidance, follow up with a visit. Every write bumps the summary counters in its own
// transaction, is audited, and tells live views after commit.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type {
  FamilyEvent,
  FamilyEventCreate,
  FamilyEventDecision,
  FamilyEventDetail,
  FamilyEventFollowUpInput,
  FamilyEventGuidance,
  FamilyEventHistoryItem,
  FamilyEventKind,
  FamilyEventStatus,
  FamilyEventSummary,
} from '../../../shared/family-events.ts';
import { FAMILY_EVENT_DECISIONS, FAMILY_EVENT_KINDS, FAMILY_EVENT_LEVELS, FAMILY_EVENT_STATUSES, MAX_DAYS_AHEAD } from '../../../shared/family-events.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskPhone } from '../../platform/crypto.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { storePhone } from '../households/person-identity.ts';
import { bumpCounters, readCounters } from '../stats/counters.ts';
import * as q from './family-events.queries.ts';
import type { FamilyEventWithRegion } from './family-events.queries.ts';

export const METRIC_TOTAL = 'family_events';
export const METRIC_OPEN = 'family_events.open';
export const metricKind = (kind: string) => `family_events.${kind}`;
export const metricStatus = (status: string) => `family_events.status.${status}`;
export const metricDecision = (decision: string) => `family_events.decision.${decision}`;

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  crypto: FieldCrypto;
  timeZone: string;
}

const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

export function toFamilyEvent(row: FamilyEventWithRegion, crypto: FieldCrypto): FamilyEvent {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    kind: row.kind,
    hostName: row.host_name,
    // Decrypted only to mask: the full number is never sent.
    hostPhone: row.host_phone_enc ? maskPhone(crypto.decrypt(row.host_phone_enc)) : null,
    plannedOn: day(row.planned_on),
    place: row.place,
    expectedGuests: Number(row.expected_guests),
    status: row.status,
    decision: row.decision,
    guidance: row.guidance,
    guidedAt: row.guided_at,
    guidedBy: row.guided_by_name ?? null,
    followUp:
      row.visited_on === null
        ? null
        : { visitedOn: day(row.visited_on), actualGuests: Number(row.actual_guests ?? 0), note: row.follow_up_note },
    createdBy: row.created_by_name ?? null,
    createdAt: row.created_at,
    version: row.version,
  };
}

export async function familyEventForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('family_events as f')
    .innerJoin('regions as r', 'r.id', 'f.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

function publish(events: EventBus, tx: Db, regionPath: string, id: string, status: string) {
  afterCommit(tx, () => events.publish({ type: 'family_event.changed', regionPath, data: { id, status } }));
}


async function load(db: Db, id: string, crypto: FieldCrypto): Promise<FamilyEvent> {
  const row = await q.findFamilyEvent(db, id);
  if (!row) throw notFound('family event');
  return toFamilyEvent(row, crypto);
}

export async function fileFamilyEvent(tx: Db, deps: Deps, region: ScopedRegion, input: FamilyEventCreate): Promise<FamilyEvent> {
  if (!(FAMILY_EVENT_LEVELS as readonly string[]).includes(region.level)) throw unprocessable('regionId', 'must be a village or grid');
  const today = dayIn(deps.timeZone);
  if (input.plannedOn > addDays(today, MAX_DAYS_AHEAD)) throw unprocessable('plannedOn', 'cannot be more than one year ahead');
  const id = input.id ?? newId();
  // A resend (same id, same event) answers with what it made; the id for something else is a
  // conflict. Checked before the insert: a failed insert would abort a PostgreSQL transaction.
  const existing = input.id ? await q.findFamilyEvent(tx, id) : undefined;
  if (existing) {
    const same = existing.region_id === input.regionId && existing.kind === input.kind && existing.host_name === input.hostName && day(existing.planned_on) === input.plannedOn;
    if (same) return toFamilyEvent(existing, deps.crypto);
    throw new AppError('CONFLICT', 'id: a family event with this id exists', [{ path: 'id', message: 'already exists' }]);
  }
  const phone = input.hostPhone ? storePhone(deps.crypto, input.hostPhone, 'hostPhone') : null;
  const now = nowIso();
  await tx
    .insertInto('family_events')
    .values({
      id,
      region_id: input.regionId,
      kind: input.kind,
      host_name: input.hostName,
      host_phone_enc: phone?.enc ?? null,
      host_phone_hash: phone?.hash ?? null,
      planned_on: input.plannedOn,
      place: input.place,
      expected_guests: input.expectedGuests,
      status: 'filed',
      decision: null,
      guidance: null,
      guided_at: null,
      guided_by: null,
      visited_on: null,
      actual_guests: null,
      follow_up_note: null,
      followed_up_at: null,
      followed_up_by: null,
      created_by: deps.actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await bumpCounters(tx, region.path, { [METRIC_TOTAL]: 1, [metricKind(input.kind)]: 1, [METRIC_OPEN]: 1, [metricStatus('filed')]: 1 });
  await audit(tx, deps.ctx, { action: 'create', entity: 'family_event', entityId: id, regionId: input.regionId, details: { kind: input.kind } });
  publish(deps.events, tx, region.path, id, 'filed');
  return load(tx, id, deps.crypto);
}

export async function getFamilyEvent(db: Db, crypto: FieldCrypto, id: string): Promise<FamilyEventDetail> {
  const row = await q.findFamilyEvent(db, id);
  if (!row) throw notFound('family event');
  const event = toFamilyEvent(row, crypto);
  const history: FamilyEventHistoryItem[] = [{ id: `${row.id}:filed`, kind: 'filed', at: row.created_at, by: row.created_by_name ?? null, note: null }];
  if (row.guided_at) history.push({ id: `${row.id}:guided`, kind: 'guided', at: row.guided_at, by: row.guided_by_name ?? null, note: row.guidance });
  if (row.followed_up_at) history.push({ id: `${row.id}:followed_up`, kind: 'followed_up', at: row.followed_up_at, by: row.followed_up_by_name ?? null, note: row.follow_up_note });
  return { ...event, history: history.reverse() };
}

export async function listFamilyEvents(db: Db, crypto: FieldCrypto, scope: ScopedRegion, query: { status?: FamilyEventStatus; kind?: FamilyEventKind; from?: string; to?: string; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    q.listFamilyEvents(db, scope.path, { ...query, beforeId: before === undefined ? undefined : String(before) }),
    totalOnFirstPage(db, query.cursor, q.familyEventsFiltered(db, scope.path, query)),
  ]);
  return { ...page(rows, query.limit, (r) => r.id, (r) => toFamilyEvent(r, crypto)), total };
}

export async function recordGuidance(tx: Db, deps: Deps, id: string, input: FamilyEventGuidance): Promise<FamilyEvent> {
  const row = await q.findFamilyEvent(tx, id);
  if (!row) throw notFound('family event');
  if (row.status !== 'filed') throw new AppError('CONFLICT', 'guidance has been recorded for this event already');
  const status: FamilyEventStatus = input.decision === 'cancelled' ? 'cancelled' : 'guided';
  const now = nowIso();
  // Guarded on status: of two guidances racing, the second updates nothing and is refused.
  const updated = await tx
    .updateTable('family_events')
    .set({ status, decision: input.decision, guidance: input.guidance, guided_at: now, guided_by: deps.actor.userId, updated_at: now, version: row.version + 1 })
    .where('id', '=', id)
    .where('status', '=', 'filed')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'guidance has been recorded for this event already');
  await bumpCounters(tx, row.region_path, {
    [metricStatus('filed')]: -1,
    [metricStatus(status)]: 1,
    [metricDecision(input.decision)]: 1,
    ...(status === 'cancelled' ? { [METRIC_OPEN]: -1 } : {}),
  });
  await audit(tx, deps.ctx, { action: 'guide', entity: 'family_event', entityId: id, regionId: row.region_id, details: { decision: input.decision } });
  publish(deps.events, tx, row.region_path, id, status);
  return load(tx, id, deps.crypto);
}

export async function recordFollowUp(tx: Db, deps: Deps, id: string, input: FamilyEventFollowUpInput): Promise<FamilyEvent> {
  const row = await q.findFamilyEvent(tx, id);
  if (!row) throw notFound('family event');
  if (row.status === 'filed') throw new AppError('CONFLICT', 'record the guidance before the follow-up visit');
  if (row.status === 'cancelled') throw new AppError('CONFLICT', 'this event was cancelled: there is nothing to follow up');
  if (row.status === 'followed_up') throw new AppError('CONFLICT', 'this event has been followed up already');
  if (input.visitedOn > dayIn(deps.timeZone)) throw unprocessable('visitedOn', 'cannot be in the future');
  const now = nowIso();
  const updated = await tx
    .updateTable('family_events')
    .set({
      status: 'followed_up',
      visited_on: input.visitedOn,
      actual_guests: input.actualGuests,
      follow_up_note: input.note ?? null,
      followed_up_at: now,
      followed_up_by: deps.actor.userId,
      updated_at: now,
      version: row.version + 1,
    })
    .where('id', '=', id)
    .where('status', '=', 'guided')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'this event has been followed up already');
  await bumpCounters(tx, row.region_path, { [metricStatus('guided')]: -1, [metricStatus('followed_up')]: 1, [METRIC_OPEN]: -1 });
  await audit(tx, deps.ctx, { action: 'follow_up', entity: 'family_event', entityId: id, regionId: row.region_id });
  publish(deps.events, tx, row.region_path, id, 'followed_up');
  return load(tx, id, deps.crypto);
}

/** Counts by kind, status and decision for a region's subtree, from the counters alone. */
export async function familyEventSummary(db: Db, scope: ScopedRegion): Promise<FamilyEventSummary> {
  const bag = (await readCounters(db, [scope.id], METRIC_TOTAL)).get(scope.id) ?? {};
  const n = (metric: string) => bag[metric] ?? 0;
  const of = <K extends string>(keys: readonly K[], metric: (k: K) => string) => Object.fromEntries(keys.map((k) => [k, n(metric(k))])) as Record<K, number>;
  return {
    total: n(METRIC_TOTAL),
    open: n(METRIC_OPEN),
    byKind: of(FAMILY_EVENT_KINDS, metricKind),
    byStatus: of(FAMILY_EVENT_STATUSES, metricStatus),
    byDecision: of(FAMILY_EVENT_DECISIONS, metricDecision),
  };
}
