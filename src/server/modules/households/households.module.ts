// Household investigation: households, people, visits, edits with their clashes, the exports.
import { householdsPersonRecords } from './households.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { recountOf } from '../stats/recounts.ts';
import { relinkLevels } from '../../platform/region-levels.ts';
import { conflictForScope } from './edit-conflicts.ts';
import { departuresRoutes } from './departures.routes.ts';
import { editConflictsRoutes } from './edit-conflicts.routes.ts';
import { exportsRoutes } from './exports.routes.ts';
import { listExportsRoutes } from './list-exports.routes.ts';
import { departures, householdsVisited, newArrivals } from './households.figures.ts';
import { householdEntityNames, personEntityNames } from './households.queries.ts';
import { householdsRoutes } from './households.routes.ts';
import { householdForScope } from './households.service.ts';
import { PEOPLE_METRIC_PREFIXES, rebuildPeopleCounters } from './people-counters.ts';
import { personsRoutes } from './persons.routes.ts';
import { personForScope } from './persons.service.ts';
import { visitsRoutes } from './visits.routes.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    household: true;
    person: true;
    edit_conflict: true;
  }
}

export const householdsModule = {
  name: 'households',
  personRecords: householdsPersonRecords,
  routes: [householdsRoutes, personsRoutes, visitsRoutes, exportsRoutes, listExportsRoutes, editConflictsRoutes, departuresRoutes],
  // Households, people and their clashes name people: outside the subtree they do not exist (404).
  entities: {
    household: { label: 'household', private: true, resolve: householdForScope, names: householdEntityNames },
    person: { label: 'person', private: true, resolve: personForScope, names: personEntityNames },
    edit_conflict: { label: 'edit conflict', private: true, resolve: conflictForScope },
  },
  figures: { householdsVisited, newArrivals, departures },
  counters: recountOf(PEOPLE_METRIC_PREFIXES, rebuildPeopleCounters),
  // Households and people carry their county, town and village (0039): a region's move relinks them.
  onRegionMoved: relinkLevels('households', 'persons'),
} satisfies ModuleDefinition;
