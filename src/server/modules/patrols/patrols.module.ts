// Patrol logs (巡查日志) with their photos and day counters.
import type { ModuleDefinition } from '../module-definition.ts';
import { patrolsRoutes } from './patrols.routes.ts';
import { patrolLogForScope } from './patrols.service.ts';
import { patrolsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    patrol_log: true;
  }
}

export const patrolsModule = {
  name: 'patrols',
  routes: [patrolsRoutes, patrolsExportsRoutes],
  entities: {
    patrol_log: { label: 'patrol log', private: false, resolve: patrolLogForScope },
  },
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('patrol_logs'),
} satisfies ModuleDefinition;
