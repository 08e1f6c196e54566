// Door-to-door visits of households (入户走访): append-only field records from the phone.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { Visit, VisitCreate } from '../../../shared/households.ts';
import type { Db } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { dayIn } from '../../platform/time.ts';
import type { ModuleContext } from '../module-definition.ts';
import { proposeHandover } from '../handovers/handovers.service.ts';
import { recordDeparture } from './persons-move.service.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import { REGISTRARS } from '../../../shared/accounts.ts';
import { recordVisit, visitsOfHousehold } from './visits.service.ts';
import { reportLeaving } from '../responsibility/volunteers.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

export async function visitsRoutes(fastify: FastifyInstance, { settings }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post('/api/v1/visits', {
    // Micro-grid volunteers record visits of their micro-grid's households too.
    config: { access: { roles: [...REGISTRARS, 'volunteer'], scope: [{ body: 'householdId', entity: 'household' }], lightRoles: true } },
    schema: { tags: ['visits'], body: VisitCreate, response: { 201: Visit, ...errors } },
    handler: async (request, reply) => {
      // A volunteer reports who left (into the staff inbox, below) and never sends anyone on:
      // a hand-over or a departure is the grid's staff's to make (issue 19).
      if (actorOf(request).role === 'volunteer' && request.body.leftTo.length) {
        throw new AppError('FORBIDDEN', 'leftTo: a volunteer reports who left; the grid’s staff hand them over or record the departure', [{ path: 'leftTo', message: 'not for a volunteer' }]);
      }
      // Read before the transaction: on SQLite a read inside it would wait for the writer it holds.
      const deadlineHours = request.body.leftTo.some((d) => d.toRegionId !== undefined) ? (await settings.read()).handoverDeadlineHours : 0;
      return write(request, reply, 201, async (tx) => {
        const actor = actorOf(request);
        const visit = await recordVisit(tx, auditContextOf(request), actor, app.config.timeZone, request.body);
        if (actor.role !== 'volunteer') await sendOnTheirWay(tx, request, request.body, visit, deadlineHours);
        // A volunteer's "left" or "moved out" is a report for the grid's staff, in the same transaction.
        if (actor.role === 'volunteer') {
          await reportLeaving(tx, { ctx: auditContextOf(request), actor, crypto: app.fieldCrypto, events: app.events, timeZone: app.config.timeZone }, request.body);
        }
        return visit;
      });
    },
  });

  /**
   * Where those who left went, in the visit's transaction (the phone sends it once, from its
   * outbox): a grid of this installation gets a hand-over proposal — the person stays here and
   * this grid responsible until it is accepted — and a place GridGuard does not cover is a
   * departure, as the staff screens record it. Any refusal (not a grid, one already waiting)
   * refuses the whole visit, naming the entry.
   */
  async function sendOnTheirWay(tx: Db, request: FastifyRequest, body: VisitCreate, visit: Visit, deadlineHours: number): Promise<void> {
    const ctx = auditContextOf(request);
    const actor = actorOf(request);
    for (const [i, d] of body.leftTo.entries()) {
      try {
        if (d.toRegionId !== undefined) {
          const reason = body.note ? `入户走访：${body.note}` : `入户走访（${visit.visitedOn}）发现已离开，去往该网格`;
          await proposeHandover(tx, { ctx, actor, events: app.events, timeZone: app.config.timeZone, deadlineHours }, d.personId, { toRegionId: d.toRegionId, reason: reason.slice(0, 500) });
        } else {
          await recordDeparture(tx, ctx, actor, d.personId, { leftOn: d.leftOn ?? visit.visitedOn, leftTo: d.leftTo ?? '' }, { today: dayIn(app.config.timeZone), timeZone: app.config.timeZone }, app.config.neighbourCounties);
        }
      } catch (err) {
        if (err instanceof AppError) throw new AppError(err.code, `leftTo.${i}: ${err.message}`, [{ path: `leftTo.${i}`, message: err.message }]);
        throw err;
      }
    }
  }

  app.get('/api/v1/households/:id/visits', {
    config: { access: { scope: [{ param: 'id', entity: 'household' }] } },
    schema: { tags: ['visits'], summary: 'A household’s visit history, newest first', params: z.object({ id: RecordId }), response: { 200: pageOf(Visit), ...errors } },
    handler: (request) => visitsOfHousehold(app.db, request.params.id),
  });
}
