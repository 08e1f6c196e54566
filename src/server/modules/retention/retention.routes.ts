// Retention settings, the purge's dry run, the purge and its progress, and stand-downs (解除).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import {
  PurgePreview,
  PurgeStatus,
  RETENTION_MANAGERS,
  RetentionSettings,
  RetentionUpdate,
  STAND_DOWN_READERS,
  STAND_DOWN_RECORDERS,
  StandDown,
  StandDownCreate,
} from '../../../shared/retention.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { afterCommit, write } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';
import { claimPurge, purgeFinder, runAnswer, runPurge } from './purge.service.ts';
import { latestRun } from './retention.queries.ts';
import * as service from './retention.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['retention'];

export async function retentionRoutes(fastify: FastifyInstance, ctx: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const managers = { roles: RETENTION_MANAGERS, scope: [] };

  app.get('/api/v1/retention', {
    config: { access: managers },
    schema: {
      tags,
      summary: 'The county’s retention per kind of personal data (days kept after a record closes, the default, the legal minimum and what closing means), and the audit log’s own retention',
      response: { 200: RetentionSettings, ...errors },
    },
    handler: (request) => service.readSettings(app.db, service.countyOf(actorOf(request)), app.config.auditRetentionDays),
  });

  app.put('/api/v1/retention', {
    config: { access: managers },
    schema: {
      tags,
      summary:
        'Set the days of some kinds and/or the audit log’s (auditDays); a value below its legal minimum, or an audit log kept shorter than any kind of the data, is refused (422 naming the field), nothing saved',
      body: RetentionUpdate,
      response: { 200: RetentionSettings, ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => service.updateSettings(tx, auditContextOf(request), service.countyOf(actorOf(request)), app.config.auditRetentionDays, request.body)),
  });

  app.get('/api/v1/retention/purge-preview', {
    config: { access: managers },
    schema: { tags, summary: 'Dry run: how many records the next purge removes (or reduces), by kind and by the county’s towns; counts only', response: { 200: PurgePreview, ...errors } },
    handler: (request) => service.purgePreview(app.readDb, service.countyOf(actorOf(request)), app.config.timeZone),
  });

  app.get('/api/v1/retention/purge', {
    config: { access: managers },
    schema: { tags, summary: 'The latest purge run: running, done or failed, with its counts by kind', response: { 200: PurgeStatus, ...errors } },
    handler: async (request) => {
      service.countyOf(actorOf(request));
      return { run: await runAnswer(app.db, await latestRun(app.db)) };
    },
  });

  app.post('/api/v1/retention/purge', {
    config: { access: managers },
    schema: { tags, summary: 'Start the purge now (it also runs nightly); 409 while one runs on any instance. Runs in batches in the background: follow it at GET /api/v1/retention/purge', response: { 202: PurgeStatus, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 202, async (tx) => {
        service.countyOf(actorOf(request));
        const claimed = await claimPurge(tx, auditContextOf(request), new Date());
        afterCommit(tx, () => {
          runPurge({ db: app.db, find: purgeFinder(ctx.database), dataDir: app.config.dataDir, timeZone: app.config.timeZone, log: app.log }, claimed.run).catch(() => undefined);
        });
        return { run: await runAnswer(tx, claimed.run) };
      }),
  });

  app.get('/api/v1/stand-downs', {
    config: { access: { roles: STAND_DOWN_READERS, scope: [{ query: 'regionId' }] } },
    schema: {
      tags,
      summary: 'Stand-downs (解除) standing over a region: its own, its ancestors’ and those inside it (default: your region)',
      querystring: z.object({ regionId: RegionIdParam.optional() }),
      response: { 200: z.object({ items: z.array(StandDown) }), ...errors },
    },
    handler: async (request) => ({ items: await service.standDownsAround(app.readDb, scopeOf(request)) }),
  });

  app.post('/api/v1/stand-downs', {
    config: { access: { roles: STAND_DOWN_RECORDERS, scope: [{ body: 'regionId' }] } },
    schema: {
      tags,
      summary: 'Record that the emergency ended for a region of your subtree on a date; its epidemic-only personal data is purged purgeAfterDays later (default 30). 409 while one stands for the region',
      body: StandDownCreate,
      response: { 201: StandDown, ...errors },
    },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.recordStandDown(tx, auditContextOf(request), scopeOf(request), request.body)),
  });

  app.delete('/api/v1/stand-downs/:id', {
    config: { access: { roles: STAND_DOWN_RECORDERS, scope: [{ param: 'id', entity: 'stand_down' }] } },
    schema: { tags, summary: 'Revoke a stand-down; 409 once its purge has run', params: z.object({ id: RecordId }), response: { 204: z.null(), ...errors } },
    handler: (request, reply) =>
      write(request, reply, 204, async (tx) => {
        await service.revokeStandDown(tx, auditContextOf(request), request.params.id);
        return null;
      }),
  });
}
