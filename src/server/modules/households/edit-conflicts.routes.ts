// Clashes of offline edits (编辑冲突) for the grid leader: see what a phone proposed for a field
// someone else had changed, then take it or keep the server's value.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import type { Role } from '../../../shared/accounts.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { CONFLICT_RESOLVERS, EditConflict } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import { listConflicts, resolveConflict } from './edit-conflicts.ts';

const RESOLVERS: readonly Role[] = CONFLICT_RESOLVERS;
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
export { EditConflict };

export async function editConflictsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/api/v1/edit-conflicts', {
    config: { access: { roles: RESOLVERS, scope: [{ query: 'regionId' }] } },
    schema: {
      tags: ['households'],
      summary: 'Unresolved clashes of offline edits in a subtree, oldest first',
      querystring: z.object({ regionId: RegionIdParam.optional() }),
      response: { 200: pageOf(EditConflict), ...errors },
    },
    handler: (request) => listConflicts(app.readDb, app.fieldCrypto, scopeOf(request)),
  });

  app.post('/api/v1/edit-conflicts/:id/resolve', {
    config: { access: { roles: RESOLVERS, scope: [{ param: 'id', entity: 'edit_conflict' }] } },
    schema: {
      tags: ['households'],
      summary: 'take: apply the proposed value; keep: leave the record as it is',
      params: z.object({ id: RecordId }),
      body: z.strictObject({ resolution: z.enum(['take', 'keep']) }),
      response: { 200: z.object({ id: z.string(), resolution: z.enum(['take', 'keep']) }), ...errors },
    },
    handler: (request, reply) =>
      write(request, reply, 200, (tx) =>
        resolveConflict(tx, auditContextOf(request), app.fieldCrypto, actorOf(request), request.params.id, request.body.resolution, dayIn(app.config.timeZone)),
      ),
  });
}
