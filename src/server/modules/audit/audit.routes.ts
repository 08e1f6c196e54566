// The audit trail, for admins and auditors: who read or changed what, when, from where.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AUDIT_READERS } from '../../../shared/accounts.ts';
import { AuditEntry, AuditQuery } from '../../../shared/audit.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { scopeOf } from '../../platform/scope.ts';
import type { ModuleContext } from '../module-definition.ts';
import { searchAudit } from './audit.service.ts';

export async function auditRoutes(fastify: FastifyInstance, { entities }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get('/api/v1/audit', {
    config: { access: { roles: AUDIT_READERS, scope: [{ query: 'regionId' }] } },
    schema: {
      tags: ['audit'],
      summary: 'Audit entries of your subtree, newest first',
      querystring: AuditQuery,
      response: { 200: pageOf(AuditEntry), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
    },
    handler: (request) => searchAudit(app.readDb, entities, scopeOf(request), request.query),
  });
}
