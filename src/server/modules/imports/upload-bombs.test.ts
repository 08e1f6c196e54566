// Spreadsheet bombs (issue 13, item 1): each is refused with a code naming the limit it passed,
// at upload when the zip's directory tells, else by the job as it streams; nothing is left
// staged, and a zip inside a zip is never opened. bench/upload-bombs.ts and
// test/upload-bombs-server.test.ts measure the real server's memory and /healthz meanwhile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { inlineRow, longLineCsv, part, repeatedPart, sharedStringsBomb, storedPart, workbookParts, zip } from '../../../../test/support/bombs.ts';
import { jobEnded, streamingMultipart } from '../../../../test/support/imports.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { insertJob, readJob } from './import-jobs.ts';
import { PERSON_IMPORT_KIND, runPersonImport } from './persons-import.service.ts';
import { sealUpload } from './sealed-upload.ts';
import { Readable } from 'node:stream';

let t: TestApp;
let worker: Record<string, string>;
let workerId: string;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  const signedIn = await signIn(t.app, 'grid_worker', t.tree.gridA);
  worker = signedIn.headers;
  workerId = signedIn.user.id;
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
});
afterAll(() => t.close());

const LIMITS = IMPORT_LIMITS.persons;
const HEADER = ['地址', '姓名', '身份证号', '人员类别'];
const person = (name: string) => ['东村炸弹街 1 号', name, anIdNumber(), '常住人口'];
const count = async (table: 'import_jobs' | 'import_person_rows' | 'import_rejections') =>
  Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const persons = async (name: string) => (await t.app.db.selectFrom('persons').select('id').where('name', '=', name).execute()).length;

function upload(file: Buffer, fileName = 'people.xlsx') {
  const body = multipart(file, { regionId: String(t.tree.gridA), mode: 'valid-rows' }, fileName);
  return t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...worker, ...body.headers }, payload: body.payload });
}
async function importJob(file: Buffer, fileName?: string) {
  const res = await upload(file, fileName);
  expect(res.statusCode, res.body).toBe(202);
  const id = res.json<{ id: string }>().id;
  return { id, ...(await jobEnded(t.app, `/api/v1/imports/${id}`, worker)) };
}
/** A failed job keeps no staging rows or refusals behind. */
async function expectNothingStaged() {
  expect(await count('import_person_rows')).toBe(0);
  expect(await count('import_rejections')).toBe(0);
}
const sheetOf = (...rows: string[]) => `<dimension ref="A1:XFD1048576"/><sheetData>${rows.join('')}</sheetData>`;

describe('spreadsheet bombs', () => {
  it('refuses the 30 × 100 MB shared-strings bomb at upload, naming the limit, and keeps no file or job', async () => {
    const jobs = await count('import_jobs');
    const res = await upload(sharedStringsBomb(30, 100));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PART_TOO_LARGE_UNPACKED', message: expect.stringContaining(`${LIMITS.partMb} MB`) } });
    expect(res.json().error.message).toContain('xl/sharedStrings.xml');
    // The parameters ride in the details, for a client to word the refusal in its language.
    expect(res.json().error.details).toEqual(expect.arrayContaining([{ path: 'file.max', message: String(LIMITS.partMb) }, { path: 'file.part', message: 'xl/sharedStrings.xml' }]));
    expect(await count('import_jobs')).toBe(jobs);
    // Two parts each under the part limit, together over the file's.
    const half = Math.ceil((LIMITS.unpackedMb * 1_048_576) / 2 / 1_048_576) + 1;
    const pair = zip([...workbookParts('<sheetData/>'), repeatedPart('xl/media/a.bin', [{ text: 'a'.repeat(1_048_576), times: half }]), repeatedPart('xl/media/b.bin', [{ text: 'b'.repeat(1_048_576), times: half }])]);
    const whole = await upload(pair);
    expect(whole.statusCode).toBe(413);
    expect(whole.json()).toMatchObject({ error: { code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringContaining(`${LIMITS.unpackedMb} MB`) } });
  });

  it('fails the job of a bomb whose zip directory lies about its size at the first over-long text, with nothing staged', async () => {
    const job = await importJob(sharedStringsBomb(30, 100, 50));
    expect(job).toMatchObject({ status: 'failed', errorCode: 'TEXT_TOO_LONG', errorParams: { max: LIMITS.cellChars } });
    expect(job.error).toContain(String(LIMITS.cellChars));
    await expectNothingStaged();
  });

  it('refuses eight 1.5 GB-string bombs sent at once, and runs the lying ones one after the other to a clean failure', async () => {
    const honest = await Promise.all(Array.from({ length: 8 }, () => upload(sharedStringsBomb(1, 1_500))));
    expect(honest.map((r) => r.statusCode)).toEqual(Array(8).fill(413));
    const lying = await Promise.all(Array.from({ length: 8 }, () => upload(sharedStringsBomb(1, 1_500, 900))));
    expect(lying.map((r) => r.statusCode)).toEqual(Array(8).fill(202));
    const jobs = await Promise.all(lying.map((r) => jobEnded(t.app, `/api/v1/imports/${r.json<{ id: string }>().id}`, worker, 240_000)));
    expect(jobs.map((j) => j.errorCode)).toEqual(Array(8).fill('TEXT_TOO_LONG'));
    await expectNothingStaged();
  }, 300_000);

  it('never unpacks a zip inside a zip: a zip of a workbook is refused, a zip where a sheet should be is damaged, an embedded zip is ignored', async () => {
    const inner = sharedStringsBomb(1, 1_500);
    const zipOfWorkbook = await upload(zip([storedPart('people.xlsx', inner)]), 'people.zip');
    expect(zipOfWorkbook.statusCode).toBe(415);
    expect(zipOfWorkbook.json().error.message).toContain('not an Excel workbook');

    const sheetIsZip = await importJob(zip(workbookParts(storedPart('xl/worksheets/sheet1.xml', inner))));
    expect(sheetIsZip).toMatchObject({ status: 'failed', errorCode: 'FILE_DAMAGED', errorParams: { part: 'xl/worksheets/sheet1.xml' } });
    await expectNothingStaged();

    const sheet = `<sheetData>${inlineRow(1, HEADER)}${inlineRow(2, person('包中包'))}</sheetData>`;
    const embedded = await importJob(zip([...workbookParts(sheet), storedPart('xl/embeddings/bomb.zip', inner)]));
    expect(embedded, embedded.error).toMatchObject({ status: 'done', imported: 1 });
    expect(await persons('包中包')).toBe(1);
  });

  it('reads a sheet claiming a million columns without allocating them, and refuses a value past the column limit naming row and column', async () => {
    const styledEmpty = await importJob(zip(workbookParts(sheetOf(inlineRow(1, HEADER), inlineRow(2, person('宽表')).replace('</row>', '<c r="XFD2" s="1"/></row>')))));
    expect(styledEmpty, styledEmpty.error).toMatchObject({ status: 'done', imported: 1 });

    const farValue = await importJob(zip(workbookParts(sheetOf(inlineRow(1, HEADER), inlineRow(2, person('很宽')).replace('</row>', '<c r="XFD2"><v>1</v></c></row>')))));
    expect(farValue).toMatchObject({ status: 'failed', errorCode: 'TOO_MANY_COLUMNS', errorParams: { row: 2, column: 'XFD', max: LIMITS.columns } });
    const pastExcel = await importJob(zip(workbookParts(sheetOf(inlineRow(1, HEADER), '<row r="2"><c r="AAAAAA2"><v>1</v></c></row>'))));
    expect(pastExcel).toMatchObject({ status: 'failed', errorCode: 'TOO_MANY_COLUMNS', errorParams: { row: 2, column: 'AAAAAA' } });
    const tooFar = await importJob(zip(workbookParts(sheetOf(inlineRow(1, HEADER), `<row r="${LIMITS.rows + 1}"><c r="A${LIMITS.rows + 1}"><v>1</v></c></row>`))));
    expect(tooFar).toMatchObject({ status: 'failed', errorCode: 'TOO_MANY_ROWS', errorParams: { max: LIMITS.rows } });
    const longCell = await importJob(zip(workbookParts(sheetOf(inlineRow(1, HEADER), inlineRow(2, ['东村', 'x'.repeat(LIMITS.cellChars + 1), anIdNumber(), '常住人口'])))));
    expect(longCell).toMatchObject({ status: 'failed', errorCode: 'CELL_TOO_LONG', errorParams: { row: 2, column: 'B', max: LIMITS.cellChars } });
    expect(await persons('很宽')).toBe(0);
    await expectNothingStaged();
  });

  it('refuses a DOCTYPE (billion laughs) and a zip of more parts than a workbook has', async () => {
    const entities = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const laughs = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">${entities}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol10;</t></si></sst>`;
    const job = await importJob(zip(workbookParts('<sheetData/>', part('xl/sharedStrings.xml', laughs))));
    expect(job).toMatchObject({ status: 'failed', errorCode: 'FILE_DAMAGED' });
    expect(String(job.errorParams?.part)).toContain('DOCTYPE');

    const many = zip([...workbookParts('<sheetData/>'), ...Array.from({ length: LIMITS.zipEntries }, (_, i) => part(`xl/media/p${i}.txt`, 'x'))]);
    const res = await upload(many);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'FILE_TOO_MANY_PARTS', message: expect.stringContaining(String(LIMITS.zipEntries)) } });
  });

  it('refuses a CSV whose one line is 250 MB while it streams, and a line of millions of empty fields, and a cell over the limit', async () => {
    const body = streamingMultipart({ regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'people.csv', longLineCsv(HEADER.join(','), 250));
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...worker, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(202);
    const long = await jobEnded(t.app, `/api/v1/imports/${res.json<{ id: string }>().id}`, worker);
    expect(long).toMatchObject({ status: 'failed', errorCode: 'ROW_TOO_LONG', errorParams: { row: 2, max: LIMITS.rowChars } });

    const commas = await importJob(Buffer.from(`${HEADER.join(',')}\r\n${','.repeat(5_000_000)}\r\n`), 'people.csv');
    expect(commas).toMatchObject({ status: 'failed', errorCode: 'TOO_MANY_COLUMNS', errorParams: { row: 2 } });
    const wide = await importJob(Buffer.from(`${HEADER.join(',')}\r\n${person('宽行').join(',')},${'x'.repeat(LIMITS.cellChars + 1)}\r\n`), 'people.csv');
    expect(wide).toMatchObject({ status: 'failed', errorCode: 'CELL_TOO_LONG', errorParams: { row: 2, column: 'E', max: LIMITS.cellChars } });
    await expectNothingStaged();
  }, 120_000);

  it('refuses a territory bomb at upload, and fails the territory job of a lying one, or of a table of texts past its budget, with its code', async () => {
    const send = (file: Buffer) => {
      const body = multipart(file, { mode: 'valid-rows' }, 'regions.xlsx');
      return t.app.inject({ method: 'POST', url: '/api/v1/regions/import', headers: { ...admin, ...body.headers }, payload: body.payload });
    };
    const honest = await send(sharedStringsBomb(30, 100));
    expect(honest.statusCode).toBe(413);
    expect(honest.json()).toMatchObject({ error: { code: 'PART_TOO_LARGE_UNPACKED', message: expect.stringContaining(`${IMPORT_LIMITS.regions.partMb} MB`) } });
    // Millions of one-letter texts: small as XML, but each costs its offsets; the table's budget refuses it.
    const tiny = '<si><t>x</t></si>'.repeat(61_681);
    const strings = repeatedPart('xl/sharedStrings.xml', [{ text: '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' }, { text: tiny, times: 70 }, { text: '</sst>' }]);
    const many = await send(zip(workbookParts('<sheetData/>', strings)));
    expect(many.statusCode, many.body).toBe(202);
    const refused = await jobEnded(t.app, `/api/v1/regions/import/${many.json<{ id: string }>().id}`, admin);
    expect(refused).toMatchObject({ status: 'failed', errorCode: 'SHARED_STRINGS_TOO_LARGE', errorParams: { max: IMPORT_LIMITS.regions.sharedStringsMb } });

    const lying = await send(sharedStringsBomb(30, 100, 150));
    expect(lying.statusCode, lying.body).toBe(202);
    const job = await jobEnded(t.app, `/api/v1/regions/import/${lying.json<{ id: string }>().id}`, admin);
    expect(job).toMatchObject({ status: 'failed', errorCode: 'TEXT_TOO_LONG', errorParams: { max: IMPORT_LIMITS.regions.cellChars } });
  });

  it('fails the job cleanly when its reader worker runs out of memory, and the server goes on', async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => person(`内存${i}`).join(','));
    const ref = crypto.randomUUID();
    await sealUpload(t.app.fieldCrypto, t.app.config.dataDir, ref, Readable.from([Buffer.from([HEADER.join(','), ...rows].join('\r\n'))]), 10_000_000);
    const path = (await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.gridA).executeTakeFirstOrThrow()).path;
    const region = { id: t.tree.gridA, path, level: 'grid' };
    const id = crypto.randomUUID();
    await insertJob(t.app.db, { id, kind: PERSON_IMPORT_KIND, userId: workerId, regionId: t.tree.gridA, mode: 'valid-rows', fileName: 'p.csv', uploadRef: ref, options: { format: 'csv', region } });
    const request = { ip: '127.0.0.1', headers: {}, actor: { userId: workerId } } as unknown as Parameters<typeof auditContextOf>[0];
    const deps = { db: t.app.db, crypto: t.app.fieldCrypto, dataDir: t.app.config.dataDir, log: t.app.log, today: '2026-11-29' };
    const job = { id, mode: 'valid-rows' as const, format: 'csv' as const, uploadRef: ref, userId: workerId, actorPath: path, region, audit: auditContextOf(request) };
    // A heap far too small for the reader: the worker dies, as one fed a bomb past the limits would.
    await runPersonImport({ ...deps, reader: 'worker', readerHeapMb: 4 }, job);
    const failed = await readJob(t.app.db, { userId: workerId } as never, null, id);
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'FILE_TOO_COMPLEX', errorParams: { max: 4 } });
    await expectNothingStaged();
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
