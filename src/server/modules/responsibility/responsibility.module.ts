// Responsibility by name (压实责任): the responsible people of persons under control (五包一),
// the named people of grids and micro-grids, and what an alert tells them.
import type { ModuleDefinition } from '../module-definition.ts';
import { responsibilityRoutes } from './responsibility.routes.ts';
import { endMembersOfMovedRegion } from './responsibility.service.ts';
import { volunteersRoutes } from './volunteers.routes.ts';
import { volunteerForScope } from './volunteers.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    volunteer: true;
  }
}

export const responsibilityModule = {
  name: 'responsibility',
  routes: [responsibilityRoutes, volunteersRoutes],
  entities: {
    volunteer: { label: 'volunteer', private: true, resolve: volunteerForScope },
  },
  // A region moved into another county: its people's members of the old county end.
  onRegionMoved: endMembersOfMovedRegion,
} satisfies ModuleDefinition;
