// The audit log's daily upkeep, each claimed once across instances (platform/jobs.ts):
// PostgreSQL's monthly partitions made three months ahead, and the retention's export and cut
// of whole months past the audit retention in force (the longest a county set on its retention
// page; GRIDGUARD_AUDIT_RETENTION_DAYS for a county that set none). The sealing itself runs every few
// seconds in every instance (main.ts); only one seals at a time.
import path from 'node:path';
import { ensureAuditPartitions } from '../../db/audit-partitions.ts';
import { cutAuditLog, retentionBoundary } from '../../platform/audit-retention.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { auditRetentionInForce } from '../retention/retention.service.ts';

export const AUDIT_PARTITIONS_JOB = 'audit-partitions';
export const AUDIT_RETENTION_JOB = 'audit-retention';

export function auditPartitionsJob(deps: { timeZone: string }): ScheduledJob {
  return {
    name: AUDIT_PARTITIONS_JOB,
    runKeyAt: (now) => dayIn(deps.timeZone, now),
    async run(db, _runKey, now = new Date()) {
      await ensureAuditPartitions(db, now);
    },
  };
}

/** `retentionDays`: the installation's default (GRIDGUARD_AUDIT_RETENTION_DAYS). */
export function auditRetentionJob(deps: { timeZone: string; backupDir: string; retentionDays: number }): ScheduledJob {
  return {
    name: AUDIT_RETENTION_JOB,
    runKeyAt: (now) => dayIn(deps.timeZone, now),
    async run(db, _runKey, now = new Date()) {
      const days = await auditRetentionInForce(db, deps.retentionDays);
      await cutAuditLog(db, path.join(deps.backupDir, 'audit'), retentionBoundary(now, days), now);
    },
  };
}
