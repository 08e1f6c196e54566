// 导出 Excel of the lists (list-export.ts): an export holds exactly the list's rows for the same
// filters, masked unless revealed with a purpose (audited with the row count), within the
// caller's subtree, and a filter the list refuses is refused by the export, naming it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../test/support/people.ts';
import { firstSheetRows } from '../../../test/support/xlsx.ts';

let t: TestApp;
// More than one page of the list (500) in village A, so the export walks the cursor.
const VILLAGE_A_PEOPLE = 520;

beforeAll(async () => {
  t = await buildTestApp();
  let n = 0;
  for (const [grid, count] of [[t.tree.gridA, VILLAGE_A_PEOPLE - 3], [t.tree.gridA2, 3], [t.tree.gridB, 4]] as const) {
    const headers = (await signIn(t.app, 'grid_worker', grid)).headers;
    const hh = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId: grid, address: '新村路8号', isRental: true, landlordName: '房东', landlordPhone: aMobile(7) } })).json();
    for (let i = 0; i < count; i++) {
      n += 1;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/persons',
        headers,
        payload: { householdId: hh.id, name: `人员${String(n).padStart(4, '0')}`, idNumber: anIdNumber(), phone: aMobile(n), category: n % 3 === 0 ? 'tenant' : 'resident', arrivedOn: '2026-11-30' },
      });
      expect(res.statusCode).toBe(201);
    }
  }
}, 120_000);
afterAll(() => t.close());

async function sheetOf(body: Buffer) {
  const { name, rows } = await firstSheetRows(body);
  const [header = [], ...data] = rows;
  return { header: header as string[], data, sheet: name };
}

async function listAll(headers: Record<string, string>, url: string) {
  const items: { name: string; idNumber: string | null }[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res: { statusCode: number; json(): { items: typeof items; nextCursor: string | null } } = await t.app.inject({ method: 'GET', url: `${url}${sep}limit=100${cursor ? `&cursor=${cursor}` : ''}`, headers });
    expect(res.statusCode).toBe(200);
    const body: { items: typeof items; nextCursor: string | null } = res.json();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

const auditOf = (action: string) =>
  t.app.db.selectFrom('audit_log').select(['action', 'entity', 'purpose', 'details', 'user_id']).where('action', '=', action).execute();

describe('list exports', () => {
  it('hold exactly the list’s rows for the same filters, in its order, across pages', async () => {
    const headers = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    for (const filter of ['category=resident', `regionId=${t.tree.gridA2}`, '']) {
      const listed = await listAll(headers, `/api/v1/persons?${filter}`);
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/persons/export.xlsx?${filter}`, headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/spreadsheetml/);
      const { header, data, sheet } = await sheetOf(res.rawPayload);
      expect(sheet).toBe('人员名单');
      const name = header.indexOf('姓名');
      const id = header.indexOf('身份证号');
      expect(data.map((r) => [r[name], r[id]])).toEqual(listed.map((p) => [p.name, p.idNumber]));
      expect(listed.length).toBeGreaterThan(0);
    }
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/persons/export.xlsx', headers });
    expect((await sheetOf(all.rawPayload)).data).toHaveLength(VILLAGE_A_PEOPLE);
    expect(all.headers['x-total-rows']).toBe(String(VILLAGE_A_PEOPLE));
  });

  it('write Chinese headers, labels, days and the grid’s name, numbers masked', async () => {
    const headers = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const { header, data } = await sheetOf((await t.app.inject({ method: 'GET', url: `/api/v1/persons/export.xlsx?regionId=${t.tree.gridB}`, headers })).rawPayload);
    expect(header).toEqual(expect.arrayContaining(['姓名', '身份证号', '手机号', '类别', '到达日期', '网格']));
    expect(data).toHaveLength(4);
    for (const r of data) {
      expect(String(r[header.indexOf('身份证号')])).toMatch(/^\d{6}\*{8}\w{4}$/);
      expect(String(r[header.indexOf('手机号')])).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(['常住人口', '租户']).toContain(r[header.indexOf('类别')]);
      expect(r[header.indexOf('网格')]).toBe('西村第一网格');
      expect(r[header.indexOf('到达日期')]).toBe('2026-11-30');
    }
    const households = await sheetOf((await t.app.inject({ method: 'GET', url: `/api/v1/households/export.xlsx?regionId=${t.tree.gridB}`, headers })).rawPayload);
    expect(households.data).toHaveLength(1);
    expect(households.data[0]?.[households.header.indexOf('房东电话')]).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(households.data[0]?.[households.header.indexOf('出租房')]).toBe('是');
    // A moment at the county's wall clock (Asia/Shanghai by default), to the minute.
    expect(String(households.data[0]?.[households.header.indexOf('更新时间')])).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it('reveal numbers only to a registering role that says why, audited with the purpose and the rows', async () => {
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/persons/export.xlsx?reveal=true&purpose=核查', headers: patrol })).statusCode).toBe(403);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridB);
    const bare = await t.app.inject({ method: 'GET', url: '/api/v1/persons/export.xlsx?reveal=true', headers: worker.headers });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.map((d: { path: string }) => d.path)).toContain('purpose');
    const purpose = '入户核查名单';
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/persons/export.xlsx?reveal=true&purpose=${encodeURIComponent(purpose)}`, headers: worker.headers });
    expect(res.statusCode).toBe(200);
    const { header, data } = await sheetOf(res.rawPayload);
    expect(data).toHaveLength(4);
    expect(data.every((r) => /^\d{17}[\dX]$/.test(String(r[header.indexOf('身份证号')])))).toBe(true);
    expect(data.every((r) => /^1\d{10}$/.test(String(r[header.indexOf('手机号')])))).toBe(true);
    const started = (await auditOf('export_reveal')).filter((e) => e.user_id === worker.user.id);
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({ entity: 'person', purpose });
    // The export's end is audited once the last byte is written, which the client may have read
    // before that entry commits (the Node 24 run under load did, on PostgreSQL): wait for it, then check it.
    const doneOf = async () => (await auditOf('export_done')).filter((e) => e.user_id === worker.user.id);
    await expect.poll(doneOf, { timeout: 10_000 }).toHaveLength(1);
    const done = await doneOf();
    expect(done).toHaveLength(1);
    expect(JSON.parse(String(done[0]?.details))).toMatchObject({ list: '/api/v1/persons', rows: 4 });
    expect(done[0]?.purpose).toBe(purpose);
    const hh = await sheetOf((await t.app.inject({ method: 'GET', url: `/api/v1/households/export.xlsx?reveal=true&purpose=${encodeURIComponent(purpose)}`, headers: worker.headers })).rawPayload);
    expect(hh.data[0]?.[hh.header.indexOf('房东电话')]).toMatch(/^1\d{10}$/);
  });

  it('stay within the caller’s subtree', async () => {
    const headers = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/export.xlsx?regionId=${t.tree.villageA}`, headers })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/households/export.xlsx?regionId=${t.tree.gridA}`, headers })).statusCode).toBe(403);
    const mine = await sheetOf((await t.app.inject({ method: 'GET', url: '/api/v1/persons/export.xlsx', headers })).rawPayload);
    expect(mine.data).toHaveLength(4);
  });

  it('refuse a hostile filter value, naming it, before writing anything', async () => {
    const headers = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    for (const [query, field] of [
      ['category=resident%27%20OR%201%3D1--', 'category'],
      ['regionId=1%20OR%201%3D1', 'regionId'],
      ['keyPerson=%3Cscript%3E', 'keyPerson'],
      ['notVisitedForDays=-1', 'notVisitedForDays'],
    ] as const) {
      const url = field === 'notVisitedForDays' ? `/api/v1/households/export.xlsx?${query}` : `/api/v1/persons/export.xlsx?${query}`;
      const res = await t.app.inject({ method: 'GET', url, headers });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/json/);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });
});
