// The verify queue: entries wait in the grid they named (or the village); a verifier turns one
// into a person record, links it to the person already registered with that ID number, or
// rejects it. Entries are masked; one in full is an audited reveal with its purpose. Decisions
// are guarded on version and status, so a stale or second decision is a 409 and nothing is
// half-saved.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { ArrivalEntry, ArrivalStatus, ArrivalSummary } from '../../../shared/arrivals.ts';
import { ARRIVAL_STATUSES, type ArrivalLink, type ArrivalReject, type ArrivalVerify } from '../../../shared/arrivals.ts';
import type { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { type Actor, type ScopedRegion, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import type { RevealGrant } from '../../platform/reveal.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { createPerson } from '../households/persons.service.ts';
import * as q from './arrivals.queries.ts';
import type { EntryWithNames } from './arrivals.queries.ts';
import { toBool } from '../../db/dialect.ts';

export interface QueueDeps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  crypto: FieldCrypto;
  timeZone: string;
}

type Duplicate = ArrivalEntry['duplicate'];
const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

export function toEntry(row: EntryWithNames, duplicate: Duplicate, full: { idNumber: string; phone: string } | null): ArrivalEntry {
  return {
    id: row.id,
    reference: row.reference,
    regionId: row.region_id,
    regionName: row.region_name,
    villageId: row.village_id,
    name: row.name,
    idNumber: full?.idNumber ?? row.id_number_masked,
    phone: full?.phone ?? row.phone_masked,
    origin: row.origin,
    arrivedOn: day(row.arrived_on),
    address: row.address,
    status: row.status,
    duplicate,
    personId: row.person_id,
    rejectReason: (row.reject_reason as ArrivalEntry['rejectReason']) ?? null,
    note: row.note,
    decidedBy: row.decided_by_name ?? null,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
    version: row.version,
  };
}

export async function entryForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('arrival_entries as e')
    .innerJoin('regions as r', 'r.id', 'e.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The person already registered with each entry's ID number. Flagged whatever the reader's
 * region; who and where only when the reader's subtree holds that person. An entry already
 * decided is not a duplicate of the person it became.
 */
async function duplicatesOf(db: Db, actor: Actor, rows: EntryWithNames[]): Promise<Map<string, Duplicate>> {
  const found = await q.personsByHashes(db, [...new Set(rows.map((r) => r.id_number_hash))]);
  const out = new Map<string, Duplicate>();
  for (const row of rows) {
    const match = found.find((p) => p.id_number_hash === row.id_number_hash && p.id !== row.person_id);
    if (!match) continue;
    const visible = inSubtree(actor.regionPath, match.path);
    out.set(row.id, visible ? { personId: match.id, regionName: match.region_name } : { personId: null, regionName: null });
  }
  return out;
}

export async function listEntries(db: Db, actor: Actor, scope: ScopedRegion, query: { status?: ArrivalStatus; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    q.listEntries(db, scope.path, { status: query.status, limit: query.limit, beforeId: before === undefined ? undefined : String(before) }),
    totalOnFirstPage(db, query.cursor, q.entriesFiltered(db, scope.path, query)),
  ]);
  const dups = await duplicatesOf(db, actor, rows.slice(0, query.limit));
  return { ...page(rows, query.limit, (r) => r.id, (r) => toEntry(r, dups.get(r.id) ?? null, null)), total };
}

async function loadEntry(db: Db, actor: Actor, id: string, full: FieldCrypto | null): Promise<ArrivalEntry> {
  const row = await q.findEntry(db, id);
  if (!row) throw notFound('arrival entry');
  const dups = await duplicatesOf(db, actor, [row]);
  const numbers = full ? { idNumber: full.decrypt(row.id_number_enc), phone: full.decrypt(row.phone_enc) } : null;
  return toEntry(row, dups.get(row.id) ?? null, numbers);
}

/** One entry, audited; ID and phone numbers in full only with a grant to reveal (and its purpose). */
export async function getEntry(db: Db, deps: QueueDeps, id: string, grant: RevealGrant): Promise<ArrivalEntry> {
  const entry = await loadEntry(db, deps.actor, id, grant.reveal ? deps.crypto : null);
  await audit(db, deps.ctx, { action: grant.reveal ? 'reveal' : 'read', entity: 'arrival_entry', entityId: id, regionId: entry.regionId, purpose: grant.purpose });
  return entry;
}

async function pendingAt(tx: Db, id: string, version: number): Promise<EntryWithNames> {
  const row = await q.findEntry(tx, id);
  if (!row) throw notFound('arrival entry');
  if (row.status !== 'pending') throw new AppError('CONFLICT', `This entry has been decided already (${row.status})`);
  if (row.version !== version) throw new AppError('CONFLICT', `version: this entry is at version ${row.version}; reload it`, [{ path: 'version', message: 'stale' }]);
  return row;
}

async function decide(tx: Db, deps: QueueDeps, row: EntryWithNames, set: { status: ArrivalStatus; person_id?: string; reject_reason?: string; note?: string | null }) {
  const now = nowIso();
  const updated = await tx
    .updateTable('arrival_entries')
    .set({ ...set, decided_by: deps.actor.userId, decided_at: now, updated_at: now, version: row.version + 1 })
    .where('id', '=', row.id)
    .where('status', '=', 'pending')
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'This entry was changed by someone else; reload it');
  const regionPath = row.region_path;
  afterCommit(tx, () => deps.events.publish({ type: 'arrival.changed', regionPath, data: { id: row.id, status: set.status } }));
}

/** The grid the person is registered in: the one chosen, else the entry's own when it is a grid. */
async function gridFor(tx: Db, deps: QueueDeps, row: EntryWithNames, gridId: number | undefined): Promise<ScopedRegion> {
  const id = gridId ?? row.region_id;
  const grid = await q.findRegion(tx, id);
  const ok = grid && (grid.level === 'grid' || grid.level === 'microgrid') && toBool(grid.active) && inSubtree(row.village_path, grid.path) && inSubtree(deps.actor.regionPath, grid.path);
  if (!ok || !grid) {
    throw unprocessable('gridId', gridId === undefined ? 'choose the grid the person lives in' : 'must be a grid of the entry’s village within your region');
  }
  return { id: grid.id, path: grid.path, level: grid.level };
}

export async function verifyEntry(tx: Db, deps: QueueDeps, id: string, input: z.infer<typeof ArrivalVerify>): Promise<ArrivalEntry> {
  const row = await pendingAt(tx, id, input.version);
  let region: ScopedRegion;
  if (input.householdId) {
    const household = UUID_RE.test(input.householdId)
      ? await tx.selectFrom('households as h').innerJoin('regions as r', 'r.id', 'h.region_id').select(['r.id', 'r.path', 'r.level']).where('h.id', '=', input.householdId).executeTakeFirst()
      : undefined;
    if (!household || !inSubtree(row.village_path, household.path) || !inSubtree(deps.actor.regionPath, household.path)) {
      throw unprocessable('householdId', 'must be a household of the entry’s village within your region');
    }
    region = household;
  } else {
    region = await gridFor(tx, deps, row, input.gridId);
  }
  // createPerson checks the ID number is free county-wide: a DUPLICATE (409) rolls all back.
  const person = await createPerson(
    tx,
    deps.ctx,
    deps.crypto,
    deps.actor,
    region,
    {
      ...(input.householdId ? { householdId: input.householdId } : { regionId: region.id }),
      name: row.name,
      idNumber: deps.crypto.decrypt(row.id_number_enc),
      phone: deps.crypto.decrypt(row.phone_enc),
      category: input.category,
      origin: row.origin,
      arrivedOn: day(row.arrived_on),
      keyPerson: false,
    },
    dayIn(deps.timeZone),
  );
  await decide(tx, deps, row, { status: 'verified', person_id: person.id, note: input.note ?? null });
  await audit(tx, deps.ctx, { action: 'verify', entity: 'arrival_entry', entityId: id, regionId: row.region_id, details: { personId: person.id, category: input.category } });
  return loadEntry(tx, deps.actor, id, null);
}

export async function linkEntry(tx: Db, deps: QueueDeps, id: string, input: z.infer<typeof ArrivalLink>): Promise<ArrivalEntry> {
  const row = await pendingAt(tx, id, input.version);
  const person = UUID_RE.test(input.personId)
    ? await tx.selectFrom('persons as p').innerJoin('regions as r', 'r.id', 'p.region_id').select(['p.id', 'p.id_number_hash', 'r.path']).where('p.id', '=', input.personId).executeTakeFirst()
    : undefined;
  // Not found, out of the actor's region, or another ID number: the same refusal.
  if (!person || !inSubtree(deps.actor.regionPath, person.path) || person.id_number_hash !== row.id_number_hash) {
    throw unprocessable('personId', 'not a person in your region with this ID number');
  }
  await decide(tx, deps, row, { status: 'linked', person_id: person.id, note: input.note ?? null });
  await audit(tx, deps.ctx, { action: 'link', entity: 'arrival_entry', entityId: id, regionId: row.region_id, details: { personId: person.id } });
  return loadEntry(tx, deps.actor, id, null);
}

export async function rejectEntry(tx: Db, deps: QueueDeps, id: string, input: z.infer<typeof ArrivalReject>): Promise<ArrivalEntry> {
  const row = await pendingAt(tx, id, input.version);
  await decide(tx, deps, row, { status: 'rejected', reject_reason: input.reason, note: input.note ?? null });
  await audit(tx, deps.ctx, { action: 'reject', entity: 'arrival_entry', entityId: id, regionId: row.region_id, details: { reason: input.reason } });
  return loadEntry(tx, deps.actor, id, null);
}

/** Entries by status, and per county day over the last `days` days, in the region's subtree. */
export async function summary(db: Db, scope: ScopedRegion, timeZone: string, days: number): Promise<ArrivalSummary> {
  const statusRows = await db
    .selectFrom('arrival_entries')
    .select(['status', db.fn.countAll<number>().as('n')])
    .where('region_id', 'in', q.subtreeIds(db, scope.path))
    .groupBy('status')
    .execute();
  const byStatus = Object.fromEntries(ARRIVAL_STATUSES.map((s) => [s, 0])) as ArrivalSummary['byStatus'];
  for (const r of statusRows) if (r.status in byStatus) byStatus[r.status] = Number(r.n);
  const today = dayIn(timeZone);
  const first = addDays(today, -(days - 1));
  // A day earlier in UTC than the county's first day: the zone can be ahead of UTC.
  const since = new Date(`${addDays(first, -1)}T00:00:00Z`).toISOString();
  const created = await db
    .selectFrom('arrival_entries')
    .select('created_at')
    .where('region_id', 'in', q.subtreeIds(db, scope.path))
    .where('created_at', '>=', since)
    .limit(50_000)
    .execute();
  const counts = new Map<string, number>();
  for (const r of created) {
    const d = dayIn(timeZone, new Date(r.created_at));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  const byDay: ArrivalSummary['byDay'] = [];
  for (let d = first; d <= today; d = addDays(d, 1)) byDay.push({ day: d, count: counts.get(d) ?? 0 });
  return { byStatus, byDay };
}
