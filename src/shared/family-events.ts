// Family events (红白事报备): weddings and banquets postponed, funerals simplified. The village
// files each event, records the guidance given, and follows it up with a visit.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import type { Role } from './accounts.ts';
import { ROLES } from './accounts.ts';
import { PageQuery } from './paging.ts';

/** Everyone with a staff account reads the events and their summary. */
export const FAMILY_EVENT_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor');
/** File an event, record the guidance, follow it up. */
export const FAMILY_EVENT_WORKERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
/** Events are filed for a village or a grid. */
export const FAMILY_EVENT_LEVELS = ['village', 'grid'] as const;

export const FAMILY_EVENT_KINDS = ['wedding', 'banquet', 'funeral', 'other'] as const;
export const FamilyEventKind = z.enum(FAMILY_EVENT_KINDS);
export type FamilyEventKind = z.infer<typeof FamilyEventKind>;

export const FAMILY_EVENT_STATUSES = ['filed', 'guided', 'followed_up', 'cancelled'] as const;
export const FamilyEventStatus = z.enum(FAMILY_EVENT_STATUSES);
export type FamilyEventStatus = z.infer<typeof FamilyEventStatus>;

export const FAMILY_EVENT_DECISIONS = ['postponed', 'simplified', 'cancelled', 'held_as_planned'] as const;
export const FamilyEventDecision = z.enum(FAMILY_EVENT_DECISIONS);
export type FamilyEventDecision = z.infer<typeof FamilyEventDecision>;

/** Limits the server enforces (the web shows them in its forms). */
export const MAX_GUESTS = 10_000;
export const MAX_DAYS_AHEAD = 366;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();
const Guests = z.number().int('a whole number').min(0, 'cannot be negative').max(MAX_GUESTS, `at most ${MAX_GUESTS}`);

export const FamilyEventFollowUp = z.object({ visitedOn: z.string(), actualGuests: z.number().int(), note: z.string().nullable() });

export const FamilyEvent = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    kind: FamilyEventKind,
    hostName: z.string(),
    /** Masked (138****1234) everywhere it is shown. */
    hostPhone: z.string().nullable(),
    plannedOn: z.string(),
    place: z.string(),
    expectedGuests: z.number().int(),
    status: FamilyEventStatus,
    decision: FamilyEventDecision.nullable(),
    guidance: z.string().nullable(),
    guidedAt: z.string().nullable(),
    guidedBy: z.string().nullable(),
    followUp: FamilyEventFollowUp.nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'FamilyEvent' });
export type FamilyEvent = z.infer<typeof FamilyEvent>;

export const FamilyEventHistoryKind = z.enum(['filed', 'guided', 'followed_up']);
export const FamilyEventHistoryItem = z.object({
  id: z.string(),
  kind: FamilyEventHistoryKind,
  at: z.string(),
  /** Display name of the account that did it. */
  by: z.string().nullable(),
  note: z.string().nullable(),
});
export type FamilyEventHistoryItem = z.infer<typeof FamilyEventHistoryItem>;

export const FamilyEventDetail = FamilyEvent.extend({ history: z.array(FamilyEventHistoryItem) }).meta({ id: 'FamilyEventDetail' });
export type FamilyEventDetail = z.infer<typeof FamilyEventDetail>;

export const FamilyEventCreate = z.strictObject({
  /** Client-made id: a resent filing is the same event. */
  id: RecordId.optional(),
  regionId: RegionIdBody,
  kind: FamilyEventKind,
  hostName: Text(60),
  hostPhone: z.string().trim().max(30).optional(),
  plannedOn: Day,
  place: Text(200),
  expectedGuests: Guests,
});
export type FamilyEventCreate = z.infer<typeof FamilyEventCreate>;

export const FamilyEventGuidance = z.strictObject({
  decision: FamilyEventDecision,
  guidance: Text(1000),
});
export type FamilyEventGuidance = z.infer<typeof FamilyEventGuidance>;

export const FamilyEventFollowUpInput = z.strictObject({
  visitedOn: Day,
  actualGuests: Guests,
  note: Text(1000).optional(),
});
export type FamilyEventFollowUpInput = z.infer<typeof FamilyEventFollowUpInput>;

export const FamilyEventListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  status: FamilyEventStatus.optional(),
  kind: FamilyEventKind.optional(),
  /** plannedOn range, inclusive. */
  from: Day.optional(),
  to: Day.optional(),
});

export const FamilyEventSummary = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    byKind: z.record(FamilyEventKind, z.number().int()),
    byStatus: z.record(FamilyEventStatus, z.number().int()),
    byDecision: z.record(FamilyEventDecision, z.number().int()),
  })
  .meta({ id: 'FamilyEventSummary' });
export type FamilyEventSummary = z.infer<typeof FamilyEventSummary>;
