// Verification lists (核查名单): lists from above taken in, routed to grids, checked door to door,
// reviewed and answered back up.
import type { ModuleDefinition } from '../module-definition.ts';
import { taskForScope } from './tasks.service.ts';
import { verificationRoutes } from './verification.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    verification_task: true;
  }
}

export const verificationModule = {
  name: 'verification',
  routes: [verificationRoutes],
  entities: {
    // A task names a person: outside the subtree of its current region it does not exist (404).
    verification_task: { label: 'verification task', private: true, resolve: taskForScope },
  },
  // Its records keep their county, town and village ids (migration 0027): they follow a moved region.
  onRegionMoved: relinkLevels('verification_tasks'),
} satisfies ModuleDefinition;
