// 离开辖区 to a neighbouring county (issue 19): a county GridGuard knows but does not run gets a
// 协查函 text back; a county of this installation is refused (a hand-over goes there); an unknown
// code is refused naming the field; the notice carries no full ID number and nothing is logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { loadConfig } from '../../config.ts';
import { DB_TRUE } from '../../db/dialect.ts';
import { nowIso } from '../../platform/ids.ts';
import { dayIn } from '../../platform/time.ts';
import { insertRegion } from '../regions/regions.queries.ts';

let t: TestApp;
let worker: Record<string, string>;
let today: string;
const ID_NUMBER = '110101199003078515';

beforeAll(async () => {
  t = await buildTestApp({ neighbourCounties: [{ code: '330783', name: '东阳市' }, { code: '339902', name: '邻县（也在本平台）' }] });
  today = dayIn(t.app.config.timeZone);
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  // A second county on this installation: a move there is a hand-over, never a departure.
  const now = nowIso();
  await insertRegion(t.app.db, { parent_id: null, level: 'county', code: '339902', name: '北县', depth: 1, active: DB_TRUE, created_at: now, updated_at: now }, '/');
});
afterAll(() => t.close());

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: worker, payload });
async function aPerson(name: string, idNumber?: string): Promise<string> {
  const res = await post('/api/v1/persons', { regionId: t.tree.gridA, name, category: 'resident', ...(idNumber ? { idNumber } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('a departure to a neighbouring county', () => {
  it('lists the counties GridGuard knows: this installation’s first, then the configured neighbours not among them', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/departures/neighbours', headers: worker });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { code: '339901', name: '示范县', onThisInstallation: true },
      { code: '339902', name: '北县', onThisInstallation: true },
      { code: '330783', name: '东阳市', onThisInstallation: false },
    ]);
  });

  it('answers a known neighbour with the 协查函 to send: who, when, where to, the control they were under, masked', async () => {
    const person = await aPerson('外出甲', ID_NUMBER);
    const order = await post('/api/v1/quarantines', { personId: person, startOn: today, reason: '密接' });
    expect(order.statusCode, order.body).toBe(201);
    const res = await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '东阳市横店镇', toCountyCode: '330783' });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json<{ neighbour: unknown; notice: string }>();
    expect(body.neighbour).toEqual({ code: '330783', name: '东阳市' });
    expect(body.notice).toContain('东阳市疫情防控工作指挥部');
    expect(body.notice).toContain('外出甲');
    expect(body.notice).toContain(`于 ${today} 离开我县，前往贵县东阳市横店镇`);
    expect(body.notice).toContain(`隔离单号 ${order.json<{ number: string }>().number}`);
    expect(body.notice).toContain('城关镇东村东村第一网格');
    expect(body.notice).not.toContain(ID_NUMBER);
    expect(body.notice).toMatch(/身份证号 110101\*+8515/);
    const audit = await t.app.db.selectFrom('audit_log').select('details').where('entity_id', '=', person).where('action', '=', 'depart').executeTakeFirstOrThrow();
    expect(String(audit.details)).toContain('330783');
    expect(String(audit.details)).not.toContain('外出甲');
  });

  it('refuses a county of this installation (hand over instead), the person’s own county and an unknown code — nothing saved', async () => {
    const person = await aPerson('外出乙');
    for (const [code, words] of [['339902', 'hand the person over'], ['339901', 'own county'], ['330700', 'not a neighbouring county']] as const) {
      const res = await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '某地', toCountyCode: code });
      expect(res.statusCode, code).toBe(422);
      expect(res.json().error.details).toEqual([{ path: 'toCountyCode', message: expect.stringContaining(words) }]);
    }
    expect((await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '某地', toCountyCode: '33078' })).statusCode).toBe(400);
    const stored = await t.app.db.selectFrom('persons').select('left_on').where('id', '=', person).executeTakeFirstOrThrow();
    expect(stored.left_on).toBeNull();
    // Without a county: a plain departure, no notice.
    const plain = await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '外省' });
    expect(plain.statusCode, plain.body).toBe(201);
    expect(plain.json()).toMatchObject({ neighbour: null, notice: null });
  });

  it('reads the 协查函 again later as it was sent (the colour the departure ended, the order in force that day), audited; a plain departure is not', async () => {
    const person = await aPerson('外出丙');
    const order = await post('/api/v1/quarantines', { personId: person, startOn: today, reason: '密接' });
    expect(order.statusCode, order.body).toBe(201);
    const sent = await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '东阳市吴宁街道', toCountyCode: '330783' });
    expect(sent.statusCode, sent.body).toBe(201);
    const notice = sent.json<{ notice: string }>().notice;
    // Under quarantine, coloured yellow by the default rule when it left; green since (a departed person is not coloured).
    expect(notice).toContain('风险赋码为黄码');
    expect(await t.app.db.selectFrom('person_risk').select('colour').where('person_id', '=', person).where('colour', '!=', 'green').executeTakeFirst()).toBeUndefined();
    const later = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person}/departure`, headers: worker });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toEqual({ personId: person, leftOn: today, leftTo: '东阳市吴宁街道', neighbour: { code: '330783', name: '东阳市' }, notice });
    const reads = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', person).where('action', '=', 'read_departure').execute();
    expect(reads).toHaveLength(1);
    // Releasing the order later does not change the letter: it names the order in force on the day they left.
    const released = await post(`/api/v1/quarantines/${order.json<{ id: string }>().id}/release`, { note: '期满' });
    expect(released.statusCode, released.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person}/departure`, headers: worker })).json().notice).toBe(notice);
    // The person's history shows what the departure changed, by field.
    const history = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person}/history`, headers: worker });
    expect(history.statusCode, history.body).toBe(200);
    const fields = history.json<{ items: { fields: { field: string; new?: unknown; old?: unknown }[] }[] }>().items[0]?.fields;
    expect(fields).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'leftTo', new: '东阳市吴宁街道' }),
      expect.objectContaining({ field: 'toCountyCode', new: '330783' }),
      expect.objectContaining({ field: 'riskColour', old: 'yellow', new: null }),
    ]));

    const plain = await aPerson('外出丁');
    expect((await post(`/api/v1/persons/${plain}/departure`, { leftOn: today, leftTo: '外省' })).statusCode).toBe(201);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${plain}/departure`, headers: worker });
    expect(read.json()).toEqual({ personId: plain, leftOn: today, leftTo: '外省', neighbour: null, notice: null });
    expect(await t.app.db.selectFrom('audit_log').select('id').where('entity_id', '=', plain).where('action', '=', 'read_departure').executeTakeFirst()).toBeUndefined();
  });

  it('shows the letter only inside the person’s subtree', async () => {
    const person = await aPerson('外出戊');
    expect((await post(`/api/v1/persons/${person}/departure`, { leftOn: today, leftTo: '东阳市', toCountyCode: '330783' })).statusCode).toBe(201);
    const other = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person}/departure`, headers: other })).statusCode).toBe(404);
  });

  it('reads the neighbours from GRIDGUARD_NEIGHBOUR_COUNTIES and refuses a malformed list', () => {
    expect(loadConfig({ GRIDGUARD_NEIGHBOUR_COUNTIES: '330782:义乌市, 330783:东阳市' }).neighbourCounties).toEqual([{ code: '330782', name: '义乌市' }, { code: '330783', name: '东阳市' }]);
    expect(loadConfig({}).neighbourCounties).toEqual([]);
    expect(() => loadConfig({ GRIDGUARD_NEIGHBOUR_COUNTIES: '33078:义乌市' })).toThrow(/6-digit county code/);
  });
});
