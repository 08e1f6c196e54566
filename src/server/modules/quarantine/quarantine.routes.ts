// Home quarantine (居家隔离): orders, daily checks, extension, breaches, release, and the alert
// lists of grids, villages and towns. Orders and alerts are personal: outside the caller's
// subtree they answer 404, as persons do.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import {
  AlertBulkAck,
  AlertBulkAckResult,
  AlertListQuery,
  BULK_ACK_MAX,
  BreachCreate,
  BreachCreated,
  CheckCreate,
  CheckCreated,
  Extension,
  QUARANTINE_READERS,
  QUARANTINE_WRITERS,
  Quarantine,
  QuarantineAlert,
  QuarantineCreate,
  QuarantineDetail,
  QuarantineListQuery,
  Release,
} from '../../../shared/quarantine.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';
import * as service from './quarantine.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const tags = ['quarantines'];

export async function quarantineRoutes(fastify: FastifyInstance, { settings }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): service.Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), events: app.events, timeZone: app.config.timeZone, crypto: app.fieldCrypto });
  const order = { param: 'id', entity: 'quarantine' } as const;

  app.get('/api/v1/quarantines', {
    config: { access: { roles: QUARANTINE_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Quarantine orders of a region’s subtree, newest first (person name only; the reason only on the orders the caller monitors)', querystring: QuarantineListQuery, response: { 200: pageOf(Quarantine), ...errors } },
    handler: (request) => service.listOrders(app.readDb, scopeOf(request), { actor: actorOf(request), crypto: app.fieldCrypto }, request.query),
  });

  app.post('/api/v1/quarantines', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [{ body: 'personId', entity: 'person' }] } },
    schema: {
      tags,
      summary: 'Order home quarantine; endOn defaults to startOn + the county period − 1; 409 when the person has an active order',
      body: QuarantineCreate,
      response: { 201: Quarantine, ...errors },
    },
    handler: async (request, reply) => {
      const { quarantineDays } = await settings.read();
      return write(request, reply, 201, (tx) => service.createOrder(tx, { ...deps(request), quarantineDays }, request.body));
    },
  });

  app.get('/api/v1/quarantines/alerts', {
    config: { access: { roles: QUARANTINE_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Fever, missed-check and breach alerts of a region’s subtree, newest first; open=true for unacknowledged', querystring: AlertListQuery, response: { 200: pageOf(QuarantineAlert), ...errors } },
    handler: (request) => service.listAlerts(app.readDb, scopeOf(request), request.query),
  });

  app.post('/api/v1/quarantines/alerts/ack', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [{ body: 'regionId' }] } },
    schema: {
      tags,
      summary: `Acknowledge many open alerts at once: the listed ids, or all matching a filter, of a region’s subtree (at most ${BULK_ACK_MAX}; each audited)`,
      body: AlertBulkAck,
      response: { 200: AlertBulkAckResult, ...errors },
    },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.bulkAckAlerts(tx, deps(request), scopeOf(request), request.body)),
  });

  app.post('/api/v1/quarantines/alerts/:id/ack', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [{ param: 'id', entity: 'quarantine_alert' }] } },
    schema: { tags, summary: 'Acknowledge an alert (again: no change)', params: IdParam, response: { 200: QuarantineAlert, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.ackAlert(tx, deps(request), request.params.id)),
  });

  app.get('/api/v1/quarantines/:id', {
    config: { access: { roles: QUARANTINE_READERS, scope: [order] } },
    schema: { tags, summary: 'An order with its checks and history (an audited read)', params: IdParam, response: { 200: QuarantineDetail, ...errors } },
    handler: (request) => service.getOrder(app.db, auditContextOf(request), app.fieldCrypto, request.params.id),
  });

  app.post('/api/v1/quarantines/:id/checks', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [order] } },
    schema: { tags, summary: 'Record a health check; alert:true on a fever (≥ 37.3 °C); 409 once released', params: IdParam, body: CheckCreate, response: { 201: CheckCreated, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.addCheck(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/quarantines/:id/extension', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [order] } },
    schema: { tags, summary: 'Extend an active order to a later endOn', params: IdParam, body: Extension, response: { 200: Quarantine, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.extendOrder(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/quarantines/:id/breaches', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [order] } },
    schema: { tags, summary: 'Record a breach of an active order; raises an alert', params: IdParam, body: BreachCreate, response: { 201: BreachCreated, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.recordBreach(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/quarantines/:id/release', {
    config: { access: { roles: QUARANTINE_WRITERS, scope: [order] } },
    schema: { tags, summary: 'Release an order (409 when released already)', params: IdParam, body: Release, response: { 200: Quarantine, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.releaseOrder(tx, deps(request), request.params.id, request.body)),
  });
}
