// Home quarantine (居家隔离): orders, daily checks, fever, breach and missed-check alerts.
import { quarantinePersonRecords } from './quarantine.person-records.ts';
import { DEFAULT_SETTINGS } from '../../../shared/reports.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { relinkLevels } from '../../platform/region-levels.ts';
import { positiveInteger } from '../reports/settings.service.ts';
import { recountOf } from '../stats/recounts.ts';
import { quarantineMissedCheckJob } from './missed-check.job.ts';
import { followMovedPerson } from './person-moves.ts';
import { rebuildQuarantineCounters } from './quarantine-counters.ts';
import { abnormalHealth, underQuarantine } from './quarantine.figures.ts';
import { METRIC_ACTIVE, alertEntityNames, orderEntityNames } from './quarantine.queries.ts';
import { quarantineRoutes } from './quarantine.routes.ts';
import { alertForScope, orderForScope } from './quarantine.service.ts';
import { quarantineExportsRoutes } from './list-exports.routes.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    quarantine: true;
    quarantine_alert: true;
  }
}

export const quarantineModule = {
  name: 'quarantine',
  personRecords: quarantinePersonRecords,
  routes: [quarantineRoutes, quarantineExportsRoutes],
  entities: {
    quarantine: { label: 'quarantine order', private: true, resolve: orderForScope, names: orderEntityNames },
    quarantine_alert: { label: 'alert', private: true, resolve: alertForScope, names: alertEntityNames },
  },
  figures: { underQuarantine, abnormalHealth },
  counters: recountOf([METRIC_ACTIVE], rebuildQuarantineCounters),
  jobs: (ctx) => [quarantineMissedCheckJob({ timeZone: ctx.config.timeZone, publish: (event) => ctx.events.publish(event) })],
  // Alerts and orders keep their county, town and village ids: they follow a moved region.
  onRegionMoved: relinkLevels('quarantine_alerts', 'quarantine_orders'),
  // A person handed over to another region takes their orders, checks and alerts along.
  onPersonMoved: followMovedPerson,
  settings: {
    quarantineDays: { key: 'quarantine.days', fallback: DEFAULT_SETTINGS.quarantineDays, parse: positiveInteger },
  },
} satisfies ModuleDefinition;
