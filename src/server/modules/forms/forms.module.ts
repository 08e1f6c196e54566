// The two forms (rental responsibility, household pledge) with their signatures and print pages.
import { formsPersonRecords } from './forms.person-records.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { formsRoutes } from './forms.routes.ts';
import { formForScope } from './forms.service.ts';
import { formsExportsRoutes } from './list-exports.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

declare module '../../platform/access.ts' {
  interface EntityKinds {
    form: true;
  }
}

export const formsModule = {
  name: 'forms',
  personRecords: formsPersonRecords,
  routes: [formsRoutes, formsExportsRoutes],
  entities: {
    form: { label: 'form', private: true, resolve: formForScope },
  },
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('forms'),
} satisfies ModuleDefinition;
