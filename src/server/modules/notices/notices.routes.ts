// Notices (宣传): staff writing for their region's subtree, and the public reading side.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import {
  MAX_NOTICE_IMAGE_BYTES,
  MAX_NOTICE_IMAGES,
  NOTICE_EDITORS,
  Notice,
  NoticeCreate,
  NoticeImagesUploaded,
  NoticeListQuery,
  NoticePatch,
  NoticePreview,
  NoticePreviewInput,
  NoticeSummary,
} from '../../../shared/notices.ts';
import { pageOf } from '../../../shared/paging.ts';
import { STAFF_ROLES } from '../../platform/access.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { receiveForm } from '../../platform/multipart-form.ts';
import { fileParts } from '../../platform/upload-parts.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { photoDigest as sha256Of } from '../../platform/photo-store.ts';
import { sendPhoto } from '../../platform/photo-upload.ts';
import { renderNotice, scriptsOf } from './notice-render.ts';
import { noticeViewsOf } from './notice-views.ts';
import { publicNoticesRoutes } from './notices.public.ts';
import * as service from './notices.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const ImageParams = z.object({ id: RecordId, imageId: RecordId });
const tags = ['notices'];
/** Every staff role reads notices; the auditor reads the audit log, not the publicity work. */
const NOTICE_READERS = STAFF_ROLES;

export async function noticesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const views = noticeViewsOf(app);
  views.start();
  app.addHook('onClose', async () => views.stop());

  const deps = (request: FastifyRequest): service.Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), events: app.events });

  app.get('/api/v1/notices', {
    config: { access: { roles: NOTICE_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Notices of a region’s subtree, newest first', querystring: NoticeListQuery, response: { 200: pageOf(Notice), ...errors } },
    handler: (request) => service.listNotices(app.readDb, scopeOf(request), request.query),
  });

  app.get('/api/v1/notices/summary', {
    config: { access: { roles: NOTICE_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Notices and their views per topic and status in a region’s subtree', querystring: z.object({ regionId: RegionIdParam.optional() }), response: { 200: NoticeSummary, ...errors } },
    handler: (request) => service.noticeSummary(app.readDb, scopeOf(request)),
  });

  app.post('/api/v1/notices', {
    config: { access: { roles: NOTICE_EDITORS, scope: [{ body: 'regionId' }] } },
    schema: {
      tags,
      summary: 'Write a notice: a draft, published now (status published), or scheduled (published with a future publishAt)',
      body: NoticeCreate,
      response: { 201: Notice, ...errors },
    },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.createNotice(tx, deps(request), scopeOf(request), request.body)),
  });

  app.post('/api/v1/notices/preview', {
    config: { access: { roles: NOTICE_EDITORS, scope: [{ body: 'noticeId', entity: 'notice' }] } },
    schema: { tags, summary: 'Render a body being written, with its loudspeaker script and social text (nothing is saved)', body: NoticePreviewInput, response: { 200: NoticePreview, ...errors } },
    handler: async (request) => {
      const { body, noticeId } = request.body;
      const html = renderNotice(body, noticeId ? { imageUrl: (imageId) => service.staffImageUrl(noticeId, imageId) } : {});
      return { html, scripts: scriptsOf({ title: request.body.title || '（标题）', source: request.body.source || '（来源）', body }) };
    },
  });

  app.get('/api/v1/notices/:id', {
    config: { access: { roles: NOTICE_READERS, scope: [{ param: 'id', entity: 'notice' }] } },
    schema: { tags, summary: 'A notice with its rendered body and scripts', params: IdParam, response: { 200: Notice, ...errors } },
    handler: (request) => service.getNotice(app.db, request.params.id, views.pendingOf(request.params.id)),
  });

  app.patch('/api/v1/notices/:id', {
    config: { access: { roles: NOTICE_EDITORS, scope: [{ param: 'id', entity: 'notice' }, { body: 'regionId' }] } },
    schema: {
      tags,
      summary: 'Change a notice (409 on a stale version); status published publishes, withdrawn takes it off the public pages',
      params: IdParam,
      body: NoticePatch,
      response: { 200: Notice, ...errors },
    },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.patchNotice(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/notices/:id/images', {
    config: {
      access: { roles: NOTICE_EDITORS, scope: [{ param: 'id', entity: 'notice' }] },
      multipart: { form: z.object({ photos: fileParts(MAX_NOTICE_IMAGES, `JPEG, PNG or WebP (judged by its bytes), at most ${MAX_NOTICE_IMAGE_BYTES / 1_048_576} MB each`) }) },
    },
    schema: {
      tags,
      summary: `Add images (multipart "photos", JPEG/PNG/WebP by content; at most ${MAX_NOTICE_IMAGES} per notice); answers the Markdown to insert`,
      params: IdParam,
      response: { 201: NoticeImagesUploaded, ...errors },
    },
    handler: async (request, reply) => {
      const { files } = await receiveForm(request, { fileField: 'photos', maxFiles: MAX_NOTICE_IMAGES, maxFileBytes: MAX_NOTICE_IMAGE_BYTES });
      // The files' digests stand for the body: a retried upload gets the first answer.
      return write(request, reply, 201, (tx) => service.addImages(tx, deps(request), request.params.id, files), { idempotencyBody: { sha256: files.map(sha256Of) } });
    },
  });

  app.get('/api/v1/notices/:id/images/:imageId', {
    config: { access: { roles: NOTICE_READERS, scope: [{ param: 'id', entity: 'notice' }] } },
    schema: { tags, summary: 'An image of a notice, drafts included (staff)', params: ImageParams, response: errors },
    handler: async (request, reply) => sendPhoto(reply, await service.staffImage(app.db, request.params.id, request.params.imageId)),
  });

  await app.register(publicNoticesRoutes);
}
