// The checkpoint registry: register (with a client-made id, so a resend is the same checkpoint),
// read with its history, edit while open, and remove after the coverage check. Every write keeps
// the counters the dashboard reads ("N of M removed") in the same transaction.
import type {
  Checkpoint,
  CheckpointCreate,
  CheckpointDetail,
  CheckpointEvent,
  CheckpointEventKind,
  CheckpointHistoryItem,
  CheckpointPatch,
  CheckpointRemoval,
  CheckpointSummary,
} from '../../../shared/checkpoints.ts';
import { CHECKPOINT_LEVELS } from '../../../shared/checkpoints.ts';
import type { CheckpointStatus } from '../../../shared/checkpoints.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { changedColumns } from '../../platform/patch.ts';
import { dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { bumpCounters, bumpDayCounters, readCounters } from '../stats/counters.ts';
import type { CheckpointRow } from './checkpoints.tables.ts';
import * as q from './checkpoints.queries.ts';
import { METRIC_REMOVED, METRIC_TOTAL } from './checkpoints.queries.ts';
import { coverageDetails, coverageOf } from './coverage.ts';
import { childRegions, regionFieldsOrThrow } from '../regions/regions.queries.ts';

export function toCheckpoint(row: CheckpointRow & { region_name: string }): Checkpoint {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    name: row.name,
    place: row.place,
    lng: row.lng === null ? null : Number(row.lng),
    lat: row.lat === null ? null : Number(row.lat),
    inChargeName: row.in_charge_name,
    inChargePhone: row.in_charge_phone,
    staffOnDuty: Number(row.staff_on_duty),
    openedOn: row.opened_on === null ? null : String(row.opened_on).slice(0, 10),
    status: row.status === 'removed' ? 'removed' : 'open',
    removedAt: row.removed_at,
    removedBy: row.removed_by,
    removalNote: row.removal_note,
    overrideReason: row.override_reason,
    createdAt: row.created_at,
    version: row.version,
  };
}

export async function checkpointForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('checkpoints as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** A removed checkpoint removed again: a 409 of its own, so a script can tell it from a clash. */
const alreadyRemoved = (): AppError => new AppError('ALREADY_REMOVED', 'this checkpoint has been removed already');

function publish(events: EventBus, tx: Db, regionPath: string, id: string, status: string) {
  afterCommit(tx, () => events.publish({ type: 'checkpoint.changed', regionPath, data: { id, status } }));
}

async function addEvent(tx: Db, e: { checkpointId: string; regionId: number; kind: CheckpointEventKind; at: string; userId: string | null; note?: string | null; details?: Record<string, unknown> }) {
  await tx
    .insertInto('checkpoint_events')
    .values({
      id: newId(),
      checkpoint_id: e.checkpointId,
      region_id: e.regionId,
      kind: e.kind,
      at: e.at,
      user_id: e.userId,
      note: e.note ?? null,
      details: e.details ? JSON.stringify(e.details) : null,
    })
    .execute();
}

interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
}

export async function createCheckpoint(tx: Db, deps: Deps, region: ScopedRegion, input: CheckpointCreate): Promise<Checkpoint> {
  if (!(CHECKPOINT_LEVELS as readonly string[]).includes(region.level)) {
    throw new AppError('UNPROCESSABLE', 'regionId: a checkpoint stands in a town, village or grid', [
      { path: 'regionId', message: 'must be a town, village or grid' },
    ]);
  }
  const id = input.id ?? newId();
  // A resent create (same id, same checkpoint) answers with the checkpoint it made; the same id
  // for something else is a conflict. Checked before the insert: a failed insert would abort a
  // PostgreSQL transaction.
  const existing = input.id ? await q.findCheckpoint(tx, id) : undefined;
  if (existing) {
    if (existing.region_id === input.regionId && existing.name === input.name && existing.place === input.place) return toCheckpoint(existing);
    throw new AppError('CONFLICT', 'id: a checkpoint with this id exists', [{ path: 'id', message: 'already exists' }]);
  }
  const now = nowIso();
  const row: CheckpointRow = {
    id,
    region_id: input.regionId,
    name: input.name,
    place: input.place,
    lng: input.lng ?? null,
    lat: input.lat ?? null,
    in_charge_name: input.inChargeName ?? null,
    in_charge_phone: input.inChargePhone ?? null,
    staff_on_duty: input.staffOnDuty ?? 0,
    opened_on: input.openedOn ?? null,
    status: 'open',
    removed_at: null,
    removed_by: null,
    removal_note: null,
    override_reason: null,
    created_by: deps.actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  await tx.insertInto('checkpoints').values(row).execute();
  await addEvent(tx, { checkpointId: id, regionId: row.region_id, kind: 'opened', at: now, userId: deps.actor.userId });
  await bumpCounters(tx, region.path, { [METRIC_TOTAL]: 1 });
  await audit(tx, deps.ctx, { action: 'create', entity: 'checkpoint', entityId: id, regionId: row.region_id });
  publish(deps.events, tx, region.path, id, 'open');
  const name = await regionFieldsOrThrow(tx, row.region_id, ['name']);
  return toCheckpoint({ ...row, region_name: name.name });
}

function toEvent(e: { id: string; kind: CheckpointEventKind; at: string; user_name: string | null; note: string | null; details: string | null }): CheckpointEvent {
  const details = e.details ? (JSON.parse(e.details) as { overrideReason?: string; fields?: string[] }) : {};
  return {
    id: e.id,
    kind: e.kind,
    at: e.at,
    by: e.user_name,
    note: e.note,
    overrideReason: details.overrideReason ?? null,
    ...(details.fields ? { fields: details.fields } : {}),
  };
}

export async function getCheckpoint(db: Db, id: string): Promise<CheckpointDetail> {
  const row = await q.findCheckpoint(db, id);
  if (!row) throw notFound('checkpoint');
  const events = await q.eventsOf(db, id);
  return { ...toCheckpoint(row), history: events.map(toEvent) };
}

export async function listCheckpoints(db: Db, scope: ScopedRegion, query: { status?: CheckpointStatus; q?: string; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await q.listCheckpoints(db, scope.path, { status: query.status, q: query.q, beforeId: before === undefined ? undefined : String(before), limit: query.limit });
  return page(rows, query.limit, (r) => r.id, toCheckpoint);
}

const PATCH_COLUMNS = {
  name: 'name',
  place: 'place',
  lng: 'lng',
  lat: 'lat',
  inChargeName: 'in_charge_name',
  inChargePhone: 'in_charge_phone',
  staffOnDuty: 'staff_on_duty',
  openedOn: 'opened_on',
} as const;

export async function patchCheckpoint(tx: Db, deps: Deps, id: string, patch: CheckpointPatch): Promise<Checkpoint> {
  const row = await q.findCheckpoint(tx, id);
  if (!row) throw notFound('checkpoint');
  if (row.status === 'removed') throw new AppError('CONFLICT', 'this checkpoint has been removed: it can no longer be edited');
  const current = toCheckpoint(row);
  const { set, fields } = changedColumns(current, patch, PATCH_COLUMNS);
  if (fields.length === 0) return current;
  const now = nowIso();
  await tx.updateTable('checkpoints').set({ ...set, version: row.version + 1, updated_at: now }).where('id', '=', id).execute();
  await addEvent(tx, { checkpointId: id, regionId: row.region_id, kind: 'updated', at: now, userId: deps.actor.userId, details: { fields } });
  await audit(tx, deps.ctx, { action: 'update', entity: 'checkpoint', entityId: id, regionId: row.region_id, details: { fields } });
  publish(deps.events, tx, row.region_path, id, 'open');
  const updated = await q.findCheckpoint(tx, id);
  if (!updated) throw notFound('checkpoint');
  return toCheckpoint(updated);
}

export async function checkpointCoverage(db: Db, id: string) {
  const row = await q.findCheckpoint(db, id);
  if (!row) throw notFound('checkpoint');
  return coverageOf(db, row.region_id);
}

export async function removeCheckpoint(tx: Db, deps: Deps & { timeZone: string }, id: string, input: CheckpointRemoval) {
  const row = await q.findCheckpoint(tx, id);
  if (!row) throw notFound('checkpoint');
  if (row.status === 'removed') throw alreadyRemoved();
  const coverage = await coverageOf(tx, row.region_id);
  const overrideReason = input.overrideReason ?? null;
  if (!coverage.ok && !overrideReason) {
    throw new AppError('COVERAGE_MISSING', 'The village lacks grid staff or a patrol team: remove with an overrideReason, or put them in place first', coverageDetails(coverage));
  }
  const now = nowIso();
  // Guarded on status: of two removals racing, the second updates nothing and is refused.
  const updated = await tx
    .updateTable('checkpoints')
    .set({
      status: 'removed',
      removed_at: now,
      removed_by: deps.actor.userId,
      removal_note: input.note,
      override_reason: coverage.ok ? null : overrideReason,
      version: row.version + 1,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw alreadyRemoved();
  const overridden = !coverage.ok;
  const missing = coverageDetails(coverage).map((d) => d.path);
  const details = overridden ? { overrideReason, missing } : undefined;
  await addEvent(tx, { checkpointId: id, regionId: row.region_id, kind: 'removed', at: now, userId: deps.actor.userId, note: input.note, details });
  await bumpCounters(tx, row.region_path, { [METRIC_REMOVED]: 1 });
  await bumpDayCounters(tx, row.region_path, dayIn(deps.timeZone, new Date(now)), { [METRIC_REMOVED]: 1 });
  await audit(tx, deps.ctx, { action: 'remove', entity: 'checkpoint', entityId: id, regionId: row.region_id, details: overridden ? { override: true, overrideReason, missing } : { override: false } });
  publish(deps.events, tx, row.region_path, id, 'removed');
  return { id, status: 'removed' as const, removedAt: now };
}

/** "N of M removed" for a region and each child region, from the counters alone. */
export async function checkpointSummary(db: Db, scope: ScopedRegion): Promise<CheckpointSummary> {
  const children = await childRegions(db, scope.id, ['id', 'name'], { activeOnly: true });
  const counters = await readCounters(db, [scope.id, ...children.map((c) => c.id)], METRIC_TOTAL);
  const of = (regionId: number) => {
    const bag = counters.get(regionId) ?? {};
    return { total: bag[METRIC_TOTAL] ?? 0, removed: bag[METRIC_REMOVED] ?? 0 };
  };
  const own = of(scope.id);
  return {
    total: own.total,
    open: own.total - own.removed,
    removed: own.removed,
    children: children.map((c) => ({ regionId: c.id, name: c.name, ...of(c.id) })),
  };
}

export async function checkpointHistory(db: Db, scope: ScopedRegion, query: { limit: number; cursor?: string }) {
  const cursor = decodeCursor(query.cursor);
  let before: { at: string; id: string } | undefined;
  if (cursor !== undefined) {
    const [at, id] = String(cursor).split('|');
    if (!at || !id) throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
    before = { at, id };
  }
  const rows = await q.historyOf(db, scope.path, { before, limit: query.limit });
  return page(
    rows,
    query.limit,
    (r) => `${r.at}|${r.id}`,
    (r): CheckpointHistoryItem => {
      const e = toEvent(r);
      return {
        id: r.id,
        checkpointId: r.checkpoint_id,
        checkpointName: r.checkpoint_name,
        regionId: r.region_id,
        regionName: r.region_name,
        kind: e.kind,
        at: e.at,
        by: e.by,
        note: e.note,
        overrideReason: e.overrideReason,
      };
    },
  );
}
