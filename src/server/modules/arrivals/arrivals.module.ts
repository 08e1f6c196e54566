// Arrival self-registration (扫码登记): village QR codes, the public form, the staff queue.
import { arrivalsPersonRecords } from './arrivals.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { codeForScope } from './arrivals.codes.ts';
import { entryForScope } from './arrivals.queue.ts';
import { arrivalsRoutes } from './arrivals.routes.ts';
import { arrivalsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    arrival_code: true;
    arrival_entry: true;
  }
}

export const arrivalsModule = {
  name: 'arrivals',
  personRecords: arrivalsPersonRecords,
  routes: [arrivalsRoutes, arrivalsExportsRoutes],
  entities: {
    // Codes are not personal: outside the subtree they are refused as such (403).
    arrival_code: { label: 'arrival code', private: false, resolve: codeForScope },
    // An entry names a person: outside the subtree it does not exist (404).
    arrival_entry: { label: 'arrival entry', private: true, resolve: entryForScope },
  },
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('arrival_entries'),
} satisfies ModuleDefinition;
