// For the scope test: how to make one record of each kind of record a route may name inside a
// given region. A module that declares an entity kind adds its builder here, or this file does
// not compile.
import type { FastifyInstance } from 'fastify';
import type { EntityKind } from '../../src/server/platform/access.ts';
import { signIn } from './app.ts';
import { insertRiskJob } from '../../src/server/modules/risk/risk.recompute.ts';
import { aMobile, anIdNumber } from './people.ts';
import { csvOf, takeInList } from './verification.ts';

export type EntityBuilder = (app: FastifyInstance, regionId: number) => Promise<string>;

export const entityBuilders: Record<EntityKind, EntityBuilder> = {
  // A recompute job belongs to the county of the region (the root of its path).
  risk_job: async (app, regionId) => {
    const { path } = await app.db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
    return insertRiskJob(app.db, Number(path.split('/')[1]), null);
  },
  region: async (_app, regionId) => String(regionId),
  stand_down: async (app, regionId) => {
    const { headers } = await signIn(app, 'commander', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/stand-downs', headers, payload: { regionId, endedOn: '2026-01-01' } });
    return res.json<{ id: string }>().id;
  },
  volunteer: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_leader', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/volunteers', headers, payload: { regionId, kind: 'building_head', name: '楼道长', phone: aMobile() } });
    return res.json<{ id: string }>().id;
  },
  user: async (app, regionId) => (await signIn(app, 'grid_worker', regionId)).user.id,
  household: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId, address: '测试地址1号' } });
    return res.json<{ id: string }>().id;
  },
  person: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId, name: '测试', category: 'resident' } });
    return res.json<{ id: string }>().id;
  },
  form: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const household = await app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId, address: '测试地址2号', isRental: true, landlordName: '测试房东' } });
    const householdId = household.json<{ id: string }>().id;
    const payload = { kind: 'rental_responsibility', householdId, fields: { tenants: [{ name: '测试租客' }] } };
    const res = await app.inject({ method: 'POST', url: '/api/v1/forms', headers, payload });
    return res.json<{ id: string }>().id;
  },
  edit_conflict: async (app, regionId) => {
    const householdId = await entityBuilders.household?.(app, regionId);
    const { headers } = await signIn(app, 'grid_leader', regionId);
    const url = `/api/v1/households/${householdId}`;
    await app.inject({ method: 'PATCH', url, headers, payload: { baseVersion: 1, address: '改过的地址' } });
    await app.inject({ method: 'PATCH', url, headers, payload: { baseVersion: 1, address: '离线的地址' } });
    const row = await app.db.selectFrom('edit_conflicts').select('id').where('entity_id', '=', String(householdId)).executeTakeFirstOrThrow();
    return row.id;
  },
  checkpoint: async (app, regionId) => {
    const { headers } = await signIn(app, 'village_secretary', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/checkpoints', headers, payload: { regionId, name: '测试卡口', place: '村口' } });
    return res.json<{ id: string }>().id;
  },
  family_event: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const payload = { regionId, kind: 'wedding', hostName: '测试户主', plannedOn: '2020-01-01', place: '村礼堂', expectedGuests: 10 };
    const res = await app.inject({ method: 'POST', url: '/api/v1/family-events', headers, payload });
    return res.json<{ id: string }>().id;
  },
  // Patrol teams work for a town or village: a grid's team is made in the village above it.
  patrol_team: async (app, regionId) => {
    let region = await app.db.selectFrom('regions').select(['id', 'level', 'parent_id']).where('id', '=', regionId).executeTakeFirstOrThrow();
    while ((region.level === 'grid' || region.level === 'microgrid') && region.parent_id !== null) {
      region = await app.db.selectFrom('regions').select(['id', 'level', 'parent_id']).where('id', '=', region.parent_id).executeTakeFirstOrThrow();
    }
    const { headers } = await signIn(app, 'village_secretary', region.id);
    const res = await app.inject({ method: 'POST', url: '/api/v1/patrol-teams', headers, payload: { regionId: region.id, name: '测试巡查队', kind: 'persuasion' } });
    return res.json<{ id: string }>().id;
  },
  // A patrol log of today, by the patrol team of the village above (or at) the region.
  patrol_log: async (app, regionId) => {
    const teamId = await entityBuilders.patrol_team?.(app, regionId);
    const team = await app.db.selectFrom('patrol_teams').select('region_id').where('id', '=', String(teamId)).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, 'village_secretary', team.region_id);
    const patrolledOn = new Intl.DateTimeFormat('en-CA', { timeZone: app.config.timeZone }).format(new Date());
    const res = await app.inject({ method: 'POST', url: '/api/v1/patrol-logs', headers, payload: { teamId, patrolledOn, gatheringsDispersed: 1 } });
    return res.json<{ id: string }>().id;
  },
  // A done ad-hoc inspection of the village above (or at) the region, by that village's team.
  inspection: async (app, regionId) => {
    const teamId = await entityBuilders.patrol_team?.(app, regionId);
    const team = await app.db.selectFrom('patrol_teams').select('region_id').where('id', '=', String(teamId)).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, 'town_officer', team.region_id);
    const checklist = ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: 'ok' }));
    const res = await app.inject({ method: 'POST', url: '/api/v1/inspections', headers, payload: { teamId, regionId: team.region_id, checklist } });
    return res.json<{ id: string }>().id;
  },
  // A schedule of tomorrow for the patrol team of the village above (or at) the region.
  inspection_schedule: async (app, regionId) => {
    const teamId = await entityBuilders.patrol_team?.(app, regionId);
    const team = await app.db.selectFrom('patrol_teams').select('region_id').where('id', '=', String(teamId)).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, 'town_officer', team.region_id);
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: app.config.timeZone }).format(new Date(Date.now() + 86_400_000));
    const res = await app.inject({ method: 'POST', url: '/api/v1/inspections/schedules', headers, payload: { teamId, from: tomorrow, to: tomorrow } });
    return res.json<{ id: string }>().id;
  },
  // A grid's report of today (the builder is given grids).
  daily_report: async (app, regionId) => {
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const date = new Intl.DateTimeFormat('en-CA', { timeZone: app.config.timeZone }).format(new Date());
    const res = await app.inject({ method: 'POST', url: '/api/v1/daily-reports', headers, payload: { regionId, date, figures: { householdsVisited: 1 } } });
    return res.json<{ id: string }>().id;
  },
  // A home quarantine order for a new person of the region.
  quarantine: async (app, regionId) => {
    const personId = await entityBuilders.person?.(app, regionId);
    const { headers } = await signIn(app, 'grid_worker', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/quarantines', headers, payload: { personId, reason: '测试隔离', startOn: '2026-01-01' } });
    return res.json<{ id: string }>().id;
  },
  // A fever check raises an alert on a new order.
  quarantine_alert: async (app, regionId) => {
    const orderId = await entityBuilders.quarantine?.(app, regionId);
    const { headers } = await signIn(app, 'grid_worker', regionId);
    await app.inject({ method: 'POST', url: `/api/v1/quarantines/${orderId}/checks`, headers, payload: { temperature: 38.5 } });
    const row = await app.db.selectFrom('quarantine_alerts').select('id').where('order_id', '=', String(orderId)).executeTakeFirstOrThrow();
    return row.id;
  },
  // A tip filed by the public for the region (each from its own address: the per-address limit).
  tip: async (app, regionId) => {
    tipSeq += 1;
    const payload = { category: 'gathering', regionId, description: `测试举报第${tipSeq}条，有人聚集` };
    const res = await app.inject({ method: 'POST', url: '/api/v1/public/tips', payload, remoteAddress: `10.254.${Math.floor(tipSeq / 250)}.${(tipSeq % 250) + 1}` });
    const hash = app.fieldCrypto.index(`tip:${res.json<{ trackingCode: string }>().trackingCode}`);
    return (await app.db.selectFrom('tips').select('id').where('tracking_hash', '=', hash).executeTakeFirstOrThrow()).id;
  },
  // The village's active QR code (made once: a village has one active code at a time).
  arrival_code: async (app, regionId) => {
    const region = await app.db.selectFrom('regions').select(['id', 'level', 'parent_id']).where('id', '=', regionId).executeTakeFirstOrThrow();
    const villageId = region.level === 'village' ? region.id : Number(region.parent_id);
    const active = await app.db.selectFrom('arrival_codes').select('id').where('region_id', '=', villageId).where('status', '=', 'active').executeTakeFirst();
    if (active) return active.id;
    const { headers } = await signIn(app, 'village_secretary', villageId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/arrival-codes', headers, payload: { regionId: villageId } });
    return res.json<{ id: string }>().id;
  },
  // A self-registration from the village's poster naming the grid (each from its own address).
  arrival_entry: async (app, regionId) => {
    const codeId = await entityBuilders.arrival_code?.(app, regionId);
    const code = await app.db.selectFrom('arrival_codes').select('token').where('id', '=', String(codeId)).executeTakeFirstOrThrow();
    arrivalSeq += 1;
    const payload = { qrToken: code.token, name: '测试来人', idNumber: anIdNumber('19800101'), phone: aMobile(500 + arrivalSeq), origin: '测试省测试市', arrivedOn: new Date().toISOString().slice(0, 10), address: '测试地址', gridId: regionId };
    const res = await app.inject({ method: 'POST', url: '/api/v1/public/arrivals', payload, remoteAddress: `10.253.${Math.floor(arrivalSeq / 250)}.${(arrivalSeq % 250) + 1}` });
    const { reference } = res.json<{ reference: string }>();
    return (await app.db.selectFrom('arrival_entries').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
  },
  // A draft notice for the region, written by its village secretary (or the town's officer).
  notice: async (app, regionId) => {
    const { level } = await app.db.selectFrom('regions').select('level').where('id', '=', regionId).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, level === 'town' ? 'town_officer' : 'village_secretary', regionId);
    const res = await app.inject({ method: 'POST', url: '/api/v1/notices', headers, payload: { regionId, title: '测试通知', source: '测试村委会', topic: 'announcement', body: '测试正文。' } });
    if (res.statusCode !== 201) throw new Error(`notice builder: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>().id;
  },
  // A task left in the pool of a list of the region: its address matches nothing.
  verification_task: async (app, regionId) => {
    const { list, headers } = await takeInList(app, regionId, csvOf([['姓名', '现住址'], ['测试核查', '无此地址']]));
    const res = await app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${list.id}&regionId=${regionId}`, headers });
    const id = res.json<{ items: { id: string }[] }>().items[0]?.id;
    if (!id) throw new Error(`verification task builder: ${list.status} ${list.error ?? ''}`);
    return id;
  },
  // A code issued by the town at or above the region.
  enterprise_code: async (app, regionId) => {
    let region = await app.db.selectFrom('regions').select(['id', 'level', 'parent_id']).where('id', '=', regionId).executeTakeFirstOrThrow();
    while (region.level !== 'town' && region.parent_id !== null) region = await app.db.selectFrom('regions').select(['id', 'level', 'parent_id']).where('id', '=', region.parent_id).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, 'admin', region.id);
    const res = await app.inject({ method: 'POST', url: '/api/v1/enterprise-codes', headers, payload: { regionId: region.id, enterpriseName: '测试企业' } });
    return res.json<{ id: string }>().id;
  },
  // A spot check drawn in the region of a closed task there, for a patrol team of the region (or its village).
  verification_spot_check: async (app, regionId) => {
    const taskId = await entityBuilders.verification_task(app, regionId);
    const teamId = await entityBuilders.patrol_team(app, regionId);
    const task = await app.db.selectFrom('verification_tasks').select(['list_id']).where('id', '=', taskId).executeTakeFirstOrThrow();
    await app.db.updateTable('verification_tasks').set({ status: 'checked', outcome: 'not_found' }).where('id', '=', taskId).execute();
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await app.db.insertInto('verification_spot_checks').values({ id, list_id: task.list_id, task_id: taskId, region_id: regionId, team_id: teamId, status: 'pending', result_note: null, drawn_by: id, drawn_at: now, checked_by: null, checked_at: null, version: 1 }).execute();
    return id;
  },
};
let tipSeq = 0;
let arrivalSeq = 0;
