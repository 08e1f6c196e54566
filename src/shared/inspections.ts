// Patrol team members, unannounced inspections (24小时不定期督查) and the rectification tasks
// their findings become: the contract the server and the web app share.
//
// A schedule covers every village of a team's region at random hours of the day and night
// (balanced: visit counts differ by at most one). Until an inspection is done it is visible
// only to the team's members and the accounts above the team (its region or an ancestor):
// the village being inspected must not learn when.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { type Role, WorkPhone } from './accounts.ts';
import { NumberSearch, PageQuery } from './paging.ts';

/** Read inspections and rectification tasks (pending ones only as the rules above allow). */
export const INSPECTION_READERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'patrol_member'];
/** Generate and cancel schedules: the officers a team answers to. */
export const INSPECTION_PLANNERS: readonly Role[] = ['admin', 'commander', 'town_officer'];
/** Record an inspection's checklist and findings. */
export const INSPECTORS: readonly Role[] = ['admin', 'commander', 'town_officer', 'patrol_member'];
/** Manage patrol team members. */
export const TEAM_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** Close a rectification task (the owner, or an officer above it). */
export const RECTIFIERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];

export const MEMBER_ROLES = ['leader', 'cadre', 'police', 'medical', 'volunteer', 'other'] as const;
export const MemberRole = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof MemberRole>;

/** The checklist every inspection goes through, in this order. */
export const CHECKLIST_ITEMS = ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'] as const;
export const ChecklistItemKey = z.enum(CHECKLIST_ITEMS);
export type ChecklistItemKey = z.infer<typeof ChecklistItemKey>;
/** ok: in order; issue: something to put right (needs at least one finding); na: nothing of the kind there. */
export const CHECK_RESULTS = ['ok', 'issue', 'na'] as const;
export const CheckResult = z.enum(CHECK_RESULTS);

export const INSPECTION_STATUSES = ['scheduled', 'done', 'missed', 'cancelled'] as const;
export const InspectionStatus = z.enum(INSPECTION_STATUSES);
export type InspectionStatus = z.infer<typeof InspectionStatus>;

export const RECTIFICATION_STATUSES = ['open', 'closed'] as const;
export const RectificationStatus = z.enum(RECTIFICATION_STATUSES);
export type RectificationStatus = z.infer<typeof RectificationStatus>;

/** Schedules span at most this many days; visits per village at most MAX_VISITS_PER_VILLAGE. */
export const MAX_SCHEDULE_DAYS = 31;
export const MAX_VISITS_PER_VILLAGE = 10;
export const MAX_EVIDENCE_PHOTOS = 9;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

// ---------------------------------------------------------------- patrol team members

export const PatrolTeamMember = z
  .object({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    role: MemberRole,
    /** A work phone, like the team leader's. */
    phone: z.string().nullable(),
    /** The member's staff account, when they have one: it makes the team's schedule visible to them. */
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    active: z.boolean(),
    joinedOn: z.string().nullable(),
  })
  .meta({ id: 'PatrolTeamMember' });
export type PatrolTeamMember = z.infer<typeof PatrolTeamMember>;

export const PatrolTeamMemberCreate = z.strictObject({
  name: Text(60),
  role: MemberRole,
  phone: WorkPhone.optional(),
  userId: RecordId.optional(),
  joinedOn: Day.optional(),
});
export type PatrolTeamMemberCreate = z.infer<typeof PatrolTeamMemberCreate>;

export const PatrolTeamMemberPatch = z.strictObject({
  name: Text(60).optional(),
  role: MemberRole.optional(),
  phone: WorkPhone.nullable().optional(),
  userId: RecordId.nullable().optional(),
  active: z.boolean().optional(),
});
export type PatrolTeamMemberPatch = z.infer<typeof PatrolTeamMemberPatch>;

/** GET /patrol-teams/:id: the team (PatrolTeam of checkpoints.ts) with its members; the member count is the active members'. */
export const PatrolTeamMembers = z.object({ teamId: z.string(), items: z.array(PatrolTeamMember) }).meta({ id: 'PatrolTeamMembers' });

// ---------------------------------------------------------------- schedules

export const ScheduleCreate = z.strictObject({
  teamId: RecordId,
  from: Day,
  to: Day,
  /** Visits each village receives over the period (default 1). */
  visitsPerVillage: z.number().int().min(1).max(MAX_VISITS_PER_VILLAGE).default(1),
  /** Limit to these villages of the team's region (default: all of them). */
  villageIds: z.array(RegionIdBody).max(2000).optional(),
});
export type ScheduleCreate = z.infer<typeof ScheduleCreate>;
export type ScheduleInput = z.input<typeof ScheduleCreate>;

export const Schedule = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    regionId: z.number().int(),
    from: z.string(),
    to: z.string(),
    visitsPerVillage: z.number().int(),
    villages: z.number().int(),
    inspections: z.number().int(),
    /** Visits starting 20:00–06:00 county time: the night share is shown so planners can see it is not office hours only. */
    nightVisits: z.number().int(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
  })
  .meta({ id: 'InspectionSchedule' });
export type Schedule = z.infer<typeof Schedule>;

export const ScheduleListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  teamId: RecordId.optional(),
});

// ---------------------------------------------------------------- inspections

export const ChecklistEntry = z.object({ item: ChecklistItemKey, result: CheckResult, note: z.string().nullable() });
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const Finding = z
  .object({
    id: z.string(),
    inspectionId: z.string(),
    item: ChecklistItemKey,
    description: z.string(),
    /** The rectification task the finding became. */
    rectificationId: z.string(),
  })
  .meta({ id: 'InspectionFinding' });
export type Finding = z.infer<typeof Finding>;

export const Inspection = z
  .object({
    id: z.string(),
    /** Short number people read out on the phone (prefix, county day, sequence), unique in the county; `?q=` on the list finds it. */
    number: z.string().meta({ description: 'Short human number, unique in the county, e.g. JC-20261206-0113; the list’s ?q= finds it', example: 'JC-20261206-0113' }),
    scheduleId: z.string().nullable(),
    teamId: z.string(),
    teamName: z.string(),
    /** The village inspected. */
    regionId: z.number().int(),
    regionName: z.string(),
    /** When the visit is due (a scheduled visit) or took place (an ad-hoc one). */
    scheduledAt: z.string(),
    status: InspectionStatus,
    doneAt: z.string().nullable(),
    doneBy: z.string().nullable(),
    summary: z.string().nullable(),
    findings: z.number().int(),
  })
  .meta({ id: 'Inspection' });
export type Inspection = z.infer<typeof Inspection>;

export const InspectionDetail = Inspection.extend({ checklist: z.array(ChecklistEntry), findingList: z.array(Finding) }).meta({ id: 'InspectionDetail' });
export type InspectionDetail = z.infer<typeof InspectionDetail>;

export const InspectionListQuery = PageQuery.extend({
  q: NumberSearch,
  regionId: RegionIdParam.optional(),
  teamId: RecordId.optional(),
  scheduleId: RecordId.optional(),
  status: InspectionStatus.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
export type InspectionListQuery = z.infer<typeof InspectionListQuery>;

export const FindingInput = z.strictObject({
  item: ChecklistItemKey,
  description: Text(1000),
  /** The account that must put it right; default: the village's secretary, else the caller's choice is required. */
  ownerUserId: RecordId.optional(),
  /** The day it must be put right by (end of that day, county time); default 3 days on. */
  deadline: Day.optional(),
});
export type FindingInput = z.infer<typeof FindingInput>;

/**
 * POST /inspections records a done inspection: either completing a scheduled visit
 * (`inspectionId`), or an ad-hoc one (`teamId` + `regionId`). The checklist must hold every item
 * once; an item marked `issue` needs at least one finding; each finding becomes a rectification task.
 */
export const InspectionRecord = z.strictObject({
  inspectionId: RecordId.optional(),
  teamId: RecordId.optional(),
  regionId: RegionIdBody.optional(),
  at: Instant.optional(),
  checklist: z.array(z.strictObject({ item: ChecklistItemKey, result: CheckResult, note: z.string().trim().max(1000).optional() })).length(CHECKLIST_ITEMS.length),
  summary: z.string().trim().max(2000).optional(),
  findings: z.array(FindingInput).max(50).default([]),
});
export type InspectionRecord = z.infer<typeof InspectionRecord>;
export type InspectionRecordInput = z.input<typeof InspectionRecord>;

// ---------------------------------------------------------------- rectification tasks

export const Rectification = z
  .object({
    id: z.string(),
    /** Short number people read out on the phone (prefix, county day, sequence), unique in the county; `?q=` on the list finds it. */
    number: z.string().meta({ description: 'Short human number, unique in the county, e.g. ZG-20261206-0005; the list’s ?q= finds it', example: 'ZG-20261206-0005' }),
    inspectionId: z.string(),
    findingId: z.string(),
    item: ChecklistItemKey,
    description: z.string(),
    /** The village the finding is about. */
    regionId: z.number().int(),
    regionName: z.string(),
    ownerUserId: z.string().nullable(),
    ownerName: z.string().nullable(),
    deadline: z.string(),
    status: RectificationStatus,
    overdue: z.boolean(),
    /** 0 at the village; each overdue step raises it to the next level (town, then county). */
    escalationLevel: z.number().int(),
    /** The region now answerable for it (the village, then its town, then the county). */
    escalatedToRegionId: z.number().int().nullable(),
    escalatedToRegionName: z.string().nullable(),
    escalatedAt: z.string().nullable(),
    evidenceText: z.string().nullable(),
    evidencePhotos: z.array(z.string()),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Rectification' });
export type Rectification = z.infer<typeof Rectification>;

export const RectificationListQuery = PageQuery.extend({
  q: NumberSearch,
  regionId: RegionIdParam.optional(),
  status: RectificationStatus.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ownerUserId: RecordId.optional(),
});

/** Closing needs both: what was done, and at least one photo of it (uploaded first, by SHA-256). */
export const RectificationClose = z.strictObject({
  evidenceText: Text(2000),
  photos: z.array(Sha256).min(1, 'at least one photo of the evidence').max(MAX_EVIDENCE_PHOTOS),
});
export type RectificationClose = z.infer<typeof RectificationClose>;

export const InspectionSummary = z
  .object({
    regionId: z.number().int(),
    scheduled: z.number().int(),
    done: z.number().int(),
    missed: z.number().int(),
    rectificationsOpen: z.number().int(),
    rectificationsOverdue: z.number().int(),
    rectificationsClosed: z.number().int(),
  })
  .meta({ id: 'InspectionSummary' });
export type InspectionSummary = z.infer<typeof InspectionSummary>;
