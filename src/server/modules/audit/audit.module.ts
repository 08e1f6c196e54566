// The audit log's search (entries are written by platform/audit.ts inside every write).
import type { ModuleDefinition } from '../module-definition.ts';
import { auditRoutes } from './audit.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';

export const auditModule = {
  name: 'audit',
  routes: [auditRoutes],
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('audit_log'),
} satisfies ModuleDefinition;
