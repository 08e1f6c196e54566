import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { expectFormulaSafe, openXlsx } from '../../../../test/support/xlsx.ts';

let t: TestApp;
let admin: Record<string, string>;
let townCode: string;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
  townCode = (await t.app.db.selectFrom('regions').select('code').where('id', '=', t.tree.townA).executeTakeFirstOrThrow()).code;
});
afterAll(() => t.close());

type CellInput = string | number | null | ExcelJS.CellValue;
async function xlsx(rows: CellInput[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('区域');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function multipart(file: Buffer, fields: Record<string, string> = {}, fileName = 'regions.xlsx') {
  const boundary = '----gridguard-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: application/octet-stream\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(headers: Record<string, string>, file: Buffer, mode?: string): Promise<LightMyRequestResponse> {
  const body = multipart(file, mode ? { mode } : {});
  return t.app.inject({ method: 'POST', url: '/api/v1/regions/import', headers: { ...headers, ...body.headers }, payload: body.payload });
}

interface Job {
  status: string;
  total: number;
  imported: number;
  rejected: { row: number; column: string; message: string }[];
  error?: string;
}
async function finished(headers: Record<string, string>, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/regions/import/${id}`, headers });
    expect(res.statusCode).toBe(200);
    const job = res.json<Job>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}
async function importRows(headers: Record<string, string>, rows: CellInput[][], mode?: string): Promise<Job> {
  const res = await upload(headers, await xlsx(rows), mode);
  expect(res.statusCode).toBe(202);
  return finished(headers, res.json<{ id: string }>().id);
}
const regionByCode = (code: string) => t.app.db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();

describe('territory import', () => {
  it('imports a tree whose rows come in any order, with headers in any column order', async () => {
    const c = `${townCode}7`;
    const job = await importRows(admin, [
      ['级别', '上级代码', '名称', '代码'],
      ['微网格', `${c}1`, '一号楼', `${c}11`],
      ['村', townCode, '北村', c],
      ['网格', c, '北村第一网格', `${c}1`],
    ]);
    expect(job).toMatchObject({ status: 'done', total: 3, imported: 3, rejected: [] });
    const village = await regionByCode(c);
    const micro = await regionByCode(`${c}11`);
    expect(village?.parent_id).toBe(t.tree.townA);
    expect(micro?.path.startsWith(village?.path ?? '-')).toBe(true);
    expect(micro?.depth).toBe(5);
    const entry = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'import').where('entity', '=', 'region').orderBy('id', 'desc').executeTakeFirst();
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({ imported: 3, rejected: 0 });
  });

  it('reads a code Excel stored as a number, and rich text and formula cells as their text', async () => {
    const code = Number(`${townCode}8`);
    const job = await importRows(admin, [
      ['Code', 'Name', 'Level', 'Parent code'],
      [code, { richText: [{ text: '南' }, { text: '村' }] }, 'village', { formula: `"${townCode}"`, result: townCode }],
    ]);
    expect(job).toMatchObject({ status: 'done', imported: 1 });
    expect((await regionByCode(String(code)))?.name).toBe('南村');
  });

  it('updates the name of an existing code instead of duplicating it', async () => {
    const code = `${townCode}8`;
    const job = await importRows(admin, [['代码', '名称', '级别', '上级代码'], [code, '新南村', '社区', townCode]]);
    expect(job).toMatchObject({ status: 'done', imported: 1 });
    const rows = await t.app.db.selectFrom('regions').select('name').where('code', '=', code).execute();
    expect(rows).toEqual([{ name: '新南村' }]);
  });

  it('rejects a bad level, a missing parent, a duplicate code and lost digits, naming row and column', async () => {
    const job = await importRows(
      admin,
      [
        ['代码', '名称', '级别', '上级代码'],
        [`${townCode}901`, '甲村', '省', townCode],
        [`${townCode}902`, '乙村', '村', '339901999999'],
        [`${townCode}903`, '丙村', '村', townCode],
        [`${townCode}903`, '丙村二', '村', townCode],
        [3.39901001001001e17, '丁网格', '网格', townCode],
        [null, null, null, null],
      ],
      'valid-rows',
    );
    expect(job.status).toBe('done');
    expect(job.imported).toBe(1);
    expect(job.rejected).toEqual([
      { row: 2, column: 'C 级别', message: expect.stringContaining('level must be one of') },
      { row: 3, column: 'D 上级代码', message: expect.stringContaining('no region with code 339901999999') },
      { row: 5, column: 'A 代码', message: expect.stringContaining('already appears in row 4') },
      { row: 6, column: 'A 代码', message: expect.stringContaining('lost digits') },
    ]);
    expect(await regionByCode(`${townCode}903`)).toBeDefined();
    expect(await regionByCode(`${townCode}902`)).toBeUndefined();
  });

  it('writes nothing in all-or-nothing mode when one row is bad', async () => {
    const job = await importRows(admin, [
      ['代码', '名称', '级别', '上级代码'],
      [`${townCode}911`, '戊村', '村', townCode],
      [`${townCode}912`, '', '村', townCode],
    ]);
    expect(job).toMatchObject({ status: 'done', imported: 0 });
    expect(job.rejected).toEqual([{ row: 3, column: 'B 名称', message: expect.any(String) }]);
    expect(await regionByCode(`${townCode}911`)).toBeUndefined();
  });

  it('refuses a file that is not an xlsx with 415, whatever its name', async () => {
    const res = await upload(admin, Buffer.from('代码,名称\n339901001,城关镇\n'));
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toMatch(/not an Excel \.xlsx workbook/);
  });

  it('rejects a row whose parent is outside the importer’s region: a town officer cannot import into another town', async () => {
    const officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const townC = (await t.app.db.selectFrom('regions').select('code').where('id', '=', t.tree.townC).executeTakeFirstOrThrow()).code;
    const job = await importRows(officer, [
      ['代码', '名称', '级别', '上级代码'],
      [`${townC}001`, '外村', '村', townC],
      [`${townCode}921`, '内村', '村', townCode],
      [`${townCode}922`, '新镇', '镇', '339901'],
    ], 'valid-rows');
    expect(job.imported).toBe(1);
    expect(job.rejected.map((r) => [r.row, r.column, r.message.includes('outside the region of your account')])).toEqual([
      [2, 'D 上级代码', true],
      [4, 'D 上级代码', true],
    ]);
    expect(await regionByCode(`${townC}001`)).toBeUndefined();
  });

  it('shows a job only to its uploader (and admins)', async () => {
    const officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const res = await upload(officer, await xlsx([['代码', '名称', '级别', '上级代码'], [`${townCode}931`, '己村', '村', townCode]]));
    const { id } = res.json<{ id: string }>();
    await finished(officer, id);
    const other = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions/import/${id}`, headers: other })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions/import/${id}`, headers: admin })).statusCode).toBe(200);
  });

  it('serves a template the importer reads back', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions/import/template.xlsx', headers: admin });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.getRow(1).values).toEqual([undefined, '代码', '名称', '级别', '上级代码']);
    expectFormulaSafe(await openXlsx(res.rawPayload), []);
  });

  it('answers 413 for a file over 20 MB', async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, 0x50);
    const res = await upload(admin, big);
    expect(res.statusCode).toBe(413);
  });
});
