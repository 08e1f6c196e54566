// Hand-over (移交) of a person between grids: proposed from the person, read by both sides,
// accepted or refused by the receiving region. A hand-over names two regions, so the record
// routes act in the caller's region and the service checks that it holds either side (404
// otherwise), and the receiving side for a decision (403 for the sender).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { HANDOVER_READERS, HANDOVER_WORKERS, Handover, HandoverAccept, HandoverCreate, HandoverListQuery, HandoverRefuse } from '../../../shared/handovers.ts';
import { RecordId } from '../../../shared/ids.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';
import * as service from './handovers.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const tags = ['handovers'];

export async function handoversRoutes(fastify: FastifyInstance, { settings, personMoved }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): service.Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), events: app.events, timeZone: app.config.timeZone });

  app.post('/api/v1/persons/:id/handovers', {
    config: { access: { roles: HANDOVER_WORKERS, scope: [{ param: 'id', entity: 'person' }] } },
    schema: {
      tags,
      summary: 'Propose handing the person over to another grid of this installation, with a reason; due within the county’s deadline (handoverDeadlineHours); 409 while one is waiting',
      params: IdParam,
      body: HandoverCreate,
      response: { 201: Handover, ...errors },
    },
    handler: async (request, reply) => {
      const { handoverDeadlineHours } = await settings.read();
      return write(request, reply, 201, (tx) => service.proposeHandover(tx, { ...deps(request), deadlineHours: handoverDeadlineHours }, request.params.id, request.body));
    },
  });

  app.get('/api/v1/handovers', {
    config: { access: { roles: HANDOVER_READERS, scope: [{ query: 'regionId' }] } },
    schema: {
      tags,
      summary: 'Hand-overs into (direction=in) or out of (out) a region’s subtree, or both, newest first; q finds a number',
      querystring: HandoverListQuery,
      response: { 200: pageOf(Handover), ...errors },
    },
    handler: (request) => service.listHandovers(app.readDb, actorOf(request), scopeOf(request), request.query),
  });

  app.get('/api/v1/handovers/:id', {
    config: { access: { roles: HANDOVER_READERS, scope: [] } },
    schema: { tags, summary: 'A hand-over, read by either side (audited); the person’s masked summary only for the side responsible for them', params: IdParam, response: { 200: Handover, ...errors } },
    handler: (request) => service.getHandover(app.db, auditContextOf(request), actorOf(request), request.params.id),
  });

  app.post('/api/v1/handovers/:id/accept', {
    config: { access: { roles: HANDOVER_WORKERS, scope: [] } },
    schema: {
      tags,
      summary: 'The receiving region takes the person in (into householdId of its own, or none): their region, quarantine orders, colour and history move; 409 when already decided',
      params: IdParam,
      body: HandoverAccept,
      response: { 200: Handover, ...errors },
    },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.acceptHandover(tx, { ...deps(request), personMoved }, request.params.id, request.body)),
  });

  app.post('/api/v1/handovers/:id/refuse', {
    config: { access: { roles: HANDOVER_WORKERS, scope: [] } },
    schema: { tags, summary: 'The receiving region refuses, with a reason: the person stays with the sender; 409 when already decided', params: IdParam, body: HandoverRefuse, response: { 200: Handover, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.refuseHandover(tx, deps(request), request.params.id, request.body)),
  });
}
