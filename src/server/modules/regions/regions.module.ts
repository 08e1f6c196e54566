// The territory: the region tree, its import from a spreadsheet, and the public region picker.
import type { ModuleDefinition } from '../module-definition.ts';
import { publicRegionsRoutes } from './public-regions.routes.ts';
import { regionsImportRoutes } from './regions-import.routes.ts';
import { regionEntityNames } from './regions.queries.ts';
import { regionsRoutes } from './regions.routes.ts';
import { regionForScope } from './regions.service.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    region: true;
  }
}

export const regionsModule = {
  name: 'regions',
  routes: [regionsRoutes, regionsImportRoutes, publicRegionsRoutes],
  entities: {
    // A region is named by its integer id, not a UUID.
    region: { label: 'region', private: false, idFormat: 'region', resolve: (db, id) => regionForScope(db, Number(id)), names: regionEntityNames },
  },
} satisfies ModuleDefinition;
