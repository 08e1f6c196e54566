// The people import, built to take a million rows at flat memory and never half-write:
//   1. reading: the sealed upload is streamed row by row; each row is checked, normalised and
//      encrypted, and staged (import_person_rows) or rejected, in chunks of CHUNK rows;
//   2. checking: in SQL, window by window — the same ID number twice in the file, ID numbers
//      already registered, and which dwelling each row joins (one registered there already, or
//      a new household made from the file's first row at that address);
//   3. writing: one transaction moves the staged rows into households and persons with the
//      job's result and its audit entry.
// A crash before 3 commits leaves only staging rows, which a rerun (from the sealed upload)
// clears first; all-or-nothing stops after 2 when any row was refused.
import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { importReasonText } from '../../../shared/import-reasons.ts';
import type { DB, Db, ImportPersonRowsTable } from '../../db/schema.ts';
import { bulkInsert } from '../../db/fast-insert.ts';
import { inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { type ImportMode, type ImportRejection, MAX_STORED_REJECTIONS, claimJob, failJob, finishJob, jobProgress } from './import-jobs.ts';
import { PERSON_IMPORT_HEADERS, PERSON_IMPORT_REQUIRED, type PersonImportField } from './person-columns.ts';
import { type RowContext, type RowRegion, parsePersonRow } from './person-row.ts';
import { type RawRow, csvRows, xlsxRows } from './row-source.ts';
import { openUpload, readUploadHead, removeUpload } from './sealed-upload.ts';
import { type SheetColumn, columnLetter, headerKey } from './sheet.ts';

export const PERSON_IMPORT_KIND = 'persons';
/** Rows staged per transaction while reading. */
const CHUNK = 5_000;
/** Rows per window while checking in SQL. */
const WINDOW = 50_000;

export interface PersonImportJob {
  id: string;
  mode: ImportMode;
  format: 'xlsx' | 'csv';
  uploadRef: string;
  userId: string;
  /** The importer's own region: rows may name only grids inside it. */
  actorPath: string;
  /** The region chosen for the upload (the grid rows belong to unless they name their own). */
  region: RowRegion;
  audit: AuditContext;
}

export interface ImportDeps {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  crypto: FieldCrypto;
  dataDir: string;
  log: FastifyBaseLogger;
  today: string;
  /** Tests only: throw after this many staged chunks, as a crash would stop the import. */
  crashAfterChunks?: number;
}

export class SimulatedCrash extends Error {}

export async function runPersonImport(deps: ImportDeps, job: PersonImportJob): Promise<void> {
  const { db } = deps;
  if (!(await claimJob(db, job.id))) return;
  try {
    await clearStaging(db, job.id, true);
    const read = await readAndStage(deps, job);
    if (!read.ok) return await failJob(db, job.id, read.message);
    await jobProgress(db, job.id, { phase: 'checking', progress: 700, total: read.total, processed: read.total });
    const rejections = new Rejections(db, job.id, read.firstRejections, read.rejectedCount);
    await checkIdNumbers(db, job, read.idLabel, rejections);
    await jobProgress(db, job.id, { progress: 800 });
    await assignHouseholds(db, job.id);
    await jobProgress(db, job.id, { phase: 'writing', progress: 850 });
    const rejectedRows = await rejections.rowCount();
    const writeNothing = job.mode === 'all-or-nothing' && rejectedRows > 0;
    await db.transaction().execute(async (tx) => {
      // Someone may have registered one of these ID numbers while we checked: look again
      // inside the transaction that writes.
      if (!writeNothing) await checkRegistered(tx, job, read.idLabel, rejections, null);
      const counts = writeNothing ? { households: 0, persons: 0 } : await moveStagedRows(tx, deps.dialect, job.id);
      const finalRejectedRows = writeNothing ? rejectedRows : await rejections.rowCount(tx);
      await rejections.flush(tx);
      await finishJob(tx, job.id, { total: read.total, imported: counts.persons, rejected: rejections.first, rejectedCount: rejections.count });
      await audit(tx, job.audit, {
        action: 'import',
        entity: 'person',
        entityId: job.id,
        regionId: job.region.id,
        details: { mode: job.mode, total: read.total, imported: counts.persons, households: counts.households, rejectedRows: finalRejectedRows },
      });
    });
    await clearStaging(db, job.id, false);
    // The upload is kept while it has refused rows to download; otherwise it goes now.
    if (rejections.count === 0) removeUpload(deps.dataDir, job.uploadRef);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    // A rule broken only at write time (an AppError) is the uploader's to read; anything else
    // is ours: logged without the rows, and the job says so without internals.
    if (err instanceof AppError) return failJob(db, job.id, err.message);
    deps.log.error({ err, importId: job.id }, 'people import failed');
    await failJob(db, job.id, 'the import failed on the server; it has been logged: run it again').catch(() => undefined);
  }
}

/** Staging rows of the job go; a rerun (`withRejections`) also forgets the last run's refusals. */
export async function clearStaging(db: Db, jobId: string, withRejections: boolean): Promise<void> {
  await db.deleteFrom('import_person_rows').where('job_id', '=', jobId).execute();
  if (withRejections) await db.deleteFrom('import_rejections').where('job_id', '=', jobId).execute();
}

/** Refusals are written to import_rejections as they come; the first 1,000 also go to the job. */
class Rejections {
  private pending: ImportRejection[] = [];
  /** Reading numbered a row's refusals from 0; the later phases add at most one each, from 100. */
  private seq = 100;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly jobId: string,
    readonly first: ImportRejection[],
    public count: number,
  ) {}

  add(r: ImportRejection) {
    this.count += 1;
    if (this.first.length < MAX_STORED_REJECTIONS) this.first.push(r);
    this.pending.push(r);
  }

  async flush(db: Db = this.db) {
    if (!this.pending.length) return;
    const rows = this.pending.map((r, i) => ({
      job_id: this.jobId,
      row_no: r.row,
      seq: this.seq + i,
      column_label: r.column,
      message: r.message,
      code: r.code ?? null,
      params: r.params ? JSON.stringify(r.params) : null,
    }));
    this.seq += this.pending.length;
    this.pending = [];
    await bulkInsert(db, 'import_rejections', rows);
  }

  async rowCount(db: Db = this.db): Promise<number> {
    await this.flush(db);
    const row = await db
      .selectFrom('import_rejections')
      .select(sql<number>`count(distinct row_no)`.as('n'))
      .where('job_id', '=', this.jobId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

type ReadResult =
  | { ok: true; total: number; idLabel: string; firstRejections: ImportRejection[]; rejectedCount: number }
  | { ok: false; message: string };

function mapHeader(raw: RawRow): { ok: true; columns: Partial<Record<PersonImportField, SheetColumn>> } | { ok: false; message: string } {
  const columns: Partial<Record<PersonImportField, SheetColumn>> = {};
  const fields = Object.keys(PERSON_IMPORT_HEADERS) as PersonImportField[];
  raw.values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    const key = headerKey(String(value));
    const field = fields.find((f) => PERSON_IMPORT_HEADERS[f].some((h) => headerKey(h) === key));
    if (field && !columns[field]) columns[field] = { index, label: `${columnLetter(index)} ${String(value).trim()}` };
  });
  const missing = PERSON_IMPORT_REQUIRED.filter((f) => !columns[f]);
  if (missing.length) {
    return { ok: false, message: `the header row (row 1) has no column ${missing.map((f) => PERSON_IMPORT_HEADERS[f][0]).join(', ')}: use the template's headers` };
  }
  return { ok: true, columns };
}

async function readAndStage(deps: ImportDeps, job: PersonImportJob): Promise<ReadResult> {
  const { db } = deps;
  const upload = openUpload(deps.crypto, deps.dataDir, job.uploadRef);
  const regionCache = new Map<string, RowRegion | 'unknown' | 'outside'>();
  const regionRows = await db.selectFrom('regions').select(['id', 'code', 'path', 'level', 'active']).execute();
  // The territory is small (thousands of regions): one read serves every row's grid code.
  for (const r of regionRows) regionCache.set(r.code, inSubtree(job.actorPath, r.path) ? { id: r.id, path: r.path, level: r.level } : 'outside');
  const first: ImportRejection[] = [];
  let rejectedCount = 0;
  let staged: ImportPersonRowsTable[] = [];
  let pendingRejections: ImportRejection[] = [];
  let total = 0;
  let chunks = 0;
  let ctx: RowContext | null = null;
  let idLabel = 'idNumber';

  const flush = async () => {
    const rows = staged;
    const refused = pendingRejections;
    staged = [];
    pendingRejections = [];
    await db.transaction().execute(async (tx) => {
      await bulkInsert(tx, 'import_person_rows', rows as unknown as Record<string, string | number | null>[]);
      await bulkInsert(
        tx,
        'import_rejections',
        refused.map((r, i) => ({ job_id: job.id, row_no: r.row, seq: i, column_label: r.column, message: r.message, code: r.code ?? null, params: r.params ? JSON.stringify(r.params) : null })),
      );
    });
    chunks += 1;
    await jobProgress(db, job.id, { phase: 'reading', processed: total, progress: Math.min(699, Math.floor((upload.bytesRead() / Math.max(1, upload.size)) * 700)) });
    if (deps.crashAfterChunks !== undefined && chunks >= deps.crashAfterChunks) throw new SimulatedCrash('simulated crash');
  };

  const rows = job.format === 'xlsx' ? xlsxRows(upload.stream) : csvRows(upload.stream, await readUploadHead(deps.crypto, deps.dataDir, job.uploadRef));
  try {
    for await (const raw of rows) {
      if (!ctx) {
        if (raw.values.every((v) => v === null || v === undefined)) continue;
        if (raw.row !== 1) return { ok: false, message: 'row 1 must hold the headers; it is empty' };
        const header = mapHeader(raw);
        if (!header.ok) return header;
        idLabel = header.columns.idNumber?.label ?? 'idNumber';
        ctx = {
          crypto: deps.crypto,
          jobId: job.id,
          today: deps.today,
          columns: header.columns,
          defaultRegion: job.region,
          regionByCode: (code) => regionCache.get(code) ?? 'unknown',
        };
        continue;
      }
      const result = parsePersonRow(raw, ctx);
      if (result.ok === 'blank') continue;
      total += 1;
      if (result.ok) staged.push(result.row);
      else {
        // Every refusal of a row is numbered within the row so the primary key holds.
        for (const r of result.rejections) {
          rejectedCount += 1;
          if (first.length < MAX_STORED_REJECTIONS) first.push(r);
          pendingRejections.push(r);
        }
      }
      if (staged.length + pendingRejections.length >= CHUNK) await flush();
    }
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    if (!ctx) return { ok: false, message: job.format === 'xlsx' ? 'the file could not be read as an Excel workbook: save it again as .xlsx' : 'the file could not be read as CSV text' };
    return { ok: false, message: `the file could not be read past row ${total + 1}: it may be damaged; save it again and upload it` };
  } finally {
    upload.stream.destroy();
  }
  if (!ctx) return { ok: false, message: 'the file is empty: row 1 must hold the headers' };
  if (staged.length || pendingRejections.length) await flush();
  return { ok: true, total, idLabel, firstRejections: first, rejectedCount };
}

async function maxRow(db: Db, jobId: string): Promise<number> {
  const row = await db.selectFrom('import_person_rows').select((eb) => eb.fn.max('row_no').as('n')).where('job_id', '=', jobId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The same ID number twice in the file (the later rows are refused), and ID numbers already registered. */
async function checkIdNumbers(db: Kysely<DB>, job: PersonImportJob, idLabel: string, rejections: Rejections): Promise<void> {
  const last = await maxRow(db, job.id);
  for (let from = 0; from < last; from += WINDOW) {
    const to = from + WINDOW;
    const repeats = await db
      .selectFrom('import_person_rows as a')
      .innerJoin('import_person_rows as b', (j) => j.onRef('b.job_id', '=', 'a.job_id').onRef('b.id_number_hash', '=', 'a.id_number_hash').onRef('b.row_no', '<', 'a.row_no'))
      .select(['a.row_no', (eb) => eb.fn.min('b.row_no').as('first')])
      .where('a.job_id', '=', job.id)
      .where('a.row_no', '>', from)
      .where('a.row_no', '<=', to)
      .groupBy('a.row_no')
      .execute();
    for (const r of repeats) rejections.add(rejection(r.row_no, idLabel, 'duplicate_in_file', { row: Number(r.first) }));
    await dropRows(db, job.id, repeats.map((r) => r.row_no));
    await checkRegistered(db, job, idLabel, rejections, [from, to]);
    await rejections.flush(db);
  }
}

async function checkRegistered(db: Db, job: PersonImportJob, idLabel: string, rejections: Rejections, window: [number, number] | null): Promise<void> {
  const found = await db
    .selectFrom('import_person_rows as a')
    .innerJoin('persons as p', 'p.id_number_hash', 'a.id_number_hash')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['a.row_no', 'r.path'])
    .where('a.job_id', '=', job.id)
    .$if(window !== null, (q) => q.where('a.row_no', '>', (window as [number, number])[0]).where('a.row_no', '<=', (window as [number, number])[1]))
    .execute();
  const seen = new Set<number>();
  for (const r of found) {
    if (seen.has(r.row_no)) continue;
    seen.add(r.row_no);
    rejections.add(rejection(r.row_no, idLabel, inSubtree(job.actorPath, r.path) ? 'already_registered' : 'already_registered_elsewhere'));
  }
  await dropRows(db, job.id, [...seen]);
}

async function dropRows(db: Db, jobId: string, rows: number[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db.deleteFrom('import_person_rows').where('job_id', '=', jobId).where('row_no', 'in', rows.slice(i, i + 500)).execute();
  }
}

const rejection = (row: number, column: string, code: 'duplicate_in_file' | 'already_registered' | 'already_registered_elsewhere', params?: Record<string, number>): ImportRejection => ({
  row,
  column,
  message: importReasonText(code, params, 'en') ?? code,
  code,
  ...(params ? { params } : {}),
});

/** Each row joins the household registered at its dwelling, or the one its file's first row there starts. */
async function assignHouseholds(db: Kysely<DB>, jobId: string): Promise<void> {
  await sql`
    update import_person_rows set household_id = (
      select h.id from households h
      where h.region_id = import_person_rows.region_id and h.address = import_person_rows.address
        and coalesce(h.building, '') = coalesce(import_person_rows.building, '')
        and coalesce(h.unit, '') = coalesce(import_person_rows.unit, '')
        and coalesce(h.room, '') = coalesce(import_person_rows.room, '')
      order by h.id limit 1)
    where job_id = ${jobId}`.execute(db);
  await sql`
    update import_person_rows set household_id = (
      select f.new_household_id from import_person_rows f
      where f.job_id = import_person_rows.job_id and f.household_key = import_person_rows.household_key
      order by f.row_no limit 1)
    where job_id = ${jobId} and household_id is null`.execute(db);
}

async function moveStagedRows(tx: Db, dialect: 'sqlite' | 'postgres', jobId: string): Promise<{ households: number; persons: number }> {
  // A bound parameter in a select list has no type in PostgreSQL: say it is a time.
  const now = dialect === 'postgres' ? sql`cast(${nowIso()} as timestamptz)` : sql`${nowIso()}`;
  const households = await sql`
    insert into households (id, region_id, address, building, unit, room, is_rental, landlord_name, landlord_phone_enc, landlord_phone_hash, last_visited_on, created_at, updated_at, version)
    select household_id, region_id, address, building, unit, room, is_rental, landlord_name, landlord_phone_enc, landlord_phone_hash, null, ${now}, ${now}, 1
    from import_person_rows where job_id = ${jobId} and household_id = new_household_id`.execute(tx);
  const persons = await sql`
    insert into persons (id, household_id, region_id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked,
      category, origin, arrived_on, travel_mode, employer, key_person, key_person_reason, dwelling_relation, left_on, created_at, updated_at, version)
    select person_id, household_id, region_id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked,
      category, origin, arrived_on, travel_mode, employer, key_person, key_person_reason, dwelling_relation, null, ${now}, ${now}, 1
    from import_person_rows where job_id = ${jobId} order by row_no`.execute(tx);
  return { households: Number(households.numAffectedRows ?? 0), persons: Number(persons.numAffectedRows ?? 0) };
}
