// People import: upload (202 + job id at once), follow the job, rerun a crashed one, download
// the template and the refused rows. The upload streams to a sealed file, never into memory.
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { IMPORT_MODES, ImportJob } from '../../../shared/imports.ts';
import { RecordId, RegionIdParam, isRegionIdText } from '../../../shared/ids.ts';
import type { Actor } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { actorOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { filePart } from '../../platform/upload-parts.ts';
import { regionForScope } from '../regions/regions.service.ts';
import { type ImportMode, insertJob, readJob, readJobRow, recentJobsOf, requeueFailedJob, toJobView } from './import-jobs.ts';
import { personImportTemplate } from './person-columns.ts';
import { PERSON_IMPORT_KIND, type PersonImportJob, clearStaging, runPersonImport } from './persons-import.service.ts';
import { rejectedRowsWorkbook } from './rejected-rows.ts';
import { UploadTooLarge, openUploadRange, removeUpload, sealUpload, sniffUpload, uploadExists } from './sealed-upload.ts';
import { WorkbookZip } from './workbook-zip.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';

/** A million people is about 120 MB of CSV and 60 MB of xlsx. */
export const MAX_PERSON_IMPORT_BYTES = 300 * 1024 * 1024;
const access = { roles: REGISTRARS, scope: [] };
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const tooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `file: the file is larger than ${MAX_PERSON_IMPORT_BYTES / 1_048_576} MB: split it`, [{ path: 'file', message: 'too large' }]);
const fieldError = (path: string, message: string) => new AppError('VALIDATION_ERROR', `${path}: ${message}`, [{ path, message }]);

interface Upload {
  ref: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  sha256: string;
  mode: ImportMode;
  regionId: number;
  /** Bytes the reader will parse: the text's, or the workbook's unpacked. */
  parseBytes: number;
}

/** Streams the `file` part to a sealed file and reads `regionId` and `mode`, in any order. */
async function receiveUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data with the spreadsheet in a "file" field');
  if (Number(request.headers['content-length'] ?? 0) > MAX_PERSON_IMPORT_BYTES + 65_536) throw tooLarge();
  const { config, fieldCrypto } = request.server;
  const ref = newId();
  let sealed: Awaited<ReturnType<typeof sealUpload>> | null = null;
  let fileName = '';
  let mode = 'all-or-nothing';
  let regionText: string | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_PERSON_IMPORT_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw fieldError(part.fieldname, 'send the spreadsheet in the "file" field');
        fileName = part.filename;
        sealed = await sealUpload(fieldCrypto, config.dataDir, ref, part.file, MAX_PERSON_IMPORT_BYTES);
        if (part.file.truncated) throw new UploadTooLarge();
      } else if (part.fieldname === 'mode') mode = String(part.value);
      else if (part.fieldname === 'regionId') regionText = String(part.value);
    }
    if (!sealed) throw fieldError('file', 'no spreadsheet in the upload');
    if (mode !== 'valid-rows' && mode !== 'all-or-nothing') throw fieldError('mode', 'valid-rows or all-or-nothing');
    // The canonical spelling only, as everywhere else (src/shared/ids.ts).
    if (!isRegionIdText(regionText)) throw fieldError('regionId', 'the id of the grid (or a region above it) the rows belong to: digits only');
    const regionId = Number(regionText);
    const kind = sniffUpload(sealed.head);
    if (kind === 'xls') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: an old Excel 97–2003 (.xls) workbook: save it as .xlsx or .csv', [{ path: 'file', message: 'an .xls workbook' }]);
    if (kind === 'binary') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: neither an .xlsx workbook nor CSV text', [{ path: 'file', message: 'not .xlsx or .csv' }]);
    if (sealed.bytes === 0) throw fieldError('file', 'the file is empty');
    if (kind === 'text') return { ref, fileName, format: 'csv', sha256: sealed.sha256, mode, regionId, parseBytes: sealed.bytes };
    // The zip's directory against the limits, now (nothing is inflated): a bomb is refused
    // with the limit it passed before any job exists. The file was sealed a moment ago by us.
    const zip = await WorkbookZip.inspect(WorkbookZip.fromSealed(openUploadRange(fieldCrypto, config.dataDir, ref), IMPORT_LIMITS.persons));
    if (!zip.workbook) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: a zip archive but not an Excel workbook', [{ path: 'file', message: 'not .xlsx or .csv' }]);
    return { ref, fileName, format: 'xlsx', sha256: sealed.sha256, mode, regionId, parseBytes: zip.unpackedBytes };
  } catch (err) {
    removeUpload(config.dataDir, ref);
    if (err instanceof UploadTooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
}

async function regionOfUpload(request: FastifyRequest, actor: Actor, regionId: number) {
  const region = await regionForScope(request.server.db, regionId);
  if (!region) throw new AppError('NOT_FOUND', 'regionId: no such region', [{ path: 'regionId', message: 'not found' }]);
  if (!inSubtree(actor.regionPath, region.path)) throw new AppError('FORBIDDEN', 'regionId: outside your region');
  return region;
}

export async function importsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Into the import queue (a few run at once); the day is the one the import starts on.
  const start = (job: PersonImportJob) =>
    app.importQueue.add({
      id: job.id,
      run: () => runPersonImport({ db: app.db, crypto: app.fieldCrypto, dataDir: app.config.dataDir, log: app.log, today: dayIn(app.config.timeZone) }, job),
    });

  app.post('/api/v1/imports/persons', {
    config: {
      access,
      multipart: {
        form: z.object({
          file: filePart(`the people: .xlsx, or .csv in UTF-8, UTF-16 or GB18030; at most ${MAX_PERSON_IMPORT_BYTES / 1_048_576} MB`),
          regionId: RegionIdParam.meta({ description: 'the grid (or a region above it) the rows belong to' }),
          mode: z.enum(IMPORT_MODES).default('all-or-nothing'),
        }),
      },
    },
    schema: {
      tags: ['imports'],
      summary: 'Import people and households from .xlsx or .csv (multipart: file, regionId, mode); answers 202 with the job id',
      response: { 202: z.object({ id: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const upload = await receiveUpload(request);
      try {
        const region = await regionOfUpload(request, actor, upload.regionId);
        // The file's digest, the region and the mode stand for the body: a retried upload of the
        // same file gets the first job back; the same key with another file is a 409.
        const idempotencyBody = { mode: upload.mode, regionId: upload.regionId, sha256: upload.sha256 };
        const id = newId();
        const options = { format: upload.format, region, parseBytes: upload.parseBytes };
        const answer = await write(
          request,
          reply,
          202,
          async (tx) => {
            await insertJob(tx, { id, kind: PERSON_IMPORT_KIND, userId: actor.userId, regionId: region.id, mode: upload.mode, fileName: upload.fileName || null, uploadRef: upload.ref, options });
            return { id };
          },
          { idempotencyBody },
        );
        if (answer.id !== id) removeUpload(app.config.dataDir, upload.ref);
        else start({ id, mode: upload.mode, format: upload.format, parseBytes: upload.parseBytes, uploadRef: upload.ref, userId: actor.userId, actorPath: actor.regionPath, region, audit: auditContextOf(request) });
        return answer;
      } catch (err) {
        removeUpload(app.config.dataDir, upload.ref);
        throw err;
      }
    },
  });

  app.get('/api/v1/imports/persons/template.xlsx', {
    config: { access },
    schema: { tags: ['imports'], summary: 'The people import template (.xlsx)' },
    handler: async (_request, reply) => {
      reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="persons-template.xlsx"; filename*=UTF-8''${encodeURIComponent('人员导入模板.xlsx')}`);
      return personImportTemplate();
    },
  });

  app.get('/api/v1/imports', {
    config: { access },
    schema: { tags: ['imports'], summary: 'My recent imports', querystring: z.object({ kind: z.string().max(20).optional() }), response: { 200: z.object({ items: z.array(ImportJob) }), ...errors } },
    handler: async (request) => {
      const actor = actorOf(request);
      const rows = await recentJobsOf(app.db, actor.userId, request.query.kind);
      // Lists carry no rejection details: those are read one job at a time.
      return { items: rows.map((r) => ({ ...toJobView(r), rejected: [] })) };
    },
  });

  app.get('/api/v1/imports/:id', {
    config: { access },
    schema: { tags: ['imports'], summary: 'An import job: status, progress, counts, refused rows', params: z.object({ id: RecordId }), response: { 200: ImportJob, ...errors } },
    handler: (request) => readJob(app.db, actorOf(request), null, request.params.id),
  });

  app.get('/api/v1/imports/:id/rejected.xlsx', {
    config: { access },
    schema: { tags: ['imports'], summary: 'The refused rows of a people import, as they were uploaded, with the reasons', params: z.object({ id: RecordId }) },
    handler: async (request, reply) => {
      const job = await readJobRow(app.db, actorOf(request), PERSON_IMPORT_KIND, request.params.id);
      if (job.status !== 'done' || job.rejected_count === 0) throw new AppError('CONFLICT', 'the import has no refused rows to download');
      if (!job.upload_ref || !uploadExists(app.config.dataDir, job.upload_ref)) throw new AppError('NOT_FOUND', 'the uploaded file is no longer kept: upload it again');
      const format = (JSON.parse(job.options ?? '{}') as { format?: 'xlsx' | 'csv' }).format ?? 'xlsx';
      const stream = rejectedRowsWorkbook({ db: app.db, crypto: app.fieldCrypto, dataDir: app.config.dataDir, log: app.log }, job.id, job.upload_ref, format);
      reply.type(XLSX_TYPE).header('cache-control', 'no-store').header('content-disposition', `attachment; filename="rejected-rows.xlsx"; filename*=UTF-8''${encodeURIComponent('未导入的行.xlsx')}`);
      return reply.send(stream);
    },
  });

  app.post('/api/v1/imports/:id/rerun', {
    config: { access },
    schema: { tags: ['imports'], summary: 'Run a failed or interrupted people import again from its kept upload', params: z.object({ id: RecordId }), response: { 202: z.object({ id: z.string() }), ...errors } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const job = await readJobRow(app.db, actor, PERSON_IMPORT_KIND, request.params.id);
      if (job.status !== 'failed') throw new AppError('CONFLICT', `the import is ${job.status}: only a failed or interrupted import can be run again`);
      if (!job.upload_ref || !uploadExists(app.config.dataDir, job.upload_ref)) throw new AppError('NOT_FOUND', 'the uploaded file is no longer kept: upload it again');
      const options = JSON.parse(job.options ?? '{}') as { format: 'xlsx' | 'csv'; region: { id: number; path: string; level: string }; parseBytes?: number };
      await clearStaging(app.db, job.id, true);
      const answer = await write(
        request,
        reply,
        202,
        async (tx) => {
          await requeueFailedJob(tx, job.id);
          return { id: job.id };
        },
        // A rerun sends no body: the job stands for it.
        { idempotencyBody: { rerun: job.id } },
      );
      start({ id: job.id, mode: job.mode as ImportMode, format: options.format, parseBytes: options.parseBytes, uploadRef: job.upload_ref, userId: job.user_id, actorPath: actor.regionPath, region: options.region, audit: auditContextOf(request) });
      return answer;
    },
  });
}
