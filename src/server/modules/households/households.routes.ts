// Households (排摸): the dwelling and who lives there. Households and people are created with
// client-made ids so an offline phone's resend is the same record; edits merge field by field.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Household, HouseholdCreate, HouseholdListQuery, HouseholdPatch } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { MASKED } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { ChangeHistory } from '../../../shared/history.ts';
import { historyOf } from './change-history.ts';
import * as service from './households.service.ts';
import { regionFields } from '../regions/regions.queries.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const Clashes = z.object({ clashes: z.array(z.string()) });

export async function householdsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  // A micro-grid volunteer's light account reads its micro-grid's households: the list is masked.
  app.get('/api/v1/households', {
    config: { access: { scope: [{ query: 'regionId' }], lightRoles: true } },
    schema: { tags: ['households'], summary: 'Households of a region’s subtree in natural order of address, building, unit and room (1-1-101 before 1-1-1001); landlord phones masked', querystring: HouseholdListQuery, response: { 200: pageOf(Household), ...errors } },
    handler: (request) => service.listHouseholds(app.readDb, app.fieldCrypto, scopeOf(request), dayIn(app.config.timeZone), request.query),
  });

  app.get('/api/v1/households/:id', {
    config: { access: { scope: [{ param: 'id', entity: 'household' }] } },
    schema: { tags: ['households'], params: IdParam, response: { 200: Household, ...errors } },
    handler: (request) => service.getHousehold(app.db, auditContextOf(request), app.fieldCrypto, request.params.id, MASKED),
  });

  app.get('/api/v1/households/:id/history', {
    config: { access: { scope: [{ param: 'id', entity: 'household' }] } },
    schema: {
      tags: ['households'],
      summary: 'Who changed which fields when, newest first: old → new (landlord phones masked; field names alone for changes saved before values were kept); audited',
      params: IdParam,
      response: { 200: ChangeHistory, ...errors },
    },
    handler: (request) => historyOf(app.db, auditContextOf(request), app.fieldCrypto, 'household', request.params.id, scopeOf(request).id),
  });

  app.post('/api/v1/households', {
    config: { access: { roles: REGISTRARS, scope: [{ body: 'regionId' }] } },
    schema: { tags: ['households'], body: HouseholdCreate, response: { 201: Household, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) => service.createHousehold(tx, auditContextOf(request), app.fieldCrypto, scopeOf(request), request.body)),
  });

  app.patch('/api/v1/households/:id', {
    config: { access: { roles: REGISTRARS, scope: [{ param: 'id', entity: 'household' }, { body: 'regionId' }] } },
    schema: {
      tags: ['households'],
      summary: 'Edit against baseVersion: untouched fields merge; fields changed since come back in clashes',
      params: IdParam,
      body: HouseholdPatch,
      response: { 200: Household.extend(Clashes.shape), ...errors },
    },
    handler: async (request, reply) => {
      const newRegion = request.body.regionId === undefined ? null : await regionOf(request.body.regionId);
      return write(request, reply, 200, (tx) =>
        service.patchHousehold(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), request.params.id, request.body, newRegion),
      );
    },
  });

  const regionOf = async (id: number) =>
    (await regionFields(app.db, id, ['id', 'path', 'level'])) ?? null;
}
