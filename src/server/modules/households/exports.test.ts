import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import { HOSTILE_TEXTS as H, expectFormulaSafe, firstSheetRows, openXlsx } from '../../../../test/support/xlsx.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  for (const [grid, categories] of [
    [t.tree.gridA, ['resident', 'resident', 'tenant']],
    [t.tree.gridA2, ['floating']],
    [t.tree.gridB, ['resident', 'visitor']],
  ] as const) {
    const headers = (await signIn(t.app, 'grid_worker', grid)).headers;
    const hh = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId: grid, address: '某地1号' } })).json();
    for (const category of categories) {
      await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { householdId: hh.id, name: '某人', idNumber: anIdNumber(), category } });
    }
  }
});
afterAll(() => t.close());

const sheetOf = async (body: Buffer) => (await firstSheetRows(body)).rows;

describe('summary export', () => {
  it('counts people by category per village, with a total row', async () => {
    const headers = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exports/summary.xlsx?regionId=${t.tree.townA}`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const rows = await sheetOf(res.rawPayload);
    expect(String(rows[0]?.[0])).toContain('各村(社)各类人员情况调查汇总表');
    const header = rows[2] as string[];
    const east = rows.find((r) => r[2] === '东村') ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(east[col('户数')]).toBe(2);
    expect(east[col('总人数')]).toBe(4);
    expect(east[col('常住人口')]).toBe(2);
    expect(east[col('租户')]).toBe(1);
    expect(east[col('流动人口')]).toBe(1);
    const total = rows[rows.length - 1] ?? [];
    expect(total[0]).toBe('合计');
    expect(total[col('总人数')]).toBe(6);
  });

  it('is limited to the caller’s subtree', async () => {
    const headers = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    const mine = await sheetOf((await t.app.inject({ method: 'GET', url: '/api/v1/exports/summary.xlsx', headers })).rawPayload);
    expect(mine.some((r) => r[2] === '东村')).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/exports/summary.xlsx?regionId=${t.tree.villageA}`, headers })).statusCode).toBe(403);
  });
});

describe('people list export', () => {
  it('streams the subtree’s people masked, filtered by category', async () => {
    const headers = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/exports/persons.xlsx?category=resident', headers });
    expect(res.statusCode).toBe(200);
    const rows = await sheetOf(res.rawPayload);
    expect(rows[0]?.[0]).toBe('姓名');
    expect(rows.slice(1)).toHaveLength(2);
    expect(rows.slice(1).every((r) => /^\d{6}\*{8}\w{4}$/.test(String(r[1])) && r[5] === '常住人口')).toBe(true);
  });

  it('reveals full numbers only to a registering role with a purpose, and audits the export', async () => {
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/exports/persons.xlsx?reveal=true&purpose=核查', headers: patrol })).statusCode).toBe(403);
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exports/persons.xlsx?reveal=true&purpose=${encodeURIComponent('入户核查')}`, headers: worker.headers });
    const rows = await sheetOf(res.rawPayload);
    expect(rows.slice(1).every((r) => /^\d{17}[\dX]$/.test(String(r[1])))).toBe(true);
    const entry = await t.app.db.selectFrom('audit_log').select(['action', 'purpose']).where('user_id', '=', worker.user.id).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'export_reveal', purpose: '入户核查' });
  });
});

describe('text that looks like a formula', () => {
  // A town of its own, named like a formula, whose villages and people carry the rest.
  let town: number;
  let officer: Record<string, string>;
  beforeAll(async () => {
    town = await aRegion(t.app, t.tree.county, 'town', H.hyperlink);
    const villages = [];
    for (const name of [H.dde, H.at, H.minus, H.tab, H.cr]) villages.push(await aRegion(t.app, town, 'village', name));
    const grid = await aRegion(t.app, villages[0] ?? town, 'grid', '公式网格');
    officer = (await signIn(t.app, 'town_officer', town)).headers;
    const headers = (await signIn(t.app, 'grid_worker', grid)).headers;
    const hh = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId: grid, address: H.dde } })).json();
    const person = { householdId: hh.id, name: H.hyperlink, category: 'floating', origin: H.dde, arrivedOn: '2026-01-02', employer: H.at, keyPerson: true, keyPersonReason: H.minus };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: person });
    expect(first.statusCode, first.body).toBe(201);
    // The API trims a leading tab or CR away; text that came in another way may still have one.
    await t.app.db.updateTable('persons').set({ employer: H.tab, key_person_reason: H.cr }).where('id', '=', first.json().id).execute();
    const second = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { ...person, name: '张三' } });
    expect(second.statusCode, second.body).toBe(201);
  });

  it('writes formula-like region names in the summary as text cells, unchanged', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exports/summary.xlsx?regionId=${town}`, headers: officer });
    expect(res.statusCode).toBe(200);
    const file = await openXlsx(res.rawPayload);
    expectFormulaSafe(file, Object.values(H));
    const rows: string[][] = [];
    file.book.worksheets[0]?.eachRow((row) => rows.push([1, 2, 3].map((c) => row.getCell(c).text)));
    expect(rows.find((r) => r[2] === H.at)?.[1]).toBe(H.hyperlink);
  });

  it('writes formula-like names, places and reasons in the people list as text cells, unchanged', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/exports/persons.xlsx?regionId=${town}`, headers: officer });
    expect(res.statusCode).toBe(200);
    const file = await openXlsx(res.rawPayload);
    expectFormulaSafe(file, [H.hyperlink, H.dde, H.at, H.minus, H.tab, H.cr]);
    const person = file.book.worksheets[0]?.getRow(2);
    expect([1, 7, 9].map((c) => person?.getCell(c).text)).toEqual([H.hyperlink, H.dde, H.tab]);
  });
});
