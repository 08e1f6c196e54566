// The demo county's checkpoints (卡口) and patrol teams, the same for the same seed: one
// checkpoint at the entrance of every village plus one or two on a town's main roads (≈470 for
// 250k people), opened 20–40 days before `today`, about 70% removed over the last 12 days.
// Every town has an inspection team (a few not active: being reorganised) and ~90% of villages
// a persuasion patrol, so a handful of removals went ahead with an override reason.
import type { Database } from '../db/connect.ts';
import { rebuildCheckpointCounters } from '../modules/checkpoints/checkpoint-counters.ts';
import { CounterBatch, applyDayCounterBatch } from '../modules/stats/counters.ts';
import type { CheckpointEventsTable, CheckpointsTable, PatrolTeamsTable } from '../modules/checkpoints/checkpoints.tables.ts';
import { newId } from '../platform/ids.ts';
import { addDays } from '../platform/time.ts';
import type { CommandDemoInput } from './command.ts';
import { insertRows } from './insert-rows.ts';
import { personName } from './names.ts';
import { type Rng, createRng } from './prng.ts';
import type { DemoRegion } from './territory.ts';
import { fromBool } from '../db/dialect.ts';
import { wallClockIn } from '../platform/zoned-time.ts';

/** The demo county lies in China Standard Time (no daylight saving). */
const TOWN_ROADS = ['高速出口', '国道路口', '省道路口', '客运站', '火车站广场', '县道交界'];
const OVERRIDE_REASONS = ['镇督查队重组中，村干部临时巡查', '劝导队正在组建，网格员已到岗', '经镇指挥部同意先行撤除'];
const REMOVAL_NOTES = ['网格员已全部到岗，撤除卡口', '按县指挥部部署撤除', '撤卡不撤管，转入网格化管理', '巡查劝导队已到位，撤除'];

export async function seedDemoCheckpoints(database: Database, input: CommandDemoInput): Promise<void> {
  const at = wallClockIn(input.timeZone); // a local time of a day in the county, as an ISO instant
  const { territory, today, createdBy } = input;
  const rng = createRng(`${input.seed}/checkpoints`);
  const now = new Date().toISOString();
  let phoneSeq = 0;
  const phone = () => `1990${String(++phoneSeq).padStart(7, '0')}`;

  // Patrol teams first: whether a village was covered decides how its checkpoint was removed.
  const teams: PatrolTeamsTable[] = [];
  const covered = new Set<number>();
  const team = (r: DemoRegion, name: string, kind: 'persuasion' | 'inspection', active: boolean, members: number) => {
    teams.push({ id: newId(), region_id: r.id, name, kind, leader_name: personName(rng, rng.chance(0.7) ? 'male' : 'female'), leader_phone: phone(), members, active: fromBool(active), created_at: now, updated_at: now });
    if (active) covered.add(r.id);
  };
  for (const town of territory.towns) team(town, `${town.name}督查队`, 'inspection', !rng.chance(0.15), rng.between(6, 12));
  for (const village of territory.villages) if (rng.chance(0.9)) team(village, `${village.name}巡查劝导队`, 'persuasion', true, rng.between(3, 8));

  const checkpoints: CheckpointsTable[] = [];
  const events: CheckpointEventsTable[] = [];
  const removals = new Map<string, CounterBatch>(); // removal day → counter deltas
  const center = { lng: 119.9, lat: 29.9 };
  const add = (r: DemoRegion, name: string, place: string, villageCovered: boolean, where: Rng) => {
    const openedOn = addDays(today, -where.between(20, 40));
    const openedAt = at(openedOn, where.between(6, 9), where.int(60));
    const id = newId();
    const removed = where.chance(0.7);
    const removalDay = addDays(today, -where.between(1, 12));
    const removedAt = removed ? at(removalDay, where.between(8, 19), where.int(60)) : null;
    const overrideReason = removed && !villageCovered ? where.pick(OVERRIDE_REASONS) : null;
    const note = removed ? where.pick(REMOVAL_NOTES) : null;
    checkpoints.push({
      id,
      region_id: r.id,
      name,
      place,
      lng: Math.round((center.lng + (where.next() - 0.5) * 0.6) * 1e6) / 1e6,
      lat: Math.round((center.lat + (where.next() - 0.5) * 0.5) * 1e6) / 1e6,
      in_charge_name: personName(where, where.chance(0.75) ? 'male' : 'female'),
      in_charge_phone: phone(),
      staff_on_duty: where.between(2, 8),
      opened_on: openedOn,
      status: removed ? 'removed' : 'open',
      removed_at: removedAt,
      removed_by: removed ? createdBy : null,
      removal_note: note,
      override_reason: overrideReason,
      created_by: createdBy,
      created_at: openedAt,
      updated_at: removedAt ?? openedAt,
      version: removed ? 2 : 1,
    });
    events.push({ id: newId(), checkpoint_id: id, region_id: r.id, kind: 'opened', at: openedAt, user_id: createdBy, note: null, details: null });
    if (removedAt) {
      const details = overrideReason ? JSON.stringify({ overrideReason, missing: ['patrolTeam'] }) : null;
      events.push({ id: newId(), checkpoint_id: id, region_id: r.id, kind: 'removed', at: removedAt, user_id: createdBy, note, details });
      const batch = removals.get(removalDay) ?? new CounterBatch();
      batch.add(r.path, { 'checkpoints.removed': 1 });
      removals.set(removalDay, batch);
    }
  };

  for (const village of territory.villages) {
    const townCovered = covered.has(village.parent_id);
    add(village, `${village.name}路口卡口`, `${village.name}主入口`, covered.has(village.id) || townCovered, rng.fork(`v${village.id}`));
  }
  for (const town of territory.towns) {
    const where = rng.fork(`t${town.id}`);
    const roads = [...TOWN_ROADS];
    for (let i = roads.length - 1; i > 0; i--) {
      const j = where.int(i + 1);
      [roads[i], roads[j]] = [roads[j] as string, roads[i] as string];
    }
    roads.length = where.between(1, 2);
    // A town's checkpoint answers for all its villages: covered only with the town's own team.
    for (const road of roads) add(town, `${town.name}${road}卡口`, `${town.name}${road}`, covered.has(town.id), where);
  }

  const db = database.db;
  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'patrol_teams', teams);
    await insertRows(tx, 'checkpoints', checkpoints);
    await insertRows(tx, 'checkpoint_events', events);
    for (const [day, batch] of [...removals].sort(([a], [b]) => (a < b ? -1 : 1))) await applyDayCounterBatch(tx, day, batch);
  });

  await rebuildCheckpointCounters(db, input.county.path);
}
