// Verification lists, second half (issue 18): spot checks (抽查) drawn by a town for its patrol
// team, the per-region score (考核) beside the daily report's, and enterprise registration codes
// (复工复产) with the public page's requests. API.md "Verification lists" lists the first half;
// docs/api-extra.md these.
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { Outcome, TaskStatus } from './verification.ts';

export const SPOT_CHECK_STATUSES = ['pending', 'confirmed', 'reopened'] as const;
export type SpotCheckStatus = (typeof SPOT_CHECK_STATUSES)[number];
/** Draw spot checks and set a list's share: a town or above. */
export const SPOT_CHECK_DRAWERS: readonly Role[] = ['admin', 'commander', 'town_officer'];
/** Record a spot check's result: the town, or a member of the patrol team it was drawn for. */
export const SPOT_CHECKERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'patrol_member'];
export const MAX_SPOT_CHECK_SHARE = 100;
export const DEFAULT_SPOT_CHECK_SHARE = 10;

export const SpotCheckDraw = z.strictObject({
  /** The town whose closed tasks are sampled (its subtree). */
  regionId: RegionIdBody,
  /** The patrol team of that town who goes to check. */
  teamId: RecordId,
  /** Percent of the closed tasks; default the list's share. */
  share: z.number().int().min(1).max(MAX_SPOT_CHECK_SHARE).optional(),
});

export const SpotCheck = z
  .object({
    id: z.string(),
    listId: z.string(),
    taskId: z.string(),
    taskNumber: z.string(),
    regionId: z.number().int(),
    /** The grid (or region) the task was checked in. */
    taskRegionId: z.number().int(),
    taskRegionName: z.string(),
    teamId: z.string(),
    /** The task's name as listed; ID and phone numbers masked. */
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    outcome: Outcome.nullable(),
    taskStatus: TaskStatus,
    status: z.enum(SPOT_CHECK_STATUSES),
    resultNote: z.string().nullable(),
    drawnAt: z.string(),
    checkedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SpotCheck' });
export type SpotCheck = z.infer<typeof SpotCheck>;

export const SpotCheckDrawn = z.object({
  /** Closed tasks of the town's subtree when drawn. */
  closed: z.number().int(),
  /** The sample's size the share asks for. */
  target: z.number().int(),
  /** Drawn by this request (0 when the sample was already complete). */
  drawn: z.number().int(),
  items: z.array(SpotCheck),
});

export const SpotCheckListQuery = z.object({ regionId: RegionIdParam.optional(), status: z.enum(SPOT_CHECK_STATUSES).optional() });

/** `confirm: false` reopens the task (a reason is required). */
export const SpotCheckResult = z.strictObject({ confirm: z.boolean(), note: z.string().trim().max(500).optional() });

export const ListSettings = z.strictObject({ spotCheckShare: z.number().int().min(1).max(MAX_SPOT_CHECK_SHARE) });

// ── the score (考核) ──────────────────────────────────────────────────────────────────────────
export const ScoreQuery = z.object({ regionId: RegionIdParam.optional(), days: z.coerce.number().int().min(1).max(90).default(7) });

export const ReportScore = z.object({
  /** Grid-days in the window: every grid is due one report a day. */
  due: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  /** 0–100: on-time reports over grid-days (a late report counts half); null with no grids. */
  score: z.number().nullable(),
});
export const VerificationScore = z.object({
  /** Tasks due in the window or still open past their deadline. */
  total: z.number().int(),
  /** Outcome recorded (checked or accepted). */
  closed: z.number().int(),
  /** Outcome recorded before the deadline. */
  closedOnTime: z.number().int(),
  /** Still open past the deadline: counts against the region. */
  overdue: z.number().int(),
  /** 0–100: half completion (closed/total), half timeliness (on time over closed and overdue); null with no tasks. */
  score: z.number().nullable(),
});
export const RegionScore = z.object({ regionId: z.number().int(), name: z.string(), level: z.string(), reports: ReportScore, verification: VerificationScore });
export const Scores = z.object({ regionId: z.number().int(), name: z.string(), from: z.string(), to: z.string(), region: RegionScore, children: z.array(RegionScore) }).meta({ id: 'Scores' });
export type RegionScore = z.infer<typeof RegionScore>;
export type Scores = z.infer<typeof Scores>;

// ── enterprises (复工复产) ─────────────────────────────────────────────────────────────────────
export const ENTERPRISE_CODE_ISSUERS: readonly Role[] = ['admin', 'commander', 'town_officer'];
export const ENTERPRISE_MAX_VALID_DAYS = 90;
/** A submission typed in on the page: a workshop's intake, not a province's list. */
export const MAX_ENTERED_WORKERS = 200;
/** An uploaded worker file: 5 MB is thousands of rows. */
export const MAX_ENTERPRISE_FILE_BYTES = 5 * 1024 * 1024;
export const ENTERPRISE_CODE_INVALID_MESSAGE = 'code: the registration code is not valid (unknown, expired or withdrawn): ask the town for a new one';

export const EnterpriseCodeCreate = z.strictObject({
  /** The town issuing it: the enterprise's workers are checked in its subtree. */
  regionId: RegionIdBody,
  enterpriseName: z.string().trim().min(1).max(100),
  validDays: z.number().int().min(1).max(ENTERPRISE_MAX_VALID_DAYS).default(30),
  deadlineHours: z.number().int().min(1).max(24 * 30).default(48),
});
export const EnterpriseCode = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    enterpriseName: z.string(),
    /** The last four characters: the code itself is shown once, when issued. */
    codeHint: z.string(),
    status: z.enum(['active', 'expired', 'revoked']),
    expiresAt: z.string(),
    createdAt: z.string(),
    lists: z.number().int(),
    workers: z.number().int(),
  })
  .meta({ id: 'EnterpriseCode' });
export const EnterpriseCodeIssued = EnterpriseCode.extend({ code: z.string() });
export const EnterpriseCodeListQuery = z.object({ regionId: RegionIdParam.optional() });

const Code = z.string().trim().min(1).max(40);
export const EnterpriseWorker = z.strictObject({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(40),
  phone: z.string().trim().min(1).max(40),
  origin: z.string().trim().min(1).max(100),
  arrivedOn: z.iso.date(),
  address: z.string().trim().min(1).max(200),
});
export type EnterpriseWorker = z.infer<typeof EnterpriseWorker>;
export const EnterpriseWorkersEntry = z.strictObject({ code: Code, workers: z.array(EnterpriseWorker).min(1).max(MAX_ENTERED_WORKERS) });
export const EnterpriseSessionRequest = z.strictObject({ code: Code });

export const PublicWorkerState = z.object({
  /** The task's number, for a call to the town. */
  number: z.string(),
  name: z.string(),
  idNumber: z.string().nullable(),
  status: TaskStatus,
  outcome: Outcome.nullable(),
  checkedAt: z.string().nullable(),
});
export const PublicEnterpriseList = z.object({ id: z.string(), status: z.enum(['queued', 'running', 'done', 'failed']), progress: z.number().int(), total: z.number().int(), error: z.string().nullable(), createdAt: z.string() });
export const PublicEnterprise = z.object({
  enterpriseName: z.string(),
  townName: z.string(),
  expiresAt: z.string(),
  lists: z.array(PublicEnterpriseList),
  workers: z.array(PublicWorkerState),
});
export type PublicEnterprise = z.infer<typeof PublicEnterprise>;
export const PublicEnterpriseSubmitted = z.object({ listId: z.string() });
