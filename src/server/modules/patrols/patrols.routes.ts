// Patrol logs (巡查劝导日志): log a patrol, list a subtree's logs, per-day totals from the day
// counters, and photos uploaded first (judged by their bytes, stored once) then attached.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import {
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
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './patrols.service.ts';
import { PHOTO_UPLOAD, receivePhoto, sendPhoto } from '../../platform/photo-upload.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const Sha256Param = z.object({ sha256: z.string() });
const tags = ['patrol-logs'];

export async function patrolsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

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
    handler: (request) => service.listPatrolLogs(app.readDb, scopeOf(request), request.query),
  });

  app.get('/api/v1/patrol-logs/daily', {
    config: { access: { roles: PATROL_LOG_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Per-day totals of a region’s subtree from the day counters (default: the last 14 days)', querystring: PatrolDailyQuery, response: { 200: PatrolDaily, ...errors } },
    handler: (request) => service.patrolDaily(app.readDb, scopeOf(request), app.config.timeZone, request.query),
  });

  app.post('/api/v1/patrol-logs/photos', {
    config: { access: { roles: PATROL_LOG_WRITERS, scope: [] }, multipart: PHOTO_UPLOAD },
    schema: { tags, summary: 'Upload a photo (multipart "file": JPEG, PNG or WebP by content, ≤ 5 MB); stored re-encoded as a JPEG without metadata, once by its SHA-256', response: { 201: PatrolPhotoUploaded, ...errors } },
    handler: async (request, reply) => {
      const photo = await receivePhoto(request);
      // The photo's digest stands for the body: a retried upload gets the first answer.
      return write(request, reply, 201, (tx) => service.storePhoto(tx, auditContextOf(request), actorOf(request).regionId, photo), {
        idempotencyBody: { sha256: service.sha256Of(photo.data) },
      });
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
