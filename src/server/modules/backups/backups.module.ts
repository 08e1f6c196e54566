// The backups module: the daily backup job (npm run backup and npm run restore are its commands,
// src/server/backup-cli.ts and restore-cli.ts; the copying itself is db/backup.ts).
import type { ModuleDefinition } from '../module-definition.ts';
import { dailyBackupJob } from './backups.jobs.ts';

export const backupsModule = {
  name: 'backups',
  jobs: (ctx) => [dailyBackupJob({ databaseUrl: ctx.config.databaseUrl, dir: ctx.config.backupDir, keep: ctx.config.backupKeep, timeZone: ctx.config.timeZone })],
} satisfies ModuleDefinition;
