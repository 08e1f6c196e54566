// The people import from .xlsx or .csv (its jobs run in the background of the instance that took the upload).
import type { ModuleDefinition } from '../module-definition.ts';
import { importsRoutes } from './imports.routes.ts';

export const importsModule = {
  name: 'imports',
  routes: [importsRoutes],
} satisfies ModuleDefinition;
