// Spot checks (抽查) of verification tasks and a list's spot-check share (docs/api-extra.md).
// HTTP only: the rules are in spot-checks.service.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import { ListSettings, SPOT_CHECKERS, SPOT_CHECK_DRAWERS, SpotCheck, SpotCheckDraw, SpotCheckDrawn, SpotCheckListQuery, SpotCheckResult } from '../../../shared/verification-checks.ts';
import { LIST_MANAGERS, VerificationList } from '../../../shared/verification.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { readList, toList } from './lists.service.ts';
import * as spot from './spot-checks.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['verification'];
const IdParam = z.object({ id: RecordId });
const spotCheck = { param: 'id', entity: 'verification_spot_check' } as const;

export async function spotChecksRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: Parameters<typeof actorOf>[0]) => ({ ctx: auditContextOf(request), actor: actorOf(request) });

  app.patch('/api/v1/verification-lists/:id', {
    config: { access: { roles: LIST_MANAGERS, scope: [] } },
    schema: { tags, summary: 'Set the share of closed tasks drawn as spot checks (percent)', params: IdParam, body: ListSettings, response: { 200: VerificationList, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, async (tx) => {
        await spot.setSpotCheckShare(tx, deps(request), request.params.id, request.body.spotCheckShare);
        return toList(await readList(tx, actorOf(request).regionPath, request.params.id));
      }),
  });

  app.post('/api/v1/verification-lists/:id/spot-checks', {
    config: { access: { roles: SPOT_CHECK_DRAWERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'A town draws a random share of its closed tasks for its patrol team; drawing again only tops the sample up to the share', params: IdParam, body: SpotCheckDraw, response: { 200: SpotCheckDrawn, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => spot.drawSpotChecks(tx, deps(request), request.params.id, scopeOf(request), request.body)),
  });

  app.get('/api/v1/verification-lists/:id/spot-checks', {
    config: { access: { roles: SPOT_CHECKERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'A list’s spot checks drawn by the towns of a subtree (masked)', params: IdParam, querystring: SpotCheckListQuery, response: { 200: z.object({ items: z.array(SpotCheck) }), ...errors } },
    handler: (request) => spot.listSpotChecks(app.db, actorOf(request), request.params.id, scopeOf(request), request.query.status),
  });

  app.get('/api/v1/spot-checks/:id', {
    config: { access: { roles: SPOT_CHECKERS, scope: [spotCheck] } },
    schema: { tags, summary: 'One spot check (masked)', params: IdParam, response: { 200: SpotCheck, ...errors } },
    handler: (request) => spot.getSpotCheck(app.db, request.params.id),
  });

  app.post('/api/v1/spot-checks/:id/result', {
    config: { access: { roles: SPOT_CHECKERS, scope: [spotCheck] } },
    schema: { tags, summary: 'The patrol’s finding: confirm the outcome, or reopen the task with the reason (audited)', params: IdParam, body: SpotCheckResult, response: { 200: SpotCheck, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => spot.recordSpotCheck(tx, deps(request), request.params.id, request.body)),
  });
}
