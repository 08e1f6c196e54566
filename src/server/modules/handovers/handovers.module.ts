// Hand-over (移交) of people between grids: proposals, decisions, the overdue climb, the deadline setting.
import { handoversPersonRecords } from './handovers.person-records.ts';
import { DEFAULT_SETTINGS } from '../../../shared/reports.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { positiveInteger } from '../reports/settings.service.ts';
import { handoversHourlyJob } from './handovers.jobs.ts';
import { handoversRoutes } from './handovers.routes.ts';

export const handoversModule = {
  name: 'handovers',
  personRecords: handoversPersonRecords,
  routes: [handoversRoutes],
  jobs: (ctx) => [handoversHourlyJob({ publish: (event) => ctx.events.publish(event) })],
  settings: {
    handoverDeadlineHours: { key: 'handovers.deadline_hours', fallback: DEFAULT_SETTINGS.handoverDeadlineHours, parse: (text) => { const n = positiveInteger(text); return n !== undefined && n <= 720 ? n : undefined; } },
  },
} satisfies ModuleDefinition;
