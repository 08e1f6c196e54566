// Enterprises bringing workers back (复工复产), on SQLite and PostgreSQL: a town issues a code,
// the enterprise types in or uploads its workers on the public side (a list of kind enterprise,
// routed like any other, each later submission adding only new workers) and reads back its own
// workers' state, masked; bad, expired and withdrawn codes, hostile bodies, scope and the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import { csvOf, settledList } from '../../../../test/support/verification.ts';

let t: TestApp;
type H = Record<string, string>;
let officer: H;
let code: string;
let codeId: string;
const workerA = { name: '张返岗', idNumber: anIdNumber('19900101'), phone: aMobile(1001), origin: '湖北武汉', arrivedOn: '2026-01-02', address: '东村第一网格3号' };
const workerB = { name: '李返岗', idNumber: anIdNumber('19910202'), phone: aMobile(1002), origin: '广东深圳', arrivedOn: '2026-01-03', address: '西村第一网格5号' };
const workerC = { name: '王返岗', idNumber: anIdNumber('19920303'), phone: aMobile(1003), origin: '浙江杭州', arrivedOn: '2026-01-04', address: '东村第二网格7号' };

const pub = (path: string, payload: object | string, headers: H = {}) => t.app.inject({ method: 'POST', url: `/api/v1/public/enterprises/${path}`, payload, headers: typeof payload === 'string' ? { 'content-type': 'application/json', ...headers } : headers });
const listCount = async () => Number((await t.app.db.selectFrom('verification_lists').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const issue = (payload: object, headers = officer) => t.app.inject({ method: 'POST', url: '/api/v1/enterprise-codes', headers, payload });

beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 50 });
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
});
afterAll(() => t.close());

describe('registration codes (staff)', () => {
  it('are issued by a town, shown once, listed without the code', async () => {
    const res = await issue({ regionId: t.tree.townA, enterpriseName: '城关电子厂', validDays: 10 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    ({ code, id: codeId } = res.json());
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(res.json()).toMatchObject({ status: 'active', codeHint: code.slice(-4), enterpriseName: '城关电子厂' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/enterprise-codes', headers: officer });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(code);
    const stored = await t.app.db.selectFrom('enterprise_codes').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(code.replace(/-/g, ''));
  });

  it('refuses other roles, other towns, a region that is not a town and odd input', async () => {
    expect((await issue({ regionId: t.tree.villageA, enterpriseName: 'x' }, (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers)).statusCode).toBe(403);
    expect((await issue({ regionId: t.tree.townA, enterpriseName: 'x' }, (await signIn(t.app, 'town_officer', t.tree.townC)).headers)).statusCode).toBe(403);
    const village = await issue({ regionId: t.tree.villageA, enterpriseName: 'x' });
    expect(village.statusCode).toBe(422);
    expect(village.json().error.details[0].path).toBe('regionId');
    expect((await issue({ regionId: t.tree.townA, enterpriseName: '' })).statusCode).toBe(400);
    expect((await issue({ regionId: t.tree.townA, enterpriseName: 'x', validDays: 1000 })).statusCode).toBe(400);
    expect((await issue({ regionId: `${t.tree.townA}`, enterpriseName: 'x' })).statusCode).toBe(400);
    const otherTown = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/enterprise-codes/${codeId}/revoke`, headers: otherTown })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/enterprise-codes', headers: otherTown })).json().items).toHaveLength(0);
  });
});

describe('the public side', () => {
  let firstList: string;

  it('takes typed-in workers as a list of kind enterprise over the town, routed like any other', async () => {
    const before = await pub('session', { code: code.toLowerCase().replace(/-/g, ' ') });
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ enterpriseName: '城关电子厂', townName: '城关镇', lists: [], workers: [] });
    const res = await pub('workers', { code, workers: [workerA, workerB] });
    expect(res.statusCode, res.body).toBe(202);
    firstList = res.json().listId;
    const list = await settledList(t.app, officer, firstList);
    expect(list).toMatchObject({ status: 'done', kind: 'enterprise', regionId: t.tree.townA, tasks: 2, flagged: 0 });
    const tasks = (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${firstList}`, headers: officer })).json().items;
    expect(tasks.find((x: { name: string }) => x.name === '张返岗')).toMatchObject({ regionId: t.tree.gridA, routedBy: 'address' });
    expect(tasks.find((x: { name: string }) => x.name === '李返岗')).toMatchObject({ regionId: t.tree.gridB });
  });

  it('shows the enterprise its own workers’ state, masked', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const task = (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${firstList}`, headers: worker })).json().items[0];
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/outcome`, headers: worker, payload: { outcome: 'present_controlled' } })).statusCode).toBe(200);
    const view = await pub('session', { code });
    expect(view.statusCode).toBe(200);
    const body = view.json();
    expect(body.workers).toHaveLength(2);
    expect(body.workers.find((w: { number: string }) => w.number === task.number)).toMatchObject({ name: '张**', status: 'checked', outcome: 'present_controlled' });
    for (const secret of [workerA.idNumber, workerB.idNumber, workerA.phone, '返岗', workerA.address]) expect(view.body).not.toContain(secret);
    // Another enterprise of the same town sees none of them.
    const other = (await issue({ regionId: t.tree.townA, enterpriseName: '另一家厂' })).json().code;
    expect((await pub('session', { code: other })).json()).toMatchObject({ enterpriseName: '另一家厂', workers: [], lists: [] });
  });

  it('adds only workers not sent before, over every earlier submission', async () => {
    const second = await pub('workers', { code, workers: [workerB, workerC] });
    expect(second.statusCode, second.body).toBe(202);
    expect(await settledList(t.app, officer, second.json().listId)).toMatchObject({ status: 'done', total: 2, tasks: 1 });
    const third = await pub('workers', { code, workers: [workerA, workerC] });
    expect(await settledList(t.app, officer, third.json().listId)).toMatchObject({ status: 'done', total: 2, tasks: 0 });
    expect((await pub('session', { code })).json().workers).toHaveLength(3);
  });

  it('takes an uploaded file, and refuses at once a file without a name or ID-number column', async () => {
    const file = csvOf([['姓名', '身份证号', '手机号', '现住址'], ['赵上传', anIdNumber('19930404'), aMobile(1004), '东村第一网格9号']]);
    const body = multipart(file, { code }, 'workers.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/enterprises/upload', headers: body.headers, payload: body.payload });
    expect(res.statusCode, res.body).toBe(202);
    expect(await settledList(t.app, officer, res.json().listId)).toMatchObject({ status: 'done', tasks: 1 });
    const lists = await listCount();
    const bad = multipart(csvOf([['工号', '车间'], ['1', '二车间']]), { code }, 'workers.csv');
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/public/enterprises/upload', headers: bad.headers, payload: bad.payload });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toContain('工号, 车间');
    const wrongCode = multipart(file, { code: 'AAAA-BBBB-CCCC-DDDD' }, 'workers.csv');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/public/enterprises/upload', headers: wrongCode.headers, payload: wrongCode.payload })).statusCode).toBe(404);
    const noCode = multipart(file, {}, 'workers.csv');
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/public/enterprises/upload', headers: noCode.headers, payload: noCode.payload });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details[0].path).toBe('code');
    expect(await listCount()).toBe(lists);
  });

  it('names the field of a bad worker, never echoing the number, and saves nothing', async () => {
    const lists = await listCount();
    const badId = await pub('workers', { code, workers: [workerA, { ...workerB, idNumber: '110101199001011234' }] });
    expect(badId.statusCode).toBe(422);
    expect(badId.json().error.details[0].path).toBe('workers.1.idNumber');
    expect(badId.body).not.toContain('110101199001011234');
    const badPhone = await pub('workers', { code, workers: [{ ...workerA, phone: '12345' }] });
    expect(badPhone.json().error.details[0].path).toBe('workers.0.phone');
    const future = await pub('workers', { code, workers: [{ ...workerA, arrivedOn: '2099-01-01' }] });
    expect(future.json().error.details[0].path).toBe('workers.0.arrivedOn');
    expect((await pub('workers', { code, workers: [{ ...workerA, extra: 1 }] })).statusCode).toBe(400);
    expect((await pub('workers', { code, workers: [] })).statusCode).toBe(400);
    expect((await pub('workers', { code, workers: Array.from({ length: 201 }, () => workerA) })).statusCode).toBe(400);
    expect((await pub('workers', { code, workers: 'all' })).statusCode).toBe(400);
    expect((await pub('workers', '{"code": "x", "workers": [')).statusCode).toBe(400);
    expect((await pub('workers', { code, workers: [workerA], pad: 'x'.repeat(300_000) })).statusCode).toBe(413);
    expect(await listCount()).toBe(lists);
  });

  it('answers one same 404 for a malformed, unknown, expired or withdrawn code', async () => {
    const expiring = (await issue({ regionId: t.tree.townA, enterpriseName: '过期厂' })).json();
    await t.app.db.updateTable('enterprise_codes').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', expiring.id).execute();
    const withdrawn = (await issue({ regionId: t.tree.townA, enterpriseName: '撤销厂' })).json();
    const revoke = await t.app.inject({ method: 'POST', url: `/api/v1/enterprise-codes/${withdrawn.id}/revoke`, headers: officer });
    expect(revoke.json().status).toBe('revoked');
    const answers = [];
    for (const c of ['nonsense', 'AAAA-BBBB-CCCC-DDDD', expiring.code, withdrawn.code, "' or 1=1 --"]) {
      const res = await pub('session', { code: c });
      expect(res.statusCode, c).toBe(404);
      answers.push(res.json().error.message);
      expect((await pub('workers', { code: c, workers: [workerA] })).statusCode).toBe(404);
    }
    expect(new Set(answers).size).toBe(1);
    const codes = (await t.app.inject({ method: 'GET', url: '/api/v1/enterprise-codes', headers: officer })).json().items;
    expect(codes.find((c: { id: string }) => c.id === expiring.id).status).toBe('expired');
    expect(codes.find((c: { id: string }) => c.id === codeId)).toMatchObject({ lists: 4, workers: 4 });
  });
});

describe('the rate limit', () => {
  it('limits the public requests per address, code guesses included', async () => {
    const small = await buildTestApp({ publicLimitScale: 0.05 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await small.app.inject({ method: 'POST', url: '/api/v1/public/enterprises/session', payload: { code: `AAAA-BBBB-CCCC-DDD${i}` } })).statusCode);
      expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
      expect(statuses[4]).toBe(429);
    } finally {
      await small.close();
    }
  });
});
