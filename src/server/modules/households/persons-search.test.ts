// 人员查询: names (one character, a pair, longer), addresses, whole ID and phone numbers, masked,
// inside the caller's subtree only, kept in step with renames and moves, paged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let workerA: Record<string, string>;
let workerB: Record<string, string>;
let county: Record<string, string>;
let homeA: string;
let homeB: string;

const search = (payload: object, headers = county) => t.app.inject({ method: 'POST', url: '/api/v1/persons/search', headers, payload });
const names = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((p) => p.name).sort();

beforeAll(async () => {
  t = await buildTestApp();
  workerA = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  county = (await signIn(t.app, 'commander', t.tree.county)).headers;
  const household = async (headers: Record<string, string>, regionId: number, address: string) =>
    (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId, address } })).json().id as string;
  homeA = await household(workerA, t.tree.gridA, '青石镇东河村3组12号');
  homeB = await household(workerB, t.tree.gridB, '青石镇西山村7组5号');
  const person = (headers: Record<string, string>, householdId: string, name: string, extra: object = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { householdId, name, category: 'resident', idNumber: anIdNumber(), ...extra } });
  for (const name of ['王小明', '王芳', '李王刚', '张三']) expect((await person(workerA, homeA, name)).statusCode).toBe(201);
  for (const name of ['王大山', '赵六']) expect((await person(workerB, homeB, name)).statusCode).toBe(201);
});
afterAll(() => t.close());

describe('person search', () => {
  it('finds names containing one character, a pair, or a longer text, and says it searched names', async () => {
    const one = await search({ q: '王' });
    expect(one.statusCode).toBe(200);
    expect(one.json().matchedBy).toBe('name');
    expect(names(one)).toEqual(['李王刚', '王大山', '王小明', '王芳']);
    expect(names(await search({ q: '小明' }))).toEqual(['王小明']);
    expect(names(await search({ q: '王小明' }))).toEqual(['王小明']);
    expect(names(await search({ q: '王明' }))).toEqual([]);
  });

  it('shows only the caller’s subtree', async () => {
    expect(names(await search({ q: '王' }, workerA))).toEqual(['李王刚', '王小明', '王芳']);
    expect(names(await search({ q: '王' }, workerB))).toEqual(['王大山']);
    const outside = await search({ q: '王', regionId: t.tree.gridB }, workerA);
    expect(outside.statusCode).toBe(403);
  });

  it('finds the people of households by a part of the address, with the address in each hit', async () => {
    const res = await search({ q: '东河村3组' });
    expect(res.json().matchedBy).toBe('address');
    expect(names(res)).toEqual(['张三', '李王刚', '王小明', '王芳']);
    expect(res.json().items[0].address).toBe('青石镇东河村3组12号');
    expect(names(await search({ q: '7组5号' }))).toEqual(['王大山', '赵六']);
    expect(names(await search({ q: '青石', by: 'address' }))).toHaveLength(6);
    expect(names(await search({ q: '青石', by: 'address' }, workerB))).toEqual(['王大山', '赵六']);
  });

  it('finds a whole ID or mobile number exactly by its keyed hash, answers it masked and never echoes it', async () => {
    const idNumber = anIdNumber('19851203');
    const phone = aMobile();
    const created = (await t.app.inject({
      method: 'POST', url: '/api/v1/persons', headers: workerA, payload: { householdId: homeA, name: '钱七', category: 'tenant', idNumber, phone },
    })).json();
    const byId = await search({ q: idNumber.toLowerCase() });
    expect(byId.json()).toMatchObject({ matchedBy: 'idNumber', items: [{ id: created.id, name: '钱七' }] });
    expect(byId.body).not.toContain(idNumber.slice(6, 14));
    const byPhone = await search({ q: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}` });
    expect(byPhone.json()).toMatchObject({ matchedBy: 'phone', items: [{ id: created.id }] });
    expect(byPhone.body).not.toContain(phone);
    expect((await search({ q: idNumber }, workerB)).json().items).toEqual([]);
    const bad = await search({ q: `${idNumber.slice(0, 17)}X${idNumber.slice(0, 1)}`, by: 'idNumber' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('q');
    expect(bad.body).not.toContain(idNumber.slice(6, 14));
  });

  it('follows a rename and a household’s new address', async () => {
    const zhang = (await search({ q: '张三' })).json().items[0];
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${zhang.id}`, headers: workerA, payload: { baseVersion: zhang.version, name: '张三丰' } });
    expect(renamed.statusCode).toBe(200);
    expect(names(await search({ q: '三丰' }))).toEqual(['张三丰']);
    expect(names(await search({ q: '张三' }))).toEqual(['张三丰']);
    const home = (await t.app.inject({ method: 'GET', url: `/api/v1/households/${homeB}`, headers: workerB })).json();
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${homeB}`, headers: workerB, payload: { baseVersion: home.version, address: '青石镇西山村8组1号' } });
    expect(moved.statusCode).toBe(200);
    expect(names(await search({ q: '7组5号' }))).toEqual([]);
    expect(names(await search({ q: '8组1号' }))).toEqual(['王大山', '赵六']);
  });

  it('pages a long answer with a cursor, no one twice and no one left out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await search({ q: '青石', by: 'address', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((p: { id: string }) => p.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const named: string[] = [];
    cursor = null;
    do {
      const res = await search({ q: '王', limit: 1, ...(cursor ? { cursor } : {}) });
      named.push(...res.json().items.map((p: { name: string }) => p.name));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(named.sort()).toEqual(['李王刚', '王大山', '王小明', '王芳']);
  });

  it('lets the read-only auditor search, and refuses a one-character address', async () => {
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    expect((await search({ q: '赵六' }, auditor)).json().items).toHaveLength(1);
    const short = await search({ q: '青', by: 'address' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('q');
  });
});
