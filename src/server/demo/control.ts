// Control inside the grids for the demo county, the same for the same seed:
// - home quarantine: about one in ten returnees who arrived in the last 14 days is under an
//   order, monitored by their grid's worker, with a check on each past day (a few feverish, a
//   few days missed) and the alerts those raised — most acknowledged, the last days' still open;
//   orders already past their end are released;
// - family events (红白事报备): a few per town, at every step (filed, guided, followed up);
// - patrol logs: each active persuasion patrol on most of the last 14 days.
// Counters are rebuilt (quarantine, family events) or rolled up here (patrol day counters) so the
// dashboard shows the same figures the write paths would have produced one record at a time.
import type { Insertable } from 'kysely';
import type { Database } from '../db/connect.ts';
import { rebuildFamilyEventCounters } from '../modules/family-events/family-event-counters.ts';
import type { FamilyEventsTable } from '../modules/family-events/family-events.tables.ts';
import { METRICS as PATROL_METRICS } from '../modules/patrols/patrols.queries.ts';
import type { PatrolLogsTable } from '../modules/patrols/patrols.tables.ts';
import { alertLevels } from '../modules/quarantine/alert-levels.ts';
import { rebuildQuarantineCounters } from '../modules/quarantine/quarantine-counters.ts';
import type { QuarantineAlertsTable, QuarantineChecksTable, QuarantineEventsTable, QuarantineOrdersTable } from '../modules/quarantine/quarantine.tables.ts';
import { CounterBatch, applyDayCounterBatch } from '../modules/stats/counters.ts';
import { ALERT_SEVERITY } from '../../shared/quarantine.ts';
import { newId } from '../platform/ids.ts';
import { addDays } from '../platform/time.ts';
import type { CommandDemoInput } from './command.ts';
import { insertRows } from './insert-rows.ts';
import { personName } from './names.ts';
import { type Rng, createRng } from './prng.ts';
import type { FamilyEventDecision } from '../../shared/family-events.ts';
import { DB_FALSE, DB_TRUE, fromBool } from '../db/dialect.ts';
import { wallClockIn } from '../platform/zoned-time.ts';

/** The demo county lies in China Standard Time (no daylight saving). */
const QUARANTINE_DAYS = 14;
const QUARANTINE_REASONS = ['中高风险地区返乡', '密切接触者的密切接触者', '境外入境解除集中隔离后', '外地返乡未满14天'];
const PLACES = ['本人住所', '自家老宅', '租住房屋'];
const CHECK_NOTES = ['体温正常，精神状态良好', '已送生活物资', '按时测温', null, null];
const RELEASE_NOTES = ['隔离期满，核酸检测阴性，解除隔离', '期满无异常，解除'];
const FE_PLACES = ['村文化礼堂', '自家院内', '镇上饭店', '村委会广场'];
const FE_GUIDANCE: Record<string, [FamilyEventDecision, string]> = {
  wedding: ['postponed', '已劝导事主延期至疫情平稳后举办'],
  banquet: ['cancelled', '已劝导取消宴请'],
  funeral: ['simplified', '丧事简办，控制在20人以内，不设宴席'],
  other: ['simplified', '已劝导从简办理'],
};
const PATROL_PLACES = ['村口广场', '菜市场', '村文化礼堂', '小卖部门口', '老年活动室', '祠堂'];

export async function seedControlDemo(database: Database, input: CommandDemoInput): Promise<void> {
  const rng = createRng(`${input.seed}/control`);
  await seedQuarantine(database, input, rng.fork('quarantine'));
  await seedFamilyEvents(database, input, rng.fork('family'));
  await seedPatrolLogs(database, input, rng.fork('patrols'));
}

async function seedQuarantine(database: Database, input: CommandDemoInput, rng: Rng): Promise<void> {
  // Health data is stored encrypted (migration 0034): no keyring, no quarantine demo.
  const crypto = input.crypto;
  if (!crypto) throw new Error('the quarantine demo needs the data keyring (input.crypto)');
  const encryptNote = (note: string | null) => (note === null ? null : crypto.encrypt(note));
  const at = wallClockIn(input.timeZone); // a local time of a day in the county, as an ISO instant
  const { today, county } = input;
  const db = database.db;
  const since = addDays(today, -(QUARANTINE_DAYS - 1));
  // Recent returnees with the grid above their micro-grid, to find who monitors them.
  const candidates = await db
    .selectFrom('persons as p')
    .innerJoin('regions as m', 'm.id', 'p.region_id')
    .select(['p.id', 'p.region_id', 'p.arrived_on', 'm.parent_id as grid_id', 'm.path'])
    .where('p.category', '=', 'returnee')
    .where('p.arrived_on', '>=', since)
    .where('p.arrived_on', '<=', today)
    .where('m.path', 'like', `${county.path}%`)
    .orderBy('p.id')
    .execute();
  const workers = await db.selectFrom('users').select(['id', 'region_id']).where('role', '=', 'grid_worker').execute();
  const workerOf = new Map(workers.map((w) => [w.region_id, w.id]));

  const orders: Insertable<QuarantineOrdersTable>[] = [];
  const checks: QuarantineChecksTable[] = [];
  const events: QuarantineEventsTable[] = [];
  const alerts: QuarantineAlertsTable[] = [];
  // About one in ten; at least one in a small county, so every demo shows the feature (the
  // draw is per person id, and ids are random, so a few hundred people can draw none).
  const chosen = candidates.filter((p) => rng.fork(`pick:${p.id}`).chance(0.1));
  if (chosen.length === 0 && candidates[0]) chosen.push(candidates[0]);
  for (const p of chosen) {
    const r = rng.fork(p.id);
    if (!p.arrived_on) continue;
    const startOn = p.arrived_on;
    const endOn = addDays(startOn, QUARANTINE_DAYS - 1);
    const monitor = (p.grid_id !== null ? workerOf.get(p.grid_id) : undefined) ?? input.createdBy;
    const id = newId();
    const orderedAt = at(startOn, r.between(9, 18), r.int(60));
    const released = endOn < today;
    const releasedAt = released ? at(addDays(endOn, 1), r.between(9, 11), r.int(60)) : null;
    orders.push({
      id,
      person_id: p.id,
      region_id: p.region_id,
      reason_enc: crypto.encrypt(r.pick(QUARANTINE_REASONS)),
      place: r.pick(PLACES),
      start_on: startOn,
      end_on: endOn,
      status: released ? 'released' : 'active',
      monitor_user_id: monitor,
      released_at: releasedAt,
      released_by: released ? monitor : null,
      release_note: released ? r.pick(RELEASE_NOTES) : null,
      created_by: input.createdBy,
      created_at: orderedAt,
      updated_at: releasedAt ?? orderedAt,
      version: released ? 2 : 1,
    });
    events.push({ id: newId(), order_id: id, region_id: p.region_id, kind: 'ordered', at: orderedAt, user_id: input.createdBy, note: null, details: null });
    if (releasedAt) events.push({ id: newId(), order_id: id, region_id: p.region_id, kind: 'released', at: releasedAt, user_id: monitor, note: orders[orders.length - 1]?.release_note ?? null, details: null });
    // One check on each past day of the order; today's is left for the demo user.
    const lastDay = released ? endOn : addDays(today, -1);
    for (let day = startOn; day <= lastDay; day = addDays(day, 1)) {
      const recent = day >= addDays(today, -2);
      if (r.chance(0.03)) {
        alerts.push({ id: newId(), order_id: id, region_id: p.region_id, ...alertLevels(p.path), kind: 'missed_check', severity: ALERT_SEVERITY.missed_check, caught_up: DB_FALSE, day, raised_at: at(day, 20, 0), acknowledged_at: recent ? null : at(addDays(day, 1), 8, r.int(60)), acknowledged_by: recent ? null : monitor });
        continue;
      }
      const fever = r.chance(0.012);
      const temperature = fever ? 37.3 + r.int(15) / 10 : 36.1 + r.int(9) / 10;
      const checkedAt = at(day, r.between(7, 10), r.int(60));
      checks.push({ id: newId(), order_id: id, region_id: p.region_id, day, at: checkedAt, temperature_enc: crypto.encrypt(String(Math.round(temperature * 10) / 10)), symptoms_enc: crypto.encrypt(JSON.stringify(fever ? ['fever'] : [])), note_enc: encryptNote(fever ? '体温偏高，已报告村卫生室' : r.pick(CHECK_NOTES)), fever: fromBool(fever), user_id: monitor });
      if (fever) alerts.push({ id: newId(), order_id: id, region_id: p.region_id, ...alertLevels(p.path), kind: 'fever', severity: ALERT_SEVERITY.fever, caught_up: DB_FALSE, day, raised_at: checkedAt, acknowledged_at: recent ? null : at(day, 12, r.int(60)), acknowledged_by: recent ? null : monitor });
    }
  }
  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'quarantine_orders', orders);
    await insertRows(tx, 'quarantine_checks', checks);
    await insertRows(tx, 'quarantine_events', events);
    await insertRows(tx, 'quarantine_alerts', alerts);
  });
  await rebuildQuarantineCounters(db, county.path);
}

async function seedFamilyEvents(database: Database, input: CommandDemoInput, rng: Rng): Promise<void> {
  const at = wallClockIn(input.timeZone); // a local time of a day in the county, as an ISO instant
  const { today, territory, createdBy } = input;
  const rows: FamilyEventsTable[] = [];
  const townsWithOne = new Set<number>();
  for (const village of territory.villages) {
    const r = rng.fork(`v${village.id}`);
    // About three villages in ten, and at least one in every town.
    if (!r.chance(0.3) && townsWithOne.has(village.parent_id)) continue;
    townsWithOne.add(village.parent_id);
    const kind = r.pick(['wedding', 'wedding', 'banquet', 'funeral', 'funeral', 'other'] as const);
    const plannedOn = addDays(today, r.between(-10, 10));
    const filedAt = at(addDays(plannedOn, -r.between(2, 6)), r.between(8, 17), r.int(60));
    const [decision, guidance] = FE_GUIDANCE[kind] ?? ['simplified', ''];
    // Past events have been guided and mostly visited; upcoming ones may still await guidance.
    const guided = plannedOn < today || r.chance(0.6);
    const visited = guided && plannedOn < today && r.chance(0.8);
    const guidedAt = guided ? at(addDays(filedAt.slice(0, 10), 1), r.between(8, 18), r.int(60)) : null;
    const visitedOn = visited ? addDays(plannedOn, 1) : null;
    const guests = r.between(20, 200);
    rows.push({
      id: newId(),
      region_id: village.id,
      kind,
      host_name: personName(r, r.chance(0.6) ? 'male' : 'female'),
      host_phone_enc: null,
      host_phone_hash: null,
      planned_on: plannedOn,
      place: `${village.name}${r.pick(FE_PLACES)}`,
      expected_guests: guests,
      status: visited ? 'followed_up' : guided ? 'guided' : 'filed',
      decision: guided ? decision : null,
      guidance: guided ? guidance : null,
      guided_at: guidedAt,
      guided_by: guided ? createdBy : null,
      visited_on: visitedOn,
      actual_guests: visited ? (decision === 'simplified' ? r.between(8, 20) : 0) : null,
      follow_up_note: visited ? (decision === 'simplified' ? '已从简办理，现场无聚集' : '已延期，现场无聚集') : null,
      followed_up_at: visitedOn ? at(visitedOn, r.between(9, 17), r.int(60)) : null,
      followed_up_by: visited ? createdBy : null,
      created_by: createdBy,
      created_at: filedAt,
      updated_at: visitedOn ? at(visitedOn, 18, 0) : (guidedAt ?? filedAt),
      version: visited ? 3 : guided ? 2 : 1,
    });
  }
  await database.db.transaction().execute((tx) => insertRows(tx, 'family_events', rows));
  await rebuildFamilyEventCounters(database.db, input.county.path);
}

async function seedPatrolLogs(database: Database, input: CommandDemoInput, rng: Rng): Promise<void> {
  const at = wallClockIn(input.timeZone); // a local time of a day in the county, as an ISO instant
  const { today, county } = input;
  const db = database.db;
  const teams = await db
    .selectFrom('patrol_teams as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .select(['t.id', 't.region_id', 'r.path'])
    .where('t.kind', '=', 'persuasion')
    .where('t.active', '=', DB_TRUE as never)
    .where('r.path', 'like', `${county.path}%`)
    .orderBy('t.id')
    .execute();
  const logs: PatrolLogsTable[] = [];
  const byDay = new Map<string, CounterBatch>();
  for (const team of teams) {
    const r = rng.fork(team.id);
    for (let back = 14; back >= 1; back--) {
      if (!r.chance(0.7)) continue;
      const day = addDays(today, -back);
      const startHour = r.between(8, 19);
      const gatherings = r.chance(0.4) ? r.between(1, 3) : 0;
      const figures = {
        gatherings_dispersed: gatherings,
        people_dispersed: gatherings * r.between(3, 12),
        mask_reminders: r.between(0, 25),
        banquets_found: r.chance(0.05) ? 1 : 0,
      };
      logs.push({
        id: newId(),
        team_id: team.id,
        region_id: team.region_id,
        patrolled_on: day,
        started_at: at(day, startHour, r.int(60)),
        ended_at: at(day, startHour + 1, r.int(60)),
        ...figures,
        places: `${r.pick(PATROL_PLACES)}、${r.pick(PATROL_PLACES)}`,
        note: gatherings ? '劝散打牌聚集人员，宣传防疫知识' : null,
        created_by: input.createdBy,
        created_at: at(day, Math.min(23, startHour + 2), r.int(60)),
      });
      const batch = byDay.get(day) ?? new CounterBatch();
      batch.add(team.path, {
        [PATROL_METRICS.logs]: 1,
        [PATROL_METRICS.gatheringsDispersed]: figures.gatherings_dispersed,
        [PATROL_METRICS.peopleDispersed]: figures.people_dispersed,
        [PATROL_METRICS.maskReminders]: figures.mask_reminders,
        [PATROL_METRICS.banquetsFound]: figures.banquets_found,
      });
      byDay.set(day, batch);
    }
  }
  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'patrol_logs', logs);
    for (const [day, batch] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) await applyDayCounterBatch(tx, day, batch);
  });
}
