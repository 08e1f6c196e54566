// The daily report (每日一上报): filing and correcting, sending back, the pre-filled form, the
// day's status over a subtree, the roll-up and trend (from day counters), the roll-up
// workbook, and the reminder list.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RecordId, RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { DailyReport, DailyReportFile, DailyReportReturn, DailyReportStatus, REPORT_FILERS, REPORT_RETURNERS, ReminderList, ReportPrefill, Rollup, Trend } from '../../../shared/reports.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { audit, auditContextOf } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { dayIn } from '../../platform/time.ts';
import { afterCommit, write } from '../../platform/transaction.ts';
import { ancestorIdAt, pathIds } from '../../../shared/region-path.ts';
import { prefillFigures } from './prefill.service.ts';
import { findReportOfGridDay, firstReminder } from './reports.queries.ts';
import { rollupOf, trendOf } from './reports.rollup.ts';
import { deadlineOf, fileReport, getReport, gridOf, returnReport } from './reports.service.ts';
import { gridBoard, missingOf, statusOf } from './reports.status.ts';
import { streamRollupWorkbook } from './reports.xlsx.ts';
import type { ModuleContext } from '../module-definition.ts';
import { regionFields } from '../regions/regions.queries.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
const IdParam = z.object({ id: RecordId });
const RegionDayQuery = z.object({ regionId: RegionIdParam.optional(), date: z.iso.date().optional() });
const TrendQuery = z.object({ regionId: RegionIdParam.optional(), days: z.coerce.number().int().min(7).max(60).default(14) });
const byRegionQuery = [{ query: 'regionId' }] as const;

export async function reportsRoutes(fastify: FastifyInstance, { settings, figures }: ModuleContext) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tz = app.config.timeZone;

  const regionOf = async (scope: ScopedRegion) => {
    const r = await regionFields(app.db, scope.id, ['id', 'name', 'level', 'path']);
    if (!r) throw notFound('region');
    return r;
  };
  const deadlineFor = async (day: string) => deadlineOf(day, (await settings.read()).reportDeadline, tz);
  const publishChange = (tx: object, gridPath: string, regionId: number, date: string, status: string) =>
    afterCommit(tx, () => app.events.publish({ type: 'report.changed', regionPath: gridPath, data: { regionId, date, status } }));

  app.post('/api/v1/daily-reports', {
    config: { access: { roles: REPORT_FILERS, scope: [{ body: 'regionId' }] } },
    schema: {
      tags: ['daily-reports'],
      summary: 'File a grid’s report for a day (201); the same grid and day again corrects it (200)',
      body: DailyReportFile,
      response: { 200: DailyReport, 201: DailyReport, ...errors },
    },
    handler: async (request, reply) => {
      const { reportDeadline } = await settings.read();
      const deps = { ctx: auditContextOf(request), actor: actorOf(request), timeZone: tz, deadline: reportDeadline, now: new Date() };
      // The status is settled before the transaction so a stored idempotent answer keeps it;
      // a filing that raced this one and won turns this into a correction (200) after all.
      const exists = await findReportOfGridDay(app.db, request.body.regionId, request.body.date);
      let created: boolean | null = null;
      const report = await write(request, reply, exists ? 200 : 201, async (tx) => {
        const outcome = await fileReport(tx, deps, request.body);
        created = outcome.created;
        publishChange(tx, outcome.gridPath, outcome.report.regionId, outcome.report.date, outcome.report.status);
        return outcome.report;
      });
      if (created !== null) reply.code(created ? 201 : 200);
      return report;
    },
  });

  app.post('/api/v1/daily-reports/:id/return', {
    config: { access: { roles: REPORT_RETURNERS, scope: [{ param: 'id', entity: 'daily_report' }] } },
    schema: { tags: ['daily-reports'], summary: 'Send a report back to the grid with a reason (village, town or county)', params: IdParam, body: DailyReportReturn, response: { 200: DailyReport, ...errors } },
    handler: (request, reply) =>
      write(request, reply, 200, async (tx) => {
        const outcome = await returnReport(tx, { ctx: auditContextOf(request), actor: actorOf(request), now: new Date() }, request.params.id, request.body.reason);
        publishChange(tx, outcome.gridPath, outcome.report.regionId, outcome.report.date, outcome.report.status);
        return outcome.report;
      }),
  });

  app.get('/api/v1/daily-reports/prefill', {
    config: { access: { scope: byRegionQuery } },
    schema: { tags: ['daily-reports'], summary: 'The report form of a grid and day, pre-filled from the records', querystring: RegionDayQuery, response: { 200: ReportPrefill, ...errors } },
    handler: async (request) => {
      const grid = await gridOf(app.db, scopeOf(request).id);
      const day = request.query.date ?? dayIn(tz);
      return prefillFigures(app.db, figures, grid, day, tz, await deadlineFor(day));
    },
  });

  app.get('/api/v1/daily-reports/rollup', {
    config: { access: { scope: byRegionQuery } },
    schema: { tags: ['daily-reports'], summary: 'A region’s totals for a day and its children’s (from the day counters)', querystring: RegionDayQuery, response: { 200: Rollup, ...errors } },
    handler: async (request) => {
      const region = await regionOf(scopeOf(request));
      const day = request.query.date ?? dayIn(tz);
      return { date: day, deadline: await deadlineFor(day), ...(await rollupOf(app.readDb, region, day)) };
    },
  });

  app.get('/api/v1/daily-reports/trend', {
    config: { access: { scope: byRegionQuery } },
    schema: { tags: ['daily-reports'], summary: 'A region’s totals day by day, ending today (days: 7–60, default 14)', querystring: TrendQuery, response: { 200: Trend, ...errors } },
    handler: async (request) => trendOf(app.readDb, await regionOf(scopeOf(request)), dayIn(tz), request.query.days),
  });

  app.get('/api/v1/daily-reports/rollup.xlsx', {
    config: { access: { scope: byRegionQuery } },
    schema: {
      tags: ['daily-reports'],
      summary: 'The day’s roll-up as xlsx: 汇总, 未报网格, 已报网格',
      querystring: RegionDayQuery,
      response: { 200: z.any().describe('the xlsx workbook'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
    handler: async (request, reply) => {
      const region = await regionOf(scopeOf(request));
      const day = request.query.date ?? dayIn(tz);
      const [rollup, board] = await Promise.all([rollupOf(app.readDb, region, day), gridBoard(app.readDb, region.path, day)]);
      await audit(app.db, auditContextOf(request), { action: 'export', entity: 'daily_report_rollup', entityId: String(region.id), regionId: region.id, details: { date: day } });
      const filename = encodeURIComponent(`${region.name}每日一上报汇总-${day}.xlsx`);
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="daily-reports-${day}.xlsx"; filename*=UTF-8''${filename}`)
        .send(streamRollupWorkbook({ regionName: region.name, day, timeZone: tz, rollup, board }, request.log));
    },
  });

  app.get('/api/v1/daily-reports/reminders', {
    config: { access: { scope: byRegionQuery } },
    schema: { tags: ['daily-reports'], summary: 'Grids still to file for a day, with who is responsible; when the scheduled reminder ran', querystring: RegionDayQuery, response: { 200: ReminderList, ...errors } },
    handler: async (request) => {
      const scope = scopeOf(request);
      const day = request.query.date ?? dayIn(tz);
      const countyId = ancestorIdAt(scope.path, 'county') ?? scope.id;
      const [board, reminder] = await Promise.all([
        gridBoard(app.readDb, scope.path, day),
        firstReminder(app.db, countyId, day),
      ]);
      return { date: day, deadline: await deadlineFor(day), remindedAt: reminder?.created_at ?? null, missing: missingOf(board) };
    },
  });

  app.get('/api/v1/daily-reports/:id', {
    config: { access: { scope: [{ param: 'id', entity: 'daily_report' }] } },
    schema: { tags: ['daily-reports'], summary: 'A report with its history of filings, corrections and send-backs', params: IdParam, response: { 200: DailyReport, ...errors } },
    handler: (request) => getReport(app.db, request.params.id),
  });

  app.get('/api/v1/daily-reports', {
    config: { access: { scope: byRegionQuery } },
    schema: { tags: ['daily-reports'], summary: 'Who filed, late or on time, and who is missing, over the grids of a subtree', querystring: RegionDayQuery, response: { 200: DailyReportStatus, ...errors } },
    handler: async (request) => {
      const scope = scopeOf(request);
      const day = request.query.date ?? dayIn(tz);
      return statusOf(await gridBoard(app.readDb, scope.path, day), day, await deadlineFor(day));
    },
  });
}
