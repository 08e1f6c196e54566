// The daily backup: once a day after BACKUP_AT in the county's time, claimed in the database so
// of several instances exactly one takes it (platform/jobs.ts); it writes to that instance's
// GRIDGUARD_BACKUP_DIR (a shared mount when instances run on several machines) and keeps the
// newest `keep` daily copies with their checksums and manifests.
import fs from 'node:fs';
import path from 'node:path';
import { backupDatabase, backupFileName, backupsBeyond } from '../../db/backup.ts';
import { sealAuditLog } from '../../platform/audit-chain.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { clockIn } from '../../platform/zoned-time.ts';

export const DAILY_PREFIX = 'gridguard-daily-';
export const BACKUP_DAILY_JOB = 'backup-daily';
/** After the night's roll-ups (risk 00:10, the counters' reconciling), before the working day. */
export const BACKUP_AT = '02:30';

export function dailyBackupJob(deps: { databaseUrl: string; dir: string; keep: number; timeZone: string; at?: string }): ScheduledJob {
  const at = deps.at ?? BACKUP_AT;
  return {
    name: BACKUP_DAILY_JOB,
    runKeyAt: (now) => (deps.keep > 0 && clockIn(deps.timeZone, now) >= at ? dayIn(deps.timeZone, now) : null),
    async run(db, runKey) {
      // Sealed first, so the manifest's chain head covers the day's last entries.
      await sealAuditLog(db);
      const file = path.join(deps.dir, backupFileName(DAILY_PREFIX.replace(/-$/, ''), runKey, deps.databaseUrl));
      await backupDatabase(deps.databaseUrl, file);
      for (const old of backupsBeyond(deps.dir, DAILY_PREFIX, deps.keep)) {
        for (const f of [old, `${old}.sha256`, `${old}.manifest.json`]) fs.rmSync(f, { force: true });
      }
    },
  };
}
