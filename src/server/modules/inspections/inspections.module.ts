// Unannounced inspections (24小时不定期督查): team members, schedules, findings, rectifications.
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { rebuildInspectionCounters } from './inspection-counters.ts';
import { inspectionsHourlyJob } from './inspections.jobs.ts';
import { METRICS } from './inspections.queries.ts';
import { inspectionsRoutes } from './inspections.routes.ts';
import { inspectionForScope } from './inspections.service.ts';
import { scheduleForScope } from './schedules.service.ts';
import { inspectionsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    inspection: true;
    inspection_schedule: true;
  }
}

export const inspectionsModule = {
  name: 'inspections',
  routes: [inspectionsRoutes, inspectionsExportsRoutes],
  // A visit not yet made is confidential: outside the subtree it does not exist (404).
  entities: {
    inspection: { label: 'inspection', private: true, resolve: inspectionForScope },
    inspection_schedule: { label: 'schedule', private: true, resolve: scheduleForScope },
  },
  counters: recountOf([METRICS.inspections, METRICS.rectificationsOpen], rebuildInspectionCounters),
  jobs: (ctx) => [inspectionsHourlyJob({ publish: (event) => ctx.events.publish(event) })],
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('inspections', 'rectifications'),
} satisfies ModuleDefinition;
