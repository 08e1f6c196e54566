// The daily report (每日一上报) API: file or correct, read with history, send back, and the
// roll-ups over a subtree (status lists, per-child totals, trend, reminders, Excel).
import type { z } from 'zod';
import {
  DailyReport,
  type DailyReportFile,
  DailyReportStatus,
  ReminderList,
  ReportPrefill,
  Rollup,
  Trend,
} from '../../../shared/reports.ts';
import { API_BASE, request, withQuery } from '../../lib/api.ts';

/** Live events after which the roll-up and reminder pages read again. */
export const REPORT_EVENTS = ['report.changed'] as const;

export const reportKeys = {
  all: ['daily-reports'] as const,
  prefill: (regionId: number, date: string) => ['daily-reports', 'prefill', regionId, date] as const,
  detail: (id: string) => ['daily-reports', 'detail', id] as const,
  status: (regionId: number, date: string) => ['daily-reports', 'status', regionId, date] as const,
  rollup: (regionId: number, date: string) => ['daily-reports', 'rollup', regionId, date] as const,
  trend: (regionId: number, days: number) => ['daily-reports', 'trend', regionId, days] as const,
  reminders: (regionId: number, date: string) => ['daily-reports', 'reminders', regionId, date] as const,
};

export type DailyReportStatus = z.infer<typeof DailyReportStatus>;
export type FiledGrid = DailyReportStatus['filed'][number];
export type MissingGrid = DailyReportStatus['missing'][number];
export type Rollup = z.infer<typeof Rollup>;
export type TrendPoint = z.infer<typeof Trend>['items'][number];
export type ReminderList = z.infer<typeof ReminderList>;
export type ReportPrefill = z.infer<typeof ReportPrefill>;

export const getPrefill = (regionId: number, date: string) => request('/daily-reports/prefill', ReportPrefill, { query: { regionId, date } });

export const getReport = (id: string) => request(`/daily-reports/${encodeURIComponent(id)}`, DailyReport);

/** Files the grid's report for the day; the same grid and day again corrects it. */
export const fileReport = (input: DailyReportFile, idempotencyKey: string) =>
  request('/daily-reports', DailyReport, { method: 'POST', body: input, idempotencyKey });

export const returnReport = (id: string, reason: string, idempotencyKey: string) =>
  request(`/daily-reports/${encodeURIComponent(id)}/return`, DailyReport, { method: 'POST', body: { reason }, idempotencyKey });

export const getStatus = (regionId: number, date: string) => request('/daily-reports', DailyReportStatus, { query: { regionId, date } });

export const getRollup = (regionId: number, date: string) => request('/daily-reports/rollup', Rollup, { query: { regionId, date } });

export const getTrend = (regionId: number, days: number) => request('/daily-reports/trend', Trend, { query: { regionId, days } });

export const getReminders = (regionId: number, date: string) => request('/daily-reports/reminders', ReminderList, { query: { regionId, date } });

/** A plain link: the browser downloads the workbook with the session cookie. */
export const rollupXlsxUrl = (regionId: number, date: string) => API_BASE + withQuery('/daily-reports/rollup.xlsx', { regionId, date });
