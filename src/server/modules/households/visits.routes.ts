// Door-to-door visits of households (入户走访): append-only field records from the phone.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Visit, VisitCreate } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { recordVisit, visitsOfHousehold } from './visits.service.ts';
import { reportLeaving } from '../responsibility/volunteers.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function visitsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/visits', {
    // Micro-grid volunteers record visits of their micro-grid's households too.
    config: { access: { roles: [...REGISTRARS, 'volunteer'], scope: [{ body: 'householdId', entity: 'household' }], lightRoles: true } },
    schema: { tags: ['visits'], body: VisitCreate, response: { 201: Visit, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, async (tx) => {
        const actor = actorOf(request);
        const visit = await recordVisit(tx, auditContextOf(request), actor, app.config.timeZone, request.body);
        // A volunteer's "left" or "moved out" is a report for the grid's staff, in the same transaction.
        if (actor.role === 'volunteer') {
          await reportLeaving(tx, { ctx: auditContextOf(request), actor, crypto: app.fieldCrypto, events: app.events, timeZone: app.config.timeZone }, request.body);
        }
        return visit;
      }),
  });

  app.get('/api/v1/households/:id/visits', {
    config: { access: { scope: [{ param: 'id', entity: 'household' }] } },
    schema: { tags: ['visits'], summary: 'A household’s visit history, newest first', params: z.object({ id: RecordId }), response: { 200: pageOf(Visit), ...errors } },
    handler: (request) => visitsOfHousehold(app.db, request.params.id),
  });
}
