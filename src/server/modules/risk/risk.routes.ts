// Risk colours (风险赋码): the county's rules, the recompute a rule change starts (a background
// job with progress), a region's colour counts and its red and yellow people with the reasons.
// Colours themselves are kept by risk.compute.ts, called inside the writes that change a
// person's facts (households, quarantine).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { pageOf } from '../../../shared/paging.ts';
import { RISK_READERS, RISK_RULE_EDITORS, RiskJob, RiskPerson, RiskPersonsQuery, RiskRules, RiskRulesPut, RiskSummary, RiskSummaryQuery } from '../../../shared/risk.ts';
import { auditContextOf } from '../../platform/audit.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { afterCommit, write } from '../../platform/transaction.ts';
import { runRiskJob } from './risk.recompute.ts';
import * as service from './risk.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const tags = ['risk'];
const JobStarted = z.object({ id: z.string() });

export async function riskRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Runs the job after the response, like the people import; live views hear its progress. */
  const start = (tx: object, jobId: string) =>
    afterCommit(tx, () => {
      setImmediate(() => {
        runRiskJob(
          {
            db: app.db,
            today: dayIn(app.config.timeZone),
            onProgress: (p) => app.events.publish({ type: 'risk.recompute', regionPath: p.countyPath, data: { id: p.id, status: p.status, processed: p.processed, total: p.total } }),
          },
          jobId,
        ).catch((err: unknown) => app.log.error({ err, jobId }, 'risk recompute failed'));
      });
    });

  app.get('/api/v1/risk/rules', {
    config: { access: { roles: RISK_READERS, scope: [] } },
    schema: { tags, summary: 'The rules of your county (the built-in defaults until it saves its own)', response: { 200: RiskRules, ...errors } },
    handler: (request) => service.getRules(app.db, actorOf(request)),
  });

  app.put('/api/v1/risk/rules', {
    config: { access: { roles: RISK_RULE_EDITORS, scope: [] } },
    schema: { tags, summary: 'Replace the county’s rules (audited) and start the recompute of every person; answers with jobId', body: RiskRulesPut, response: { 200: RiskRules, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, async (tx) => {
        const saved = await service.putRules(tx, auditContextOf(request), actorOf(request), request.body);
        if (saved.jobId) start(tx, saved.jobId);
        return saved;
      }),
  });

  app.post('/api/v1/risk/recompute', {
    config: { access: { roles: RISK_RULE_EDITORS, scope: [] } },
    schema: { tags, summary: 'Recompute every person of your county with the current rules (a background job)', response: { 202: JobStarted, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 202, async (tx) => {
        const id = await service.startRecompute(tx, auditContextOf(request), actorOf(request));
        start(tx, id);
        return { id };
      }),
  });

  app.get('/api/v1/risk/jobs/:id', {
    config: { access: { roles: RISK_READERS, scope: [{ param: 'id', entity: 'risk_job' }] } },
    schema: { tags, summary: 'A recompute job: status and progress (thousandths)', params: z.object({ id: RecordId }), response: { 200: RiskJob, ...errors } },
    handler: (request) => service.getJob(app.db, request.params.id),
  });

  app.get('/api/v1/risk/summary', {
    config: { access: { roles: RISK_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Green, yellow and red people of a region’s subtree, its colour, and the same per child region', querystring: RiskSummaryQuery, response: { 200: RiskSummary, ...errors } },
    handler: (request) => service.summary(app.readDb, scopeOf(request)),
  });

  app.get('/api/v1/risk/persons', {
    config: { access: { roles: RISK_READERS, scope: [{ query: 'regionId' }] } },
    schema: { tags, summary: 'Red and yellow people of a region’s subtree with the reasons (names only)', querystring: RiskPersonsQuery, response: { 200: pageOf(RiskPerson), ...errors } },
    handler: (request) => service.listPersons(app.readDb, scopeOf(request), request.query),
  });
}
