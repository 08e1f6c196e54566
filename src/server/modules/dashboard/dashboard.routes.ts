// The command dashboard (指挥大屏): a region's figures from the counters, the same per child
// region and over days, live events over server-sent events, and the region boundaries its map
// draws. Everything here reads counters; nothing scans people or reports on a request.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { BOUNDARY_EDITORS, BOUNDARY_LIMITS, BoundaryImportResult, RegionFigures, StatsBreakdown, StatsQuery, StatsTrend, TrendQuery } from '../../../shared/stats.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { arrayBudget } from '../../platform/json-budget.ts';
import { scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { write } from '../../platform/transaction.ts';
import * as boundaries from './boundaries.service.ts';
import { eventsRoutes } from './events.routes.ts';
import * as stats from './stats.service.ts';
import { scores as scoresOf } from './scores.service.ts';
import { ScoreQuery, Scores } from '../../../shared/verification-checks.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 413: ErrorBody, 422: ErrorBody };
const RegionId = z.object({ id: RegionIdParam });
const byRegionParam = [{ param: 'id', entity: 'region' }] as const;
/** GeoJSON is checked by geojson.ts, which names the path of what is wrong. */
const GeoJsonBody = z.looseObject({ type: z.string() });
const BoundarySaved = z.object({ regionId: z.number().int(), type: z.string(), positions: z.number().int() });

export async function dashboardRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const today = () => dayIn(app.config.timeZone);

  app.get('/api/v1/stats/summary', {
    config: { access: { scope: [{ query: 'regionId' }] } },
    schema: { tags: ['dashboard'], summary: 'Figures of a region’s subtree (your own region by default), from the counters', querystring: StatsQuery, response: { 200: RegionFigures, ...errors } },
    handler: (request) => stats.summary(app.readDb, scopeOf(request), request.query.date ?? today()),
  });

  app.get('/api/v1/stats/breakdown', {
    config: { access: { scope: [{ query: 'regionId' }] } },
    schema: { tags: ['dashboard'], summary: 'The same figures for each child region (drill-down bars and the map)', querystring: StatsQuery, response: { 200: StatsBreakdown, ...errors } },
    handler: (request) => stats.breakdown(app.readDb, scopeOf(request), request.query.date ?? today()),
  });

  app.get('/api/v1/stats/trend', {
    config: { access: { scope: [{ query: 'regionId' }] } },
    schema: { tags: ['dashboard'], summary: 'Per day: reports filed, on time, late; checkpoints removed; report figures', querystring: TrendQuery, response: { 200: StatsTrend, ...errors } },
    handler: (request) => stats.trend(app.readDb, scopeOf(request), today(), request.query.days),
  });

  app.get('/api/v1/stats/scores', {
    config: { access: { scope: [{ query: 'regionId' }] } },
    schema: { tags: ['dashboard'], summary: 'The score (考核) of a region and each child over the last days: daily reports on time beside verification tasks’ completion and timeliness', querystring: ScoreQuery, response: { 200: Scores, ...errors } },
    handler: (request) => scoresOf(app.readDb, scopeOf(request), today(), request.query.days),
  });

  app.get('/api/v1/regions/:id/map', {
    config: { access: { scope: byRegionParam } },
    schema: { tags: ['dashboard'], summary: 'The children’s boundaries as a GeoJSON FeatureCollection (properties regionId, name, code) with the region’s own outline; ETag', params: RegionId, response: errors },
    handler: async (request, typedReply) => {
      // The body is JSON text already (a Buffer, so no serializer touches it).
      const reply = typedReply as unknown as FastifyReply;
      const map = await boundaries.regionMap(app.db, request.params.id);
      reply.header('etag', map.etag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === map.etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(Buffer.from(map.body));
    },
  });

  app.put('/api/v1/regions/:id/boundary', {
    config: { access: { roles: BOUNDARY_EDITORS, scope: byRegionParam } },
    bodyLimit: BOUNDARY_LIMITS.bytes,
    preParsing: arrayBudget(BOUNDARY_LIMITS.arrays, 'the GeoJSON'),
    schema: { tags: ['dashboard'], summary: 'Set a region’s boundary: a GeoJSON Polygon or MultiPolygon, or a Feature with one (≤ 20,000 positions, 2 MB)', params: RegionId, body: GeoJsonBody, response: { 200: BoundarySaved, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => boundaries.setBoundary(tx, auditContextOf(request), request.params.id, request.body)),
  });

  app.delete('/api/v1/regions/:id/boundary', {
    config: { access: { roles: BOUNDARY_EDITORS, scope: byRegionParam } },
    schema: { tags: ['dashboard'], summary: 'Remove a region’s boundary', params: RegionId, response: { 200: z.object({ regionId: z.number().int(), deleted: z.boolean() }), ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => boundaries.deleteBoundary(tx, auditContextOf(request), request.params.id)),
  });

  app.post('/api/v1/regions/:id/boundaries', {
    config: { access: { roles: BOUNDARY_EDITORS, scope: byRegionParam } },
    bodyLimit: BOUNDARY_LIMITS.importBytes,
    preParsing: arrayBudget(BOUNDARY_LIMITS.importArrays, 'the FeatureCollection'),
    schema: { tags: ['dashboard'], summary: 'Import the children’s boundaries from a FeatureCollection (properties.code or properties.name); all or nothing', params: RegionId, body: GeoJsonBody, response: { 200: BoundaryImportResult, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => boundaries.importBoundaries(tx, auditContextOf(request), request.params.id, request.body)),
  });

  await app.register(eventsRoutes);
}
