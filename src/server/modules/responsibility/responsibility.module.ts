// Responsibility by name (压实责任): the responsible people of persons under control (五包一),
// the named people of grids and micro-grids, and what an alert tells them.
import { responsibilityPersonRecords } from './responsibility.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { responsibilityRoutes } from './responsibility.routes.ts';
import { endMembersOfMovedRegion, endPersonResponsibility } from './responsibility.service.ts';
import { volunteersRoutes } from './volunteers.routes.ts';
import { recountOf } from '../stats/recounts.ts';
import { rebuildResponsibilityCounters } from './responsibility-counters.ts';
import { volunteerForScope } from './volunteers.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    volunteer: true;
  }
}

export const responsibilityModule = {
  name: 'responsibility',
  personRecords: responsibilityPersonRecords,
  routes: [responsibilityRoutes, volunteersRoutes],
  // Who carries how many, per subtree (responsibility-counters.ts).
  counters: recountOf(['responsibility'], rebuildResponsibilityCounters),
  entities: {
    volunteer: { label: 'volunteer', private: true, resolve: volunteerForScope },
  },
  // A region moved into another county: its people's members of the old county end.
  onRegionMoved: endMembersOfMovedRegion,
  // A person handed over to another region: the sender's named people end (their history kept);
  // the receiver names its own.
  onPersonMoved: async (tx, move) => {
    await endPersonResponsibility(tx, move.personId, { by: move.by, reason: 'handover', fromRegionId: move.fromRegionId });
  },
} satisfies ModuleDefinition;
