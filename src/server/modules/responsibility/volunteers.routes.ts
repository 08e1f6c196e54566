// The named people of grids and micro-grids, the micro-grids still without one, and the one
// thing a volunteer's light account files: a 发现问题 report into the staff tips inbox.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import { RESPONSIBILITY_READERS, VOLUNTEER_MANAGERS, Volunteer, VolunteerCoverage, VolunteerCreate, VolunteerListQuery } from '../../../shared/responsibility.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import * as service from './volunteers.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const tags = ['volunteers'];

export async function volunteersRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): service.Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), crypto: app.fieldCrypto });
  const volunteer = { param: 'id', entity: 'volunteer' } as const;

  app.get('/api/v1/volunteers', {
    config: { access: { roles: RESPONSIBILITY_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Named people (微网格长, 党员志愿者, 楼道长) of a subtree’s grids and micro-grids; phones masked', querystring: VolunteerListQuery, response: { 200: z.object({ items: z.array(Volunteer), nextCursor: z.null() }), ...errors } },
    handler: (request) => service.listVolunteers(app.readDb, scopeOf(request)),
  });

  app.get('/api/v1/volunteers/coverage', {
    config: { access: { roles: RESPONSIBILITY_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Micro-grids of a subtree, and those without a named person', querystring: VolunteerListQuery, response: { 200: VolunteerCoverage, ...errors } },
    handler: (request) => service.volunteerCoverage(app.readDb, scopeOf(request)),
  });

  app.get('/api/v1/volunteers/:id', {
    config: { access: { roles: RESPONSIBILITY_READERS, scope: [volunteer] } },
    schema: { tags, summary: 'A named person with the phone in full (an audited read)', params: IdParam, response: { 200: Volunteer, ...errors } },
    handler: (request) => service.readVolunteer(app.db, auditContextOf(request), app.fieldCrypto, request.params.id),
  });

  app.post('/api/v1/volunteers', {
    config: { access: { roles: VOLUNTEER_MANAGERS, scope: [{ body: 'regionId' }] } },
    schema: { tags, summary: 'Name a person of a grid or micro-grid, with phone and duties (and their volunteer account, if any)', body: VolunteerCreate, response: { 201: Volunteer, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.addVolunteer(tx, deps(request), scopeOf(request), request.body)),
  });

  app.delete('/api/v1/volunteers/:id', {
    config: { access: { roles: VOLUNTEER_MANAGERS, scope: [volunteer] } },
    schema: { tags, summary: 'A named person stops (kept in the history)', params: IdParam, response: { 200: z.object({ id: z.string(), endedAt: z.string() }), ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.endVolunteer(tx, deps(request), request.params.id)),
  });

  app.post('/api/v1/volunteer-findings', {
    config: { access: { roles: ['volunteer'], scope: [], lightRoles: true } },
    schema: { tags, summary: '发现问题: a volunteer’s report into the staff tips inbox of its grid', body: service.FindingCreate, response: { 201: z.object({ number: z.string() }), ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => service.fileFinding(tx, { ...deps(request), events: app.events, timeZone: app.config.timeZone }, request.body)),
  });
}
