// Filing, correcting and sending back the daily report (每日一上报). One report per grid and
// day: the first filing decides on time or late; filing again is a correction with its history
// kept; a village or town may send a report back, and filing it again makes it filed again.
// Each change adjusts the day counters of the grid and its ancestors in the same transaction.
import { type DailyReport, type DailyReportFile, REPORT_FIGURES, type ReportFigure } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import { fromBool, toBool } from '../../db/dialect.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { UUID_RE, newId } from '../../platform/ids.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { bumpDayCounters } from '../stats/counters.ts';
import * as q from './reports.queries.ts';
import type { DailyReportRow, DailyReportsTable } from './reports.tables.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { regionFields, regionFieldsOrThrow } from '../regions/regions.queries.ts';

/** How far back a first filing may go: a missed day of the last week can still be filed (late). */
export const MAX_DAYS_BACK = 7;

export interface FileDeps {
  ctx: AuditContext;
  actor: Actor;
  timeZone: string;
  deadline: string;
  /** The moment of the filing (a test passes another). */
  now: Date;
}

export type Figures = Record<ReportFigure, number>;


export function deadlineOf(day: string, deadline: string, timeZone: string): string {
  return zonedInstant(day, deadline, timeZone).toISOString();
}

/** Every figure, those left out as 0. */
export function fullFigures(given: Partial<Record<ReportFigure, number | undefined>>): Figures {
  return Object.fromEntries(REPORT_FIGURES.map((f) => [f, given[f] ?? 0])) as Figures;
}

/** What one report adds to the day counters in its state: the difference of two states is a change's delta. */
export function contribution(state: { status: string; on_time: number; zero: number; figures: string } | null): Record<string, number> {
  if (!state) return {};
  if (state.status !== 'filed') return { 'reports.returned': 1 };
  const out: Record<string, number> = { 'reports.filed': 1, [toBool(state.on_time) ? 'reports.on_time' : 'reports.late']: 1 };
  if (toBool(state.zero)) out['reports.zero'] = 1;
  for (const [name, v] of Object.entries(JSON.parse(state.figures) as Record<string, number>)) if (v) out[`figures.${name}`] = v;
  return out;
}

function difference(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const d = (after[k] ?? 0) - (before[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

export async function toDailyReport(db: Db, row: DailyReportRow, withHistory = false): Promise<DailyReport> {
  const region = await regionFields(db, row.region_id, ['name']);
  const names = await q.namesOf(db, [row.filed_by]);
  const report: DailyReport = {
    id: row.id,
    regionId: row.region_id,
    regionName: region?.name ?? '',
    date: String(row.day).slice(0, 10),
    figures: JSON.parse(row.figures) as Record<string, number>,
    note: row.note,
    zero: toBool(row.zero),
    status: row.status === 'returned' ? 'returned' : 'filed',
    onTime: toBool(row.on_time),
    firstFiledAt: row.first_filed_at,
    filedAt: row.filed_at,
    filedBy: row.filed_by ? names.get(row.filed_by) ?? null : null,
    returnReason: row.return_reason,
    returnedAt: row.returned_at,
    version: row.version,
  };
  if (withHistory) {
    report.history = (await q.revisionsOf(db, row.id)).map((v) => ({
      version: v.version,
      kind: v.kind as 'filed' | 'corrected' | 'returned',
      figures: JSON.parse(v.figures) as Record<string, number>,
      note: v.note,
      zero: toBool(v.zero),
      reason: v.reason,
      by: v.display_name,
      at: v.at,
    }));
  }
  return report;
}

export async function reportForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db.selectFrom('daily_reports as d').innerJoin('regions as r', 'r.id', 'd.region_id').select(['r.id', 'r.path', 'r.level']).where('d.id', '=', id).executeTakeFirst();
  return row ?? null;
}

/** The grid a report is for: 422 naming regionId when the region is not a grid. */
export async function gridOf(db: Db, regionId: number): Promise<{ id: number; path: string; name: string }> {
  const region = await regionFields(db, regionId, ['id', 'path', 'name', 'level', 'active']);
  if (!region) throw new AppError('NOT_FOUND', `regionId: no region ${regionId}`, [{ path: 'regionId', message: 'no such region' }]);
  if (region.level !== 'grid') throw unprocessable('regionId', `a daily report is filed for a grid, not a ${region.level}`);
  if (!toBool(region.active)) throw unprocessable('regionId', 'the grid is no longer active');
  return region;
}

export function checkReportDay(date: string, today: string): void {
  if (date > today) throw unprocessable('date', `a report cannot be filed for a day after today (${today})`);
  if (date < addDays(today, -MAX_DAYS_BACK)) throw unprocessable('date', `a report can be filed for the last ${MAX_DAYS_BACK} days only`);
}

export interface FileOutcome {
  report: DailyReport;
  created: boolean;
  gridPath: string;
}

/** Files the day's report of a grid, or corrects the one already filed (201 vs 200). */
export async function fileReport(tx: Db, deps: FileDeps, input: DailyReportFile): Promise<FileOutcome> {
  const grid = await gridOf(tx, input.regionId);
  checkReportDay(input.date, dayIn(deps.timeZone, deps.now));
  const figures = fullFigures(input.figures);
  const zero = input.zero === true;
  if (zero) {
    const bad = REPORT_FIGURES.find((f) => figures[f] !== 0);
    if (bad) throw unprocessable(`figures.${bad}`, 'a zero report (零报告) has every figure 0');
  }
  const at = deps.now.toISOString();
  const figuresJson = JSON.stringify(figures);
  const note = input.note ? input.note : null;

  let existing = await q.findReportOfGridDay(tx, grid.id, input.date);
  if (!existing) {
    const row: DailyReportsTable = {
      id: newId(),
      region_id: grid.id,
      day: input.date,
      figures: figuresJson,
      note,
      zero: fromBool(zero),
      status: 'filed',
      first_filed_at: at,
      on_time: fromBool(at <= deadlineOf(input.date, deps.deadline, deps.timeZone)),
      filed_at: at,
      filed_by: deps.actor.userId,
      returned_at: null,
      returned_by: null,
      return_reason: null,
      version: 1,
      updated_at: at,
    };
    // A second filing racing this one waits on the unique (grid, day) key and then corrects it.
    if (await q.insertReportIfNone(tx, row)) {
      await q.insertRevision(tx, { id: newId(), report_id: row.id, version: 1, kind: 'filed', figures: figuresJson, note, zero: row.zero, reason: null, user_id: deps.actor.userId, at });
      await bumpDayCounters(tx, grid.path, input.date, contribution(row));
      await audit(tx, deps.ctx, { action: 'create', entity: 'daily_report', entityId: row.id, regionId: grid.id, details: { date: input.date, zero, onTime: toBool(row.on_time) } });
      return { report: await toDailyReport(tx, row), created: true, gridPath: grid.path };
    }
    existing = await q.findReportOfGridDay(tx, grid.id, input.date);
  }
  for (let attempt = 0; existing && attempt < 5; attempt++) {
    const refiled = existing.status === 'returned';
    const set = { figures: figuresJson, note, zero: fromBool(zero), status: 'filed' as const, filed_at: at, filed_by: deps.actor.userId, version: existing.version + 1, updated_at: at };
    if (await q.updateReportAt(tx, existing.id, existing.version, set)) {
      const after: DailyReportRow = { ...existing, ...set };
      const kind = refiled ? 'filed' : 'corrected';
      await q.insertRevision(tx, { id: newId(), report_id: existing.id, version: after.version, kind, figures: figuresJson, note, zero: after.zero, reason: null, user_id: deps.actor.userId, at });
      await bumpDayCounters(tx, grid.path, input.date, difference(contribution(after), contribution(existing)));
      const changed = REPORT_FIGURES.filter((f) => (JSON.parse(existing?.figures ?? '{}') as Record<string, number>)[f] !== figures[f]);
      await audit(tx, deps.ctx, { action: refiled ? 'refile' : 'correct', entity: 'daily_report', entityId: existing.id, regionId: grid.id, details: { date: input.date, version: after.version, zero, changed } });
      return { report: await toDailyReport(tx, after), created: false, gridPath: grid.path };
    }
    existing = await q.findReportOfGridDay(tx, grid.id, input.date);
  }
  throw new AppError('CONFLICT', 'The report changed while it was being corrected; send it again', [{ path: 'regionId', message: 'changed concurrently' }]);
}

/** A village, town or county sends a report back to the grid with a reason. */
export async function returnReport(tx: Db, deps: { ctx: AuditContext; actor: Actor; now: Date }, id: string, reason: string): Promise<FileOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = await q.findReport(tx, id);
    if (!row) throw notFound('daily report');
    const grid = await regionFieldsOrThrow(tx, row.region_id, ['path']);
    // Strictly above the grid: the grid's own leader cannot send back what the grid filed.
    if (!(grid.path.startsWith(deps.actor.regionPath) && grid.path !== deps.actor.regionPath)) {
      throw new AppError('FORBIDDEN', 'Only a village, town or the county above the grid may send a report back');
    }
    if (row.status === 'returned') throw new AppError('CONFLICT', 'status: the report has already been sent back', [{ path: 'status', message: 'already returned' }]);
    const at = deps.now.toISOString();
    const set = { status: 'returned' as const, returned_at: at, returned_by: deps.actor.userId, return_reason: reason, version: row.version + 1, updated_at: at };
    if (!(await q.updateReportAt(tx, row.id, row.version, set))) continue;
    const after: DailyReportRow = { ...row, ...set };
    await q.insertRevision(tx, { id: newId(), report_id: row.id, version: after.version, kind: 'returned', figures: row.figures, note: row.note, zero: row.zero, reason, user_id: deps.actor.userId, at });
    const day = String(row.day).slice(0, 10);
    await bumpDayCounters(tx, grid.path, day, difference(contribution(after), contribution(row)));
    await audit(tx, deps.ctx, { action: 'return', entity: 'daily_report', entityId: row.id, regionId: row.region_id, details: { date: day, version: after.version } });
    return { report: await toDailyReport(tx, after), created: false, gridPath: grid.path };
  }
  throw new AppError('CONFLICT', 'The report changed while it was being sent back; try again');
}

export async function getReport(db: Db, id: string): Promise<DailyReport> {
  const row = await q.findReport(db, id);
  if (!row) throw notFound('daily report');
  return toDailyReport(db, row, true);
}
