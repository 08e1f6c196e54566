// Hand-over (移交) of a person between grids: the contract both the server and the web use.
// A grid (or above) proposes, the receiving region accepts (choosing a household of its own,
// or none) or refuses with a reason, within the county's deadline; until then the sender stays
// responsible. No Node or DOM imports.
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { NumberSearch, PageQuery } from './paging.ts';

export const HANDOVER_STATUSES = ['proposed', 'accepted', 'refused', 'overdue'] as const;
export const HandoverStatus = z.enum(HANDOVER_STATUSES);
export type HandoverStatus = z.infer<typeof HandoverStatus>;
/** Still waiting for the receiver: at most one of these per person. */
export const PENDING_HANDOVER_STATUSES = ['proposed', 'overdue'] as const satisfies readonly HandoverStatus[];

/** Who proposes, accepts and refuses hand-overs (from a grid or above: checked by region level too). */
export const HANDOVER_WORKERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
/** Who reads the hand-over inbox. */
export const HANDOVER_READERS: readonly Role[] = [...HANDOVER_WORKERS, 'auditor'];

export const HANDOVER_LIMITS = { reason: 500 } as const;
/** The county's deadline for the receiver to answer, in hours (a county setting). */
export const HANDOVER_DEADLINE_HOURS = { default: 72, min: 1, max: 720 } as const;

const Reason = z.string().trim().min(1).max(HANDOVER_LIMITS.reason);

export const HandoverCreate = z.strictObject({
  toRegionId: RegionIdBody,
  reason: Reason,
});
export type HandoverCreate = z.infer<typeof HandoverCreate>;

export const HandoverAccept = z.strictObject({
  /** A household of the receiving grid the person joins; absent or null: none yet. */
  householdId: RecordId.nullable().optional(),
});
export type HandoverAccept = z.infer<typeof HandoverAccept>;

export const HandoverRefuse = z.strictObject({ reason: Reason });
export type HandoverRefuse = z.infer<typeof HandoverRefuse>;

export const HandoverListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  direction: z.enum(['in', 'out']).optional(),
  status: HandoverStatus.optional(),
  q: NumberSearch,
});

/** What the receiver needs to decide, without opening the person: masked, as lists are. */
export const HandoverPerson = z.object({
  name: z.string(),
  idNumber: z.string().nullable(),
  category: z.string(),
  riskColour: z.enum(['green', 'yellow', 'red']),
  /** The short number of the person's active quarantine order, if any. */
  activeQuarantine: z.string().nullable(),
});

export const Handover = z
  .object({
    id: z.string(),
    number: z.string().meta({ description: 'Short human number, e.g. YJ-20261206-0003; the list’s ?q= finds it', example: 'YJ-20261206-0003' }),
    status: HandoverStatus,
    personId: z.string(),
    /** Shown only to the side responsible for the person now: the sender until acceptance, the receiver after; null to the other side. */
    person: HandoverPerson.nullable(),
    fromRegionId: z.number().int(),
    fromRegionName: z.string(),
    toRegionId: z.number().int(),
    toRegionName: z.string(),
    reason: z.string(),
    dueAt: z.string(),
    proposedBy: z.string().nullable(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    refuseReason: z.string().nullable(),
    householdId: z.string().nullable(),
    escalationLevel: z.number().int(),
    escalatedToRegionId: z.number().int().nullable(),
    escalatedToRegionName: z.string().nullable(),
  })
  .meta({ id: 'Handover' });
export type Handover = z.infer<typeof Handover>;

/** 离开辖区: a person gone to a place GridGuard does not cover. */
export const DepartureCreate = z.strictObject({
  leftOn: z.iso.date(),
  leftTo: z.string().trim().min(1).max(200),
  /** The county gone to, by its 6-digit code, when known: a neighbour GridGuard knows gets a 协查函 text. */
  toCountyCode: z.string().regex(/^\d{6}$/, 'a 6-digit county code').optional(),
});
export type DepartureCreate = z.infer<typeof DepartureCreate>;
/** A neighbouring county GridGuard knows: on this installation (a hand-over goes there) or only named in the configuration. */
export const NeighbourCounty = z.object({ code: z.string(), name: z.string(), onThisInstallation: z.boolean() }).meta({ id: 'NeighbourCounty' });
export type NeighbourCounty = z.infer<typeof NeighbourCounty>;
export const Departure = z
  .object({
    personId: z.string(),
    leftOn: z.string(),
    leftTo: z.string(),
    /** The neighbouring county gone to, when the departure named one GridGuard knows. */
    neighbour: z.object({ code: z.string(), name: z.string() }).nullable().optional(),
    /** The 协查函 to send that county (by phone, fax or chat), made when the departure is recorded. */
    notice: z.string().nullable().optional(),
  })
  .meta({ id: 'Departure' });
export type Departure = z.infer<typeof Departure>;
