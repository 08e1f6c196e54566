// The audit log's search (entries are written by platform/audit.ts inside every write) and its
// upkeep jobs: partitions ahead, the retention's export and cut (audit.jobs.ts).
import type { ModuleDefinition } from '../module-definition.ts';
import { auditRoutes } from './audit.routes.ts';
import { relinkLevels } from '../../platform/region-levels.ts';
import { auditPartitionsJob, auditRetentionJob } from './audit.jobs.ts';

export const auditModule = {
  name: 'audit',
  routes: [auditRoutes],
  jobs: (ctx) => [
    auditPartitionsJob({ timeZone: ctx.config.timeZone }),
    auditRetentionJob({ timeZone: ctx.config.timeZone, backupDir: ctx.config.backupDir, retentionDays: ctx.config.auditRetentionDays }),
  ],
  // Its records keep their county, town and village ids (migration 0031): they follow a moved region.
  onRegionMoved: relinkLevels('audit_log'),
} satisfies ModuleDefinition;
