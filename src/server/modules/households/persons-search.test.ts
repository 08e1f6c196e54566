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

describe('the search’s total, and the lists’ q= read as the search reads it', () => {
  const get = (url: string, headers = county) => t.app.inject({ method: 'GET', url, headers });
  const listNames = (res: { json(): { items: { name: string }[] } }) => res.json().items.map((p) => p.name).sort();
  const phone = aMobile();
  beforeAll(async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: workerB, payload: { householdId: homeB, name: '孙八', category: 'resident', phone } });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('counts every match on the first page only, inside the caller’s subtree', async () => {
    const first = await search({ q: '王', limit: 1 });
    expect(first.json().total).toEqual({ count: 4, capped: false });
    const next = await search({ q: '王', limit: 1, cursor: first.json().nextCursor });
    expect(next.json().total).toBeUndefined();
    expect((await search({ q: '王' }, workerB)).json().total).toEqual({ count: 1, capped: false });
    expect((await search({ q: '青石', by: 'address', limit: 2 })).json().total).toEqual({ count: 8, capped: false });
    expect((await search({ q: '青石', by: 'address' }, workerA)).json().total).toEqual({ count: 5, capped: false });
    expect((await search({ q: '东河村3组12号' })).json().total).toEqual({ count: 5, capped: false });
    expect((await search({ q: phone })).json()).toMatchObject({ matchedBy: 'phone', total: { count: 1, capped: false } });
    expect((await search({ q: phone }, workerA)).json()).toMatchObject({ items: [], total: { count: 0, capped: false } });
  });

  it('GET /persons?q= finds a whole mobile number by its keyed hash, masked, in the subtree only', async () => {
    const res = await get(`/api/v1/persons?q=${encodeURIComponent(`${phone.slice(0, 3)} ${phone.slice(3)}`)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(listNames(res)).toEqual(['孙八']);
    expect(res.json().total).toEqual({ count: 1, capped: false });
    expect(res.body).not.toContain(phone);
    expect(res.json().items[0].phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect((await get(`/api/v1/persons?q=${phone}`, workerA)).json().items).toEqual([]);
  });

  it('GET /persons?q= finds the people of households by a part of the address, with the other filters', async () => {
    const east = await get(`/api/v1/persons?q=${encodeURIComponent('东河村3组')}`);
    expect(east.statusCode, east.body).toBe(200);
    expect(listNames(east)).toEqual(['张三丰', '李王刚', '王小明', '王芳', '钱七']);
    expect(east.json().total).toEqual({ count: 5, capped: false });
    expect(listNames(await get(`/api/v1/persons?q=${encodeURIComponent('青石镇')}&category=tenant`))).toEqual(['钱七']);
    expect(listNames(await get(`/api/v1/persons?q=${encodeURIComponent('青石镇')}`, workerB))).toEqual(['孙八', '王大山', '赵六']);
    expect(listNames(await get(`/api/v1/persons?q=${encodeURIComponent('东河村3组')}`, workerB))).toEqual([]);
    // Paged: every match once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/persons?limit=2&q=${encodeURIComponent('青石镇')}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.json().items.map((p: { id: string }) => p.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(8);
    expect(seen).toHaveLength(8);
    // An address of one character has no term: refused, naming q, as the search refuses it.
    const short = await get('/api/v1/persons?q=3');
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details[0].path).toBe('q');
  });

  it('GET /households?q= finds a part of the address by the term index, one character by each row, in the subtree only', async () => {
    const addresses = async (q: string, headers = county) => {
      const res = await get(`/api/v1/households?q=${encodeURIComponent(q)}`, headers);
      expect(res.statusCode, res.body).toBe(200);
      return { list: (res.json().items as { address: string }[]).map((h) => h.address).sort(), total: res.json().total };
    };
    expect(await addresses('东河村')).toEqual({ list: ['青石镇东河村3组12号'], total: { count: 1, capped: false } });
    expect((await addresses('青石')).list).toEqual(['青石镇东河村3组12号', '青石镇西山村8组1号']);
    expect((await addresses('青石', workerB)).list).toEqual(['青石镇西山村8组1号']);
    expect((await addresses('西')).list).toEqual(['青石镇西山村8组1号']);
    expect((await addresses('8 组 1 号')).list).toEqual(['青石镇西山村8组1号']);
    expect((await addresses('东河村9组')).list).toEqual([]);
    // Hostile text is only text: LIKE's marks and quotes match nothing and break nothing.
    for (const odd of ['%', '_%_', "'; drop table households; --", '\\']) expect((await addresses(odd)).list).toEqual([]);
  });
});
