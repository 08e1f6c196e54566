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
import type { DB, Db } from '../../db/schema.ts';
import { bulkInsert } from '../../db/fast-insert.ts';
import { inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { type OutOfRegionAnswer, recordOutOfRegionAnswers } from '../../platform/disclosures.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { type ImportMode, type ImportRejection, MAX_STORED_REJECTIONS, claimJob, failJob, finishJob, jobProgress } from './import-jobs.ts';
import { type JobFailure, failureOf, refuse } from './import-refusal.ts';
import type { RowRegion } from './person-row.ts';
import type { ReaderInput } from './person-reader.ts';
import { INLINE_READ_BYTES, READER_HEAP_MB, inlineReader, startReader } from './reader-thread.ts';
import { removeUpload, uploadSize } from './sealed-upload.ts';
import { countHouseholds, countPeopleGroups } from '../households/people-counters.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';
import { timeValue, toBool } from '../../db/dialect.ts';

/** People coloured per page after an import's move (one fact query each). */
const RISK_PAGE = 5_000;

export const PERSON_IMPORT_KIND = 'persons';
/** Rows staged per transaction while reading. */
const CHUNK = 5_000;
/** Rows per window while checking in SQL. */
const WINDOW = 50_000;

export interface PersonImportJob {
  id: string;
  mode: ImportMode;
  format: 'xlsx' | 'csv';
  /** Bytes the reader parses (an .xlsx's unpacked size; the upload's own before migration 0020). */
  parseBytes?: number;
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
  crypto: FieldCrypto;
  dataDir: string;
  log: FastifyBaseLogger;
  today: string;
  /** Tests only: throw after this many staged chunks, as a crash would stop the import. */
  crashAfterChunks?: number;
  /** Where rows are read: a worker thread, or this one (auto: a worker for files over 2 MB). */
  reader?: 'worker' | 'inline' | 'auto';
  /** Tests only: the reader worker's heap, small enough to make it die. */
  readerHeapMb?: number;
}

export class SimulatedCrash extends Error {}

export async function runPersonImport(deps: ImportDeps, job: PersonImportJob): Promise<void> {
  const { db } = deps;
  if (!(await claimJob(db, job.id))) return;
  try {
    const startedAt = Date.now();
    const phaseDone = (phase: string) => deps.log.info({ importId: job.id, phase, ms: Date.now() - startedAt }, 'people import phase done');
    await clearStaging(db, job.id, true);
    const read = await readAndStage(deps, job);
    phaseDone('reading');
    if (!read.ok) return await failAndClear(db, job.id, read);
    await jobProgress(db, job.id, { phase: 'checking', progress: 700, total: read.total, processed: read.total });
    const rejections = new Rejections(db, job.id, read.firstRejections, read.rejectedCount);
    await checkIdNumbers(db, job, read.idLabel, rejections);
    phaseDone('id numbers');
    await jobProgress(db, job.id, { progress: 800 });
    await assignHouseholds(db, job.id);
    phaseDone('households');
    await jobProgress(db, job.id, { phase: 'writing', progress: 850 });
    const rejectedRows = await rejections.rowCount();
    const writeNothing = job.mode === 'all-or-nothing' && rejectedRows > 0;
    const lateAnswers = await db.transaction().execute(async (tx) => {
      // Someone may have registered one of these ID numbers while we checked: look again
      // inside the transaction that writes.
      const late = writeNothing ? [] : await checkRegistered(tx, job, read.idLabel, rejections, null);
      const counts = writeNothing ? { households: 0, persons: 0 } : await moveStagedRows(tx, job.id, deps.today);
      const finalRejectedRows = writeNothing ? rejectedRows : await rejections.rowCount(tx);
      await rejections.flush(tx);
      // Refusals come phase by phase; the job lists them in row order.
      const listed = [...rejections.first].sort((a, b) => a.row - b.row);
      await finishJob(tx, job.id, { total: read.total, imported: counts.persons, rejected: listed, rejectedCount: rejections.count });
      await audit(tx, job.audit, {
        action: 'import',
        entity: 'person',
        entityId: job.id,
        regionId: job.region.id,
        details: { mode: job.mode, total: read.total, imported: counts.persons, households: counts.households, rejectedRows: finalRejectedRows },
      });
      return late;
    });
    await recordOutOfRegionAnswers(db, job.audit, lateAnswers);
    phaseDone('writing');
    await clearStaging(db, job.id, false);
    // The upload is kept while it has refused rows to download; otherwise it goes now.
    if (rejections.count === 0) removeUpload(deps.dataDir, job.uploadRef);
  } catch (err) {
    if (err instanceof SimulatedCrash) throw err;
    // A rule broken only at write time (an AppError) is the uploader's to read; anything else
    // is ours: logged without the rows, and the job says so without internals.
    if (err instanceof AppError) return failAndClear(db, job.id, { message: err.message });
    deps.log.error({ err, importId: job.id }, 'people import failed');
    await failAndClear(db, job.id, { message: 'the import failed on the server; it has been logged: run it again' }).catch(() => undefined);
  }
}

/** A failed job keeps nothing staged: its rows and refusals go with the failure. */
async function failAndClear(db: Kysely<DB>, jobId: string, failure: JobFailure): Promise<void> {
  await clearStaging(db, jobId, true);
  await failJob(db, jobId, failure);
}

/** Staging rows of the job go; a rerun (`withRejections`) also forgets the last run's refusals. */
export async function clearStaging(db: Db, jobId: string, withRejections: boolean): Promise<void> {
  await db.deleteFrom('import_person_rows').where('job_id', '=', jobId).execute();
  await db.deleteFrom('import_households').where('job_id', '=', jobId).execute();
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

type ReadResult = { ok: true; total: number; idLabel: string; firstRejections: ImportRejection[]; rejectedCount: number } | ({ ok: false } & JobFailure);

/**
 * Reads the upload in a worker thread (person-reader.worker.ts) and stages each chunk it
 * posts, one transaction a chunk, while the worker reads the next: parsing and encryption on
 * one core, SQLite on the other.
 */
async function readAndStage(deps: ImportDeps, job: PersonImportJob): Promise<ReadResult> {
  const { db } = deps;
  // The territory is small (thousands of regions): one read serves every row's grid code.
  const regionRows = await db.selectFrom('regions').select(['id', 'code', 'path', 'level']).execute();
  const input: ReaderInput = {
    jobId: job.id,
    dataDir: deps.dataDir,
    uploadRef: job.uploadRef,
    format: job.format,
    today: deps.today,
    defaultRegion: job.region,
    regions: regionRows.map((r) => [r.code, inSubtree(job.actorPath, r.path) ? { id: r.id, path: r.path, level: r.level } : 'outside']),
    chunkRows: CHUNK,
  };
  const first: ImportRejection[] = [];
  let rejectedCount = 0;
  let chunks = 0;
  let idLabel = 'idNumber';
  // A worker costs about a second to start: small files (most uploads) are read right here.
  // "Small" is what will be parsed: a 1 MB workbook that unpacks to 1 GB goes to the worker.
  const size = Math.max(uploadSize(deps.dataDir, job.uploadRef), job.parseBytes ?? 0);
  const inWorker = deps.reader === 'worker' || ((deps.reader ?? 'auto') === 'auto' && size > INLINE_READ_BYTES);
  const reader = inWorker ? startReader(deps.crypto, input, deps.readerHeapMb) : inlineReader(deps.crypto, input);
  try {
    for await (const event of reader.events()) {
      if (event.type === 'failed') {
        const { type: _failed, ...failure } = event;
        return { ok: false, ...failure };
      }
      if (event.type === 'header') idLabel = event.idLabel;
      else if (event.type === 'done') return { ok: true, total: event.total, idLabel, firstRejections: first, rejectedCount };
      else {
        await db.transaction().execute(async (tx) => {
          await bulkInsert(tx, 'import_person_rows', event.staged as unknown as Record<string, string | number | null>[]);
          await bulkInsert(
            tx,
            'import_rejections',
            // Reading numbers a row's refusals from 0 (a row's refusals all come in one chunk).
            event.rejections.map((r, i) => ({ job_id: job.id, row_no: r.row, seq: i, column_label: r.column, message: r.message, code: r.code ?? null, params: r.params ? JSON.stringify(r.params) : null })),
          );
        });
        reader.next();
        for (const r of event.rejections) {
          rejectedCount += 1;
          if (first.length < MAX_STORED_REJECTIONS) first.push(r);
        }
        chunks += 1;
        await jobProgress(db, job.id, { phase: 'reading', processed: event.total, progress: event.progress });
        if (deps.crashAfterChunks !== undefined && chunks >= deps.crashAfterChunks) throw new SimulatedCrash('simulated crash');
      }
    }
    return { ok: false, message: 'the file could not be read: it may be damaged; save it again and upload it' };
  } catch (err) {
    // The worker died (its heap limit, or a crash): the job fails, this process goes on.
    if ((err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') return { ok: false, ...failureOf(refuse('FILE_TOO_COMPLEX', { max: deps.readerHeapMb ?? READER_HEAP_MB })) };
    throw err;
  } finally {
    await reader.stop();
  }
}

async function maxRow(db: Db, jobId: string): Promise<number> {
  const row = await db.selectFrom('import_person_rows').select((eb) => eb.fn.max('row_no').as('n')).where('job_id', '=', jobId).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The same ID number twice in the file (the later rows are refused), and ID numbers already registered. */
async function checkIdNumbers(db: Kysely<DB>, job: PersonImportJob, idLabel: string, rejections: Rejections): Promise<void> {
  // Only repeated numbers come back: one sort of the job's hashes finds them.
  const repeats = await sql<{ row_no: number; first: number }>`
    select a.row_no, f.first from (
      select id_number_hash, min(row_no) as first from import_person_rows
      where job_id = ${job.id} and id_number_hash is not null
      group by id_number_hash having count(*) > 1) f
    join import_person_rows a on a.job_id = ${job.id} and a.id_number_hash = f.id_number_hash and a.row_no > f.first
    order by a.row_no`.execute(db);
  for (const r of repeats.rows) rejections.add(rejection(Number(r.row_no), idLabel, 'duplicate_in_file', { row: Number(r.first) }));
  await dropRows(db, job.id, repeats.rows.map((r) => Number(r.row_no)));
  await rejections.flush(db);
  const last = await maxRow(db, job.id);
  for (let from = 0; from < last; from += WINDOW) {
    // A row refused as registered in another region told the importing account that person
    // exists there: kept like any such answer (platform/disclosures.ts).
    const answers = await checkRegistered(db, job, idLabel, rejections, [from, from + WINDOW]);
    await rejections.flush(db);
    await recordOutOfRegionAnswers(db, job.audit, answers);
  }
}

/** Refuses the rows whose ID number is registered already; answers those registered outside the account's region. */
async function checkRegistered(db: Db, job: PersonImportJob, idLabel: string, rejections: Rejections, window: [number, number] | null): Promise<OutOfRegionAnswer[]> {
  const found = await db
    .selectFrom('import_person_rows as a')
    .innerJoin('persons as p', 'p.id_number_hash', 'a.id_number_hash')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['a.row_no', 'r.path', 'p.id as person_id', 'p.region_id'])
    .where('a.job_id', '=', job.id)
    .$if(window !== null, (q) => q.where('a.row_no', '>', (window as [number, number])[0]).where('a.row_no', '<=', (window as [number, number])[1]))
    .execute();
  const seen = new Set<number>();
  const elsewhere: OutOfRegionAnswer[] = [];
  for (const r of found) {
    if (seen.has(r.row_no)) continue;
    seen.add(r.row_no);
    const visible = inSubtree(job.actorPath, r.path);
    if (!visible) elsewhere.push({ entity: 'person', entityId: r.person_id, regionId: r.region_id });
    rejections.add(rejection(r.row_no, idLabel, visible ? 'already_registered' : 'already_registered_elsewhere'));
  }
  await dropRows(db, job.id, [...seen]);
  return elsewhere;
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

/**
 * Each row joins the household registered at its dwelling, or the one its file's first row
 * there starts: the job's dwellings are grouped with one sort, then every step is a lookup by
 * a whole key, with no ordering for a query planner to get wrong.
 */
async function assignHouseholds(db: Kysely<DB>, jobId: string): Promise<void> {
  await sql`
    insert into import_households (job_id, household_key, first_row, household_id, is_new)
    select job_id, household_key, min(row_no), null, 1 from import_person_rows where job_id = ${jobId} group by job_id, household_key`.execute(db);
  const registered = sql`
    select h.id from import_person_rows r
    join households h on h.region_id = r.region_id and h.address = r.address
      and coalesce(h.building, '') = coalesce(r.building, '') and coalesce(h.unit, '') = coalesce(r.unit, '') and coalesce(h.room, '') = coalesce(r.room, '')
    where r.job_id = import_households.job_id and r.row_no = import_households.first_row
    limit 1`;
  await sql`
    update import_households set is_new = 0, household_id = (${registered})
    where job_id = ${jobId} and exists (${registered})`.execute(db);
  await sql`
    update import_households set household_id = (
      select r.new_household_id from import_person_rows r where r.job_id = import_households.job_id and r.row_no = import_households.first_row)
    where job_id = ${jobId} and is_new = 1`.execute(db);
}

async function moveStagedRows(tx: Db, jobId: string, today: string): Promise<{ households: number; persons: number }> {
  const now = timeValue(tx, nowIso());
  const households = await sql`
    insert into households (id, region_id, address, building, unit, room, sort_key, is_rental, landlord_name, landlord_phone_enc, landlord_phone_hash, last_visited_on, created_at, updated_at, version)
    select g.household_id, r.region_id, r.address, r.building, r.unit, r.room, r.sort_key, r.is_rental, r.landlord_name, r.landlord_phone_enc, r.landlord_phone_hash, null, ${now}, ${now}, 1
    from import_households g join import_person_rows r on r.job_id = g.job_id and r.row_no = g.first_row
    where g.job_id = ${jobId} and g.is_new = 1`.execute(tx);
  const persons = await sql`
    insert into persons (id, household_id, region_id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked,
      category, origin, arrived_on, travel_mode, employer, key_person, key_person_reason, dwelling_relation, left_on, created_at, updated_at, version)
    select r.person_id, g.household_id, r.region_id, r.name, r.gender, r.birth_date, r.id_number_enc, r.id_number_hash, r.id_number_masked, r.phone_enc, r.phone_hash, r.phone_masked,
      r.category, r.origin, r.arrived_on, r.travel_mode, r.employer, r.key_person, r.key_person_reason, r.dwelling_relation, null, ${now}, ${now}, 1
    from import_person_rows r join import_households g on g.job_id = r.job_id and g.household_key = r.household_key
    where r.job_id = ${jobId} order by r.row_no`.execute(tx);
  await countMovedRows(tx, jobId);
  // Risk colours of the new people, in the same transaction: pages of the job's rows walked by
  // the staging table's primary key (job, row). An `id in (the job's rows)` filter per page had
  // SQLite build the million-row list again for each page: the 1M-row import took 217 s, not 79.
  for (let after = 0; ; ) {
    const page = await tx.selectFrom('import_person_rows').select(['row_no', 'person_id']).where('job_id', '=', jobId).where('row_no', '>', after).orderBy('row_no').limit(RISK_PAGE).execute();
    const last = page[page.length - 1];
    if (!last) break;
    await recomputePersonRisk(tx, page.map((r) => r.person_id), today);
    after = last.row_no;
  }
  return { households: Number(households.numAffectedRows ?? 0), persons: Number(persons.numAffectedRows ?? 0) };
}

/** The dashboard's counters take the import in the same transaction, grouped by region. */
async function countMovedRows(tx: Db, jobId: string): Promise<void> {
  const people = await tx
    .selectFrom('import_person_rows as r')
    .innerJoin('import_households as g', (j) => j.onRef('g.job_id', '=', 'r.job_id').onRef('g.household_key', '=', 'r.household_key'))
    .select(['r.region_id', 'r.category', 'r.key_person', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.job_id', '=', jobId)
    .groupBy(['r.region_id', 'r.category', 'r.key_person'])
    .execute();
  await countPeopleGroups(tx, people.map((p) => ({ regionId: p.region_id, category: p.category, keyPerson: toBool(p.key_person), n: Number(p.n) })), 1);
  const households = await tx
    .selectFrom('import_households as g')
    .innerJoin('import_person_rows as r', (j) => j.onRef('r.job_id', '=', 'g.job_id').onRef('r.row_no', '=', 'g.first_row'))
    .select(['r.region_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('g.job_id', '=', jobId)
    .where('g.is_new', '=', 1)
    .groupBy('r.region_id')
    .execute();
  for (const h of households) await countHouseholds(tx, h.region_id, Number(h.n));
}
