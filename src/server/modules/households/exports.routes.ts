// Spreadsheets out: the per-village summary of people by category, and filtered people lists.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { PersonCategory } from '../../../shared/households.ts';
import { RevealQuery } from '../../../shared/reveal.ts';
import { audit, auditContextOf } from '../../platform/audit.ts';
import { revealGrant } from '../../platform/reveal.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { streamPersonsWorkbook } from './persons-export.service.ts';
import { summaryWorkbook, villageSummaries } from './summary.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/exports/summary.xlsx', {
    config: { access: { scope: [{ query: 'regionId' }] }, background: true },
    schema: {
      tags: ['exports'],
      summary: '各村(社)各类人员情况调查汇总表 of a region’s subtree, as xlsx',
      querystring: z.object({ regionId: RegionIdParam.optional() }),
      response: { 200: z.any().describe('the xlsx workbook'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const day = dayIn(app.config.timeZone);
      const summary = await villageSummaries(app.bulkReadDb, scope);
      const body = await summaryWorkbook(summary, day);
      await audit(app.db, auditContextOf(request), { action: 'export', entity: 'summary', entityId: String(scope.id), regionId: scope.id });
      const filename = encodeURIComponent(`${summary.title}各类人员汇总表-${day}.xlsx`);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="summary-${day}.xlsx"; filename*=UTF-8''${filename}`)
        .send(Buffer.from(body));
    },
  });

  app.get('/api/v1/exports/persons.xlsx', {
    config: { access: { scope: [{ query: 'regionId' }] }, background: true },
    schema: {
      tags: ['exports'],
      summary: 'People of a region’s subtree as xlsx, masked; reveal=true&purpose=… for registering roles (audited)',
      querystring: z.object({
        regionId: RegionIdParam.optional(),
        category: PersonCategory.optional(),
        keyPerson: z.enum(['true', 'false']).optional(),
      }).extend(RevealQuery.shape),
      response: { 200: z.any().describe('the xlsx workbook'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const { reveal, purpose } = revealGrant(actorOf(request), request.query);
      await audit(app.db, auditContextOf(request), {
        action: reveal ? 'export_reveal' : 'export',
        entity: 'person',
        entityId: null,
        regionId: scope.id,
        purpose,
        details: { category: request.query.category ?? null, keyPerson: request.query.keyPerson ?? null },
      });
      const filter = { category: request.query.category, keyPerson: request.query.keyPerson === undefined ? undefined : request.query.keyPerson === 'true' };
      const day = dayIn(app.config.timeZone);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="persons-${day}.xlsx"`)
        .send(streamPersonsWorkbook(app.bulkReadDb, app.fieldCrypto, scope, filter, reveal, app.bulkLane, request.log));
    },
  });
}
