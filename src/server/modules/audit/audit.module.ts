// The audit log's search (entries are written by platform/audit.ts inside every write).
import type { ModuleDefinition } from '../module-definition.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditModule = {
  name: 'audit',
  routes: [auditRoutes],
} satisfies ModuleDefinition;
