// 离开辖区: a person gone to a place GridGuard does not cover — when and where to. A move to a
// grid of this installation is a hand-over instead (the handovers module).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Departure, DepartureCreate, NeighbourCounty } from '../../../shared/handovers.ts';
import { RecordId } from '../../../shared/ids.ts';
import { audit, auditContextOf } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { departureOf, recordDeparture } from './persons-move.service.ts';
import { knownCounties } from './departure-notice.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const tags = ['persons'];

export async function departuresRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const person = { param: 'id', entity: 'person' } as const;

  app.post('/api/v1/persons/:id/departure', {
    config: { access: { roles: REGISTRARS, scope: [person] } },
    schema: {
      tags,
      summary: 'The person left for a place GridGuard does not cover (leftOn, leftTo; toCountyCode: a neighbouring county, answered with the 协查函 to send it; a county of this installation is refused: hand over instead): no longer counted or coloured; 409 when already recorded',
      params: IdParam,
      body: DepartureCreate,
      response: { 201: Departure, ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 201, (tx) => recordDeparture(tx, auditContextOf(request), actorOf(request), request.params.id, request.body, { today: dayIn(app.config.timeZone), timeZone: app.config.timeZone }, app.config.neighbourCounties)),
  });

  app.get('/api/v1/departures/neighbours', {
    config: { access: { roles: REGISTRARS, scope: [] } },
    schema: {
      tags,
      summary: 'The counties GridGuard knows: on this installation (a move there is a hand-over) and the configured neighbours (GRIDGUARD_NEIGHBOUR_COUNTIES; a departure there gets a 协查函)',
      response: { 200: z.object({ items: z.array(NeighbourCounty) }), ...errors },
    },
    handler: async () => ({ items: await knownCounties(app.readDb, app.config.neighbourCounties) }),
  });

  app.get('/api/v1/persons/:id/departure', {
    config: { access: { scope: [person] } },
    schema: {
      tags,
      summary: 'When and where the person left; a departure to a neighbouring county with its 协查函 made again as sent (that read is audited: it names the person and the control they were under); 404 while they live here',
      params: IdParam,
      response: { 200: Departure, ...errors },
    },
    handler: async (request) => {
      const found = await departureOf(app.db, request.params.id, { neighbours: app.config.neighbourCounties, timeZone: app.config.timeZone });
      if (!found) throw new AppError('NOT_FOUND', 'no departure recorded for this person');
      if (found.departure.notice) await audit(app.db, auditContextOf(request), { action: 'read_departure', entity: 'person', entityId: request.params.id, regionId: found.regionId });
      return found.departure;
    },
  });
}
