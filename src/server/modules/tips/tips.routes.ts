// Tips (有奖举报): the staff side — inbox of a region's subtree, summary, reward ledger, one
// tip with its steps, its photos, and the loop's steps by PATCH. The public side is in
// public-tips.routes.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { MAX_TIP_PHOTOS, TIP_HANDLERS, TIP_READERS, Tip, TipAction, TipDetail, TipLedger, TipLedgerQuery, TipListQuery, TipSummary } from '../../../shared/tips.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { sendPhoto } from '../../platform/photo-upload.ts';
import { publicTipsRoutes } from './public-tips.routes.ts';
import { type Deps, actOnTip } from './tip-actions.service.ts';
import { tipLedger } from './tip-ledger.ts';
import * as service from './tips.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const PhotoParam = IdParam.extend({ position: z.coerce.number().int().min(0).max(MAX_TIP_PHOTOS - 1) });
const RegionQuery = z.object({ regionId: RegionIdParam.optional() });
const tags = ['tips'];

export async function tipsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  await publicTipsRoutes(fastify);

  const deps = (request: FastifyRequest): Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), events: app.events, crypto: app.fieldCrypto });

  app.get('/api/v1/tips', {
    config: { access: { roles: TIP_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Tips of a region’s subtree (by current region), newest filed first; phones masked', querystring: TipListQuery, response: { 200: pageOf(Tip), ...errors } },
    handler: (request) => service.listTips(app.readDb, scopeOf(request), request.query),
  });
  app.get('/api/v1/tips/summary', {
    config: { access: { roles: TIP_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Counts by status and category, open, overdue, and rewards by status', querystring: RegionQuery, response: { 200: TipSummary, ...errors } },
    handler: (request) => service.tipSummary(app.readDb, scopeOf(request)),
  });
  app.get('/api/v1/tips/ledger', {
    config: { access: { roles: TIP_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Rewards summed by month (county time) and child region; default the last 6 months', querystring: TipLedgerQuery, response: { 200: TipLedger, ...errors } },
    handler: (request) => tipLedger(app.readDb, scopeOf(request), request.query, app.config.timeZone),
  });
  app.get('/api/v1/tips/:id', {
    config: { access: { roles: TIP_READERS, scope: [{ param: 'id', entity: 'tip' }] } },
    schema: { tags, summary: 'A tip with its steps (staff names), photos and group; an audited read', params: IdParam, response: { 200: TipDetail, ...errors } },
    handler: (request) => service.getTip(app.db, auditContextOf(request), { path: actorOf(request).regionPath }, request.params.id),
  });
  app.get('/api/v1/tips/:id/photos/:position', {
    config: { access: { roles: TIP_READERS, scope: [{ param: 'id', entity: 'tip' }] } },
    schema: { tags, summary: 'A photo of a tip (JPEG, metadata stripped at filing)', params: PhotoParam },
    handler: async (request, reply) => sendPhoto(reply, await service.readTipPhoto(app.db, request.params.id, request.params.position)),
  });
  app.patch('/api/v1/tips/:id', {
    config: { access: { roles: TIP_HANDLERS, scope: [{ param: 'id', entity: 'tip' }] } },
    schema: { tags, summary: 'One step of the loop, of the reward, or of grouping; `version` must be the one read (409 when stale)', params: IdParam, body: TipAction, response: { 200: Tip, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => actOnTip(tx, deps(request), request.params.id, request.body)),
  });
}
