// "Already registered in another region" stays the answer (it is how a worker learns to ask for a
// transfer), but every such answer is kept, and an account that asks about more than a handful
// of other regions' people within the hour raises one alert for the auditors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import { ENUMERATION_ALERT, ENUMERATION_SUSPECTED, OUT_OF_REGION_ANSWER } from '../../../shared/audit.ts';

type Headers = Record<string, string>;
let t: TestApp;
let registrarB: Headers;
/** ID numbers of people registered in grid B (another village than grid A). */
const inGridB: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  registrarB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  for (let i = 0; i < 12; i++) inGridB.push(await aPerson(t.tree.gridB, registrarB));
});
afterAll(() => t.close());

async function aPerson(regionId: number, headers: Headers): Promise<string> {
  const idNumber = anIdNumber('19800101');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId, name: '测试', idNumber, category: 'resident' } });
  expect(res.statusCode, res.body).toBe(201);
  return idNumber;
}
const register = (headers: Headers, idNumber: string, regionId = t.tree.gridA) =>
  t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId, name: '再登记', idNumber, category: 'floating' } });

async function entriesOf(userId: string, action: string) {
  return t.app.db.selectFrom('audit_log').select(['entity', 'entity_id', 'region_id', 'details']).where('user_id', '=', userId).where('action', '=', action).execute();
}

describe('answers about other regions’ people', () => {
  it('keeps telling a worker “in another region”, and the sixth distinct person raises exactly one alert', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    for (const [i, idNumber] of inGridB.slice(0, ENUMERATION_ALERT.people).entries()) {
      const res = await register(worker.headers, idNumber);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'idNumber', message: 'already registered in another region' }] });
      expect(res.body).not.toContain(idNumber);
      // The same person again is not another person.
      if (i === 0) expect((await register(worker.headers, idNumber)).statusCode).toBe(409);
    }
    expect(await entriesOf(worker.user.id, ENUMERATION_SUSPECTED)).toEqual([]);
    const sixth = await register(worker.headers, inGridB[ENUMERATION_ALERT.people] ?? '');
    expect(sixth.statusCode).toBe(409);
    const alerts = await entriesOf(worker.user.id, ENUMERATION_SUSPECTED);
    expect(alerts).toEqual([{ entity: 'user', entity_id: worker.user.id, region_id: t.tree.gridA, details: expect.any(String) }]);
    expect(JSON.parse(alerts[0]?.details ?? '{}')).toEqual({ people: 6, minutes: 60, limit: 5 });
    // Each answer is kept with the person and the region it named, although nothing was saved.
    const answers = await entriesOf(worker.user.id, OUT_OF_REGION_ANSWER);
    expect(answers).toHaveLength(7);
    expect(new Set(answers.map((a) => a.region_id))).toEqual(new Set([t.tree.gridB]));
    expect(await t.app.db.selectFrom('persons').select('id').where('name', '=', '再登记').execute()).toEqual([]);
    // More lookups in the same hour do not raise it again.
    for (const idNumber of inGridB.slice(ENUMERATION_ALERT.people + 1, ENUMERATION_ALERT.people + 4)) expect((await register(worker.headers, idNumber)).statusCode).toBe(409);
    expect(await entriesOf(worker.user.id, ENUMERATION_SUSPECTED)).toHaveLength(1);
  });

  it('does not count duplicates in the caller’s own region, nor one other person asked about many times', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const own: string[] = [];
    for (let i = 0; i < 8; i++) own.push(await aPerson(t.tree.gridA, worker.headers));
    for (const idNumber of own) {
      const res = await register(worker.headers, idNumber);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details[0].message).toMatch(/^already registered: /);
    }
    for (let i = 0; i < 8; i++) expect((await register(worker.headers, inGridB[0] ?? '')).statusCode).toBe(409);
    expect(await entriesOf(worker.user.id, OUT_OF_REGION_ANSWER)).toHaveLength(8);
    expect(await entriesOf(worker.user.id, ENUMERATION_SUSPECTED)).toEqual([]);
  });

  it('raises one alert when the lookups arrive all at once', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const answers = await Promise.all(inGridB.slice(0, 10).map((idNumber) => register(worker.headers, idNumber)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(10).fill(409));
    expect(await entriesOf(worker.user.id, OUT_OF_REGION_ANSWER)).toHaveLength(10);
    expect(await entriesOf(worker.user.id, ENUMERATION_SUSPECTED)).toHaveLength(1);
  });

  it('counts an edit to another region’s ID number and an import’s rows refused as registered elsewhere', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const mine = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker.headers, payload: { regionId: t.tree.gridA, name: '本网格', category: 'resident' } });
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${mine.json().id}`, headers: worker.headers, payload: { baseVersion: 1, idNumber: inGridB[11] } });
    expect(edit.statusCode).toBe(409);
    expect(await entriesOf(worker.user.id, OUT_OF_REGION_ANSWER)).toHaveLength(1);

    const header = ['地址', '姓名', '身份证号', '手机号', '人员类别'];
    const rows = inGridB.slice(0, 6).map((idNumber, i) => [`东村${i + 1}号`, `导入${i}`, idNumber, aMobile(900 + i), '流动人口']);
    const body = multipart(Buffer.from([header, ...rows].map((r) => r.join(',')).join('\r\n')), { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'people.csv');
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...worker.headers, ...body.headers }, payload: body.payload });
    expect(started.statusCode, started.body).toBe(202);
    const until = Date.now() + 60_000;
    let job = { status: 'queued', rejectedCount: 0 };
    while (!['done', 'failed'].includes(job.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 25));
      job = (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${started.json().id}`, headers: worker.headers })).json();
    }
    expect(job).toMatchObject({ status: 'done', rejectedCount: 6 });
    expect(await entriesOf(worker.user.id, OUT_OF_REGION_ANSWER)).toHaveLength(7);
    expect(await entriesOf(worker.user.id, ENUMERATION_SUSPECTED)).toHaveLength(1);
  });

  it('shows the alert to an auditor filtering the audit log by it', async () => {
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=${ENUMERATION_SUSPECTED}`, headers: auditor });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { action: string; entity: string; details: { people: number } | null }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((e) => e.action === ENUMERATION_SUSPECTED && e.entity === 'user' && (e.details?.people ?? 0) > ENUMERATION_ALERT.people)).toBe(true);
  });
});
