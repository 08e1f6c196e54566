// The system module: health, the public meta and what the platform tells about itself.
import type { ModuleDefinition } from '../module-definition.ts';
import { systemRoutes } from './system.routes.ts';

export const systemModule = {
  name: 'system',
  routes: [systemRoutes],
} satisfies ModuleDefinition;
