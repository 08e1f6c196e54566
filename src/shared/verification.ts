// Verification lists (核查名单): a list of names pushed down by the province or city (arrivals
// from a high-risk area, close contacts, an enterprise's returning workers) taken in from a
// spreadsheet, each name routed to the grid that must find it, checked door to door, reviewed
// and answered back up. The contract is API.md "Verification lists"; this file is its schemas.
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RegionIdBody, RegionIdParam, RecordId } from './ids.ts';
import { PageQuery } from './paging.ts';

export const LIST_KINDS = ['contact', 'arrival', 'enterprise', 'other'] as const;
export const ListKind = z.enum(LIST_KINDS);
export type ListKind = z.infer<typeof ListKind>;

/** Hours to check every name: a day for close contacts, two for the rest (API.md). */
export const defaultDeadlineHours = (kind: ListKind): number => (kind === 'contact' ? 24 : 48);
export const MAX_DEADLINE_HOURS = 24 * 30;

/** What GridGuard reads from a list's columns. */
export const LIST_FIELDS = ['name', 'idNumber', 'phone', 'address', 'origin', 'arrivedOn', 'travel', 'note'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

export const LIST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const TASK_STATUSES = ['open', 'checked', 'accepted', 'sent_back'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const ROUTED_BY = ['person', 'address', 'manual'] as const;
export type RoutedBy = (typeof ROUTED_BY)[number];

export const OUTCOMES = ['present_controlled', 'present_uncontrolled', 'left', 'not_found', 'wrong_info', 'duplicate'] as const;
export const Outcome = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof Outcome>;

/** Take lists in, assign the unrouted by hand, read progress and the feedback workbook. */
export const LIST_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer'];
/** Read tasks and record outcomes: everyone who works a grid, and the levels above. */
export const TASK_WORKERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
/** Accept or send back an outcome: a grid leader or anyone above (never the recorder). */
export const TASK_REVIEWERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader'];
/** Move a task to another region: anyone who may review. */
export const TASK_MOVERS = TASK_REVIEWERS;

const ColumnName = z.string().trim().min(1).max(100);
/** GridGuard field → the file's header. */
export const ListMapping = z.partialRecord(z.enum(LIST_FIELDS), ColumnName);
export type ListMapping = z.infer<typeof ListMapping>;

export const ListPreview = z.object({
  headers: z.array(z.string()),
  mapping: ListMapping,
  /** The first rows, each as {header: text}; ID and phone numbers masked. */
  rows: z.array(z.record(z.string(), z.string())),
  /** Where the mapping comes from: remembered for this source, or suggested from the headers. */
  mappingFrom: z.enum(['remembered', 'suggested']),
});
export type ListPreview = z.infer<typeof ListPreview>;

export const VerificationList = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: ListKind,
    source: z.string().nullable(),
    regionId: z.number().int(),
    deadlineHours: z.number().int(),
    replacesListId: z.string().nullable(),
    status: z.enum(LIST_STATUSES),
    /** Rows read (usable or not). */
    total: z.number().int(),
    /** Names found as registered people. */
    matched: z.number().int(),
    /** Tasks given a grid (by person or address). */
    routed: z.number().int(),
    /** Tasks left in the list's pool for a person to assign. */
    unrouted: z.number().int(),
    /** Rows with a malformed ID number or phone (kept, flagged). */
    flagged: z.number().int(),
    /** Tasks made: one per person (repeats in the list and people of the replaced list make none). */
    tasks: z.number().int(),
    /** Thousandths done. */
    progress: z.number().int(),
    error: z.string().nullable(),
    fileName: z.string().nullable(),
    /** Percent of a town's closed tasks drawn as spot checks (抽查). */
    spotCheckShare: z.number().int(),
    dueAt: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'VerificationList' });
export type VerificationList = z.infer<typeof VerificationList>;

export const VerificationTask = z
  .object({
    id: z.string(),
    number: z.string(),
    listId: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    origin: z.string().nullable(),
    arrivedOn: z.string().nullable(),
    /** Malformed fields of the list's row: idNumber, phone. */
    flags: z.array(z.string()),
    status: TaskStatus,
    outcome: Outcome.nullable(),
    outcomeNote: z.string().nullable(),
    dueAt: z.string(),
    overdue: z.boolean(),
    routedBy: z.enum(ROUTED_BY).nullable(),
    /** Why the task went where it went, in words (no personal data). */
    routeReason: z.string(),
    /** The address match's score (0–100) when routed by address. */
    routeScore: z.number().int().nullable(),
    personId: z.string().nullable(),
    recordedBy: z.string().nullable(),
    checkedAt: z.string().nullable(),
    reviewNote: z.string().nullable(),
    /** Overdue: levels climbed above the task's region (0: not escalated), and the region it answers to now. */
    escalationLevel: z.number().int(),
    escalatedToRegionId: z.number().int().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'VerificationTask' });
export type VerificationTask = z.infer<typeof VerificationTask>;

export const TaskListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  listId: RecordId.optional(),
  status: TaskStatus.optional(),
  /** Only the tasks waiting in a pool for a person to assign. */
  unrouted: z.enum(['true', 'false']).optional(),
  /** Only the tasks escalated past their deadline. */
  escalated: z.enum(['true']).optional(),
});

export const TaskMove = z.strictObject({ regionId: RegionIdBody, reason: z.string().trim().max(200).optional() });
export const TaskAssign = z.strictObject({ taskIds: z.array(RecordId).min(1).max(1000), regionId: RegionIdBody });

const Note = z.string().trim().max(500);
export const TaskOutcome = z.strictObject({
  outcome: Outcome,
  note: Note.optional(),
  /** `left`: where to, as text, or the id of a region inside the county (the task moves there). */
  movedTo: z.union([RegionIdBody, z.string().trim().min(1).max(200)]).optional(),
  leftOn: z.iso.date().optional(),
  /** `duplicate`: the task (id or number) this one repeats. */
  duplicateOf: z.string().trim().min(1).max(60).optional(),
  /** The registered person the task turned out to be. */
  personId: RecordId.optional(),
  /** `present_uncontrolled`: start a home-quarantine order for the linked person. */
  startQuarantine: z.boolean().optional(),
});
export type TaskOutcome = z.infer<typeof TaskOutcome>;

export const TaskReview = z.strictObject({ accept: z.boolean(), note: Note.optional() });

export const ListProgressRow = z.object({
  regionId: z.number().int(),
  name: z.string(),
  total: z.number().int(),
  checked: z.number().int(),
  accepted: z.number().int(),
  overdue: z.number().int(),
  outcomes: z.record(z.string(), z.number().int()),
});
export type ListProgressRow = z.infer<typeof ListProgressRow>;

/** A region of the county a task may move to (the phone's picker for `left`), cached on the phone. */
export const TaskDestination = z.object({ id: z.number().int(), name: z.string(), level: z.string(), parentId: z.number().int().nullable() });
export type TaskDestination = z.infer<typeof TaskDestination>;
