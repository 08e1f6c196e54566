// Checkpoints and their removal (卡口管理), and the patrol teams a removal's coverage check counts.
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { rebuildCheckpointCounters } from './checkpoint-counters.ts';
import { METRIC_TOTAL, checkpointEntityNames } from './checkpoints.queries.ts';
import { checkpointsRoutes } from './checkpoints.routes.ts';
import { checkpointForScope } from './checkpoints.service.ts';
import { patrolTeamForScope } from './patrol-teams.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    checkpoint: true;
    patrol_team: true;
  }
}

export const checkpointsModule = {
  name: 'checkpoints',
  routes: [checkpointsRoutes],
  entities: {
    checkpoint: { label: 'checkpoint', private: false, resolve: checkpointForScope, names: checkpointEntityNames },
    patrol_team: { label: 'patrol team', private: false, resolve: patrolTeamForScope },
  },
  counters: recountOf([METRIC_TOTAL], rebuildCheckpointCounters),
} satisfies ModuleDefinition;
