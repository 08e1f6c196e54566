// The public side of tips (no account): file a tip, as JSON or as a multipart form with up to
// three photos, and follow it by its tracking code. Every route is limited per address; a
// filing with a phone number also per number.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { MAX_PUBLIC_PHOTO_BYTES, MAX_TIP_PHOTOS, PublicTipCreate, PublicTipCreated, PublicTipStatus } from '../../../shared/tips.ts';
import { receiveForm } from '../../platform/multipart-form.ts';
import { fileParts } from '../../platform/upload-parts.ts';
import { type CleanPhoto, sanitizePhoto } from '../../platform/photo-sanitize.ts';
import { countPhone, perAddress } from '../../platform/public-guard.ts';
import { write } from '../../platform/transaction.ts';
import { checkFiling, fileTip, trackTip, validationError } from './tip-filing.service.ts';

const tags = ['public'];
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody, 429: ErrorBody };

export async function publicTipsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/public/tips', {
    config: {
      access: { public: true },
      // JSON, or a form of the same JSON as its "data" part with the photos.
      multipart: {
        form: z.object({ data: PublicTipCreate, photos: fileParts(MAX_TIP_PHOTOS, `JPEG, PNG or WebP (judged by its bytes), at most ${MAX_PUBLIC_PHOTO_BYTES / 1_048_576} MB each`).optional() }),
        json: PublicTipCreate,
      },
    },
    onRequest: perAddress(app, 'tipPerAddress'),
    // A tip as JSON is a few KB; a larger JSON body is refused (413) before it is parsed. Photos
    // come as multipart, read as a stream under receiveForm's own limits.
    bodyLimit: 64 * 1024,
    schema: {
      tags,
      summary: 'File a tip (no account): JSON PublicTipCreate, or multipart with the JSON in "data" and up to 3 "photos"; answers the tracking code',
      response: { 201: PublicTipCreated, ...errors },
    },
    handler: async (request, reply) => {
      let data: unknown = request.body;
      let files: Buffer[] = [];
      if (request.isMultipart()) {
        ({ data, files } = await receiveForm(request, { fileField: 'photos', maxFiles: MAX_TIP_PHOTOS, maxFileBytes: MAX_PUBLIC_PHOTO_BYTES }));
      }
      const parsed = PublicTipCreate.safeParse(data ?? {});
      if (!parsed.success) throw validationError(parsed.error);
      const filing = await checkFiling(app.db, parsed.data);
      // Photos are judged (and cleaned of their metadata) before anything is written.
      const photos: CleanPhoto[] = [];
      for (const [i, file] of files.entries()) photos.push(await sanitizePhoto(file, `photos[${i}]`));
      if (filing.phone) await countPhone(request, 'tipPerPhone', filing.phone);
      const sourceHash = app.fieldCrypto.index(`ip:${request.ip}`);
      // The Idempotency-Key compares the tip's JSON, sent alone or as the form's "data" part.
      return write(request, reply, 201, (tx) => fileTip(tx, { crypto: app.fieldCrypto, events: app.events, sourceHash, timeZone: app.config.timeZone }, filing, photos), { idempotencyBody: data });
    },
  });

  app.get('/api/v1/public/tips/:trackingCode', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'track'),
    schema: {
      tags,
      summary: 'Follow a tip by its tracking code: status, steps, reply, reward; never a staff name or personal data',
      params: z.object({ trackingCode: z.string().max(64) }),
      response: { 200: PublicTipStatus, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return trackTip(app.db, app.fieldCrypto, request.params.trackingCode);
    },
  });
}
