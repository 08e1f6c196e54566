// Arrival self-registration (扫码登记): where the checkpoint stood there is now a QR poster per
// village. An arriving person scans it and registers on their own phone; the entry waits in the
// grid worker's queue, is verified, and becomes a person record (duplicates found by ID number).
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import type { Role } from './accounts.ts';
import { PersonCategory } from './households.ts';
import { PageQuery } from './paging.ts';

/** Print posters, revoke and replace codes. */
export const ARRIVAL_CODE_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** Work the queue: verify, link to an existing person, reject. */
export const ARRIVAL_VERIFIERS: readonly Role[] = ['admin', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
/** How far back an arrival date may be. */
export const ARRIVAL_MAX_DAYS_BACK = 30;

export const ARRIVAL_CODE_STATUSES = ['active', 'revoked'] as const;
export const ArrivalCodeStatus = z.enum(ARRIVAL_CODE_STATUSES);

export const ArrivalCode = z
  .object({
    id: z.string(),
    /** The village the poster hangs in. */
    regionId: z.number().int(),
    regionName: z.string(),
    /** Goes in the QR code's address; unguessable (128 random bits). */
    token: z.string(),
    /** The address the QR code carries. */
    url: z.string(),
    status: ArrivalCodeStatus,
    createdAt: z.string(),
    createdBy: z.string().nullable(),
    revokedAt: z.string().nullable(),
    revokedBy: z.string().nullable(),
    /** The code that replaced this one. */
    replacedBy: z.string().nullable(),
    entryCount: z.number().int(),
  })
  .meta({ id: 'ArrivalCode' });
export type ArrivalCode = z.infer<typeof ArrivalCode>;

export const ArrivalCodeCreate = z.strictObject({ regionId: RegionIdBody });
export const ArrivalCodeListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  status: ArrivalCodeStatus.optional(),
});

/** GET /public/arrivals/codes/:token: what the form shows (public knowledge only). */
export const PublicArrivalPlace = z
  .object({
    villageName: z.string(),
    townName: z.string(),
    countyName: z.string(),
    /** The village's grids, so the arriving person can say where they stay (optional). */
    grids: z.array(z.object({ id: z.number().int(), name: z.string() })),
  })
  .meta({ id: 'PublicArrivalPlace' });
export type PublicArrivalPlace = z.infer<typeof PublicArrivalPlace>;

const Text = (max: number) => z.string().trim().min(1).max(max);

/** POST /public/arrivals. */
export const PublicArrivalCreate = z
  .strictObject({
    qrToken: z.string().trim().min(1).max(100),
    name: Text(60),
    idNumber: z.string().trim().min(1).max(30),
    phone: z.string().trim().min(1).max(30),
    /** Where from: a place name as people say it (省市县). */
    origin: Text(100),
    arrivedOn: z.iso.date(),
    address: Text(200),
    /** One of the village's grids, when the person knows it. */
    gridId: RegionIdBody.optional(),
  })
  .meta({ id: 'PublicArrivalCreate' });
export type PublicArrivalCreate = z.infer<typeof PublicArrivalCreate>;

/** The receipt: a short reference to show a grid worker; no personal data. */
export const PublicArrivalCreated = z
  .object({ reference: z.string(), status: z.literal('pending'), villageName: z.string() })
  .meta({ id: 'PublicArrivalCreated' });

export const ARRIVAL_STATUSES = ['pending', 'verified', 'linked', 'rejected'] as const;
export const ArrivalStatus = z.enum(ARRIVAL_STATUSES);
export type ArrivalStatus = z.infer<typeof ArrivalStatus>;

export const ARRIVAL_REJECT_REASONS = ['not_found', 'false_information', 'passing_through', 'duplicate_entry', 'other'] as const;
export const ArrivalRejectReason = z.enum(ARRIVAL_REJECT_REASONS);

export const ArrivalEntry = z
  .object({
    id: z.string(),
    reference: z.string(),
    /** The grid the person named, or the village. */
    regionId: z.number().int(),
    regionName: z.string(),
    villageId: z.number().int(),
    name: z.string(),
    /** Masked in lists; in full on GET /arrivals/:id for verifiers (audited). */
    idNumber: z.string(),
    phone: z.string(),
    origin: z.string(),
    arrivedOn: z.string(),
    address: z.string(),
    status: ArrivalStatus,
    /** A person already registered with this ID number (its id when the reader may see it). */
    duplicate: z.object({ personId: z.string().nullable(), regionName: z.string().nullable() }).nullable(),
    personId: z.string().nullable(),
    rejectReason: ArrivalRejectReason.nullable(),
    note: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'ArrivalEntry' });
export type ArrivalEntry = z.infer<typeof ArrivalEntry>;

export const ArrivalListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  status: ArrivalStatus.optional(),
});

/** POST /arrivals/:id/verify: the person record is created in this grid (or household). */
export const ArrivalVerify = z.strictObject({
  version: z.number().int().positive(),
  gridId: RegionIdBody.optional(),
  householdId: RecordId.optional(),
  /** Person category; an arrival is a returnee unless the worker says otherwise. */
  category: PersonCategory.default('returnee'),
  note: Text(500).optional(),
});
/** POST /arrivals/:id/link: the ID number is already registered; the entry is matched to that person. */
export const ArrivalLink = z.strictObject({ version: z.number().int().positive(), personId: RecordId, note: Text(500).optional() });
export const ArrivalReject = z.strictObject({ version: z.number().int().positive(), reason: ArrivalRejectReason, note: Text(500).optional() });

/** GET /arrivals/summary: the queue by status and entries per day (county days), for the chart and badges. */
export const ArrivalSummaryQuery = z.object({
  regionId: RegionIdParam.optional(),
  days: z.coerce.number().int().min(1).max(60).default(14),
});
export const ArrivalSummary = z
  .object({
    byStatus: z.object({ pending: z.number().int(), verified: z.number().int(), linked: z.number().int(), rejected: z.number().int() }),
    /** Oldest first, one item per day of the window (zero days included). */
    byDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'ArrivalSummary' });
export type ArrivalSummary = z.infer<typeof ArrivalSummary>;

/** The message of a forged, unknown or revoked token (the same for all: which it is stays unknown). */
export const ARRIVAL_CODE_INVALID_MESSAGE = 'This QR code is not valid any more; ask the village for the current one';
