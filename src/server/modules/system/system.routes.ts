// Liveness for load balancers and the facts the web app needs before sign-in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { perAddress } from '../../platform/public-guard.ts';
import { pingDatabase } from '../../db/connect.ts';
import { countyRoots } from '../regions/regions.queries.ts';

export async function systemRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Liveness: 200 while the process runs and reaches its database. A full disk keeps it 200
  // (restarting would not free space) but says so, until a write commits again.
  app.get('/healthz', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      response: { 200: z.object({ status: z.enum(['ok', 'degraded']), reason: z.literal('storage_full').optional() }), 503: ErrorBody },
    },
    handler: async (_request, reply) => {
      try {
        await pingDatabase(app.db);
      } catch {
        return reply.code(503).send({ error: { code: 'UNAVAILABLE', message: 'The database is not reachable' } });
      }
      const reason = app.storage.degraded;
      return reason ? { status: 'degraded' as const, reason } : { status: 'ok' as const };
    },
  });

  app.get('/api/v1/public/meta', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: {
      tags: ['system'],
      summary: 'County name and time zone for the sign-in page',
      response: { 200: z.object({ countyName: z.string(), timeZone: z.string() }), 429: ErrorBody },
    },
    handler: async () => {
      const [root] = await countyRoots(app.db);
      return { countyName: root?.name ?? 'GridGuard', timeZone: app.config.timeZone };
    },
  });
}
