// Verification lists (核查名单): lists from above taken in, routed to grids, checked door to door,
// reviewed, spot-checked, escalated when overdue and answered back up; enterprises' returning
// workers come in as lists through a registration code.
import { verificationPersonRecords } from './verification.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { enterpriseCodeForScope } from './enterprises.service.ts';
import { enterprisesRoutes } from './enterprises.routes.ts';
import { spotCheckForScope } from './spot-checks.service.ts';
import { spotChecksRoutes } from './spot-checks.routes.ts';
import { taskForScope } from './tasks.service.ts';
import { verificationPhotoRoutes } from './verification-photos.routes.ts';
import { verificationHourlyJob } from './verification.jobs.ts';
import { verificationRoutes } from './verification.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';
import { recountOf } from '../stats/recounts.ts';
import { followMovedPerson } from './person-moves.ts';
import { METRIC_PREFIX, rebuildVerificationCounters } from './task-counters.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    verification_task: true;
    verification_spot_check: true;
    enterprise_code: true;
  }
}

export const verificationModule = {
  name: 'verification',
  personRecords: verificationPersonRecords,
  routes: [verificationRoutes, verificationPhotoRoutes, spotChecksRoutes, enterprisesRoutes],
  entities: {
    // A task names a person: outside the subtree of its current region it does not exist (404).
    verification_task: { label: 'verification task', private: true, resolve: taskForScope },
    // A spot check lives in the town that drew it: its patrol team and the levels above see it.
    verification_spot_check: { label: 'spot check', private: true, resolve: spotCheckForScope },
    enterprise_code: { label: 'enterprise code', private: false, resolve: enterpriseCodeForScope },
  },
  jobs: (ctx) => [verificationHourlyJob({ publish: (event) => ctx.events.publish(event) })],
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('verification_tasks'),
  // A handed-over person's open tasks go with them.
  onPersonMoved: followMovedPerson,
  // Per list and region: tasks by status and outcome, and closed on time (progress, score).
  counters: recountOf([METRIC_PREFIX], rebuildVerificationCounters),
} satisfies ModuleDefinition;
