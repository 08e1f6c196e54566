// Forms (登记表/责任书): the floating-population registration form and the rental responsibility
// letter; created from a household, edited while pending, signed once (drawn or scanned), printed.
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Form, FormCreate, FormListQuery, FormPatch, FormPrint, MAX_SCAN_BYTES, SignatureDrawn } from '../../../shared/forms.ts';
import { pageOf } from '../../../shared/paging.ts';
import { RevealQuery } from '../../../shared/reveal.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { sanitizePhoto, sanitizeSignature } from '../../platform/photo-sanitize.ts';
import { revealGrant } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { filePart } from '../../platform/upload-parts.ts';
import { isPdf, readSignatureFile, sha256Of, signForm, signatureBytes } from './forms-signing.service.ts';
import * as service from './forms.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const byForm = [{ param: 'id', entity: 'form' }] as const;

const scanTooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `file: a scan may be at most ${MAX_SCAN_BYTES / 1_048_576} MB`, [{ path: 'file', message: 'larger than 5 MB' }]);

/** The `file` (and optional `signedBy`) of a scan upload; the file, judged by its bytes, as a clean JPEG. */
async function readScan(request: FastifyRequest) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the scan as multipart/form-data in a "file" field');
  if (Number(request.headers['content-length'] ?? 0) > MAX_SCAN_BYTES + 65_536) throw scanTooLarge();
  let file: Buffer | null = null;
  let signedBy: string | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_SCAN_BYTES, files: 1, fields: 2 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('VALIDATION_ERROR', `${part.fieldname}: send the scan in the "file" field`, [{ path: part.fieldname, message: 'unknown file field' }]);
        file = await part.toBuffer();
      } else if (part.fieldname === 'signedBy') {
        signedBy = String(part.value).trim().slice(0, 60) || undefined;
      }
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw scanTooLarge();
    throw err;
  }
  if (!file?.length) throw new AppError('VALIDATION_ERROR', 'file: no scan in the upload', [{ path: 'file', message: 'required' }]);
  // A scan is kept as an image like every other: a PDF would have to be kept as it came.
  if (isPdf(file)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: a PDF is not accepted; send a photo or scanned image (JPEG, PNG or WebP) of the signed form', [{ path: 'file', message: 'a PDF, not an image' }]);
  }
  return { image: await sanitizePhoto(file, 'file'), signedBy };
}

/**
 * Signature images carry a signature: never cached, never sniffed into something else. A PDF
 * scan kept from before scans had to be images is downloaded, never shown inside our pages.
 */
function sendFile(reply: FastifyReply, file: { contentType: string; data: Buffer }) {
  reply.type(file.contentType).header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
  if (!file.contentType.startsWith('image/')) reply.header('content-disposition', 'attachment; filename="scan.pdf"').header('content-security-policy', 'sandbox');
  return reply.send(file.data);
}

export async function formsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/forms', {
    config: { access: { scope: [{ query: 'regionId' }, { query: 'householdId', entity: 'household' }] } },
    schema: { tags: ['forms'], summary: 'Forms of a region’s subtree, newest first', querystring: FormListQuery, response: { 200: pageOf(Form), ...errors } },
    handler: (request) => service.listForms(app.readDb, scopeOf(request), request.query),
  });

  app.post('/api/v1/forms', {
    config: { access: { roles: REGISTRARS, scope: [{ body: 'householdId', entity: 'household' }, { body: 'personId', entity: 'person' }] } },
    schema: { tags: ['forms'], summary: 'Create a form; fields not given are prefilled from the person and household', body: FormCreate, response: { 201: Form, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) => service.createForm(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), dayIn(app.config.timeZone), request.body)),
  });

  app.get('/api/v1/forms/:id', {
    config: { access: { scope: byForm } },
    schema: { tags: ['forms'], params: IdParam, response: { 200: Form, ...errors } },
    handler: (request) => service.getForm(app.db, auditContextOf(request), request.params.id),
  });

  app.patch('/api/v1/forms/:id', {
    config: { access: { roles: REGISTRARS, scope: byForm } },
    schema: { tags: ['forms'], summary: 'Change fields of a pending form (null clears an optional one)', params: IdParam, body: FormPatch, response: { 200: Form, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.patchForm(tx, auditContextOf(request), app.fieldCrypto, request.params.id, request.body)),
  });

  app.get('/api/v1/forms/:id/print', {
    config: { access: { scope: byForm } },
    schema: {
      tags: ['forms'],
      summary: 'The form for printing, ID and phone numbers masked; ?reveal=true&purpose=… prints them in full (registering roles; audited with the purpose)',
      params: IdParam,
      querystring: RevealQuery,
      response: { 200: FormPrint, ...errors },
    },
    handler: (request) =>
      service.printForm(app.db, auditContextOf(request), app.fieldCrypto, actorOf(request), request.params.id, revealGrant(actorOf(request), request.query)),
  });

  app.post('/api/v1/forms/:id/signature', {
    config: { access: { roles: REGISTRARS, scope: byForm } },
    bodyLimit: 512 * 1024,
    schema: { tags: ['forms'], summary: 'Sign with a signature drawn on the phone (PNG data URL, ≤ 200 KB; stored re-encoded as a PNG)', params: IdParam, body: SignatureDrawn, response: { 200: Form, ...errors } },
    handler: async (request, reply) => {
      const image = await sanitizeSignature(signatureBytes(request.body.dataUrl), 'dataUrl');
      return write(request, reply, 200, (tx) => signForm(tx, auditContextOf(request), request.params.id, { method: 'drawn', image, signedBy: request.body.signedBy }));
    },
  });

  app.post('/api/v1/forms/:id/scan', {
    config: {
      access: { roles: REGISTRARS, scope: byForm },
      multipart: {
        form: z.object({
          file: filePart(`a photo or scan of the signed paper form: JPEG, PNG or WebP (no PDF), at most ${MAX_SCAN_BYTES / 1_048_576} MB`),
          signedBy: z.string().max(60).optional().meta({ description: 'who signed, as written on the form' }),
        }),
      },
    },
    schema: { tags: ['forms'], summary: 'Sign with a photo or scanned image of the signed paper form (multipart "file": JPEG, PNG or WebP, ≤ 5 MB; no PDF); stored re-encoded as a JPEG', params: IdParam, response: { 200: Form, ...errors } },
    handler: async (request, reply) => {
      const scan = await readScan(request);
      // The file's digest and the signer stand for the body: a retried upload gets the first answer.
      return write(request, reply, 200, (tx) => signForm(tx, auditContextOf(request), request.params.id, { method: 'scan', image: scan.image, signedBy: scan.signedBy }), {
        idempotencyBody: { sha256: sha256Of(scan.image.data), signedBy: scan.signedBy ?? null },
      });
    },
  });

  app.get('/api/v1/forms/:id/signature', {
    config: { access: { scope: byForm } },
    schema: { tags: ['forms'], summary: 'The drawn signature (image/png; audited read)', params: IdParam, response: errors },
    handler: async (request, reply) => sendFile(reply, await readSignatureFile(app.db, auditContextOf(request), request.params.id, 'drawn')),
  });

  app.get('/api/v1/forms/:id/scan', {
    config: { access: { scope: byForm } },
    schema: { tags: ['forms'], summary: 'The signed scan (a JPEG; a PDF kept from before is sent as a download; audited read)', params: IdParam, response: errors },
    handler: async (request, reply) => sendFile(reply, await readSignatureFile(app.db, auditContextOf(request), request.params.id, 'scan')),
  });
}
