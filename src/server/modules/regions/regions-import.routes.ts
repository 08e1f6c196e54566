// Territory import from a spreadsheet: upload (202 + job id), follow the job, get the template.
// The upload is read into memory (20 MB at most), its zip directory checked against the limits,
// and imported in the background in-process when the import queue has a place.
import { createHash } from 'node:crypto';
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { actorOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { filePart } from '../../platform/upload-parts.ts';
import { IMPORT_MODES } from '../../../shared/imports.ts';
import { type ImportMode, insertJob, readJob } from '../imports/import-jobs.ts';
import { IMPORT_KIND, runRegionImport } from './regions-import.service.ts';
import { fileSignature } from '../imports/sheet.ts';
import { WorkbookZip } from '../imports/workbook-zip.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { regionImportTemplate } from './regions-import.template.ts';
import type { ModuleContext } from '../module-definition.ts';
import { TERRITORY_EDITORS } from '../../../shared/accounts.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const access = { roles: TERRITORY_EDITORS, scope: [] };
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody };
const Rejection = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
const ImportJob = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    mode: z.enum(['valid-rows', 'all-or-nothing']),
    total: z.number().int(),
    processed: z.number().int(),
    imported: z.number().int(),
    rejected: z.array(Rejection),
    rejectedCount: z.number().int(),
    error: z.string().optional(),
    errorCode: z.string().optional(),
    errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    queuePosition: z.number().int().optional(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ImportJob' });

const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `file: the file is larger than ${MAX_IMPORT_BYTES / 1_048_576} MB`, [{ path: 'file', message: 'larger than 20 MB' }]);

/** The `file` and `mode` parts of the upload; the file is checked to be an .xlsx by its bytes. */
async function readUpload(request: FastifyRequest): Promise<{ file: Buffer; fileName: string; mode: ImportMode }> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the upload as multipart/form-data with the spreadsheet in a "file" field');
  }
  if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES + 65_536) throw tooLarge();
  let file: Buffer | null = null;
  let fileName = '';
  let mode: string = 'all-or-nothing';
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION_ERROR', `${part.fieldname}: send the spreadsheet in the "file" field`, [{ path: part.fieldname, message: 'unknown file field' }]);
        file = await part.toBuffer();
        fileName = part.filename;
      } else if (part.fieldname === 'mode') {
        mode = String(part.value);
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
  if (!file) throw new AppError('VALIDATION_ERROR', 'file: no spreadsheet in the upload', [{ path: 'file', message: 'required' }]);
  if (mode !== 'valid-rows' && mode !== 'all-or-nothing') {
    throw new AppError('VALIDATION_ERROR', 'mode: valid-rows or all-or-nothing', [{ path: 'mode', message: 'valid-rows or all-or-nothing' }]);
  }
  const kind = fileSignature(file);
  // A zip's directory is checked against the limits before the job is made (nothing inflated).
  const workbook = kind === 'zip' && (await WorkbookZip.inspect(WorkbookZip.fromBuffer(file, IMPORT_LIMITS.regions))).workbook;
  if (!workbook) {
    const why = kind === 'xls' ? 'an old Excel 97–2003 (.xls) workbook: save it as .xlsx' : kind === 'zip' ? 'a zip archive but not an Excel workbook' : 'not an Excel .xlsx workbook';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: the upload is ${why}`, [{ path: 'file', message: 'not an .xlsx workbook' }]);
  }
  return { file, fileName, mode };
}

export async function regionsImportRoutes(fastify: FastifyInstance, { regionMoved }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/regions/import', {
    config: {
      access,
      multipart: { form: z.object({ file: filePart(`the regions: an .xlsx workbook, at most ${MAX_IMPORT_BYTES / 1_048_576} MB`), mode: z.enum(IMPORT_MODES).default('all-or-nothing') }) },
    },
    schema: { tags: ['regions'], summary: 'Import regions from an .xlsx (multipart: file, mode); answers 202 with the job', response: { 202: z.object({ id: z.string() }), ...errors } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const upload = await readUpload(request);
      // The file's digest and the mode stand for the body: a retried upload of the same file
      // gets the first job back; the same key with another file is a 409.
      const idempotencyBody = { mode: upload.mode, sha256: createHash('sha256').update(upload.file).digest('hex') };
      const id = newId();
      const answer = await write(
        request,
        reply,
        202,
        async (tx) => {
          await insertJob(tx, { id, kind: IMPORT_KIND, userId: actor.userId, regionId: actor.regionId, mode: upload.mode, fileName: upload.fileName || null });
          return { id };
        },
        { idempotencyBody },
      );
      if (answer.id === id) {
        const job = { id, mode: upload.mode, actorPath: actor.regionPath, regionId: actor.regionId, audit: auditContextOf(request) };
        app.importQueue.add({ id, run: () => runRegionImport(app.db, app.log, job, upload.file, regionMoved) });
      }
      return answer;
    },
  });

  app.get('/api/v1/regions/import/template.xlsx', {
    config: { access },
    schema: { tags: ['regions'], summary: 'The territory import template (.xlsx)' },
    handler: async (_request, reply) => {
      reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="regions-template.xlsx"; filename*=UTF-8''${encodeURIComponent('区域导入模板.xlsx')}`);
      return regionImportTemplate();
    },
  });

  app.get('/api/v1/regions/import/:id', {
    config: { access },
    schema: { tags: ['regions'], params: z.object({ id: RecordId }), response: { 200: ImportJob, ...errors } },
    handler: (request) => readJob(request.server.db, actorOf(request), IMPORT_KIND, request.params.id),
  });
}
