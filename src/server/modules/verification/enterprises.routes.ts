// Enterprise registration codes (复工复产): issued, listed and withdrawn by a town; the public
// page's three requests, rate-limited per address like the other public pages (docs/api-extra.md).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import {
  ENTERPRISE_CODE_ISSUERS,
  EnterpriseCode,
  EnterpriseCodeCreate,
  EnterpriseCodeIssued,
  EnterpriseCodeListQuery,
  EnterpriseSessionRequest,
  EnterpriseWorkersEntry,
  MAX_ENTERPRISE_FILE_BYTES,
  PublicEnterprise,
  PublicEnterpriseSubmitted,
} from '../../../shared/verification-checks.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { perAddress } from '../../platform/public-guard.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { filePart } from '../../platform/upload-parts.ts';
import { removeUpload } from '../imports/sealed-upload.ts';
import * as ent from './enterprises.service.ts';
import { type ListUpload, fieldError, receiveListUpload } from './list-upload.ts';
import { previewList } from './lists.service.ts';
import { runTakeIn } from './take-in.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const publicErrors = { 400: ErrorBody, 404: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const IdParam = z.object({ id: RecordId });

export async function enterprisesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  app.post('/api/v1/enterprise-codes', {
    config: { access: { roles: ENTERPRISE_CODE_ISSUERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'A town issues an enterprise a registration code; the code is in this answer only', body: EnterpriseCodeCreate, response: { 201: EnterpriseCodeIssued, ...errors } },
    handler: (request, reply) => {
      reply.header('cache-control', 'no-store');
      return write(request, reply, 201, (tx) => ent.issueCode(tx, { ctx: auditContextOf(request), actor: actorOf(request), crypto: app.fieldCrypto }, scopeOf(request), request.body));
    },
  });

  app.get('/api/v1/enterprise-codes', {
    config: { access: { roles: ENTERPRISE_CODE_ISSUERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'The codes issued in a subtree, newest first, with the lists and workers sent through each', querystring: EnterpriseCodeListQuery, response: { 200: z.object({ items: z.array(EnterpriseCode) }), ...errors } },
    handler: (request) => ent.listCodes(app.db, scopeOf(request)),
  });

  app.post('/api/v1/enterprise-codes/:id/revoke', {
    config: { access: { roles: ENTERPRISE_CODE_ISSUERS, scope: [{ param: 'id', entity: 'enterprise_code' }] } },
    schema: { tags, summary: 'Withdraw a code at once (its lists stay)', params: IdParam, response: { 200: EnterpriseCode, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => ent.revokeCode(tx, { ctx: auditContextOf(request), actor: actorOf(request) }, request.params.id)),
  });

  // ── Public (no account): the code in the body, never in a URL ──
  const queueTakeIn = (request: FastifyRequest, listId: string) => {
    const audit = auditContextOf(request);
    app.importQueue.add({ id: listId, run: () => runTakeIn({ db: app.db, crypto: app.fieldCrypto, dataDir: app.config.dataDir, log: app.log, timeZone: app.config.timeZone }, { listId, audit }) });
  };

  app.post('/api/v1/public/enterprises/session', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'enterprisePerAddress'),
    bodyLimit: 4 * 1024,
    schema: { tags: ['public'], summary: 'What the enterprise sent with its code and each worker’s state (masked)', body: EnterpriseSessionRequest, response: { 200: PublicEnterprise, ...publicErrors } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return ent.enterpriseView(app.db, await ent.validCode(app.db, app.fieldCrypto, request.body.code));
    },
  });

  app.post('/api/v1/public/enterprises/workers', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'enterprisePerAddress'),
    bodyLimit: 256 * 1024,
    schema: { tags: ['public'], summary: 'Returning workers typed in: a list of kind enterprise, taken in like any other', body: EnterpriseWorkersEntry, response: { 202: PublicEnterpriseSubmitted, ...publicErrors } },
    handler: async (request, reply) => {
      const code = await ent.validCode(app.db, app.fieldCrypto, request.body.code);
      const rows = ent.checkWorkers(request.body.workers, dayIn(app.config.timeZone));
      const upload = await ent.sealWorkers(app.fieldCrypto, app.config.dataDir, rows);
      return submit(request, reply, code, upload, true);
    },
  });

  app.post('/api/v1/public/enterprises/upload', {
    config: {
      access: { public: true },
      multipart: { form: z.object({ code: z.string(), file: filePart(`the workers: .xlsx, or .csv in UTF-8 or GB18030; at most ${MAX_ENTERPRISE_FILE_BYTES / 1_048_576} MB`) }) },
    },
    onRequest: perAddress(app, 'enterprisePerAddress'),
    schema: { tags: ['public'], summary: 'Returning workers uploaded (multipart: code, file); a file with no name or ID-number column is refused at once', response: { 202: PublicEnterpriseSubmitted, ...publicErrors } },
    handler: async (request, reply) => {
      const upload = await receiveListUpload(request, MAX_ENTERPRISE_FILE_BYTES);
      try {
        if (!upload.fields.code) throw fieldError('code', 'the registration code the town gave you');
        const code = await ent.validCode(app.db, app.fieldCrypto, upload.fields.code);
        // Refused here, with the columns found, rather than failing later in the job.
        await previewList(app.db, app.fieldCrypto, app.config.dataDir, { ...upload, fields: {} });
        return await submit(request, reply, code, upload, false);
      } catch (err) {
        removeUpload(app.config.dataDir, upload.ref);
        throw err;
      }
    },
  });

  async function submit(request: FastifyRequest, reply: Parameters<typeof write>[1], code: Awaited<ReturnType<typeof ent.validCode>>, upload: ListUpload, typedIn: boolean) {
    try {
      const answer = await write(request, reply, 202, (tx) => ent.createEnterpriseList(tx, code, upload, typedIn, app.config.timeZone));
      queueTakeIn(request, answer.id);
      return { listId: answer.id };
    } catch (err) {
      removeUpload(app.config.dataDir, upload.ref);
      throw err;
    }
  }
}
