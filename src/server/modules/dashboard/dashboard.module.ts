// The command dashboard (指挥大屏): figures from the counters, the map's boundaries, live events.
import type { ModuleDefinition } from '../module-definition.ts';
import { dashboardRoutes } from './dashboard.routes.ts';

export const dashboardModule = {
  name: 'dashboard',
  routes: [dashboardRoutes],
} satisfies ModuleDefinition;
