// Patrol logs (巡查劝导日志): log a patrol, list a subtree's logs, per-day totals from the day
// counters, and photos uploaded first (judged by their bytes, stored once) then attached.
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import {
  MAX_PATROL_PHOTO_BYTES,
  PATROL_LOG_READERS,
  PATROL_LOG_WRITERS,
  PatrolDaily,
  PatrolDailyQuery,
  PatrolLog,
  PatrolLogCreate,
  PatrolLogListQuery,
  PatrolPhotoUploaded,
} from '../../../shared/patrol-logs.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, registerEntityScope, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './patrols.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: z.uuid() });
const Sha256Param = z.object({ sha256: z.string() });
const tags = ['patrol-logs'];

const photoTooLarge = () =>
  new AppError('PAYLOAD_TOO_LARGE', `file: a photo may be at most ${MAX_PATROL_PHOTO_BYTES / 1_048_576} MB`, [{ path: 'file', message: 'larger than 5 MB' }]);

/** The `file` of a photo upload, judged by its bytes. */
async function readPhoto(request: FastifyRequest) {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo as multipart/form-data in a "file" field', [{ path: 'file', message: 'multipart/form-data expected' }]);
  if (Number(request.headers['content-length'] ?? 0) > MAX_PATROL_PHOTO_BYTES + 65_536) throw photoTooLarge();
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_PATROL_PHOTO_BYTES, files: 1, fields: 0 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') throw new AppError('VALIDATION_ERROR', `${part.fieldname}: send the photo in the "file" field`, [{ path: part.fieldname, message: 'unknown file field' }]);
      file = await part.toBuffer();
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    throw err;
  }
  if (!file?.length) throw new AppError('VALIDATION_ERROR', 'file: no photo in the upload', [{ path: 'file', message: 'required' }]);
  const contentType = service.sniffPhoto(file);
  if (!contentType) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: a photo must be a JPEG or PNG image', [{ path: 'file', message: 'not a JPEG or PNG image' }]);
  return { data: file, contentType };
}

/** Photos are immutable (addressed by digest) but private to the region: cached by the browser only. */
function sendPhoto(reply: FastifyReply, photo: { contentType: string; data: Buffer }) {
  return reply.type(photo.contentType).header('cache-control', 'private, max-age=86400, immutable').header('x-content-type-options', 'nosniff').send(photo.data);
}

export async function patrolsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  registerEntityScope('patrol_log', { label: 'patrol log', private: false, resolve: service.patrolLogForScope });

  app.post('/api/v1/patrol-logs', {
    config: { access: { roles: PATROL_LOG_WRITERS, scope: [{ body: 'teamId', entity: 'patrol_team' }, { body: 'regionId' }] } },
    schema: { tags, summary: 'Log a patrol (a resend with the same id answers with the same log)', body: PatrolLogCreate, response: { 201: PatrolLog, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) =>
        service.createPatrolLog(tx, { ctx: auditContextOf(request), events: app.events, userId: actorOf(request).userId, timeZone: app.config.timeZone }, request.body),
      ),
  });

  app.get('/api/v1/patrol-logs', {
    config: { access: { roles: PATROL_LOG_READERS, scope: [{ query: 'regionId' }, { query: 'teamId', entity: 'patrol_team' }] } },
    schema: { tags, summary: 'Patrol logs of a region’s subtree, newest day first', querystring: PatrolLogListQuery, response: { 200: pageOf(PatrolLog), ...errors } },
    // With only a teamId the scope is the team's region, which holds all of its logs.
    handler: (request) => service.listPatrolLogs(app.db, scopeOf(request), request.query),
  });

  app.get('/api/v1/patrol-logs/daily', {
    config: { access: { roles: PATROL_LOG_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Per-day totals of a region’s subtree from the day counters (default: the last 14 days)', querystring: PatrolDailyQuery, response: { 200: PatrolDaily, ...errors } },
    handler: (request) => service.patrolDaily(app.db, scopeOf(request), app.config.timeZone, request.query),
  });

  app.post('/api/v1/patrol-logs/photos', {
    config: { access: { roles: PATROL_LOG_WRITERS, scope: [] } },
    schema: { tags, summary: 'Upload a photo (multipart "file": JPEG or PNG by content, ≤ 5 MB); the same bytes are stored once', response: { 201: PatrolPhotoUploaded, ...errors } },
    handler: async (request, reply) => {
      const photo = await readPhoto(request);
      // The idempotency hash covers the photo's digest: a retried upload gets the first answer.
      request.body = { sha256: service.sha256Of(photo.data) };
      return write(request, reply, 201, (tx) => service.storePhoto(tx, auditContextOf(request), actorOf(request).regionId, photo));
    },
  });

  app.get('/api/v1/patrol-logs/photos/:sha256', {
    config: { access: { roles: PATROL_LOG_READERS, scope: [] } },
    schema: { tags, summary: 'A photo, only when a log in the caller’s region shows it (404 otherwise)', params: Sha256Param, response: errors },
    handler: async (request, reply) => sendPhoto(reply, await service.readPhoto(app.db, scopeOf(request), request.params.sha256)),
  });

  app.get('/api/v1/patrol-logs/:id', {
    config: { access: { roles: PATROL_LOG_READERS, scope: [{ param: 'id', entity: 'patrol_log' }] } },
    schema: { tags, summary: 'A patrol log', params: IdParam, response: { 200: PatrolLog, ...errors } },
    handler: (request) => service.getPatrolLog(app.db, request.params.id),
  });
}
