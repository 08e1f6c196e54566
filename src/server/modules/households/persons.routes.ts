// People (人员): registration with validated, encrypted ID and phone numbers; lists masked;
// a full read needs a role that registers people and a purpose, and is audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Person, PersonCreate, PersonListQuery, PersonMerge, PersonPatch } from '../../../shared/households.ts';
import { RevealQuery } from '../../../shared/reveal.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { revealGrant } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { patchPerson } from './persons-edit.service.ts';
import { mergePerson } from './persons-merge.service.ts';
import { ChangeHistory } from '../../../shared/history.ts';
import { historyOf } from './change-history.ts';
import * as service from './persons.service.ts';
import { searchPersons } from './persons-search.service.ts';
import { PersonSearchBody, PersonSearchResult } from '../../../shared/person-search.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });

export async function personsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // Masked: the one list of people a micro-grid volunteer's light account reads.
  app.get('/api/v1/persons', {
    config: { access: { scope: [{ query: 'regionId' }, { query: 'householdId', entity: 'household' }], lightRoles: true } },
    schema: {
      tags: ['persons'],
      summary: 'People of a region’s subtree, ID and phone numbers masked; q is a whole ID or mobile number (keyed hash), a part of the household address, or a name, read as the search reads it',
      querystring: PersonListQuery,
      response: { 200: pageOf(Person), ...errors },
    },
    handler: (request) => service.listPersons(app.readDb, app.fieldCrypto, scopeOf(request), request.query),
  });

  app.get('/api/v1/persons/:id/history', {
    config: { access: { scope: [{ param: 'id', entity: 'person' }] } },
    schema: {
      tags: ['persons'],
      summary: 'Who changed which fields when, newest first: old → new (ID and phone numbers masked, a key person’s reason as changed only; field names alone for changes saved before values were kept); audited',
      params: IdParam,
      response: { 200: ChangeHistory, ...errors },
    },
    handler: (request) => historyOf(app.db, auditContextOf(request), app.fieldCrypto, 'person', request.params.id, scopeOf(request).id),
  });

  // A POST so that the typed text — possibly an ID or phone number — never sits in a URL or a log line.
  app.post('/api/v1/persons/search', {
    config: { access: { scope: [{ body: 'regionId' }], readsOnly: true } },
    schema: {
      tags: ['persons'],
      summary: 'Find people in a subtree by name (contains), household address (contains), or a whole ID or mobile number (exact, by keyed hash); masked; the first page has the total',
      body: PersonSearchBody,
      response: { 200: PersonSearchResult, ...errors },
    },
    handler: (request) => searchPersons(app.readDb, app.fieldCrypto, scopeOf(request), request.body),
  });

  app.get('/api/v1/persons/:id', {
    config: { access: { scope: [{ param: 'id', entity: 'person' }] } },
    schema: {
      tags: ['persons'],
      summary: 'A person’s record (audited); ?reveal=true&purpose=… shows ID and phone numbers in full',
      params: IdParam,
      querystring: RevealQuery,
      response: { 200: Person, ...errors },
    },
    handler: (request) =>
      service.getPerson(app.db, auditContextOf(request), app.fieldCrypto, request.params.id, revealGrant(actorOf(request), request.query)),
  });

  app.post('/api/v1/persons', {
    config: { access: { roles: REGISTRARS, scope: [{ body: 'regionId' }, { body: 'householdId', entity: 'household' }] } },
    schema: { tags: ['persons'], body: PersonCreate, response: { 201: Person, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) =>
        service.createPerson(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), scopeOf(request), request.body, dayIn(app.config.timeZone)),
      ),
  });

  app.patch('/api/v1/persons/:id', {
    config: {
      access: { roles: REGISTRARS, scope: [{ param: 'id', entity: 'person' }, { body: 'regionId' }, { body: 'householdId', entity: 'household' }] },
    },
    schema: {
      tags: ['persons'],
      summary: 'Edit against baseVersion: untouched fields merge; fields changed since come back in clashes',
      params: IdParam,
      body: PersonPatch,
      response: { 200: Person.extend({ clashes: z.array(z.string()) }), ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => patchPerson(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), request.params.id, request.body, dayIn(app.config.timeZone))),
  });

  // Both ends are scoped: the person (where they are registered now) and the household they move to.
  app.post('/api/v1/persons/:id/merge', {
    config: { access: { roles: REGISTRARS, scope: [{ param: 'id', entity: 'person' }, { body: 'householdId', entity: 'household' }] } },
    schema: {
      tags: ['persons'],
      summary: 'The same person, who moved here: move into householdId taking the chosen fields (duplicate ID number)',
      params: IdParam,
      body: PersonMerge,
      response: { 200: Person, ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) => mergePerson(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), request.params.id, request.body, dayIn(app.config.timeZone))),
  });
}
