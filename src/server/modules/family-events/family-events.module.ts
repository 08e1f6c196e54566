// Family events (红白事报备): filing, guidance, the follow-up visit.
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { rebuildFamilyEventCounters } from './family-event-counters.ts';
import { familyEventsRoutes } from './family-events.routes.ts';
import { METRIC_TOTAL, familyEventForScope } from './family-events.service.ts';
import { familyEventsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    family_event: true;
  }
}

export const familyEventsModule = {
  name: 'family-events',
  routes: [familyEventsRoutes, familyEventsExportsRoutes],
  entities: {
    // A family's event names the host: outside the subtree it does not exist (404).
    family_event: { label: 'family event', private: true, resolve: familyEventForScope },
  },
  counters: recountOf([METRIC_TOTAL], rebuildFamilyEventCounters),
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('family_events'),
} satisfies ModuleDefinition;
