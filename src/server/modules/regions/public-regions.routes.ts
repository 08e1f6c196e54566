// The region picker of the public pages: names and levels of active regions, one level at a
// time. No account; limited per address like every public endpoint.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { ErrorBody } from '../../../shared/errors.ts';
import { PublicRegionList, PublicRegionQuery } from '../../../shared/public.ts';
import type { RegionLevel } from '../../../shared/regions.ts';
import { notFound } from '../../platform/errors.ts';
import { perAddress } from '../../platform/public-guard.ts';

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
        const parent = await app.db.selectFrom('regions').select(['id', 'active']).where('id', '=', parentId).executeTakeFirst();
        if (!parent || !parent.active) throw notFound('region');
      }
      const rows = await app.db
        .selectFrom('regions as r')
        .select(['r.id', 'r.name', 'r.level'])
        .select(
          sql<number>`(select count(*) from regions c where c.parent_id = r.id and c.active = 1)`.as('children'),
        )
        .where('r.active', '=', 1)
        .$call((q) => (parentId === undefined ? q.where('r.parent_id', 'is', null) : q.where('r.parent_id', '=', parentId)))
        .orderBy('r.code')
        .limit(500)
        .execute();
      // Names change rarely: a phone on a weak signal keeps them a few minutes.
      reply.header('cache-control', 'public, max-age=300');
      return { items: rows.map((r) => ({ id: r.id, name: r.name, level: r.level, hasChildren: Number(r.children) > 0 })) };
    },
  });
}
