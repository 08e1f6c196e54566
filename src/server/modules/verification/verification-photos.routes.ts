// The photos of a verification task's check (verification-photos.ts): added as JSON data URLs
// (the phone's outbox sends JSON), listed, and read — each only within the task's region.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import { TASK_WORKERS } from '../../../shared/verification.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { sendPhoto } from '../../platform/photo-upload.ts';
import { photoDigest } from '../../platform/photo-store.ts';
import { actorOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { TASK_PHOTO_BODY_LIMIT, TaskPhoto, TaskPhotoUpload, addTaskPhoto, cleanPhoto, taskPhotoBytes, taskPhotos } from './verification-photos.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const tags = ['verification'];
const task = { param: 'id', entity: 'verification_task' } as const;
const IdParam = z.object({ id: RecordId });
const PhotoParam = z.object({ id: RecordId, sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export async function verificationPhotoRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/verification-tasks/:id/photos', {
    config: { access: { roles: TASK_WORKERS, scope: [task] } },
    bodyLimit: TASK_PHOTO_BODY_LIMIT + 1024,
    schema: { tags, summary: 'Add a photo of the check: {dataUrl} of a JPEG, PNG or WebP (≤ 5 MB), stored re-encoded without metadata, once per content', params: IdParam, body: TaskPhotoUpload, response: { 201: TaskPhoto, ...errors } },
    handler: async (request, reply) => {
      const photo = await cleanPhoto(request.body.dataUrl);
      const actor = actorOf(request);
      return write(request, reply, 201, (tx) => addTaskPhoto(tx, auditContextOf(request), actor.userId, request.params.id, photo), { idempotencyBody: { sha256: photoDigest(photo.data) } });
    },
  });

  app.get('/api/v1/verification-tasks/:id/photos', {
    config: { access: { roles: TASK_WORKERS, scope: [task] } },
    schema: { tags, summary: 'The photos of a task’s check, oldest first', params: IdParam, response: { 200: z.object({ items: z.array(TaskPhoto) }), ...errors } },
    handler: async (request) => ({ items: (await taskPhotos(app.db, request.params.id)).map((p) => ({ sha256: p.sha256, createdAt: new Date(p.created_at).toISOString() })) }),
  });

  app.get('/api/v1/verification-tasks/:id/photos/:sha256', {
    config: { access: { roles: TASK_WORKERS, scope: [task] } },
    schema: { tags, summary: 'A photo of the task’s check (404 unless linked to this task)', params: PhotoParam, response: errors },
    handler: async (request, reply) => sendPhoto(reply, await taskPhotoBytes(app.db, request.params.id, request.params.sha256)),
  });
}
