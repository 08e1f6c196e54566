// Hand-over (移交): proposing, who sees what, accepting into a household, refusing, the bad
// input the issue names, a race of two accepts, the overdue climb, and departures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { tick } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { readCounters } from '../stats/counters.ts';
import { escalateOverdueHandovers, handoversHourlyJob } from './handovers.jobs.ts';

let t: TestApp;
type Headers = Record<string, string>;
let workerA: Headers;
let workerA2: Headers;
let workerB: Headers;
let leaderB: Headers;
let secretaryB: Headers;
let officerC: Headers;
let gridC: number;
let microA: number;
let today: string;

const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });

async function aPerson(regionId: number, headers: Headers, name = '张三'): Promise<string> {
  const res = await post('/api/v1/persons', { regionId, name, category: 'resident' }, headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}
async function propose(personId: string, toRegionId: number, headers = workerA) {
  return post(`/api/v1/persons/${personId}/handovers`, { toRegionId, reason: '搬到儿子家住' }, headers);
}

beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
  const villageC = await aRegion(t.app, t.tree.townC, 'village', '南村');
  gridC = await aRegion(t.app, villageC, 'grid', '南村第一网格');
  microA = await aRegion(t.app, t.tree.gridA, 'microgrid', '东村一号楼');
  workerA = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  workerA2 = (await signIn(t.app, 'grid_worker', t.tree.gridA2)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  leaderB = (await signIn(t.app, 'grid_leader', t.tree.gridB)).headers;
  secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
  officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
});
afterAll(() => t.close());

describe('proposing a hand-over', () => {
  it('answers the contract’s shape with a YJ number and the county’s deadline; the sender still sees the person', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const res = await propose(person, t.tree.gridB);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ status: 'proposed', fromRegionId: t.tree.gridA, toRegionId: t.tree.gridB, person: { name: '张三', riskColour: expect.any(String) } });
    expect(body.number).toMatch(/^YJ-\d{8}-\d{4}$/);
    const hours = (new Date(body.dueAt).getTime() - new Date(body.proposedAt).getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(72, 3);
    expect((await get(`/api/v1/persons/${person}`, workerA)).statusCode).toBe(200);
    expect((await get(`/api/v1/persons/${person}`, workerB)).statusCode).toBe(404);
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'handover').where('entity_id', '=', body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['propose']);
  });

  it('refuses a target that is not a grid, the person’s own grid, or no region at all, naming toRegionId', async () => {
    const person = await aPerson(microA, workerA);
    for (const toRegionId of [t.tree.villageB, t.tree.gridA, microA, 999_999]) {
      const res = await propose(person, toRegionId);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.details[0].path).toBe('toRegionId');
    }
    expect(await t.app.db.selectFrom('handovers').select('id').where('person_id', '=', person).execute()).toEqual([]);
  });

  it('refuses a second hand-over while one is waiting (409), and two racing proposals leave one', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    expect((await propose(person, t.tree.gridB)).statusCode).toBe(201);
    const again = await propose(person, gridC);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].path).toBe('personId');
    const racer = await aPerson(t.tree.gridA, workerA);
    const answers = await Promise.all([propose(racer, t.tree.gridB), propose(racer, gridC), propose(racer, t.tree.gridA2)]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409]);
  });

  it('refuses hostile input: odd ids, wrong types, unknown fields, a huge reason, malformed JSON', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    expect((await post('/api/v1/persons/NOT-A-UUID/handovers', { toRegionId: t.tree.gridB, reason: 'x' }, workerA)).statusCode).toBe(400);
    for (const body of [{ toRegionId: String(t.tree.gridB), reason: 'x' }, { toRegionId: 1.5, reason: 'x' }, { toRegionId: t.tree.gridB }, { toRegionId: t.tree.gridB, reason: '  ' }, { toRegionId: t.tree.gridB, reason: 'x', extra: 1 }, { toRegionId: t.tree.gridB, reason: 'x'.repeat(501) }]) {
      const res = await post(`/api/v1/persons/${person}/handovers`, body, workerA);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const malformed = await t.app.inject({ method: 'POST', url: `/api/v1/persons/${person}/handovers`, headers: { ...workerA, 'content-type': 'application/json' }, payload: '{"toRegionId":' });
    expect(malformed.statusCode).toBe(400);
    expect((await propose(person, t.tree.gridB, workerB)).statusCode).toBe(404);
    expect(await t.app.db.selectFrom('handovers').select('id').where('person_id', '=', person).execute()).toEqual([]);
  });
});

describe('deciding a hand-over', () => {
  it('moves the person, their quarantine order and colour to the receiver’s household; the sender keeps the record only', async () => {
    const person = await aPerson(t.tree.gridA, workerA, '李四');
    const order = await post('/api/v1/quarantines', { personId: person, reason: '外地返回', startOn: today }, workerA);
    expect(order.statusCode, order.body).toBe(201);
    const household = (await post('/api/v1/households', { regionId: t.tree.gridB, address: '西村8号' }, workerB)).json().id;
    const activeB = async () => (await readCounters(t.app.db, [t.tree.villageB])).get(t.tree.villageB)?.['quarantines.active'] ?? 0;
    const personsA = async () => (await readCounters(t.app.db, [t.tree.gridA])).get(t.tree.gridA)?.persons ?? 0;
    const [beforeB, beforeA] = [await activeB(), await personsA()];
    const handover = (await propose(person, t.tree.gridB)).json();
    expect(handover.person.activeQuarantine).toBe(order.json().number);
    // The receiver sees who it is asked to take (masked) before it decides, not the record.
    expect((await get(`/api/v1/handovers/${handover.id}`, workerB)).json().person.name).toBe('李四');
    const accepted = await post(`/api/v1/handovers/${handover.id}/accept`, { householdId: household }, workerB);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', householdId: household });
    const moved = (await get(`/api/v1/persons/${person}`, workerB)).json();
    expect(moved).toMatchObject({ regionId: t.tree.gridB, householdId: household });
    expect((await get(`/api/v1/quarantines/${order.json().id}`, workerB)).statusCode).toBe(200);
    expect(await activeB()).toBe(beforeB + 1);
    expect(await personsA()).toBe(beforeA - 1);
    // The whole history follows: the receiver reads the person's change history.
    const history = await get(`/api/v1/persons/${person}/history`, workerB);
    expect(history.statusCode).toBe(200);
    // The sender: the record (who, when, why, to where), not the person nor the order.
    expect((await get(`/api/v1/persons/${person}`, workerA)).statusCode).toBe(404);
    expect((await get(`/api/v1/quarantines/${order.json().id}`, workerA)).statusCode).toBe(404);
    const record = await get(`/api/v1/handovers/${handover.id}`, workerA);
    expect(record.statusCode).toBe(200);
    expect(record.json()).toMatchObject({ status: 'accepted', toRegionName: '西村第一网格', reason: '搬到儿子家住', person: null });
    expect(record.json().decidedBy).toBeTruthy();
  });

  it('refuses a household outside the receiving grid, accepting twice, and deciding from the wrong region', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const handover = (await propose(person, t.tree.gridB)).json();
    const foreign = (await post('/api/v1/households', { regionId: t.tree.gridA2, address: '东村9号' }, workerA2)).json().id;
    const bad = await post(`/api/v1/handovers/${handover.id}/accept`, { householdId: foreign }, workerB);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('householdId');
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, workerA)).statusCode).toBe(403);
    expect((await post(`/api/v1/handovers/${handover.id}/refuse`, { reason: '不是我们' }, workerA)).statusCode).toBe(403);
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, workerA2)).statusCode).toBe(404);
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, officerC)).statusCode).toBe(404);
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, leaderB)).statusCode).toBe(200);
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, workerB)).statusCode).toBe(409);
    expect((await post(`/api/v1/handovers/${handover.id}/refuse`, { reason: '晚了' }, workerB)).statusCode).toBe(409);
    expect((await get(`/api/v1/persons/${person}`, workerB)).json().householdId).toBeNull();
  });

  it('a refusal keeps the person with the sender, and refusing twice is refused', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const handover = (await propose(person, t.tree.gridB)).json();
    expect((await post(`/api/v1/handovers/${handover.id}/refuse`, {}, workerB)).statusCode).toBe(400);
    const refused = await post(`/api/v1/handovers/${handover.id}/refuse`, { reason: '查无此人' }, workerB);
    expect(refused.json()).toMatchObject({ status: 'refused', refuseReason: '查无此人', person: null });
    expect((await post(`/api/v1/handovers/${handover.id}/refuse`, { reason: '查无此人' }, workerB)).statusCode).toBe(409);
    expect((await get(`/api/v1/persons/${person}`, workerA)).json().regionId).toBe(t.tree.gridA);
    // Refused, the person may be proposed again.
    expect((await propose(person, gridC)).statusCode).toBe(201);
  });

  it('of two concurrent accepts, one wins and the person moves once', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const handover = (await propose(person, t.tree.gridB)).json();
    const before = (await readCounters(t.app.db, [t.tree.gridB])).get(t.tree.gridB)?.persons ?? 0;
    const answers = await Promise.all([workerB, leaderB, secretaryB].map((h) => post(`/api/v1/handovers/${handover.id}/accept`, {}, h)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    expect((await readCounters(t.app.db, [t.tree.gridB])).get(t.tree.gridB)?.persons ?? 0).toBe(before + 1);
    const changes = await t.app.db.selectFrom('record_changes').select('version').where('entity_id', '=', person).execute();
    expect(changes).toHaveLength(1);
  });
});

describe('the inbox', () => {
  it('lists hand-overs in and out of a subtree with filters and a total; not beyond the caller’s region', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const handover = (await propose(person, gridC)).json();
    const incoming = (await get(`/api/v1/handovers?direction=in&status=proposed`, officerC)).json();
    expect(incoming.items.map((h: { id: string }) => h.id)).toContain(handover.id);
    expect(incoming.total.count).toBeGreaterThan(0);
    expect((await get(`/api/v1/handovers?direction=out`, officerC)).json().items).toEqual([]);
    const outgoing = (await get(`/api/v1/handovers?direction=out&q=${handover.number}`, workerA)).json();
    expect(outgoing.items.map((h: { id: string }) => h.id)).toEqual([handover.id]);
    expect((await get(`/api/v1/handovers?regionId=${t.tree.gridA}`, workerB)).statusCode).toBe(403);
    expect((await get(`/api/v1/handovers`, workerA2)).json().items.map((h: { id: string }) => h.id)).not.toContain(handover.id);
    expect((await get(`/api/v1/handovers/${handover.id}`, workerA2)).statusCode).toBe(404);
    expect((await get(`/api/v1/handovers/not-an-id`, workerA2)).statusCode).toBe(400);
  });
});

describe('an overdue hand-over', () => {
  it('becomes overdue and climbs the receiver’s tree like a rectification task; the job runs once an hour across instances', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const handover = (await propose(person, gridC)).json();
    await t.app.db.updateTable('handovers').set({ due_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', handover.id).execute();
    const events: string[] = [];
    const job = handoversHourlyJob({ publish: (e) => events.push(`${e.type}:${String(e.data?.regionId)}`) });
    const now = new Date();
    const ran = await Promise.all([tick(t.app.db, [job], now), tick(t.app.db, [job], now)]);
    expect(ran.flat()).toEqual(['handovers-hourly']);
    const row = (await get(`/api/v1/handovers/${handover.id}`, officerC)).json();
    expect(row).toMatchObject({ status: 'overdue', escalationLevel: 1, escalatedToRegionName: '南村' });
    expect(events).toEqual([`handover.escalated:${row.escalatedToRegionId}`]);
    // Not again within the interval; again after it, one level up.
    expect(await escalateOverdueHandovers(t.app.db, now, () => undefined)).toBe(0);
    // Four days on, the other tests' waiting hand-overs are past their 72 hours too.
    expect(await escalateOverdueHandovers(t.app.db, new Date(now.getTime() + 4 * 86_400_000), () => undefined)).toBeGreaterThanOrEqual(1);
    expect((await get(`/api/v1/handovers/${handover.id}`, officerC)).json()).toMatchObject({ escalationLevel: 2, escalatedToRegionId: t.tree.townC });
    expect((await get(`/api/v1/handovers?status=overdue&direction=in`, officerC)).json().items.map((h: { id: string }) => h.id)).toContain(handover.id);
    // Still answerable once overdue.
    expect((await post(`/api/v1/handovers/${handover.id}/accept`, {}, officerC)).statusCode).toBe(200);
  });

  it('takes its deadline from the county setting', async () => {
    const admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const patched = await t.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: admin, payload: { handoverDeadlineHours: 24 } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: admin, payload: { handoverDeadlineHours: 0 } })).statusCode).toBe(400);
    const person = await aPerson(t.tree.gridA, workerA);
    const body = (await propose(person, t.tree.gridB)).json();
    expect((new Date(body.dueAt).getTime() - new Date(body.proposedAt).getTime()) / 3_600_000).toBeCloseTo(24, 3);
  });
});

describe('departure to a place GridGuard does not cover', () => {
  it('records when and where to, stops counting the person, and refuses a second one or a future day', async () => {
    const person = await aPerson(t.tree.gridA, workerA);
    const before = (await readCounters(t.app.db, [t.tree.gridA])).get(t.tree.gridA)?.persons ?? 0;
    expect((await post(`/api/v1/persons/${person}/departure`, { leftOn: '2999-01-01', leftTo: '外省' }, workerA)).statusCode).toBe(422);
    const res = await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '浙江省杭州市' }, workerA);
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(`/api/v1/persons/${person}/departure`, workerA)).json()).toEqual({ personId: person, leftOn: today, leftTo: '浙江省杭州市', neighbour: null, notice: null });
    expect((await readCounters(t.app.db, [t.tree.gridA])).get(t.tree.gridA)?.persons ?? 0).toBe(before - 1);
    expect((await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '外省' }, workerA)).statusCode).toBe(409);
    expect((await propose(person, t.tree.gridB)).statusCode).toBe(422);
    expect((await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '外省' }, workerB)).statusCode).toBe(404);
  });
});
