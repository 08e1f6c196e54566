import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { readCounters } from '../stats/counters.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import { HOSTILE_TEXTS as H, expectFormulaSafe, openXlsx } from '../../../../test/support/xlsx.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { insertJob } from './import-jobs.ts';
import { PERSON_IMPORT_KIND, SimulatedCrash, runPersonImport } from './persons-import.service.ts';
import { sealUpload } from './sealed-upload.ts';

let t: TestApp;
let worker: { headers: Record<string, string>; user: { id: string } };
let gridACode: string;
let gridBCode: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
  const codes = await t.app.db.selectFrom('regions').select(['id', 'code']).where('id', 'in', [t.tree.gridA, t.tree.gridB]).execute();
  gridACode = codes.find((c) => c.id === t.tree.gridA)?.code ?? '';
  gridBCode = codes.find((c) => c.id === t.tree.gridB)?.code ?? '';
});
afterAll(() => t.close());

type Row = (string | number | null | Date)[];
const HEADER = ['网格代码', '地址', '楼栋', '单元', '房号', '是否出租', '房东姓名', '房东电话', '姓名', '身份证号', '手机号', '人员类别', '来源地', '到达日期', '重点人员', '重点人员原因'];

async function xlsx(rows: Row[], header = HEADER): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
const csvText = (rows: Row[], header = HEADER, delimiter = ',') => [header, ...rows].map((r) => r.map((v) => (v === null ? '' : String(v))).join(delimiter)).join('\r\n');

interface Job {
  status: string;
  total: number;
  imported: number;
  progress: number;
  rejected: { row: number; column: string; message: string; code?: string }[];
  rejectedCount: number;
  error?: string;
}
async function finished(id: string, headers = worker.headers): Promise<Job> {
  // Generous: a shared CI machine under load can be slow; a hang still fails.
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers });
    expect(res.statusCode).toBe(200);
    const job = res.json<Job>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}
async function upload(file: Buffer, fields: Record<string, string>, fileName = 'people.xlsx', headers = worker.headers) {
  const body = multipart(file, fields, fileName);
  return t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...headers, ...body.headers }, payload: body.payload });
}
async function importFile(file: Buffer, mode = 'valid-rows', fileName = 'people.xlsx'): Promise<Job & { id: string }> {
  const res = await upload(file, { regionId: String(t.tree.gridA), mode }, fileName);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json<{ id: string }>().id;
  return { ...(await finished(id)), id };
}
const personCount = async () => Number((await t.app.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const householdCount = async () => Number((await t.app.db.selectFrom('households').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
/** The county's counters (what the dashboard reads) must follow the records through an import. */
const countedPersons = async () => (await readCounters(t.app.db, [t.tree.county])).get(t.tree.county)?.persons ?? 0;
const stagedCount = async () => Number((await t.app.db.selectFrom('import_person_rows').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('people import', () => {
  it('gives the template with the headers it reads', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/persons/template.xlsx', headers: worker.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const header = (book.worksheets[0]?.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(expect.arrayContaining(['姓名', '身份证号', '地址', '人员类别', '网格代码']));
    // The template itself imports as an empty file: headers understood, nothing refused.
    const job = await importFile(res.rawPayload);
    expect(job, job.error).toMatchObject({ status: 'done', total: 0, imported: 0 });
    expectFormulaSafe(await openXlsx(res.rawPayload), []);
  });

  it('imports people from an xlsx, grouping rows at the same dwelling into one household', async () => {
    const before = { persons: await personCount(), households: await householdCount() };
    const id1 = anIdNumber('19800101');
    const job = await importFile(
      await xlsx([
        [null, '东村幸福路 8 号', '1', '2', '301', '是', '李房东', aMobile(1), '张三', id1, aMobile(2), '租户', null, null, '否', null],
        [null, '东村幸福路 8 号', '1', '2', '301', '是', '李房东', null, '张小三', anIdNumber('20150505'), null, '常住人口', null, null, null, null],
        [gridACode, '东村幸福路 9 号', null, null, null, null, null, null, '王五', anIdNumber('19700707').toLowerCase(), ` ${aMobile(3)} `, '返乡人员', '湖北武汉', new Date(Date.UTC(2026, 9, 3)), '是', '14 天内有中风险地区旅居史'],
      ]),
    );
    expect(job).toMatchObject({ status: 'done', total: 3, imported: 3, rejectedCount: 0, progress: 1000 });
    expect(await personCount()).toBe(before.persons + 3);
    expect(await householdCount()).toBe(before.households + 2);
    const people = await t.app.db.selectFrom('persons').selectAll().where('name', 'in', ['张三', '张小三', '王五']).execute();
    const zhang = people.find((p) => p.name === '张三');
    const little = people.find((p) => p.name === '张小三');
    const wang = people.find((p) => p.name === '王五');
    expect(zhang?.household_id).toBe(little?.household_id);
    expect(zhang?.id_number_masked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(zhang?.id_number_enc).not.toContain(id1);
    expect(wang).toMatchObject({ category: 'returnee', origin: '湖北武汉', arrived_on: '2026-10-03', key_person: 1, region_id: t.tree.gridA });
    // Searching by the full ID number finds the imported person through the keyed hash.
    const found = await t.app.inject({ method: 'GET', url: `/api/v1/persons?regionId=${t.tree.gridA}&q=${id1}`, headers: worker.headers });
    expect(found.json<{ items: { name: string }[] }>().items.map((p) => p.name)).toEqual(['张三']);
  });

  it('joins the household already registered at the same dwelling', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker.headers, payload: { regionId: t.tree.gridA, address: '东村团结巷 3 号' } });
    expect(created.statusCode).toBe(201);
    const householdsBefore = await householdCount();
    const job = await importFile(await xlsx([[null, '东村团结巷 3 号', null, null, null, null, null, null, '赵六', anIdNumber(), null, '常住人口', null, null, null, null]]));
    expect(job.imported).toBe(1);
    expect(await householdCount()).toBe(householdsBefore);
    const zhao = await t.app.db.selectFrom('persons').select('household_id').where('name', '=', '赵六').executeTakeFirstOrThrow();
    expect(zhao.household_id).toBe(created.json<{ id: string }>().id);
  });

  it('refuses each bad row with its row, column and reason, imports the rest, and gives the refused rows back as xlsx', async () => {
    const registered = anIdNumber('19660606');
    await importFile(await xlsx([[null, '东村老街 1 号', null, null, null, null, null, null, '已登记', registered, null, '常住人口', null, null, null, null]]));
    const before = await personCount();
    const twice = anIdNumber('19910909');
    const badCheck = `${anIdNumber('19920202').slice(0, 17)}${anIdNumber('19920202').endsWith('0') ? '1' : '0'}`;
    const rows: Row[] = [
      [null, '东村老街 2 号', null, null, null, null, null, null, '好人甲', twice, null, '常住人口', null, null, null, null], // row 2: fine
      [null, '东村老街 2 号', null, null, null, null, null, null, '重复乙', twice, null, '常住人口', null, null, null, null], // row 3: same ID as row 2
      [null, '东村老街 3 号', null, null, null, null, null, null, '数字丙', 330727199001011234, null, '常住人口', null, null, null, null], // row 4: lost digits
      [null, '东村老街 4 号', null, null, null, null, null, null, '校验丁', badCheck, null, '常住人口', null, null, null, null], // row 5: check digit
      [null, '东村老街 5 号', null, null, null, null, null, null, null, anIdNumber(), '12345', '外星人', null, null, null, null], // row 6: name, phone, category
      [null, '东村老街 6 号', null, null, null, null, null, null, '返乡戊', anIdNumber(), null, '返乡人员', null, null, '是', null], // row 7: returnee, key person
      [gridBCode, '西村 1 号', null, null, null, null, null, null, '越界己', anIdNumber(), null, '常住人口', null, null, null, null], // row 8: other grid
      [null, '东村老街 7 号', null, null, null, null, null, null, '已登记庚', registered, null, '常住人口', null, null, null, null], // row 9: registered
      [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null], // row 10: blank
      [null, '东村老街 8 号', null, null, null, '也许', null, null, '好人辛', anIdNumber(), null, '流动人口', null, '2026-13-45', null, null], // row 11: rental, date
    ];
    const job = await importFile(await xlsx(rows));
    expect(job.status).toBe('done');
    expect(job.total).toBe(9);
    expect(job.imported).toBe(1);
    expect(await personCount()).toBe(before + 1);
    const byRow = (row: number) => job.rejected.filter((r) => r.row === row).map((r) => `${r.column}|${r.code}`);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['J 身份证号|duplicate_in_file']);
    expect(byRow(4)).toEqual(['J 身份证号|lost_digits']);
    expect(byRow(5)).toEqual(['J 身份证号|check_digit']);
    expect(byRow(6).sort()).toEqual(['I 姓名|required', 'K 手机号|mobile_length', 'L 人员类别|category'].sort());
    expect(byRow(7).sort()).toEqual(['M 来源地|returnee_needs', 'N 到达日期|returnee_needs', 'P 重点人员原因|key_person_reason'].sort());
    expect(byRow(8)).toEqual(['A 网格代码|region_outside']);
    expect(byRow(9)).toEqual(['J 身份证号|already_registered']);
    expect(byRow(10)).toEqual([]);
    expect(byRow(11).sort()).toEqual(['F 是否出租|yes_no', 'N 到达日期|date'].sort());
    // No reason repeats a person's ID or phone number.
    const text = JSON.stringify(job.rejected);
    expect(text).not.toContain(twice);
    expect(text).not.toContain(registered);
    expect(text).not.toContain('12345');

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}/rejected.xlsx`, headers: worker.headers });
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const got: { name: unknown; reason: string; row: unknown }[] = [];
    sheet?.eachRow((row, n) => {
      if (n === 1) return;
      got.push({ name: row.getCell(9).value, reason: String(row.getCell(HEADER.length + 1).value), row: row.getCell(HEADER.length + 2).value });
    });
    expect(got.map((g) => g.row)).toEqual([3, 4, 5, 6, 7, 8, 9, 11]);
    expect(got[0]?.reason).toBe('身份证号：与第 2 行身份证号重复');
    expect(got[1]?.reason).toContain('丢失位数');
    expect(sheet?.getRow(1).getCell(HEADER.length + 1).value).toBe('未导入原因');
  });

  it('gives refused rows back with formula-like text as text cells, exactly as uploaded (xlsx and CSV)', async () => {
    const rejectedBook = async (id: string) => openXlsx((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/rejected.xlsx`, headers: worker.headers })).rawPayload);
    // Refused for its category; the rest is what someone might type to attack whoever opens it.
    // (A carriage return cannot be planted: an xlsx reads it back as a line feed, a CSV trims it.)
    const row: Row = [null, H.dde, null, null, -5, null, H.at, null, H.hyperlink, null, null, H.minus, H.tab, null, null, null];
    const fromXlsx = await importFile(await xlsx([row]));
    expect(fromXlsx).toMatchObject({ status: 'done', imported: 0 });
    expect(fromXlsx.rejected.map((r) => r.column)).toContain('L 人员类别');
    const book = await rejectedBook(fromXlsx.id);
    expectFormulaSafe(book, [H.dde, H.at, H.hyperlink, H.minus, H.tab]);
    const echoed = book.book.worksheets[0]?.getRow(2);
    expect([2, 7, 9, 12, 13].map((c) => echoed?.getCell(c).text)).toEqual([H.dde, H.at, H.hyperlink, H.minus, H.tab]);
    // A number stays a number, negative or not.
    expect([echoed?.getCell(5).type, echoed?.getCell(5).value]).toEqual([ExcelJS.ValueType.Number, -5]);
    // Corrected and uploaded again, the row comes in with its text as it was: no quote added.
    const category = echoed?.getCell(12);
    if (category) category.value = '常住人口';
    const corrected = await importFile(Buffer.from(await book.book.xlsx.writeBuffer()));
    expect(corrected, JSON.stringify(corrected.rejected)).toMatchObject({ status: 'done', imported: 1 });
    const person = await t.app.db.selectFrom('persons').select('name').where('name', '=', H.hyperlink).execute();
    expect(person).toHaveLength(1);

    // From a CSV every field is text: "-5" included.
    const quoted = (v: string | number | null) => (v === null ? '' : `"${String(v).replace(/"/g, '""')}"`);
    const csv = [HEADER, row.slice(0, 12)].map((r) => r.map((v) => quoted(v as string | number | null)).join(',')).join('\r\n');
    const fromCsv = await importFile(Buffer.from(csv), 'valid-rows', 'people.csv');
    expect(fromCsv).toMatchObject({ status: 'done', imported: 0 });
    const csvBook = await rejectedBook(fromCsv.id);
    expectFormulaSafe(csvBook, [H.dde, '-5', H.at, H.hyperlink, H.minus]);
    expect(csvBook.book.worksheets[0]?.getRow(2).getCell(9).text).toBe(H.hyperlink);
  });

  it('writes nothing in all-or-nothing mode when one row is refused', async () => {
    const before = await personCount();
    const job = await importFile(
      await xlsx([
        [null, '东村新街 1 号', null, null, null, null, null, null, '全有甲', anIdNumber(), null, '常住人口', null, null, null, null],
        [null, '东村新街 2 号', null, null, null, null, null, null, '全无乙', '12345', null, '常住人口', null, null, null, null],
      ]),
      'all-or-nothing',
    );
    expect(job).toMatchObject({ status: 'done', total: 2, imported: 0, rejectedCount: 1 });
    expect(await personCount()).toBe(before);
    expect(await stagedCount()).toBe(0);
  });

  it('reads CSV in GB18030, UTF-8 with a BOM and UTF-16 tab-separated text, in any column order, skipping blank and trailing rows', async () => {
    const header = ['人员类别', '姓名', '身份证号', '地址', '手机号'];
    const ids = [anIdNumber(), anIdNumber(), anIdNumber()];
    const gb = iconv.encode(`${csvText([['流动人口', '钱一', ids[0] ?? '', '东村南街 1 号', aMobile(7)], [null, null, null, null, null]], header)}\r\n\r\n,,,,\r\n`, 'gb18030');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText([['租户', '孙二', ids[1] ?? '', '"东村南街 2 号, 后院"', null]], header))]);
    const utf16 = iconv.encode(csvText([['访客', '李三', ids[2] ?? '', '东村南街 3 号', null]], header, '\t'), 'utf16le', { addBOM: true });
    for (const [file, name] of [[gb, '钱一'], [bom, '孙二'], [utf16, '李三']] as const) {
      const job = await importFile(file, 'valid-rows', 'people.csv');
      expect(job, name).toMatchObject({ status: 'done', total: 1, imported: 1, rejectedCount: 0 });
      const person = await t.app.db.selectFrom('persons as p').innerJoin('households as h', 'h.id', 'p.household_id').select(['p.name', 'h.address']).where('p.name', '=', name).executeTakeFirst();
      expect(person?.name).toBe(name);
    }
    const sun = await t.app.db.selectFrom('persons as p').innerJoin('households as h', 'h.id', 'p.household_id').select('h.address').where('p.name', '=', '孙二').executeTakeFirstOrThrow();
    expect(sun.address).toBe('东村南街 2 号, 后院');
  });

  it('refuses a number that lost its digits in a CSV saved by Excel', async () => {
    const job = await importFile(Buffer.from(csvText([['东村北街 1 号', '周四', '3.30727E+17', '常住人口']], ['地址', '姓名', '身份证号', '人员类别'])), 'valid-rows', 'p.csv');
    expect(job.rejected).toEqual([expect.objectContaining({ row: 2, column: 'C 身份证号', code: 'lost_digits' })]);
  });

  it('fails the job with a clear message when the headers are missing, and refuses files that are not spreadsheets', async () => {
    const job = await importFile(await xlsx([['x']], ['列一', '列二']));
    expect(job.status).toBe('failed');
    expect(job.error).toContain('姓名');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]);
    const res = await upload(xls, { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'old.xls');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toContain('.xls');
    const png = await upload(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), { regionId: String(t.tree.gridA) }, 'a.png');
    expect(png.statusCode).toBe(415);
  });

  it('names the field when regionId or mode is wrong, and keeps imports inside the caller’s region', async () => {
    const file = await xlsx([]);
    const noRegion = await upload(file, { mode: 'valid-rows' });
    expect(noRegion.statusCode).toBe(400);
    expect(noRegion.json().error.details[0].path).toBe('regionId');
    const badMode = await upload(file, { regionId: String(t.tree.gridA), mode: 'some' });
    expect(badMode.json().error.details[0].path).toBe('mode');
    const elsewhere = await upload(file, { regionId: String(t.tree.gridB), mode: 'valid-rows' });
    expect(elsewhere.statusCode).toBe(403);
    const auditor = await signIn(t.app, 'auditor', t.tree.county);
    expect((await upload(file, { regionId: String(t.tree.gridA) }, 'p.xlsx', auditor.headers)).statusCode).toBe(403);
    const other = await signIn(t.app, 'grid_worker', t.tree.gridB);
    const mine = await upload(file, { regionId: String(t.tree.gridA), mode: 'valid-rows' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/imports/${mine.json().id}`, headers: other.headers })).statusCode).toBe(404);
  });

  it('gives the first job back for a retried upload with the same Idempotency-Key', async () => {
    const file = await xlsx([[null, '东村西街 1 号', null, null, null, null, null, null, '重试', anIdNumber(), null, '常住人口', null, null, null, null]]);
    const headers = { ...worker.headers, 'idempotency-key': 'import-retry-1' };
    const first = await upload(file, { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'p.xlsx', headers);
    const again = await upload(file, { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'p.xlsx', headers);
    expect(again.json().id).toBe(first.json().id);
    await finished(first.json().id);
    expect((await t.app.db.selectFrom('persons').select('id').where('name', '=', '重试').execute()).length).toBe(1);
  });

  it('leaves nothing half-imported after a crash, and imports everything when rerun', async () => {
    const rows: Row[] = [];
    for (let i = 0; i < 6_500; i++) rows.push([null, `东村长街 ${Math.floor(i / 3)} 号`, null, null, null, null, null, null, `长街${i}`, anIdNumber(`197501${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`, '339902'), null, '常住人口', null, null, null, null]);
    const file = Buffer.from(csvText(rows));
    const before = { persons: await personCount(), households: await householdCount() };
    const id = crypto.randomUUID();
    const ref = crypto.randomUUID();
    await sealUpload(t.app.fieldCrypto, t.app.config.dataDir, ref, Readable.from([file]), 10_000_000);
    const region = { id: t.tree.gridA, path: (await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.gridA).executeTakeFirstOrThrow()).path, level: 'grid' };
    await insertJob(t.app.db, { id, kind: PERSON_IMPORT_KIND, userId: worker.user.id, regionId: t.tree.gridA, mode: 'valid-rows', fileName: 'p.csv', uploadRef: ref, options: { format: 'csv', region } });
    const fakeRequest = { ip: '127.0.0.1', headers: {}, actor: { userId: worker.user.id } } as unknown as Parameters<typeof auditContextOf>[0];
    const job = { id, mode: 'valid-rows' as const, format: 'csv' as const, uploadRef: ref, userId: worker.user.id, actorPath: region.path, region, audit: auditContextOf(fakeRequest) };
    const deps = { db: t.app.db, crypto: t.app.fieldCrypto, dataDir: t.app.config.dataDir, log: t.app.log, today: '2026-11-29' };
    // Read in a worker thread, as a big file is, to prove that path too.
    await expect(runPersonImport({ ...deps, crashAfterChunks: 1, reader: 'worker' }, job)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await personCount()).toBe(before.persons);
    expect(await householdCount()).toBe(before.households);
    expect(await countedPersons()).toBe(await personCount());
    expect(await stagedCount()).toBeGreaterThan(0);
    // The process is gone: the job stops being updated and is reported as interrupted.
    await t.app.db.updateTable('import_jobs').set({ updated_at: new Date(Date.now() - 3_600_000).toISOString() }).where('id', '=', id).execute();
    const interrupted = await finished(id);
    expect(interrupted.status).toBe('failed');
    const rerun = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/rerun`, headers: worker.headers });
    expect(rerun.statusCode, rerun.body).toBe(202);
    const done = await finished(id);
    expect(done).toMatchObject({ status: 'done', total: 6_500, imported: 6_500, rejectedCount: 0 });
    expect(await personCount()).toBe(before.persons + 6_500);
    expect(await householdCount()).toBe(before.households + Math.ceil(6_500 / 3));
    expect(await countedPersons()).toBe(await personCount());
    const countedHouseholds = (await readCounters(t.app.db, [t.tree.county])).get(t.tree.county)?.households;
    expect(countedHouseholds).toBe(await householdCount());
    // Staging rows are cleared right after the job is marked done.
    await expect.poll(stagedCount, { timeout: 10_000 }).toBe(0);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/rerun`, headers: worker.headers });
    expect(again.statusCode).toBe(409);
  });
});
