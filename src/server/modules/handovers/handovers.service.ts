// Hand-over (移交) of a person between grids. A grid (or above) proposes handing a person over
// to another grid of this installation, with a reason; the receiving region accepts — the person
// moves there with their household link ended (or a household of the receiver's), their
// quarantine orders, colour and history (households' movePerson and every module's person-move
// hook) — or refuses with a reason, before the county's deadline. Until it is accepted the
// sender stays responsible: the person stays in the sender's region. Both sides read the record;
// the person's masked summary is shown only to the side responsible for them.
import type { Handover, HandoverAccept, HandoverCreate, HandoverRefuse, HandoverStatus } from '../../../shared/handovers.ts';
import type { Db } from '../../db/schema.ts';
import { isUniqueViolation, toBool } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { numberPattern, takeNumber } from '../../platform/record-numbers.ts';
import type { PersonMoveHook } from '../../platform/region-moves.ts';
import { dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { totalOnFirstPage } from '../../platform/list-total.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';
import { householdPlace, movePerson, personForHandover, personSummaries } from '../households/persons-move.service.ts';
import { activeOrderNumbers } from '../quarantine/quarantine.queries.ts';
import { regionFields, regionsFields } from '../regions/regions.queries.ts';
import { coloursOf } from '../risk/risk.queries.ts';
import type { HandoverRow } from './handovers.tables.ts';
import * as q from './handovers.queries.ts';

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  timeZone: string;
}

const HOUR = 3_600_000;
const notFoundHandover = () => new AppError('NOT_FOUND', 'hand-over not found');

/** Hand-overs are worked from a grid or above: an account of a micro-grid only reads its own. */
function assertGridOrAbove(actor: Actor): void {
  if (actor.regionLevel === 'microgrid') throw new AppError('FORBIDDEN', 'hand-overs are proposed and answered from a grid or above');
}

/** The places a view names, the accounts that acted, and what the viewer may see of each person. */
async function views(db: Db, actorPath: string, rows: HandoverRow[]): Promise<Handover[]> {
  if (rows.length === 0) return [];
  const regionIds = [...new Set(rows.flatMap((r) => [r.from_region_id, r.to_region_id, ...(r.escalated_to_region_id ? [r.escalated_to_region_id] : [])]))];
  const regions = new Map((await regionsFields(db, regionIds, ['id', 'name', 'path'])).map((r) => [r.id, r]));
  const shown = rows.filter((r) => personShown(actorPath, r, regions));
  const personIds = [...new Set(shown.map((r) => r.person_id))];
  const [people, colours, orders, names] = await Promise.all([
    personSummaries(db, personIds),
    coloursOf(db, personIds),
    activeOrderNumbers(db, personIds),
    displayNamesById(db, rows.flatMap((r) => [r.proposed_by, r.decided_by])),
  ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => {
    const person = shown.includes(r) ? byId.get(r.person_id) : undefined;
    const colour = colours.get(r.person_id);
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      personId: r.person_id,
      person: person
        ? {
            name: person.name,
            idNumber: person.id_number_masked,
            category: person.category,
            riskColour: colour === 'red' || colour === 'yellow' ? colour : 'green',
            activeQuarantine: orders.get(r.person_id) ?? null,
          }
        : null,
      fromRegionId: r.from_region_id,
      fromRegionName: regions.get(r.from_region_id)?.name ?? '',
      toRegionId: r.to_region_id,
      toRegionName: regions.get(r.to_region_id)?.name ?? '',
      reason: r.reason,
      dueAt: new Date(r.due_at).toISOString(),
      proposedBy: r.proposed_by ? (names.get(r.proposed_by) ?? null) : null,
      proposedAt: new Date(r.proposed_at).toISOString(),
      decidedBy: r.decided_by ? (names.get(r.decided_by) ?? null) : null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      refuseReason: r.refuse_reason,
      householdId: r.household_id,
      escalationLevel: Number(r.escalation_level),
      escalatedToRegionId: r.escalated_to_region_id,
      escalatedToRegionName: r.escalated_to_region_id ? (regions.get(r.escalated_to_region_id)?.name ?? null) : null,
    };
  });
}

type Places = Map<number, { path: string }>;
const covers = (actorPath: string, regionId: number, regions: Places) => {
  const path = regions.get(regionId)?.path;
  return path !== undefined && inSubtree(actorPath, path);
};
/**
 * The side responsible for the person sees who they are (masked): the sender until the
 * receiver accepts, the receiver from the proposal on (to decide) unless it refused.
 */
function personShown(actorPath: string, row: HandoverRow, regions: Places): boolean {
  return (covers(actorPath, row.from_region_id, regions) && row.status !== 'accepted') || (covers(actorPath, row.to_region_id, regions) && row.status !== 'refused');
}

/** The row, when the actor's region holds either side of it; 404 otherwise (its existence names a person's move). */
async function visibleRow(db: Db, actor: Actor, id: string): Promise<{ row: HandoverRow; fromPath: string; toPath: string }> {
  const row = UUID_RE.test(id) ? await q.findHandover(db, id) : undefined;
  if (!row) throw notFoundHandover();
  const [from, to] = await Promise.all([regionFields(db, row.from_region_id, ['path']), regionFields(db, row.to_region_id, ['path'])]);
  const fromPath = from?.path ?? '';
  const toPath = to?.path ?? '';
  if (!inSubtree(actor.regionPath, fromPath) && !inSubtree(actor.regionPath, toPath)) throw notFoundHandover();
  return { row, fromPath, toPath };
}

export async function proposeHandover(tx: Db, deps: Deps & { deadlineHours: number }, personId: string, input: HandoverCreate): Promise<Handover> {
  assertGridOrAbove(deps.actor);
  const person = await personForHandover(tx, personId);
  if (!person) throw new AppError('NOT_FOUND', 'person not found');
  if (person.left_on !== null) throw unprocessable('personId', 'the person has left (离开辖区): a departed person is not handed over');
  const target = await regionFields(tx, input.toRegionId, ['id', 'path', 'level', 'active']);
  if (!target || target.level !== 'grid' || !toBool(target.active)) throw unprocessable('toRegionId', 'not a grid of this installation');
  if (inSubtree(target.path, person.region_path)) throw unprocessable('toRegionId', 'the person is already in this grid');
  const pending = await q.pendingOfPerson(tx, personId);
  const alreadyPending = (number: string) => new AppError('CONFLICT', `personId: this person already has a hand-over waiting (${number})`, [{ path: 'personId', message: 'a hand-over is already waiting' }]);
  if (pending) throw alreadyPending(pending.number);
  const now = new Date();
  const row: HandoverRow = {
    id: newId(),
    number: await takeNumber(tx, 'handover', deps.timeZone, now),
    person_id: personId,
    from_region_id: person.region_id,
    to_region_id: target.id,
    reason: input.reason,
    status: 'proposed',
    due_at: new Date(now.getTime() + deps.deadlineHours * HOUR).toISOString(),
    proposed_by: deps.actor.userId,
    proposed_at: now.toISOString(),
    decided_by: null,
    decided_at: null,
    refuse_reason: null,
    household_id: null,
    escalation_level: 0,
    escalated_to_region_id: null,
    escalated_at: null,
    updated_at: now.toISOString(),
  };
  try {
    await q.insertHandover(tx, row);
  } catch (err) {
    // Two proposals racing: the partial unique index lets one stand.
    if (isUniqueViolation(err)) throw alreadyPending('another proposal');
    throw err;
  }
  await audit(tx, deps.ctx, { action: 'propose', entity: 'handover', entityId: row.id, regionId: row.from_region_id, details: { personId, toRegionId: row.to_region_id } });
  publish(deps, tx, [person.region_path, target.path], row, 'proposed');
  const [view] = await views(tx, deps.actor.regionPath, [row]);
  return view as Handover;
}

function publish(deps: Deps, tx: Db, paths: string[], row: HandoverRow, status: HandoverStatus): void {
  afterCommit(tx, () => {
    for (const regionPath of new Set(paths)) deps.events.publish({ type: 'handover.changed', regionPath, data: { id: row.id, status } });
  });
}

export async function getHandover(db: Db, ctx: AuditContext, actor: Actor, id: string): Promise<Handover> {
  const { row } = await visibleRow(db, actor, id);
  await audit(db, ctx, { action: 'read', entity: 'handover', entityId: id, regionId: row.to_region_id });
  const [view] = await views(db, actor.regionPath, [row]);
  return view as Handover;
}

export async function listHandovers(
  db: Db,
  actor: Actor,
  scope: ScopedRegion,
  query: { direction?: 'in' | 'out'; status?: HandoverStatus; q?: string; limit: number; cursor?: string },
) {
  const filters = { direction: query.direction, status: query.status, number: numberPattern(query.q) };
  const before = decodeCursor(query.cursor);
  const [rows, total] = await Promise.all([
    q.listHandovers(db, scope.path, filters, before === undefined ? undefined : String(before), query.limit),
    totalOnFirstPage(db, query.cursor, q.handoversFiltered(db, scope.path, filters)),
  ]);
  const shown = await views(db, actor.regionPath, rows.slice(0, query.limit));
  const byId = new Map(shown.map((v) => [v.id, v]));
  return { ...page(rows, query.limit, (r) => r.id, (r) => byId.get(r.id) as Handover), total };
}

/** The receiving side only: an account whose region holds the receiving grid. */
async function decidableRow(tx: Db, actor: Actor, id: string) {
  assertGridOrAbove(actor);
  const found = await visibleRow(tx, actor, id);
  if (!inSubtree(actor.regionPath, found.toPath)) throw new AppError('FORBIDDEN', 'only the receiving region may accept or refuse a hand-over');
  if (found.row.status !== 'proposed' && found.row.status !== 'overdue') throw alreadyDecided(found.row.status);
  return found;
}
const alreadyDecided = (status: string) => new AppError('CONFLICT', `this hand-over is already ${status}`, [{ path: 'status', message: status }]);

export async function acceptHandover(tx: Db, deps: Deps & { personMoved: PersonMoveHook }, id: string, input: HandoverAccept): Promise<Handover> {
  const { row, fromPath, toPath } = await decidableRow(tx, deps.actor, id);
  let place = { regionId: row.to_region_id, path: toPath };
  const householdId = input.householdId ?? null;
  if (householdId) {
    const household = await householdPlace(tx, householdId);
    if (!household || !inSubtree(toPath, household.path)) throw unprocessable('householdId', 'not a household of the receiving grid');
    place = { regionId: household.region_id, path: household.path };
  }
  const now = nowIso();
  // Compare-and-set: of two accepts (or an accept and a refuse) racing, one changes the row.
  const won = await q.updateIfPending(tx, id, { status: 'accepted', decided_by: deps.actor.userId, decided_at: now, household_id: householdId, updated_at: now });
  if (!won) throw alreadyDecided('decided');
  await movePerson(tx, deps.actor, { personId: row.person_id, toRegionId: place.regionId, toPath: place.path, householdId }, dayIn(deps.timeZone), deps.personMoved);
  await audit(tx, deps.ctx, { action: 'accept', entity: 'handover', entityId: id, regionId: row.to_region_id, details: { personId: row.person_id, fromRegionId: row.from_region_id, householdId } });
  publish(deps, tx, [fromPath, toPath], row, 'accepted');
  const updated = await q.findHandover(tx, id);
  const [view] = await views(tx, deps.actor.regionPath, updated ? [updated] : []);
  return view as Handover;
}

export async function refuseHandover(tx: Db, deps: Deps, id: string, input: HandoverRefuse): Promise<Handover> {
  const { row, fromPath, toPath } = await decidableRow(tx, deps.actor, id);
  const now = nowIso();
  const won = await q.updateIfPending(tx, id, { status: 'refused', decided_by: deps.actor.userId, decided_at: now, refuse_reason: input.reason, updated_at: now });
  if (!won) throw alreadyDecided('decided');
  await audit(tx, deps.ctx, { action: 'refuse', entity: 'handover', entityId: id, regionId: row.to_region_id, details: { personId: row.person_id } });
  publish(deps, tx, [fromPath, toPath], row, 'refused');
  const updated = await q.findHandover(tx, id);
  const [view] = await views(tx, deps.actor.regionPath, updated ? [updated] : []);
  return view as Handover;
}
