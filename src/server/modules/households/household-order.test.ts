// Households list in natural order of their dwelling (issue 15 item 11): 1-1-101 before
// 1-1-1001, 2幢 before 10幢, page after page, on both databases; and a form prefilled from a
// household keeps the words of its address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { dwellingSortKey, formatDwelling, formatUnitLine } from '../../../shared/address.ts';
import { keyUnsortedHouseholds } from './sort-keys.ts';

let t: TestApp;
let worker: Record<string, string>;
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: worker, payload });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: worker });

beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
});
afterAll(() => t.close());

describe('addresses', () => {
  it('adds 幢/单元/室 only where the value lacks it', () => {
    expect(formatUnitLine({ building: '1幢', unit: '1单元', room: '101室' })).toBe('1幢 1单元 101室');
    expect(formatUnitLine({ building: '1', unit: '1', room: '101' })).toBe('1幢 1单元 101室');
    expect(formatUnitLine({ building: '3栋', unit: null, room: '502' })).toBe('3栋 502室');
    expect(formatUnitLine({ building: '1', unit: '2', room: '301' }, 'en')).toBe('Bldg 1 Unit 2 Room 301');
    expect(formatUnitLine({ building: '1幢', unit: null, room: null }, 'en')).toBe('1幢');
    expect(formatDwelling({ address: '新村路 8 号', building: '2', unit: '1', room: '302' })).toBe('新村路 8 号 2幢 1单元 302室');
    expect(formatDwelling({ address: '东河村3组5号' })).toBe('东河村3组5号');
  });

  it('keys dwellings so that text order is natural order', () => {
    const rooms = ['1-1-1001', '1-1-101', '1-1-201', '１-1-102'];
    const sorted = [...rooms].sort((a, b) => (dwellingSortKey({ address: a }) < dwellingSortKey({ address: b }) ? -1 : 1));
    expect(sorted).toEqual(['1-1-101', '１-1-102', '1-1-201', '1-1-1001']);
    expect(dwellingSortKey({ address: '花园', building: '2' }) < dwellingSortKey({ address: '花园', building: '10' })).toBe(true);
    expect(dwellingSortKey({ address: '8号' }) < dwellingSortKey({ address: '8号院' })).toBe(true);
  });
});

describe('the household list', () => {
  it('pages in natural order of building, unit and room', async () => {
    const made: string[] = [];
    for (const [building, room] of [['10', '101'], ['2', '1001'], ['2', '101'], ['2', '201'], ['1', '1101']]) {
      const res = await post('/api/v1/households', { regionId: t.tree.gridA, address: '锦绣花园排序测试', building, unit: '1', room });
      expect(res.statusCode, res.body).toBe(201);
      made.push(res.json().id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/households?limit=2&q=${encodeURIComponent('排序测试')}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { building: string; room: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((h) => `${h.building}-${h.room}`));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['1-1101', '2-101', '2-201', '2-1001', '10-101']);
  });

  it('re-keys a household whose room changes, and keys rows written without a key', async () => {
    const res = await post('/api/v1/households', { regionId: t.tree.gridA, address: '重排测试', room: '9' });
    const h = res.json() as { id: string; version: number };
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${h.id}`, headers: worker, payload: { baseVersion: h.version, room: '1001' } });
    expect(patched.statusCode, patched.body).toBe(200);
    const row = await t.app.db.selectFrom('households').select('sort_key').where('id', '=', h.id).executeTakeFirstOrThrow();
    expect(row.sort_key).toBe(dwellingSortKey({ address: '重排测试', room: '1001' }));
    await t.app.db.updateTable('households').set({ sort_key: null }).where('id', '=', h.id).execute();
    expect(await keyUnsortedHouseholds(t.app.db)).toBe(1);
    const again = await t.app.db.selectFrom('households').select('sort_key').where('id', '=', h.id).executeTakeFirstOrThrow();
    expect(again.sort_key).toBe(row.sort_key);
  });

  it('refuses a cursor it did not issue', async () => {
    const bogus = Buffer.from(JSON.stringify(['no-separator'])).toString('base64url');
    const res = await get(`/api/v1/households?cursor=${bogus}`);
    expect(res.statusCode).toBe(400);
  });
});
