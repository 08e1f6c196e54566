// Responsibility by name: a person's responsible people (五包一) and the HQ view of who carries
// how many. A person's members are private like the person: outside the subtree, 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import { QUARANTINE_READERS } from '../../../shared/quarantine.ts';
import { LoadQuery, RESPONSIBILITY_READERS, RESPONSIBILITY_WRITERS, Responsible, ResponsibilityLoad, ResponsibleMessage, ResponsiblePut } from '../../../shared/responsibility.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { responsibilityLoad } from './responsibility-load.ts';
import { markRead, messagesOfAlert, myMessages } from './responsible-messages.ts';
import * as service from './responsibility.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const tags = ['responsibility'];
const Messages = z.object({ items: z.array(ResponsibleMessage), nextCursor: z.null() });

export async function responsibilityRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): service.Deps => ({ ctx: auditContextOf(request), actor: actorOf(request), crypto: app.fieldCrypto });
  const person = { param: 'id', entity: 'person' } as const;

  app.get('/api/v1/persons/:id/responsible', {
    config: { access: { roles: RESPONSIBILITY_READERS, scope: [person] } },
    schema: { tags, summary: 'A person’s responsible people (五包一) and the roles missing when the person is under control (an audited read)', params: IdParam, response: { 200: Responsible, ...errors } },
    handler: (request) => service.readResponsible(app.db, auditContextOf(request), app.fieldCrypto, request.params.id),
  });

  app.put('/api/v1/persons/:id/responsible', {
    config: { access: { roles: RESPONSIBILITY_WRITERS, scope: [person] } },
    schema: {
      tags,
      summary: 'Set a person’s responsible people: each an account of the person’s county (userId) or a contact (name, phone); members left out end, their history kept',
      params: IdParam,
      body: ResponsiblePut,
      response: { 200: Responsible, ...errors },
    },
    handler: (request, reply) => write(request, reply, 200, (tx) => service.setResponsible(tx, deps(request), request.params.id, request.body)),
  });

  app.get('/api/v1/responsibility/load', {
    config: { access: { roles: RESPONSIBILITY_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Who carries how many persons, and persons under control with a responsible role missing, in a subtree', querystring: LoadQuery, response: { 200: ResponsibilityLoad, ...errors } },
    handler: (request) => responsibilityLoad(app.readDb, scopeOf(request), request.query.limit),
  });

  // What alerts told the people responsible for a person: each account its own (a volunteer's too).
  app.get('/api/v1/responsible/messages', {
    config: { access: { self: true } },
    schema: { tags, summary: 'My messages as a responsible person, newest first: health details only for staff who monitor the person', response: { 200: Messages, ...errors } },
    handler: (request) => myMessages(app.readDb, actorOf(request).userId),
  });

  app.post('/api/v1/responsible/messages/:id/read', {
    config: { access: { self: true } },
    schema: { tags, summary: 'Mark one of my messages read', params: IdParam, response: { 200: ResponsibleMessage, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => markRead(tx, actorOf(request).userId, request.params.id)),
  });

  app.get('/api/v1/quarantines/alerts/:id/messages', {
    config: { access: { roles: QUARANTINE_READERS, scope: [{ param: 'id', entity: 'quarantine_alert' }] } },
    schema: { tags, summary: 'Whom an alert reached: accounts in the app, contacts with name and phone for a text to send (an audited read)', params: IdParam, response: { 200: Messages, ...errors } },
    handler: (request) => messagesOfAlert(app.db, auditContextOf(request), app.fieldCrypto, request.params.id),
  });
}
