// Door-to-door visits: append-only (no conflicts to solve offline). A visit confirms who lives
// in the dwelling, ends the link of those who left (来登去销), and dates the household's last
// visit so "not visited for N days" is an index read.
import type { Visit, VisitCreate } from '../../../shared/households.ts';
import type { Db } from '../../db/schema.ts';
import { isUniqueViolation, toBool } from '../../db/dialect.ts';
import { type Actor, LIGHT_ROLES } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { dayIn } from '../../platform/time.ts';
import type { VisitsTable } from './households.tables.ts';
import { countPeopleGroups } from './people-counters.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';

export function toVisit(row: VisitsTable): Visit {
  return {
    id: row.id,
    householdId: row.household_id,
    regionId: row.region_id,
    userId: row.user_id,
    visitedAt: row.visited_at,
    visitedOn: row.visited_on,
    outcome: row.outcome as Visit['outcome'],
    checked: JSON.parse(row.checked) as string[],
    presentCount: row.present_count,
    note: row.note,
  };
}

/** Each destination names one person marked as left, once, and either a grid or a place (not both, not neither). */
function checkDestinations(input: VisitCreate): void {
  const left = new Set(input.leftPersonIds);
  const seen = new Set<string>();
  const problems = input.leftTo.flatMap((d, i) => {
    const path = `leftTo.${i}`;
    if (!left.has(d.personId)) return [{ path: `${path}.personId`, message: 'not among leftPersonIds' }];
    if (seen.has(d.personId)) return [{ path: `${path}.personId`, message: 'this person already has a destination' }];
    seen.add(d.personId);
    if ((d.toRegionId === undefined) === (d.leftTo === undefined)) return [{ path, message: 'give either toRegionId (a grid of GridGuard) or leftTo (a place it does not cover)' }];
    if (d.toRegionId !== undefined && d.leftOn !== undefined) return [{ path: `${path}.leftOn`, message: 'a hand-over has no departure date' }];
    return [];
  });
  const [first] = problems;
  if (first) throw new AppError('VALIDATION_ERROR', `${first.path}: ${first.message}`, problems);
}

export async function recordVisit(tx: Db, ctx: AuditContext, actor: Actor, timeZone: string, input: VisitCreate): Promise<Visit> {
  const household = await tx.selectFrom('households').select(['id', 'region_id', 'last_visited_on']).where('id', '=', input.householdId).executeTakeFirst();
  if (!household) throw notFound('household');
  const visitedAt = input.visitedAt ? new Date(input.visitedAt) : new Date();
  if (visitedAt.getTime() > Date.now() + 5 * 60_000) {
    throw new AppError('VALIDATION_ERROR', 'visitedAt: in the future', [{ path: 'visitedAt', message: 'cannot be in the future' }]);
  }
  checkDestinations(input);
  const people = [...input.confirmedPersonIds, ...input.leftPersonIds];
  if (people.length) {
    const members = await tx.selectFrom('persons').select('id').where('household_id', '=', household.id).where('id', 'in', people).execute();
    const known = new Set(members.map((m) => m.id));
    const strangers = people.map((id, i) => ({ id, i })).filter((p) => !known.has(p.id));
    if (strangers.length) {
      throw new AppError('VALIDATION_ERROR', 'confirmedPersonIds/leftPersonIds: not members of this household', strangers.map((s) => ({
        path: s.i < input.confirmedPersonIds.length ? `confirmedPersonIds.${s.i}` : `leftPersonIds.${s.i - input.confirmedPersonIds.length}`,
        message: 'not a member of this household',
      })));
    }
  }
  const visitedOn = dayIn(timeZone, visitedAt);
  const row: VisitsTable = {
    id: input.id ?? newId(),
    household_id: household.id,
    region_id: household.region_id,
    user_id: actor.userId,
    visited_at: visitedAt.toISOString(),
    visited_on: visitedOn,
    outcome: input.outcome,
    checked: JSON.stringify(input.checked),
    present_count: input.presentCount ?? null,
    note: input.note ?? null,
    created_at: nowIso(),
  };
  try {
    await tx.insertInto('visits').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'id: a visit with this id exists', [{ path: 'id', message: 'already exists' }]);
    throw err;
  }
  if (!household.last_visited_on || household.last_visited_on < visitedOn) {
    await tx.updateTable('households').set({ last_visited_on: visitedOn }).where('id', '=', household.id).execute();
  }
  // A volunteer's light account reports who left; only staff end a stay (the visits route files
  // the report into the staff inbox): the people stay counted until a hand-over or a departure.
  const endsStays = !LIGHT_ROLES.includes(actor.role);
  // Those with a destination are handed over or recorded as departed by the route, after this.
  const withDestination = new Set(input.leftTo.map((d) => d.personId));
  const endedHere = input.leftPersonIds.filter((id) => !withDestination.has(id));
  if (endsStays && endedHere.length) {
    const leaving = await tx
      .selectFrom('persons')
      .select(['region_id', 'category', 'key_person', (eb) => eb.fn.countAll<number>().as('n')])
      .where('id', 'in', endedHere)
      .where('left_on', 'is', null)
      .groupBy(['region_id', 'category', 'key_person'])
      .execute();
    await tx.updateTable('persons').set({ left_on: visitedOn, updated_at: nowIso() }).where('id', 'in', endedHere).where('left_on', 'is', null).execute();
    await countPeopleGroups(tx, leaving.map((g) => ({ regionId: g.region_id, category: g.category, keyPerson: toBool(g.key_person), n: Number(g.n) })), -1);
    // Who left is no longer counted: green, out of the risk counters.
    await recomputePersonRisk(tx, endedHere, dayIn(timeZone));
  }
  await audit(tx, ctx, { action: 'visit', entity: 'household', entityId: household.id, regionId: household.region_id, details: { visitId: row.id, outcome: row.outcome, [endsStays ? 'left' : 'reportedLeft']: input.leftPersonIds.length } });
  return toVisit(row);
}

export async function visitsOfHousehold(db: Db, householdId: string): Promise<{ items: Visit[]; nextCursor: null }> {
  const rows = await db.selectFrom('visits').selectAll().where('household_id', '=', householdId).orderBy('visited_at', 'desc').limit(200).execute();
  return { items: rows.map(toVisit), nextCursor: null };
}
