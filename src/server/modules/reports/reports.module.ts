// The daily report (每日上报) of every grid, its roll-ups and reminders, and the county settings.
import { DEFAULT_SETTINGS } from '../../../shared/reports.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { reportReminderJob } from './reminders.job.ts';
import { reportsRoutes } from './reports.routes.ts';
import { reportForScope } from './reports.service.ts';
import { settingsRoutes } from './settings.routes.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    daily_report: true;
  }
}

const asText = (text: string) => text;

export const reportsModule = {
  name: 'reports',
  routes: [reportsRoutes, settingsRoutes],
  entities: {
    daily_report: { label: 'daily report', private: false, resolve: reportForScope },
  },
  jobs: (ctx) => [reportReminderJob({ timeZone: ctx.config.timeZone, publish: (event) => ctx.events.publish(event), settings: ctx.settings })],
  settings: {
    reportDeadline: { key: 'report.deadline', fallback: DEFAULT_SETTINGS.reportDeadline, parse: asText },
    reminderTime: { key: 'report.reminderTime', fallback: DEFAULT_SETTINGS.reminderTime, parse: asText },
  },
} satisfies ModuleDefinition;
