// Inspection schedules: the planner picks a team and a period; every village of the team's
// region (or the chosen ones) gets its visits at random hours (schedule-generator.ts). The
// visits are stored as 'scheduled' inspections, visible only to the team and those above it.
import { MAX_SCHEDULE_DAYS, type Schedule, type ScheduleCreate } from '../../../shared/inspections.ts';
import type { Db } from '../../db/schema.ts';
import { DB_TRUE, toBool } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, subtreeRange } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { takeNumbers } from '../../platform/record-numbers.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { clockIn } from '../../platform/zoned-time.ts';
import * as q from './inspections.queries.ts';
import { type RandomInt, cryptoRandomInt, isNightMinute, planVisits } from './schedule-generator.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

/** Most visits one schedule may hold (a county of 2,000 villages visited 10 times is 20,000). */
const MAX_VISITS = 20_000;
const INSERT_CHUNK = 500;
/** A visit planned for today is at least this far ahead: the team needs time to get there. */
const LEAD_MINUTES = 30;

const scheduleRows = (db: Db) =>
  db
    .selectFrom('inspection_schedules as s')
    .innerJoin('patrol_teams as p', 'p.id', 's.team_id')
    .selectAll('s')
    .select(['p.name as team_name', displayNameOf('s.created_by').as('created_by_name')]);
type ScheduleRow = NonNullable<Awaited<ReturnType<ReturnType<typeof scheduleRows>['executeTakeFirst']>>>;

function toSchedule(row: ScheduleRow): Schedule {
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    regionId: row.region_id,
    from: String(row.from_day).slice(0, 10),
    to: String(row.to_day).slice(0, 10),
    visitsPerVillage: Number(row.visits_per_village),
    villages: Number(row.villages),
    inspections: Number(row.inspections),
    nightVisits: Number(row.night_visits),
    createdBy: row.created_by_name ?? null,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at,
  };
}

export async function scheduleForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('inspection_schedules as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** The villages a team covers: its own village, its town's, or all of its county's. */
export async function villagesOfTeam(db: Db, team: q.TeamRow): Promise<number[]> {
  const [lo, hi] = subtreeRange(team.region_path);
  const rows = await db.selectFrom('regions').select('id').where('level', '=', 'village').where('active', '=', DB_TRUE).where('path', '>=', lo).where('path', '<', hi).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export interface ScheduleDeps {
  ctx: AuditContext;
  events: EventBus;
  actor: Actor;
  timeZone: string;
  random?: RandomInt;
}

export async function createSchedule(tx: Db, deps: ScheduleDeps, input: ScheduleCreate): Promise<Schedule> {
  const team = await q.findTeam(tx, input.teamId);
  if (!team) throw new AppError('NOT_FOUND', 'teamId: patrol team not found', [{ path: 'teamId', message: 'not found' }]);
  if (!toBool(team.active)) throw unprocessable('teamId', 'the team is switched off');
  if (input.from > input.to) throw unprocessable('from', 'must not be after to');
  if (addDays(input.from, MAX_SCHEDULE_DAYS - 1) < input.to) throw unprocessable('to', `a schedule spans at most ${MAX_SCHEDULE_DAYS} days`);
  const clock = new Date();
  const today = dayIn(deps.timeZone, clock);
  if (input.from < today) throw unprocessable('from', 'cannot start in the past');
  // Starting today: today's visits fall in what is left of it, from LEAD_MINUTES on.
  const [hh, mm] = clockIn(deps.timeZone, clock).split(':').map(Number) as [number, number];
  const firstDayFrom = input.from === today ? hh * 60 + mm + LEAD_MINUTES : 0;
  if (firstDayFrom >= 24 * 60) throw unprocessable('from', 'too little of today is left: start tomorrow');

  const all = await villagesOfTeam(tx, team);
  let villageIds = all;
  if (input.villageIds) {
    const known = new Set(all);
    const bad = input.villageIds.findIndex((id) => !known.has(id));
    if (bad >= 0) throw unprocessable(`villageIds.${bad}`, "not a village of the team's region");
    villageIds = [...new Set(input.villageIds)];
  }
  if (villageIds.length === 0) throw unprocessable('teamId', "the team's region has no villages to inspect");
  if (villageIds.length * input.visitsPerVillage > MAX_VISITS) throw unprocessable('visitsPerVillage', `at most ${MAX_VISITS} visits in one schedule`);

  const visits = planVisits({ villageIds, from: input.from, to: input.to, visitsPerVillage: input.visitsPerVillage, timeZone: deps.timeZone, firstDayFrom }, deps.random ?? cryptoRandomInt);
  const id = newId();
  const now = nowIso();
  await tx
    .insertInto('inspection_schedules')
    .values({
      id,
      team_id: team.id,
      region_id: team.region_id,
      from_day: input.from,
      to_day: input.to,
      visits_per_village: input.visitsPerVillage,
      villages: villageIds.length,
      inspections: visits.length,
      night_visits: visits.filter((v) => isNightMinute(v.minute)).length,
      created_by: deps.actor.userId,
      created_at: now,
      cancelled_at: null,
      cancelled_by: null,
    })
    .execute();
  // One block of numbers for the whole schedule, in the order of the visits.
  const numbers = await takeNumbers(tx, 'inspection', dayIn(deps.timeZone), visits.length);
  for (let i = 0; i < visits.length; i += INSERT_CHUNK) {
    await tx
      .insertInto('inspections')
      .values(
        visits.slice(i, i + INSERT_CHUNK).map((v, j) => ({
          id: newId(),
          number: numbers[i + j] as string,
          schedule_id: id,
          team_id: team.id,
          region_id: v.regionId,
          scheduled_at: v.at,
          status: 'scheduled',
          done_at: null,
          done_by: null,
          summary: null,
          checklist: null,
          findings: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }
  await audit(tx, deps.ctx, { action: 'create', entity: 'inspection_schedule', entityId: id, regionId: team.region_id, details: { teamId: team.id, from: input.from, to: input.to, visits: visits.length } });
  // The event goes to the team's region only: a village's live view must not hear of it.
  afterCommit(tx, () => deps.events.publish({ type: 'inspection_schedule.changed', regionPath: team.region_path, data: { id } }));
  return getSchedule(tx, id);
}

export async function getSchedule(db: Db, id: string): Promise<Schedule> {
  const row = await scheduleRows(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('schedule');
  return toSchedule(row);
}

export async function cancelSchedule(tx: Db, deps: ScheduleDeps, id: string): Promise<Schedule> {
  const row = await scheduleRows(tx).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('schedule');
  if (row.cancelled_at) throw new AppError('CONFLICT', 'the schedule is already cancelled');
  const now = nowIso();
  await tx.updateTable('inspection_schedules').set({ cancelled_at: now, cancelled_by: deps.actor.userId }).where('id', '=', id).execute();
  const res = await tx.updateTable('inspections').set({ status: 'cancelled', updated_at: now }).where('schedule_id', '=', id).where('status', '=', 'scheduled').executeTakeFirst();
  await audit(tx, deps.ctx, { action: 'cancel', entity: 'inspection_schedule', entityId: id, regionId: row.region_id, details: { visitsCancelled: Number(res.numUpdatedRows) } });
  const team = await q.findTeam(tx, row.team_id);
  if (team) afterCommit(tx, () => deps.events.publish({ type: 'inspection_schedule.changed', regionPath: team.region_path, data: { id } }));
  return getSchedule(tx, id);
}

/**
 * Schedules of teams whose region is in the scope's subtree, newest first, plus (without a
 * regionId) those of the viewer's own teams. A patrol member sees only their own teams'.
 */
export async function listSchedules(db: Db, viewer: q.Viewer, scope: ScopedRegion, query: { regionId?: number; teamId?: string; limit: number; cursor?: string }) {
  const after = decodeCursor(query.cursor);
  const [lo, hi] = subtreeRange(scope.path);
  let rows = scheduleRows(db).innerJoin('regions as tr', 'tr.id', 's.region_id');
  rows = rows.where((eb) => {
    const inScope = eb.and([eb('tr.path', '>=', lo), eb('tr.path', '<', hi)]);
    const own = eb('s.team_id', 'in', q.memberTeams(db, viewer.userId));
    if (viewer.role === 'patrol_member') return query.regionId === undefined ? own : eb.and([own, inScope]);
    return query.regionId === undefined ? eb.or([inScope, own]) : inScope;
  });
  if (query.teamId) rows = rows.where('s.team_id', '=', query.teamId);
  if (after !== undefined) rows = rows.where('s.id', '<', String(after));
  const found = await rows.orderBy('s.id', 'desc').limit(query.limit + 1).execute();
  return page(found, query.limit, (r) => r.id, toSchedule);
}
