// Patrol team members and unannounced inspections for the demo county, the same for the same seed:
// - every patrol team gets its members (leader, cadres, police, medical staff, volunteers); a
//   town's inspection team also has the town's patrol accounts (patrol0101…) as linked members,
//   so signing in as one shows the team's confidential schedule;
// - each active town team has a schedule over the last 14 and the next 6 days, two visits a
//   village at random hours (the real generator, with a seeded random source);
// - visits already past are mostly done (checklist filled in), some missed; about one in five
//   done visits found something, which became a rectification task for the village secretary:
//   most of the past-deadline ones closed with evidence (text and a photo), the rest overdue
//   and escalated to the town.
import type { Insertable } from 'kysely';
import { deflateSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { CHECKLIST_ITEMS, type MemberRole } from '../../shared/inspections.ts';
import type { Database } from '../db/connect.ts';
import { rebuildInspectionCounters } from '../modules/inspections/inspection-counters.ts';
import type { InspectionFindingsTable, InspectionSchedulesTable, InspectionsTable, PatrolTeamMembersTable, RectificationPhotosTable, RectificationsTable } from '../modules/inspections/inspections.tables.ts';
import { dueAtOf } from '../modules/inspections/rectifications.service.ts';
import { isNightMinute, planVisits } from '../modules/inspections/schedule-generator.ts';
import { CounterBatch, applyDayCounterBatch } from '../modules/stats/counters.ts';
import { newId } from '../platform/ids.ts';
import { addDays, dayIn } from '../platform/time.ts';
import type { CommandDemoInput } from './command.ts';
import { insertRows } from './insert-rows.ts';
import { personName } from './names.ts';
import { createRng } from './prng.ts';
import { keepPhoto } from '../platform/photo-store.ts';
import { DB_TRUE } from '../db/dialect.ts';
import { zonedInstant } from '../platform/zoned-time.ts';

const MEMBER_ROLES: MemberRole[] = ['cadre', 'cadre', 'police', 'medical', 'volunteer', 'volunteer'];
const FINDINGS: Record<string, string[]> = {
  quarantine_control: ['居家隔离人员门磁未安装', '隔离户生活垃圾未单独处理', '隔离人员当日测温记录缺失'],
  key_persons: ['重点人员台账未及时更新', '一名返乡人员未纳入重点人员管理'],
  outsiders: ['出租房新租客未登记', '外来务工人员信息不全'],
  anomalies: ['村口有聚集打牌现象', '小卖部店主未戴口罩', '发现一起未报备的宴请'],
};
const NOTES = ['台账齐全', '抽查3户，情况属实', '现场检查无异常', null, null];
const SUMMARIES = ['夜间突击督查，整体较好', '督查发现问题已当场反馈村干部', '防控措施落实到位', '个别问题限期整改'];
const EVIDENCE = ['已整改到位，现场复查无问题', '已补登记并录入系统', '已约谈相关人员，问题已纠正'];

/** A small grey PNG standing in for a rectification photo (the demo has no camera). */
function demoPhoto(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const width = 160;
  const height = 120;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = 150 + ((x >> 4) + (y >> 4)) % 2 * 40;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

export async function seedDemoInspections(database: Database, input: CommandDemoInput): Promise<void> {
  const rng = createRng(`${input.seed}/inspections`);
  const { today, territory, county } = input;
  const db = database.db;
  const now = new Date();
  const stamp = now.toISOString();
  const teams = await db
    .selectFrom('patrol_teams as t')
    .innerJoin('regions as r', 'r.id', 't.region_id')
    .select(['t.id', 't.region_id', 't.kind', 't.members', 't.leader_name', 't.leader_phone', 't.active', 'r.path'])
    .where('r.path', 'like', `${county.path}%`)
    .orderBy('t.id')
    .execute();
  const staff = await db.selectFrom('users').select(['id', 'role', 'region_id']).where('role', 'in', ['patrol_member', 'village_secretary']).orderBy('username').execute();
  const patrolAccounts = new Map<number, string[]>();
  const secretaryOf = new Map<number, string>();
  for (const u of staff) {
    if (u.role === 'patrol_member') patrolAccounts.set(u.region_id, [...(patrolAccounts.get(u.region_id) ?? []), u.id]);
    else if (!secretaryOf.has(u.region_id)) secretaryOf.set(u.region_id, u.id);
  }

  // ------------------------------------------------------------ members
  const members: PatrolTeamMembersTable[] = [];
  const memberCount = new Map<string, number>();
  for (const team of teams) {
    const r = rng.fork(`m${team.id}`);
    const linked = team.kind === 'inspection' ? (patrolAccounts.get(team.region_id) ?? []) : [];
    const size = Math.max(Number(team.members), linked.length + 1);
    for (let i = 0; i < size; i++) {
      const role: MemberRole = i === 0 ? 'leader' : r.pick(MEMBER_ROLES);
      members.push({
        id: newId(),
        team_id: team.id,
        name: i === 0 && team.leader_name ? team.leader_name : personName(r, r.chance(0.65) ? 'male' : 'female'),
        role,
        phone: i === 0 ? team.leader_phone : `1990${String(r.int(10_000_000)).padStart(7, '0')}`,
        user_id: i >= 1 && i <= linked.length ? (linked[i - 1] as string) : null,
        active: DB_TRUE,
        joined_on: addDays(today, -r.between(20, 40)),
        created_at: stamp,
        updated_at: stamp,
      });
    }
    memberCount.set(team.id, size);
  }

  // ------------------------------------------------------------ schedules and inspections
  const villagesOf = new Map<number, number[]>();
  for (const v of territory.villages) villagesOf.set(v.parent_id, [...(villagesOf.get(v.parent_id) ?? []), v.id]);
  const villagePath = new Map(territory.villages.map((v) => [v.id, v.path]));
  const schedules: InspectionSchedulesTable[] = [];
  const inspections: Insertable<InspectionsTable>[] = [];
  const findings: InspectionFindingsTable[] = [];
  const tasks: Insertable<RectificationsTable>[] = [];
  const taskPhotos: RectificationPhotosTable[] = [];
  const doneByDay = new Map<string, CounterBatch>();
  const photo = demoPhoto();
  const photoSha = createHash('sha256').update(photo).digest('hex');
  const from = addDays(today, -14);
  const to = addDays(today, 6);
  for (const team of teams) {
    if (team.kind !== 'inspection' || !team.active) continue;
    const villages = villagesOf.get(team.region_id) ?? [];
    if (!villages.length) continue;
    const r = rng.fork(`s${team.id}`);
    const visits = planVisits({ villageIds: villages, from, to, visitsPerVillage: 2, timeZone: input.timeZone }, (n) => r.int(n));
    const scheduleId = newId();
    const createdAt = new Date(zonedInstant(from, '08:00', input.timeZone).getTime() - 86_400_000).toISOString();
    schedules.push({ id: scheduleId, team_id: team.id, region_id: team.region_id, from_day: from, to_day: to, visits_per_village: 2, villages: villages.length, inspections: visits.length, night_visits: visits.filter((v) => isNightMinute(v.minute)).length, created_by: input.createdBy, created_at: createdAt, cancelled_at: null, cancelled_by: null });
    const linked = patrolAccounts.get(team.region_id) ?? [];
    for (const visit of visits) {
      const v = r.fork(visit.at + visit.regionId);
      const id = newId();
      const past = Date.parse(visit.at) < now.getTime();
      const overADay = Date.parse(visit.at) < now.getTime() - 86_400_000;
      const done = past && (v.chance(0.88) || !overADay);
      const status = done ? 'done' : past && overADay ? 'missed' : 'scheduled';
      const doneAt = done ? new Date(Date.parse(visit.at) + v.between(20, 70) * 60_000).toISOString() : null;
      const issue = done && v.chance(0.2) ? v.pick(CHECKLIST_ITEMS) : null;
      const checklist = done ? CHECKLIST_ITEMS.map((item) => ({ item, result: item === issue ? 'issue' : v.chance(0.15) ? 'na' : 'ok', note: item === issue ? null : v.pick(NOTES) })) : null;
      const doneBy = linked.length ? v.pick(linked) : input.createdBy;
      inspections.push({ id, schedule_id: scheduleId, team_id: team.id, region_id: visit.regionId, scheduled_at: visit.at, status, done_at: doneAt, done_by: done ? doneBy : null, summary: done ? v.pick(SUMMARIES) : null, checklist: checklist ? JSON.stringify(checklist) : null, findings: issue ? 1 : 0, created_at: createdAt, updated_at: doneAt ?? createdAt });
      if (doneAt) {
        const day = dayIn(input.timeZone, new Date(doneAt));
        const batch = doneByDay.get(day) ?? new CounterBatch();
        batch.add(villagePath.get(visit.regionId) ?? county.path, { inspections: 1 });
        doneByDay.set(day, batch);
      }
      if (!issue || !doneAt) continue;
      const findingId = newId();
      const taskId = newId();
      const deadline = addDays(doneAt.slice(0, 10), 3);
      const dueAt = dueAtOf(deadline, input.timeZone);
      const overdue = Date.parse(dueAt) < now.getTime();
      const closed = overdue && v.chance(0.75);
      const closedAt = closed ? new Date(Date.parse(dueAt) - v.between(2, 40) * 3_600_000).toISOString() : null;
      const description = v.pick(FINDINGS[issue] ?? ['其他问题']);
      findings.push({ id: findingId, inspection_id: id, item: issue, description, seq: 0, rectification_id: taskId });
      const owner = secretaryOf.get(visit.regionId) ?? null;
      tasks.push({
        id: taskId,
        inspection_id: id,
        finding_id: findingId,
        item: issue,
        description,
        region_id: visit.regionId,
        owner_user_id: owner,
        deadline,
        due_at: dueAt,
        status: closed ? 'closed' : 'open',
        escalation_level: overdue && !closed ? 1 : 0,
        escalated_to_region_id: overdue && !closed ? team.region_id : null,
        escalated_at: overdue && !closed ? dueAt : null,
        evidence_text: closed ? v.pick(EVIDENCE) : null,
        closed_at: closedAt,
        closed_by: closed ? owner : null,
        created_at: doneAt,
        updated_at: closedAt ?? doneAt,
      });
      if (closed) taskPhotos.push({ rectification_id: taskId, sha256: photoSha, seq: 0 });
    }
  }

  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'patrol_team_members', members);
    for (const [teamId, n] of memberCount) await tx.updateTable('patrol_teams').set({ members: n }).where('id', '=', teamId).execute();
    // Several demo counties in one database share the one photo.
    if (taskPhotos.length) await keepPhoto(tx, { contentType: 'image/png', data: photo }, stamp);
    await insertRows(tx, 'inspection_schedules', schedules);
    await insertRows(tx, 'inspections', inspections);
    await insertRows(tx, 'inspection_findings', findings);
    await insertRows(tx, 'rectifications', tasks);
    await insertRows(tx, 'rectification_photos', taskPhotos);
    for (const [day, batch] of [...doneByDay].sort(([a], [b]) => (a < b ? -1 : 1))) await applyDayCounterBatch(tx, day, batch);
  });
  await rebuildInspectionCounters(db, county.path);
}
