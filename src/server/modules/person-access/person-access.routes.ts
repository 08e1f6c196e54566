// 个人信息查阅复制 and 更正: the access request (a file: xlsx or a page to print) and a person's
// correction requests. The ID number comes in the body of a POST, never in the URL.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/errors.ts';
import { RecordId } from '../../../shared/ids.ts';
import { ACCESS_REQUEST_ROLES, AccessRequest, Correction, CorrectionCreate, CorrectionDecision } from '../../../shared/person-access.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { write } from '../../platform/transaction.ts';
import type { ModuleContext } from '../module-definition.ts';
import { accessPage, accessWorkbook, produceAccessAnswer } from './access-request.service.ts';
import { type CorrectionDeps, createCorrection, decideCorrection, listCorrections } from './corrections.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['persons'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PersonParam = z.object({ id: RecordId });
const CorrectionParams = z.object({ id: RecordId, correctionId: RecordId });

export async function personAccessRoutes(fastify: FastifyInstance, { personRecords }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const deps = (request: FastifyRequest): CorrectionDeps => ({ ctx: auditContextOf(request), actor: actorOf(request), crypto: app.fieldCrypto });
  const person = { param: 'id', entity: 'person' } as const;

  app.post('/api/v1/persons/access-requests', {
    config: { access: { roles: ACCESS_REQUEST_ROLES, scope: [] } },
    schema: {
      tags,
      summary: 'Everything held about the person an ID number finds in your subtree (查阅复制), as xlsx or a page to print; a purpose is required; audited',
      body: AccessRequest,
      response: { 200: z.any().meta({ description: 'the file' }), ...errors },
    },
    handler: async (request, reply) => {
      const answer = await produceAccessAnswer(app.db, { ...deps(request), sections: personRecords }, scopeOf(request), request.body);
      const stamp = answer.producedAt.slice(0, 10).replace(/-/g, '');
      reply.header('cache-control', 'no-store');
      if (request.body.format === 'html') {
        return reply.type('text/html; charset=utf-8').header('content-disposition', `inline; filename="access-${stamp}.html"`).send(accessPage(answer));
      }
      const file = await accessWorkbook(answer);
      const name = encodeURIComponent(`个人信息查阅-${stamp}.xlsx`);
      return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="access-${stamp}.xlsx"; filename*=UTF-8''${name}`).send(file);
    },
  });

  app.get('/api/v1/persons/:id/corrections', {
    config: { access: { roles: ACCESS_REQUEST_ROLES, scope: [person] } },
    schema: { tags, summary: 'A person’s correction requests (更正), newest first (audited)', params: PersonParam, response: { 200: z.object({ items: z.array(Correction) }), ...errors } },
    handler: async (request) => ({ items: await listCorrections(app.db, deps(request), request.params.id) }),
  });

  app.post('/api/v1/persons/:id/corrections', {
    config: { access: { roles: ACCESS_REQUEST_ROLES, scope: [person] } },
    schema: { tags, summary: 'Record a correction request against a person’s record (pending)', params: PersonParam, body: CorrectionCreate, response: { 201: Correction, ...errors } },
    handler: (request, reply) => write(request, reply, 201, (tx) => createCorrection(tx, deps(request), request.params.id, request.body)),
  });

  app.post('/api/v1/persons/:id/corrections/:correctionId/decision', {
    config: { access: { roles: ACCESS_REQUEST_ROLES, scope: [person] } },
    schema: { tags, summary: 'Decide a pending correction request: corrected, or refused with the reason (409 when decided already)', params: CorrectionParams, body: CorrectionDecision, response: { 200: Correction, ...errors } },
    handler: (request, reply) => write(request, reply, 200, (tx) => decideCorrection(tx, deps(request), request.params.id, request.params.correctionId, request.body)),
  });
}
