// Spreadsheets out: the per-village summary of people by category, for any region.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { auditContextOf, audit } from '../../platform/audit.ts';
import { scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { summaryWorkbook, villageSummaries } from './summary.service.ts';

export async function exportsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/exports/summary.xlsx', {
    config: { access: { scope: [{ query: 'regionId' }] } },
    schema: {
      tags: ['exports'],
      summary: '各村(社)各类人员情况调查汇总表 of a region’s subtree, as xlsx',
      querystring: z.object({ regionId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.any().describe('the xlsx workbook'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const day = dayIn(app.config.timeZone);
      const summary = await villageSummaries(app.db, scope);
      const body = await summaryWorkbook(summary, day);
      await audit(app.db, auditContextOf(request), { action: 'export', entity: 'summary', entityId: String(scope.id), regionId: scope.id });
      const filename = encodeURIComponent(`${summary.title}各类人员汇总表-${day}.xlsx`);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="summary-${day}.xlsx"; filename*=UTF-8''${filename}`)
        .send(Buffer.from(body));
    },
  });
}
