// Retention of personal data per kind, stand-downs (解除) and the purge (issue 21, items 1–2).
import type { ModuleDefinition } from '../module-definition.ts';
import { purgeJob } from './purge.job.ts';
import { purgeFinder } from './purge.service.ts';
import { retentionRoutes } from './retention.routes.ts';
import { standDownForScope } from './retention.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    stand_down: true;
  }
}

export const retentionModule = {
  name: 'retention',
  routes: [retentionRoutes],
  entities: {
    // A stand-down is public knowledge of the territory, not personal: outside the subtree is 403.
    stand_down: { label: 'stand-down', private: false, resolve: standDownForScope },
  },
  jobs: (ctx) => [purgeJob({ timeZone: ctx.config.timeZone, dataDir: ctx.config.dataDir, find: purgeFinder(ctx.database) })],
} satisfies ModuleDefinition;
