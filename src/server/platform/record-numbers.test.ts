// Short human numbers (issue 15 item 13): one per record, taken in the insert's transaction,
// never shared under concurrent inserts, back-filled for records that have none, and found by
// ?q= on the lists of tips, quarantine orders, inspections and rectification tasks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { numberQuery, formatRecordNumber } from '../../shared/record-numbers.ts';
import { filer } from '../modules/tips/tip-test-helpers.ts';
import { assignMissingNumbers, takeNumbers } from './record-numbers.ts';
import { addDays, dayIn } from './time.ts';

let t: TestApp;
type Headers = Record<string, string>;
let commander: Headers;
let officer: Headers;
let worker: Headers;
let today: string;
let compact: string;
const get = (url: string, headers: Headers = commander) => t.app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const NUMBER = (prefix: string) => new RegExp(`^${prefix}-${compact}-\\d{4}$`);

beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  // Rectification tasks default to the village's secretary.
  await signIn(t.app, 'village_secretary', t.tree.villageA);
  today = dayIn(t.app.config.timeZone);
  compact = today.replaceAll('-', '');
});
afterAll(() => t.close());

describe('record numbers', () => {
  it('formats JB-YYYYMMDD-NNNN and reads a search text as a number fragment', () => {
    expect(formatRecordNumber('tip', '2026-12-06', 42)).toBe('JB-20261206-0042');
    expect(formatRecordNumber('rectification', '2026-01-02', 12345)).toBe('ZG-20260102-12345');
    expect(numberQuery(' jb-2026１２06-0042 ')).toBe('JB-20261206-0042');
    expect(numberQuery('聚集')).toBeNull();
  });

  it('gives concurrent inserts distinct consecutive numbers (tips filed at once)', async () => {
    const f = filer(t.app);
    const codes = await Promise.all(
      Array.from({ length: 12 }, (_, i) => f.file({ category: 'gathering', regionId: t.tree.gridA, description: `并发举报第${i}件：${i * 7919}号楼下有人聚集打牌`, anonymous: true })),
    );
    expect(new Set(codes).size).toBe(12);
    const rows = await t.app.db.selectFrom('tips').select('number').execute();
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(NUMBER('JB'));
    // Nothing rolled back: the day's sequence has no gaps.
    expect(numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
  });

  it('never hands one number to two transactions racing on the same day', async () => {
    const day = '2030-01-01';
    const taken = await Promise.all(Array.from({ length: 16 }, (_, i) => t.app.db.transaction().execute((tx) => takeNumbers(tx, 'quarantine', day, 1 + (i % 3)))));
    const all = taken.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    // A rolled-back transaction gives its number back.
    await expect(
      t.app.db.transaction().execute(async (tx) => {
        await takeNumbers(tx, 'quarantine', day, 1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await t.app.db.transaction().execute((tx) => takeNumbers(tx, 'quarantine', day, 1))).toEqual([formatRecordNumber('quarantine', day, all.length + 1)]);
  });

  it('shows a tip’s number in the list and detail, and finds it with ?q=', async () => {
    const list = (await get('/api/v1/tips?limit=100')).json().items as { id: string; number: string }[];
    const tip = list[0] as { id: string; number: string };
    expect(tip.number).toMatch(NUMBER('JB'));
    const detail = await get(`/api/v1/tips/${tip.id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().number).toBe(tip.number);
    const exact = (await get(`/api/v1/tips?q=${tip.number}`)).json().items as { id: string }[];
    expect(exact.map((r) => r.id)).toEqual([tip.id]);
    const byTail = (await get(`/api/v1/tips?q=${encodeURIComponent(` ${tip.number.slice(-9).toLowerCase()} `)}`)).json().items as { id: string }[];
    expect(byTail.map((r) => r.id)).toEqual([tip.id]);
    expect((await get(`/api/v1/tips?q=${encodeURIComponent('聚集')}`)).json().items).toEqual([]);
    expect((await get(`/api/v1/tips?q=JB`)).json().items.length).toBe(list.length);
  });

  it('numbers quarantine orders, inspections and rectification tasks, each found by ?q=', async () => {
    const person = await post('/api/v1/persons', { regionId: t.tree.gridA, name: '编号测试', category: 'resident' }, worker);
    expect(person.statusCode, person.body).toBe(201);
    const order = await post('/api/v1/quarantines', { personId: person.json().id, reason: '返乡', startOn: today }, worker);
    expect(order.statusCode, order.body).toBe(201);
    expect(order.json().number).toMatch(NUMBER('GL'));
    expect((await get(`/api/v1/quarantines?q=${order.json().number}`)).json().items.map((o: { id: string }) => o.id)).toEqual([order.json().id]);

    const team = (await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '编号督查队', kind: 'inspection' }, officer)).json().id as string;
    const checklist = ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: item === 'anomalies' ? 'issue' : 'ok' }));
    const inspection = await post('/api/v1/inspections', { teamId: team, regionId: t.tree.villageA, checklist, findings: [{ item: 'anomalies', description: '村口聚集未劝散' }, { item: 'anomalies', description: '卡口无人值守' }] }, officer);
    expect(inspection.statusCode, inspection.body).toBe(201);
    const i = inspection.json();
    expect(i.number).toMatch(NUMBER('JC'));
    expect((await get(`/api/v1/inspections?q=${i.number}`, officer)).json().items.map((r: { id: string }) => r.id)).toEqual([i.id]);
    const tasks = (await get(`/api/v1/rectifications?q=ZG-${compact}`, officer)).json().items as { id: string; number: string; inspectionId: string }[];
    expect(tasks.filter((k) => k.inspectionId === i.id)).toHaveLength(2);
    const [a, b] = tasks.map((k) => k.number);
    expect(a).toMatch(NUMBER('ZG'));
    expect(a).not.toBe(b);
    expect((await get(`/api/v1/rectifications?q=${a}`, officer)).json().items.map((k: { number: string }) => k.number)).toEqual([a]);
  });

  it('numbers a schedule’s visits as one block', async () => {
    const team = (await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '排期督查队', kind: 'inspection' }, officer)).json().id as string;
    const from = addDays(today, 1);
    const res = await post('/api/v1/inspections/schedules', { teamId: team, from, to: from, visitsPerVillage: 1 }, officer);
    expect(res.statusCode, res.body).toBe(201);
    const rows = await t.app.db.selectFrom('inspections').select('number').where('team_id', '=', team).execute();
    expect(rows.length).toBeGreaterThan(0);
    const numbers = rows.map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) expect(n).toMatch(NUMBER('JC'));
  });

  it('back-fills records without a number, continuing each day’s sequence', async () => {
    const [first, second] = await t.app.db.selectFrom('tips').select(['id', 'number', 'filed_at']).orderBy('filed_at').orderBy('id').limit(2).execute();
    if (!first || !second) throw new Error('tips expected');
    const before = await t.app.db.selectFrom('record_numbers').select('last').where('kind', '=', 'tip').where('day', '=', today).executeTakeFirstOrThrow();
    await t.app.db.updateTable('tips').set({ number: null as unknown as string }).where('id', 'in', [first.id, second.id]).execute();
    expect(await assignMissingNumbers(t.app.db, t.app.config.timeZone)).toBe(2);
    const after = await t.app.db.selectFrom('tips').select(['id', 'number']).where('id', 'in', [first.id, second.id]).execute();
    const byId = new Map(after.map((r) => [r.id, r.number]));
    expect(byId.get(first.id)).toBe(formatRecordNumber('tip', today, before.last + 1));
    expect(byId.get(second.id)).toBe(formatRecordNumber('tip', today, before.last + 2));
  });
});
