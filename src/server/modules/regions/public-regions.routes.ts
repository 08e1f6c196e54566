// The region picker of the public pages: names and levels of active regions, one level at a
// time. No account; limited per address like every public endpoint.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { PublicRegionList, PublicRegionQuery } from '../../../shared/public.ts';
import type { RegionLevel } from '../../../shared/regions.ts';
import { notFound } from '../../platform/errors.ts';
import { perAddress } from '../../platform/public-guard.ts';
import { publicChildren, regionFields } from './regions.queries.ts';

export async function publicRegionsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/public/regions', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: {
      tags: ['public'],
      summary: 'Children of a region for the public region picker (the county when no parentId); names only',
      querystring: PublicRegionQuery,
      response: { 200: PublicRegionList, 404: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const { parentId } = request.query;
      if (parentId !== undefined) {
        const parent = await regionFields(app.db, parentId, ['id', 'active']);
        if (!parent || !parent.active) throw notFound('region');
      }
      const rows = await publicChildren(app.db, parentId);
      // Names change rarely: a phone on a weak signal keeps them a few minutes.
      reply.header('cache-control', 'public, max-age=300');
      return { items: rows.map((r) => ({ id: r.id, name: r.name, level: r.level, hasChildren: Number(r.children) > 0 })) };
    },
  });
}
