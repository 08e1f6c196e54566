// Tips from the public with rewards (有奖举报): filing and tracking, the staff inbox and its loop.
import { tipsPersonRecords } from './tips.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { METRIC_PREFIX, rebuildTipCounters } from './tip-counters.ts';
import { tipsReceived } from './tips.figures.ts';
import { tipsRoutes } from './tips.routes.ts';
import { tipForScope } from './tips.service.ts';
import { tipsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    tip: true;
  }
}

export const tipsModule = {
  name: 'tips',
  personRecords: tipsPersonRecords,
  routes: [tipsRoutes, tipsExportsRoutes],
  entities: {
    // A tip may name people: outside the subtree of its current region it does not exist (404).
    tip: { label: 'tip', private: true, resolve: tipForScope },
  },
  figures: { tipsReceived },
  counters: recountOf([METRIC_PREFIX], rebuildTipCounters),
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('tips'),
} satisfies ModuleDefinition;
