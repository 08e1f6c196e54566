// Family events (红白事报备): filing, guidance, follow-up, and the summary from counters.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import {
  FAMILY_EVENT_READERS,
  FAMILY_EVENT_WORKERS,
  FamilyEvent,
  FamilyEventCreate,
  FamilyEventDetail,
  FamilyEventFollowUpInput,
  FamilyEventGuidance,
  FamilyEventListQuery,
  FamilyEventSummary,
} from '../../../shared/family-events.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './family-events.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const RegionQuery = z.object({ regionId: RegionIdParam.optional() });
const tags = ['family-events'];

export async function familyEventsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): service.Deps => ({
    ctx: auditContextOf(request),
    actor: actorOf(request),
    events: app.events,
    crypto: app.fieldCrypto,
    timeZone: app.config.timeZone,
  });

  app.get('/api/v1/family-events', {
    config: { access: { roles: FAMILY_EVENT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Family events of a region’s subtree, newest filed first', querystring: FamilyEventListQuery, response: { 200: pageOf(FamilyEvent), ...errors } },
    handler: (request) => service.listFamilyEvents(app.readDb, app.fieldCrypto, scopeOf(request), request.query),
  });

  app.post('/api/v1/family-events', {
    config: { access: { roles: FAMILY_EVENT_WORKERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'File a family event (wedding, banquet, funeral) in a village or grid', body: FamilyEventCreate, response: { 201: FamilyEvent, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.fileFamilyEvent(tx, deps(request), scopeOf(request), request.body)),
  });

  app.get('/api/v1/family-events/summary', {
    config: { access: { roles: FAMILY_EVENT_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Counts by kind, status and decision, from counters', querystring: RegionQuery, response: { 200: FamilyEventSummary, ...errors } },
    handler: (request) => service.familyEventSummary(app.readDb, scopeOf(request)),
  });

  app.get('/api/v1/family-events/:id', {
    config: { access: { roles: FAMILY_EVENT_READERS, scope: [{ param: 'id', entity: 'family_event' }] } },
    schema: { tags, summary: 'A family event with its history', params: IdParam, response: { 200: FamilyEventDetail, ...errors } },
    handler: (request) => service.getFamilyEvent(app.db, app.fieldCrypto, request.params.id),
  });

  app.post('/api/v1/family-events/:id/guidance', {
    config: { access: { roles: FAMILY_EVENT_WORKERS, scope: [{ param: 'id', entity: 'family_event' }] } },
    schema: { tags, summary: 'Record the guidance given (409 once recorded); decision cancelled closes the event', params: IdParam, body: FamilyEventGuidance, response: { 200: FamilyEvent, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.recordGuidance(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/family-events/:id/follow-up', {
    config: { access: { roles: FAMILY_EVENT_WORKERS, scope: [{ param: 'id', entity: 'family_event' }] } },
    schema: { tags, summary: 'Record the follow-up visit (409 before guidance; 422 for a visit day in the future)', params: IdParam, body: FamilyEventFollowUpInput, response: { 200: FamilyEvent, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.recordFollowUp(tx, deps(request), request.params.id, request.body)),
  });
}
