// The territory tree (county → town → village → grid → micro-grid): list, read, create,
// rename, recode, move, deactivate. Import from a spreadsheet is regions-import.routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { Region, RegionCreate, RegionLevel, RegionListQuery, RegionPatch } from '../../../shared/regions.ts';
import { TERRITORY_EDITORS } from '../../../shared/accounts.ts';
import { RegionIdParam } from '../../../shared/ids.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';
import * as service from './regions.service.ts';


const RegionId = z.object({ id: RegionIdParam });
const RegionDetail = Region.extend({
  path: z.array(z.object({ id: z.number().int(), name: z.string(), level: RegionLevel })),
}).meta({ id: 'RegionDetail' });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function regionsRoutes(fastify: FastifyInstance, { regionMoved }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/regions', {
    config: { access: { scope: [{ query: 'parentId' }] } },
    schema: {
      tags: ['regions'],
      summary: 'Regions of your subtree; ?parentId= lists one region’s children',
      querystring: RegionListQuery,
      response: { 200: pageOf(Region), ...errors },
    },
    handler: (request) => service.listRegions(request.server.db, scopeOf(request), request.query),
  });

  app.get('/api/v1/regions/:id', {
    config: { access: { scope: [{ param: 'id', entity: 'region' }] } },
    schema: { tags: ['regions'], params: RegionId, response: { 200: RegionDetail, ...errors } },
    handler: (request) => service.getRegion(request.server.db, request.params.id),
  });

  app.post('/api/v1/regions', {
    config: { access: { roles: TERRITORY_EDITORS, scope: [{ body: 'parentId' }] } },
    schema: { tags: ['regions'], body: RegionCreate, response: { 201: Region, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.createRegion(tx, auditContextOf(request), request.body)),
  });

  app.patch('/api/v1/regions/:id', {
    config: { access: { roles: TERRITORY_EDITORS, scope: [{ param: 'id', entity: 'region' }, { body: 'parentId' }] } },
    schema: { tags: ['regions'], params: RegionId, body: RegionPatch, response: { 200: Region, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) =>
        service.patchRegion(tx, auditContextOf(request), actorOf(request).regionPath, request.params.id, request.body, regionMoved),
      ),
  });
}
