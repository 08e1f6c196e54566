// Retention (个人信息保护法: kept no longer than the purpose needs) and stand-down (解除): the kinds
// of personal data the county sets a retention for, their defaults and the legal minimum below
// which it may not go, and the API's shapes. What "closes" means for each kind is said once, in
// RETENTION_KINDS; the queries that apply it live with the module owning the records
// (<module>.retention.ts) and follow these words.
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RegionIdBody } from './ids.ts';

export interface RetentionKindRule {
  /** Days kept after the record closes while no one has set another value. */
  defaultDays: number;
  /** The shortest retention the county may set: the period the law or the epidemic's own work needs. */
  minimumDays: number;
  /** When a record of the kind closes (the retention counts from then). */
  closes: string;
  /** What the purge does: 'delete' the records, or 'reduce' them to what is not personal. */
  action: 'delete' | 'reduce';
  /** Collected only for epidemic control: the stand-down schedule purges it. */
  epidemicOnly: boolean;
}

// Defaults follow "minimum necessary": the length of the follow-up the data was collected for,
// not "in case". 14 days is one incubation period (a contact's window), 28 two (a chain's).
export const RETENTION_KINDS = {
  // A self-registration serves the arrival's 14-day watch; two periods allow a chain to be traced.
  arrivals: { defaultDays: 28, minimumDays: 14, closes: 'decided (verified, linked or rejected)', action: 'delete', epidemicOnly: true },
  // An order and its checks answer "who was isolated, was it complete" for the follow-up after release.
  quarantine: { defaultDays: 60, minimumDays: 28, closes: 'released', action: 'delete', epidemicOnly: true },
  // The upper level's list is answered when its due date passes; a recheck comes within weeks.
  verification: { defaultDays: 60, minimumDays: 28, closes: 'the list is due', action: 'delete', epidemicOnly: true },
  enterprise_workers: { defaultDays: 60, minimumDays: 28, closes: 'the list is due', action: 'delete', epidemicOnly: true },
  // A hand-over is the trace of a person's move between grids: kept while a dispute may come up.
  handovers: { defaultDays: 90, minimumDays: 30, closes: 'accepted or refused', action: 'delete', epidemicOnly: true },
  responsible_contacts: { defaultDays: 30, minimumDays: 14, closes: 'the responsibility ends', action: 'reduce', epidemicOnly: true },
  volunteer_contacts: { defaultDays: 30, minimumDays: 14, closes: 'the volunteer stops', action: 'reduce', epidemicOnly: true },
  // The tip stays (its handling is an official record); the reporter's phone and photos go.
  tip_reporters: { defaultDays: 30, minimumDays: 14, closes: 'answered to the reporter (or evaluated)', action: 'reduce', epidemicOnly: true },
  // A patrol's log and a rectification stay as counts; their photos go.
  field_photos: { defaultDays: 90, minimumDays: 30, closes: 'the patrol day, or the rectification closed', action: 'reduce', epidemicOnly: true },
  // A sealed upload and its refused rows only serve a rerun and the refused-rows download.
  import_files: { defaultDays: 14, minimumDays: 7, closes: 'the import finished', action: 'reduce', epidemicOnly: false },
  // A family's event is followed up within days of it; the counts stay.
  family_events: { defaultDays: 30, minimumDays: 14, closes: 'followed up or cancelled', action: 'delete', epidemicOnly: true },
} as const satisfies Record<string, RetentionKindRule>;

export type RetentionKind = keyof typeof RETENTION_KINDS;
export const RETENTION_KIND_NAMES = Object.keys(RETENTION_KINDS) as RetentionKind[];
export const RetentionKindName = z.enum(RETENTION_KIND_NAMES as [RetentionKind, ...RetentionKind[]]);

/** The longest retention the county may set (ten years): past it a "retention" is keeping forever. */
export const RETENTION_MAX_DAYS = 3650;
/** Days after a stand-down's date before its purge (the set period), unless the county says otherwise. */
export const STAND_DOWN_DEFAULT_DAYS = 30;
export const STAND_DOWN_MINIMUM_DAYS = 7;

export const RETENTION_MANAGERS: readonly Role[] = ['admin', 'commander'];
/** Who records a stand-down: the county for its territory, a town for part of it. */
export const STAND_DOWN_RECORDERS: readonly Role[] = ['admin', 'commander', 'town_officer'];
export const STAND_DOWN_READERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'auditor'];

export const RetentionPolicy = z.object({
  kind: RetentionKindName,
  days: z.number().int(),
  defaultDays: z.number().int(),
  minimumDays: z.number().int(),
  closes: z.string(),
  action: z.enum(['delete', 'reduce']),
  epidemicOnly: z.boolean(),
});
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

/**
 * The audit log's own retention: who read or changed a person's data is kept longer than the
 * data, so an access request or an inquiry can still show it. The legal minimum: the
 * Cybersecurity Law (网络安全法 第二十一条) asks for at least six months of logs; GridGuard keeps a
 * full year at least, so one year's access requests and inspections always find their reads.
 * The installation's default (GRIDGUARD_AUDIT_RETENTION_DAYS, 1,095 days) applies until the
 * county sets its own; it is stored with the other kinds under this name.
 */
export const AUDIT_LOG_RETENTION = 'audit_log' as const;
export const AUDIT_RETENTION_MINIMUM_DAYS = 366;
export const AUDIT_RETENTION_MAX_DAYS = 36_500;
export const AuditRetention = z.object({
  days: z.number().int(),
  /** The installation's default (GRIDGUARD_AUDIT_RETENTION_DAYS). */
  defaultDays: z.number().int(),
  /** The shortest the county may set: the legal minimum, or the longest of its data's own days if longer. */
  minimumDays: z.number().int(),
  /** Whether the county set it (else the installation's default applies). */
  setByCounty: z.boolean(),
});
export type AuditRetention = z.infer<typeof AuditRetention>;
export const RetentionSettings = z.object({ policies: z.array(RetentionPolicy), audit: AuditRetention });
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RetentionUpdate = z
  .object({
    days: z.partialRecord(RetentionKindName, z.number().int().min(1).max(RETENTION_MAX_DAYS)).default({}),
    auditDays: z.number().int().min(1).max(AUDIT_RETENTION_MAX_DAYS).optional(),
  })
  .strict();
export type RetentionUpdate = z.input<typeof RetentionUpdate>;

/**
 * The household register (households and their people, with the records that hang on them): not
 * a kind with its own days but the county's choice at a stand-down (register: 'purge'), acted on
 * when the stand-down's period has run out. Its count is of households (and people on no household).
 */
export const HOUSEHOLD_REGISTER = 'household_register' as const;
/** What a purge removes, by kind: the retention kinds and the household register. */
export const PurgeKindName = z.enum([HOUSEHOLD_REGISTER, ...RETENTION_KIND_NAMES]);
export type PurgeKind = z.infer<typeof PurgeKindName>;
/** The purge's kinds in the order it runs them (the register last: the other kinds' records hang on its people). */
export const PURGE_KIND_NAMES: readonly PurgeKind[] = [...RETENTION_KIND_NAMES, HOUSEHOLD_REGISTER];
export const PurgePreviewRow = z.object({ kind: PurgeKindName, regionId: RegionIdBody, regionName: z.string(), count: z.number().int() });
export const PurgePreview = z.object({ asOf: z.string(), rows: z.array(PurgePreviewRow), total: z.number().int() });
export type PurgePreview = z.infer<typeof PurgePreview>;

export const PURGE_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export const PurgeRun = z.object({
  id: z.string(),
  status: z.enum(PURGE_RUN_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string(),
  removed: z.record(z.string(), z.number().int()),
  total: z.number().int(),
  error: z.string().nullable(),
});
export type PurgeRun = z.infer<typeof PurgeRun>;
export const PurgeStatus = z.object({ run: PurgeRun.nullable() });

export const REGISTER_CHOICES = ['keep', 'purge'] as const;
export const StandDownCreate = z
  .object({
    regionId: RegionIdBody,
    endedOn: z.iso.date(),
    purgeAfterDays: z.number().int().min(STAND_DOWN_MINIMUM_DAYS).max(RETENTION_MAX_DAYS).default(STAND_DOWN_DEFAULT_DAYS),
    register: z.enum(REGISTER_CHOICES).default('keep'),
  })
  .strict();
export type StandDownCreate = z.infer<typeof StandDownCreate>;
export const StandDown = z.object({
  id: z.string(),
  regionId: RegionIdBody,
  regionName: z.string(),
  endedOn: z.string(),
  purgeAfterDays: z.number().int(),
  purgeFrom: z.string(),
  register: z.enum(REGISTER_CHOICES),
  createdAt: z.string(),
  purgedAt: z.string().nullable(),
});
export type StandDown = z.infer<typeof StandDown>;
