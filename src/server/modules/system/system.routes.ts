// Liveness for load balancers and the facts the web app needs before sign-in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { perAddress } from '../../platform/public-guard.ts';
import { pingDatabase } from '../../db/connect.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { countyRoots } from '../regions/regions.queries.ts';

export async function systemRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // Liveness: 200 while the process runs — restarting it would not bring back a database that
  // went away, nor free a full disk — saying "degraded" and why when it cannot write. Whether to
  // send it requests is /readyz's question.
  app.get('/healthz', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      response: { 200: z.object({ status: z.enum(['ok', 'degraded']), reason: z.enum(['storage_full', 'database_unreachable']).optional() }) },
    },
    handler: async () => {
      try {
        await pingDatabase(app.db);
      } catch {
        return { status: 'degraded' as const, reason: 'database_unreachable' as const };
      }
      const reason = app.storage.degraded;
      return reason ? { status: 'degraded' as const, reason } : { status: 'ok' as const };
    },
  });

  // Readiness: whether this instance should be sent requests (a load balancer's check). Once the
  // schema was found current it stays so for this process: only newer code adds migrations.
  let schemaCurrent = false;
  app.get('/readyz', {
    config: { access: { public: true } },
    schema: {
      tags: ['system'],
      summary: 'Readiness: 200 when the database answers and its migrations are current, else 503 with the reason',
      response: {
        200: z.object({ status: z.literal('ready') }),
        503: z.object({ status: z.literal('unavailable'), reason: z.enum(['database_unreachable', 'migrations_pending']), pending: z.array(z.string()).optional() }),
      },
    },
    handler: async (_request, reply) => {
      try {
        await pingDatabase(app.db);
        if (!schemaCurrent) {
          const pending = await pendingMigrations(app.database);
          if (pending.length) return reply.code(503).send({ status: 'unavailable' as const, reason: 'migrations_pending' as const, pending });
          schemaCurrent = true;
        }
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, reason: 'database_unreachable' as const });
      }
      return { status: 'ready' as const };
    },
  });

  // Metrics for Prometheus: here for signed-in admins, unless GRIDGUARD_METRICS_PORT gives them a
  // port of their own (main.ts), where a scraper needs no account.
  if (app.config.metricsPort === null) {
    app.get('/metrics', {
      config: { access: { self: true, roles: ['admin'] } },
      schema: { tags: ['system'], summary: 'Prometheus metrics of this instance (admins)', hide: true },
      handler: async (_request, reply) => {
        const text = await app.metrics.registry.metrics();
        return reply.type(app.metrics.registry.contentType).header('cache-control', 'no-store').send(text);
      },
    });
  }

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
