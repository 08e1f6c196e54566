// Verification lists end to end through the API, on SQLite and PostgreSQL: preview, take-in
// (flags, dedupe, a second version), routing (person, address, pool), tasks and their scope,
// outcomes, review, progress and the feedback workbook read back.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import { csvOf, settledList, takeInList } from '../../../../test/support/verification.ts';
import iconv from 'iconv-lite';
import { sharedStringsBomb } from '../../../../test/support/bombs.ts';

let t: TestApp;
let hq: { headers: Record<string, string> };
const registeredId = anIdNumber('19800101');
const registeredPhone = aMobile(4242);
const HEADERS = ['序号', '姓名', '公民身份号码', '联系电话', '居住地址', '来源地', '车次', '备注'];

beforeAll(async () => {
  t = await buildTestApp();
  hq = await signIn(t.app, 'admin', t.tree.county);
  const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  const hh = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: '东村3组12号' } });
  expect(hh.statusCode, hh.body).toBe(201);
  const p = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker, payload: { regionId: t.tree.gridA, householdId: hh.json().id, name: '王登记', category: 'resident', idNumber: registeredId } });
  expect(p.statusCode, p.body).toBe(201);
  const workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  const hb = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: workerB, payload: { regionId: t.tree.gridB, address: '西村幸福路8号' } });
  expect(hb.statusCode, hb.body).toBe(201);
  const pb = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: workerB, payload: { regionId: t.tree.gridB, householdId: hb.json().id, name: '李电话', category: 'resident', phone: registeredPhone } });
  expect(pb.statusCode, pb.body).toBe(201);
});
afterAll(() => t.close());

const tasksOf = async (listId: string, headers = hq.headers, extra = '') => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${listId}${extra}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as any[];
};
const byName = (items: any[], name: string) => items.find((i) => i.name === name);

const mainList = () =>
  csvOf([
    HEADERS,
    ['1', '王登记', registeredId, '', '外地某处', '武汉', 'G123', ''],
    ['2', '李电话', '', registeredPhone, '', '上海', '', ''],
    ['3', '赵地址', anIdNumber('19900202'), '', '城关镇西村幸福路8号', '北京', 'MU5101', ''],
    ['4', '钱村名', '', '', '东村第二网格附近', '', '', ''],
    ['5', '孙无处', '11010119900307', '1234', '火星', '', '', '身份证号不全'],
    ['6', '王登记', registeredId, '', '外地某处', '武汉', 'G123', '重复'],
    ['7', '', '', '', '', '', '', '无名无号'],
  ]);

describe('preview', () => {
  it('suggests a mapping from the headers, previews masked rows and creates nothing', async () => {
    const body = multipart(mainList(), { source: '省疾控推送' }, 'list.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists/preview', headers: { ...hq.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.headers).toEqual(HEADERS);
    expect(preview.mapping).toMatchObject({ name: '姓名', idNumber: '公民身份号码', phone: '联系电话', address: '居住地址', origin: '来源地', travel: '车次', note: '备注' });
    expect(preview.mappingFrom).toBe('suggested');
    expect(preview.rows[0]['公民身份号码']).not.toBe(registeredId);
    expect(preview.rows[0]['公民身份号码']).toContain('*');
    expect(res.body).not.toContain(registeredId);
    const lists = await t.app.inject({ method: 'GET', url: '/api/v1/verification-lists', headers: hq.headers });
    expect(lists.json().items).toHaveLength(0);
  });

  it('refuses a file with no ID-number or name column, naming the columns found (422)', async () => {
    const body = multipart(csvOf([['序号', '车次', '座位'], ['1', 'G1', '3A']]), {}, 'list.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists/preview', headers: { ...hq.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('序号, 车次, 座位');
  });

  it('reads GB18030 text', async () => {
    const text = iconv.encode('姓名,身份证号,手机号\n张三,,13900001111\n', 'gb18030');
    const body = multipart(text, {}, 'list.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists/preview', headers: { ...hq.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().headers).toEqual(['姓名', '身份证号', '手机号']);
    expect(res.json().rows[0]['姓名']).toBe('张三');
  });
});

describe('take-in and routing', () => {
  let list: any;
  let items: any[];
  beforeAll(async () => {
    ({ list } = await takeInList(t.app, t.tree.county, mainList(), { kind: 'contact', source: '省疾控推送' }, hq));
    items = await tasksOf(list.id);
  });

  it('counts the rows, flags the dirty ones, makes one task per person', () => {
    expect(list.status, list.error).toBe('done');
    expect(list).toMatchObject({ total: 7, tasks: 5, matched: 2, flagged: 1, deadlineHours: 24 });
    expect(items).toHaveLength(5);
    expect(byName(items, '孙无处').flags).toEqual(['idNumber', 'phone']);
    expect(items.every((i) => /^HC-\d{8}-\d{4}$/.test(i.number))).toBe(true);
  });

  it('routes a registered person (ID number, then phone) to their household’s grid', () => {
    expect(byName(items, '王登记')).toMatchObject({ regionId: t.tree.gridA, routedBy: 'person' });
    expect(byName(items, '王登记').routeReason).toContain('ID number');
    expect(byName(items, '李电话')).toMatchObject({ regionId: t.tree.gridB, routedBy: 'person' });
  });

  it('routes by a registered address, then by a region’s name, with a score; the rest stay in the pool', () => {
    expect(byName(items, '赵地址')).toMatchObject({ regionId: t.tree.gridB, routedBy: 'address', routeScore: 90 });
    expect(byName(items, '钱村名')).toMatchObject({ regionId: t.tree.gridA2, routedBy: 'address' });
    expect(byName(items, '孙无处')).toMatchObject({ regionId: t.tree.county, routedBy: null });
    expect(list).toMatchObject({ routed: 4, unrouted: 1 });
  });

  it('masks ID and phone numbers in the task list', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${list.id}`, headers: hq.headers });
    expect(res.body).not.toContain(registeredId);
    expect(res.body).not.toContain(registeredPhone);
    expect(byName(items, '王登记').idNumber).toContain('*');
  });

  it('remembers the mapping per source for the next preview', async () => {
    const renamed = csvOf([['姓名', '证件号码', '备注'], ['张', anIdNumber(), '']]);
    const body = multipart(renamed, { source: '省疾控推送' }, 'list.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists/preview', headers: { ...hq.headers, ...body.headers }, payload: body.payload });
    // The remembered mapping names columns this file lacks: a suggestion is made instead.
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mappingFrom).toBe('suggested');
    const again = multipart(mainList(), { source: '省疾控推送' }, 'list.csv');
    const res2 = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists/preview', headers: { ...hq.headers, ...again.headers }, payload: again.payload });
    expect(res2.json().mappingFrom).toBe('remembered');
  });

  it('a second version (replacesListId) adds only the people the first did not have', async () => {
    const v2 = csvOf([HEADERS, ['1', '王登记', registeredId, '', '', '', '', ''], ['2', '新来的', anIdNumber('19950505'), '', '无处', '', '', '']]);
    const { list: second } = await takeInList(t.app, t.tree.county, v2, { replacesListId: list.id }, hq);
    expect(second.status, second.error).toBe('done');
    expect(second.tasks).toBe(1);
    const secondItems = await tasksOf(second.id);
    expect(secondItems.map((i) => i.name)).toEqual(['新来的']);
  });

  it('a town sees only its subtree’s tasks; another region’s task is 404', async () => {
    const town = await signIn(t.app, 'town_officer', t.tree.townC);
    expect(await tasksOf(list.id, town.headers)).toHaveLength(0);
    const task = byName(items, '王登记');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/outcome`, headers: town.headers, payload: { outcome: 'not_found' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('a job with no ID or name column fails with the columns found', async () => {
    const { list } = await takeInList(t.app, t.tree.county, csvOf([['序号', '车次'], ['1', 'G1']]), {}, hq);
    expect(list.status).toBe('failed');
    expect(list.error).toContain('序号, 车次');
    expect(await tasksOf(list.id)).toHaveLength(0);
  });

  it('a list of 0 usable rows is refused and creates nothing', async () => {
    const { list } = await takeInList(t.app, t.tree.county, csvOf([['姓名', '身份证号', '备注'], ['', '', '只有备注']]), {}, hq);
    expect(list.status).toBe('failed');
    expect(list.error).toContain('no usable rows');
    expect(await tasksOf(list.id)).toHaveLength(0);
  });

  it('refuses bad form fields naming them', async () => {
    for (const [fields, path] of [
      [{ kind: 'nonsense' }, 'kind'],
      [{ deadlineHours: '0' }, 'deadlineHours'],
      [{ mapping: '{"name": 3}' }, 'mapping'],
      [{ name: '' }, 'name'],
    ] as const) {
      const base: Record<string, string> = { name: '名单', kind: 'arrival', regionId: String(t.tree.county) };
      const body = multipart(csvOf([['姓名'], ['张']]), { ...base, ...fields }, 'list.csv');
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists', headers: { ...hq.headers, ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details[0].path).toBe(path);
    }
  });

  it('a zip bomb is refused at the upload, before anything is inflated or created', async () => {
    const bomb = sharedStringsBomb(30, 100);
    for (const url of ['/api/v1/verification-lists/preview', '/api/v1/verification-lists']) {
      const body = multipart(bomb, { name: '炸弹', kind: 'other', regionId: String(t.tree.county) }, 'bomb.xlsx');
      const res = await t.app.inject({ method: 'POST', url, headers: { ...hq.headers, ...body.headers }, payload: body.payload });
      expect(res.statusCode, res.body).toBe(413);
      expect(res.json().error.code).toBe('PART_TOO_LARGE_UNPACKED');
    }
    const lists = await t.app.inject({ method: 'GET', url: '/api/v1/verification-lists', headers: hq.headers });
    expect(lists.json().items.some((l: { name: string }) => l.name === '炸弹')).toBe(false);
  });

  it('a town cannot take a list in for another town', async () => {
    const town = await signIn(t.app, 'town_officer', t.tree.townA);
    const body = multipart(csvOf([['姓名'], ['张']]), { name: '名单', kind: 'arrival', regionId: String(t.tree.townC) }, 'list.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-lists', headers: { ...town.headers, ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(403);
  });
});

describe('outcomes, moves and review', () => {
  let items: any[];
  let listId: string;
  let worker: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    const rows = [['姓名', '身份证号', '现住址'], ...['甲', '乙', '丙', '丁', '戊'].map((n) => [n, anIdNumber('19700101'), '东村第一网格'])];
    const { list } = await takeInList(t.app, t.tree.county, csvOf(rows), {}, hq);
    listId = list.id;
    items = await tasksOf(list.id);
    worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
  });
  const outcome = (id: string, payload: object, headers = worker.headers) => t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${id}/outcome`, headers, payload });

  it('the grid worker sees the tasks of their grid', async () => {
    expect(items.every((i) => i.regionId === t.tree.gridA)).toBe(true);
    expect(await tasksOf(listId, worker.headers)).toHaveLength(5);
  });

  it('left without movedTo and duplicate without duplicateOf are 422 naming the field', async () => {
    const left = await outcome(byName(items, '甲').id, { outcome: 'left' });
    expect(left.statusCode).toBe(422);
    expect(left.json().error.details[0].path).toBe('movedTo');
    const dup = await outcome(byName(items, '甲').id, { outcome: 'duplicate' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.details[0].path).toBe('duplicateOf');
  });

  it('left for a region of the county moves the task there, still due when the list is', async () => {
    const task = byName(items, '乙');
    const res = await outcome(task.id, { outcome: 'left', movedTo: t.tree.townC, note: '去南山乡亲戚家' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionId: t.tree.townC, status: 'open', dueAt: task.dueAt, routedBy: 'manual' });
    // Out of the worker's grid now.
    const again = await outcome(task.id, { outcome: 'not_found' });
    expect(again.statusCode).toBe(404);
  });

  it('a duplicate names its task by number', async () => {
    const res = await outcome(byName(items, '丙').id, { outcome: 'duplicate', duplicateOf: byName(items, '丁').number });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'checked', outcome: 'duplicate' });
  });

  it('a move by hand is audited and keeps the deadline', async () => {
    const leader = await signIn(t.app, 'grid_leader', t.tree.gridA);
    const task = byName(items, '戊');
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-tasks/${task.id}`, headers: leader.headers, payload: { regionId: t.tree.gridA2 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ regionId: t.tree.gridA2, dueAt: task.dueAt, routedBy: 'manual' });
    const audited = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('entity', '=', 'verification_task').where('entity_id', '=', task.id).execute();
    expect(audited.map((a) => a.action)).toContain('move');
  });

  it('review: not by the recorder, not by a grid worker; a sent-back task can be recorded again', async () => {
    const task = byName(items, '甲');
    expect((await outcome(task.id, { outcome: 'present_controlled', note: '居家监测中' })).statusCode).toBe(200);
    const leader = await signIn(t.app, 'grid_leader', t.tree.gridA);
    const own = await outcome(byName(items, '丁').id, { outcome: 'not_found' }, leader.headers);
    expect(own.statusCode).toBe(200);
    const self = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${byName(items, '丁').id}/review`, headers: leader.headers, payload: { accept: true } });
    expect(self.statusCode).toBe(403);
    const byWorker = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/review`, headers: (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers, payload: { accept: true } });
    expect(byWorker.statusCode).toBe(403);
    const noReason = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/review`, headers: leader.headers, payload: { accept: false } });
    expect(noReason.statusCode).toBe(422);
    const back = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/review`, headers: leader.headers, payload: { accept: false, note: '请上传照片' } });
    expect(back.json()).toMatchObject({ status: 'sent_back', reviewNote: '请上传照片' });
    expect((await outcome(task.id, { outcome: 'present_controlled', note: '补充' })).statusCode).toBe(200);
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${task.id}/review`, headers: leader.headers, payload: { accept: true } });
    expect(ok.json()).toMatchObject({ status: 'accepted' });
  });

  it('progress per child region counts total, checked, accepted and outcomes', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/verification-lists/${listId}/progress?regionId=${t.tree.villageA}`, headers: hq.headers });
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().items as any[];
    const gridA = rows.find((r) => r.regionId === t.tree.gridA);
    expect(gridA).toMatchObject({ total: 3, checked: 3, accepted: 1, outcomes: { present_controlled: 1, duplicate: 1, not_found: 1 } });
    expect(rows.find((r) => r.regionId === t.tree.gridA2)).toMatchObject({ total: 1, checked: 0 });
  });

  it('the feedback workbook has the list’s rows and columns with the outcomes, masked unless revealed (audited)', async () => {
    const masked = await t.app.inject({ method: 'GET', url: `/api/v1/verification-lists/${listId}/feedback.xlsx`, headers: hq.headers });
    expect(masked.statusCode, masked.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet?.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(['姓名', '身份证号', '现住址', '任务编号', '核查状态', '核查结果', '核查区域', '核查时间', '核查说明']);
    const first = (sheet?.getRow(2).values as string[]).slice(1);
    expect(first[0]).toBe('甲');
    expect(first[1]).toContain('*');
    expect(first[4]).toBe('已审核');
    expect(first[5]).toBe('在本地已管控');
    expect(first[6]).toBe('东村第一网格');
    expect(first[8]).toBe('补充');
    expect(sheet?.rowCount).toBe(6);
    const noPurpose = await t.app.inject({ method: 'GET', url: `/api/v1/verification-lists/${listId}/feedback.xlsx?reveal=true`, headers: hq.headers });
    expect(noPurpose.statusCode).toBe(400);
    const full = await t.app.inject({ method: 'GET', url: `/api/v1/verification-lists/${listId}/feedback.xlsx?reveal=true&purpose=${encodeURIComponent('上报市指挥部核查结果')}`, headers: hq.headers });
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(full.rawPayload as unknown as ArrayBuffer);
    expect(String(book2.worksheets[0]?.getRow(2).getCell(2).value)).toMatch(/^\d{17}[\dX]$/);
    const audits = await t.app.db.selectFrom('audit_log').select(['action', 'purpose']).where('entity', '=', 'verification_list').where('entity_id', '=', listId).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['export', 'reveal']));
    expect(audits.find((a) => a.action === 'reveal')?.purpose).toBe('上报市指挥部核查结果');
  });
});

describe('present but not under control', () => {
  it('one outcome starts a home-quarantine order for the linked person; without a person it is 422 naming personId', async () => {
    const worker = await signIn(t.app, 'grid_worker', t.tree.gridA2);
    const idNumber = anIdNumber('19770707');
    const p = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker.headers, payload: { regionId: t.tree.gridA2, name: '未管控', category: 'resident', idNumber } });
    expect(p.statusCode, p.body).toBe(201);
    const { list } = await takeInList(t.app, t.tree.county, csvOf([['姓名', '身份证号'], ['未管控', idNumber], ['无登记', anIdNumber('19780808')]]), {}, hq);
    const items = await tasksOf(list.id);
    const linked = byName(items, '未管控');
    expect(linked).toMatchObject({ regionId: t.tree.gridA2, personId: p.json().id });
    const unlinked = byName(items, '无登记');
    const refused = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${unlinked.id}/outcome`, headers: hq.headers, payload: { outcome: 'present_uncontrolled', startQuarantine: true } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details[0].path).toBe('personId');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${linked.id}/outcome`, headers: worker.headers, payload: { outcome: 'present_uncontrolled', startQuarantine: true } });
    expect(res.statusCode, res.body).toBe(200);
    const orders = await t.app.db.selectFrom('quarantine_orders').select(['person_id', 'status', 'reason_enc']).where('person_id', '=', p.json().id).execute();
    expect(orders).toEqual([expect.objectContaining({ status: 'active' })]);
    expect(t.app.fieldCrypto.decrypt(orders[0]?.reason_enc ?? '')).toBe('核查名单：测试名单');
  });
});

describe('the pool', () => {
  it('is assigned by hand, in bulk, to a region of the subtree', async () => {
    const { list } = await takeInList(t.app, t.tree.townA, csvOf([['姓名'], ['池一'], ['池二']]), {}, await signIn(t.app, 'town_officer', t.tree.townA));
    const town = await signIn(t.app, 'town_officer', t.tree.townA);
    const pool = await tasksOf(list.id, town.headers, '&unrouted=true');
    expect(pool).toHaveLength(2);
    expect(pool.every((p) => p.regionId === t.tree.townA)).toBe(true);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/verification-tasks/assign', headers: town.headers, payload: { taskIds: pool.map((p) => p.id), regionId: t.tree.gridB } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assigned).toBe(2);
    const after = await tasksOf(list.id, town.headers);
    expect(after.every((p) => p.regionId === t.tree.gridB && p.routedBy === 'manual')).toBe(true);
    const outside = await t.app.inject({ method: 'POST', url: '/api/v1/verification-tasks/assign', headers: town.headers, payload: { taskIds: [pool[0].id], regionId: t.tree.townC } });
    expect(outside.statusCode).toBe(403);
  });
});

describe('xlsx', () => {
  it('takes in an .xlsx list', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('名单');
    sheet.addRow(['姓名', '身份证号码', '到达日期']);
    sheet.addRow(['表格人', anIdNumber('19880808'), '2026-12-01']);
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const { list } = await takeInList(t.app, t.tree.county, file, {}, hq, 'list.xlsx');
    expect(list.status, list.error).toBe('done');
    expect(list.tasks).toBe(1);
    const again = await settledList(t.app, hq.headers, list.id);
    expect(again.progress).toBe(1000);
  });
});
