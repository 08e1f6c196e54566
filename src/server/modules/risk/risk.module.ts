// Risk colours (风险赋码): the county's rules, each person's colour, the recompute.
import { relinkLevels } from '../../platform/region-levels.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { RISK_METRIC_PREFIX } from './risk.compute.ts';
import { riskDailyJob } from './risk.jobs.ts';
import { rebuildRiskCounters } from './risk.recompute.ts';
import { riskRoutes } from './risk.routes.ts';
import { jobForScope } from './risk.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    risk_job: true;
  }
}

export const riskModule = {
  name: 'risk',
  routes: [riskRoutes],
  entities: {
    risk_job: { label: 'recompute job', private: false, resolve: jobForScope },
  },
  // The daily recompute (00:10) recounts them at its end: the nightly reconciliation leaves them be.
  counters: recountOf([RISK_METRIC_PREFIX], rebuildRiskCounters, { nightly: false }),
  jobs: (ctx) => [riskDailyJob({ timeZone: ctx.config.timeZone })],
  // Coloured persons carry their county, town and village (0043): a region's move relinks them.
  onRegionMoved: relinkLevels('person_risk'),
} satisfies ModuleDefinition;
