// Two weeks of daily reports for the demo county, the same for the same seed: for each of the
// 14 days before `today` each grid files with ~90% probability (most before the 17:00
// deadline, the rest late), ~15% of them zero reports, small plausible figures, a handful sent
// back with a reason. Today has the part a county would have by the time the demo is loaded
// (todayShare: none filed before 08:00, about 85% by the deadline), so the first map is not all
// red; the first grids (g0001's and a few more) are left for the demo user to file. The day counters are
// computed here in memory, rolled up the region paths and written in bulk: the same numbers
// the filing path would have bumped one report at a time.
import { sql } from 'kysely';
import { REPORT_FIGURES, type ReportFigure } from '../../shared/reports.ts';
import type { Database } from '../db/connect.ts';
import type { DailyReportRevisionsTable, DailyReportsTable } from '../modules/reports/reports.tables.ts';
import { contribution } from '../modules/reports/reports.service.ts';
import { zonedInstant } from '../platform/zoned-time.ts';
import { pathIds } from '../../shared/region-path.ts';
import { newId } from '../platform/ids.ts';
import { addDays } from '../platform/time.ts';
import type { CommandDemoInput } from './command.ts';
import { insertRows } from './insert-rows.ts';
import { type Rng, createRng } from './prng.ts';
import { fromBool } from '../db/dialect.ts';

const DAYS = 14;
const DEADLINE_MINUTES = 17 * 60;
const ROWS_PER_STATEMENT = 500;
const RETURN_REASONS = ['走访户数与台账不符，请核实后重报', '新增外来人员未附登记信息', '数字有误，请重新核对', '零报告与当日走访记录不符', '请补充居家隔离人员情况'];

function figuresOf(rng: Rng): Record<ReportFigure, number> {
  const small = (p: number, max: number) => (rng.chance(p) ? rng.between(1, max) : 0);
  const out: Record<ReportFigure, number> = {
    householdsVisited: rng.between(3, 28),
    newArrivals: small(0.45, 4),
    departures: small(0.25, 2),
    underQuarantine: small(0.2, 3),
    abnormalHealth: small(0.04, 1),
    tipsReceived: small(0.12, 2),
  };
  return Object.fromEntries(REPORT_FIGURES.map((f) => [f, out[f]])) as Record<ReportFigure, number>;
}

/** Grids at the start of the list left unfiled today: the demo accounts g0001… file them. */
export const TODAY_LEFT_FOR_DEMO = 10;

/**
 * The share of grids that have filed today by `minutes` after the county's midnight: from a
 * third early in the morning (leaders who file first thing) rising to 85% at the deadline.
 */
export function todayShare(minutes: number): number {
  const start = 8 * 60;
  const progress = Math.min(1, Math.max(0, (minutes - start) / (DEADLINE_MINUTES - start)));
  return 0.3 + 0.55 * progress;
}

export async function seedDemoReports(database: Database, input: CommandDemoInput, now: Date = new Date()): Promise<void> {
  const rng = createRng(`${input.seed}/reports`);
  const { grids, villages } = input.territory;
  if (!grids.length) return;
  // Who files for each grid (its leader), who sends back for each village (its secretary).
  const staff = await database.db
    .selectFrom('users')
    .select(['id', 'role', 'region_id'])
    .where('role', 'in', ['grid_leader', 'village_secretary'])
    .where('region_id', 'in', [...grids.map((g) => g.id), ...villages.map((v) => v.id)])
    .execute();
  const staffOf = new Map<string, string>(staff.map((u) => [`${u.role}:${u.region_id}`, u.id]));

  const reports: DailyReportsTable[] = [];
  const revisions: DailyReportRevisionsTable[] = [];
  const counters = new Map<string, number>(); // `${regionId}\0${day}\0${metric}` → value
  // Minutes of today gone by now (a past `today`, as tests give: the whole day).
  const todayMidnight = zonedInstant(input.today, '00:00', input.timeZone).getTime();
  const nowMinutes = Math.min(24 * 60 - 1, Math.max(0, Math.floor((now.getTime() - todayMidnight) / 60_000)));
  for (let d = DAYS; d >= 0; d--) {
    const day = addDays(input.today, -d);
    const midnight = zonedInstant(day, '00:00', input.timeZone).getTime();
    const at = (minutes: number) => new Date(midnight + minutes * 60_000 + rng.int(60) * 1000).toISOString();
    const isToday = d === 0;
    for (const [index, grid] of grids.entries()) {
      if (isToday ? index < TODAY_LEFT_FOR_DEMO || !rng.chance(todayShare(nowMinutes)) : !rng.chance(0.9)) continue;
      // Today: filed at some time before now (on time while the deadline has not passed).
      const onTime = isToday ? nowMinutes < DEADLINE_MINUTES || rng.chance(0.88) : rng.chance(0.88);
      const filedAt = isToday
        ? at(onTime ? rng.between(Math.min(nowMinutes, DEADLINE_MINUTES) >> 1, Math.max(0, Math.min(nowMinutes, DEADLINE_MINUTES) - 1)) : rng.between(DEADLINE_MINUTES + 1, Math.max(DEADLINE_MINUTES + 1, nowMinutes - 1)))
        : at(onTime ? rng.between(8 * 60, DEADLINE_MINUTES - 1) : rng.between(DEADLINE_MINUTES + 1, 23 * 60 - 1));
      const zero = rng.chance(0.15);
      const figures = JSON.stringify(zero ? Object.fromEntries(REPORT_FIGURES.map((f) => [f, 0])) : figuresOf(rng));
      const filedBy = staffOf.get(`grid_leader:${grid.id}`) ?? input.createdBy;
      const row: DailyReportsTable = {
        id: newId(),
        region_id: grid.id,
        day,
        figures,
        note: zero ? '今日无异常' : null,
        zero: fromBool(zero),
        status: 'filed',
        first_filed_at: filedAt,
        on_time: fromBool(onTime),
        filed_at: filedAt,
        filed_by: filedBy,
        returned_at: null,
        returned_by: null,
        return_reason: null,
        version: 1,
        updated_at: filedAt,
      };
      revisions.push({ id: newId(), report_id: row.id, version: 1, kind: 'filed', figures, note: row.note, zero: row.zero, reason: null, user_id: filedBy, at: filedAt });
      if (!isToday && rng.chance(0.003)) {
        const returnedAt = new Date(Date.parse(filedAt) + rng.between(30, 180) * 60_000).toISOString();
        const by = staffOf.get(`village_secretary:${grid.parent_id}`) ?? input.createdBy;
        const reason = rng.pick(RETURN_REASONS);
        Object.assign(row, { status: 'returned', returned_at: returnedAt, returned_by: by, return_reason: reason, version: 2, updated_at: returnedAt });
        revisions.push({ id: newId(), report_id: row.id, version: 2, kind: 'returned', figures, note: row.note, zero: row.zero, reason, user_id: by, at: returnedAt });
      }
      reports.push(row);
      for (const [metric, v] of Object.entries(contribution(row))) {
        for (const id of pathIds(grid.path)) {
          const key = `${id}\u0000${day}\u0000${metric}`;
          counters.set(key, (counters.get(key) ?? 0) + v);
        }
      }
    }
  }

  await database.db.transaction().execute(async (tx) => {
    await insertRows(tx, 'daily_reports', reports);
    await insertRows(tx, 'daily_report_revisions', revisions);
    const rows = [...counters].map(([key, value]) => {
      const [id, day, metric] = key.split('\u0000') as [string, string, string];
      return { region_id: Number(id), day, metric, value };
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT * 4) {
      await tx
        .insertInto('region_day_counters')
        .values(rows.slice(i, i + ROWS_PER_STATEMENT * 4))
        .onConflict((oc) => oc.columns(['region_id', 'day', 'metric']).doUpdateSet({ value: sql`region_day_counters.value + excluded.value` }))
        .execute();
    }
  });
}
