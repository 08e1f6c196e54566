// Checkpoints (卡口) and patrol teams: the contract the server and the web app share.
// A checkpoint is registered, edited while open, and removed once its village has grid staff
// and a patrol team in place (撤卡不撤管); every step is an event in its history.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { ROLES, type Role, WorkPhone } from './accounts.ts';
import { PageQuery } from './paging.ts';

/** Everyone with a staff account reads the registry and its summary. */
export const CHECKPOINT_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor');
/** Register, edit and remove checkpoints; create and manage patrol teams. */
export const CHECKPOINT_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
/** A checkpoint stands at a town's, village's or grid's entrance (not the county, not a micro-grid). */
export const CHECKPOINT_LEVELS = ['town', 'village', 'grid'] as const;

export const CHECKPOINT_STATUSES = ['open', 'removed'] as const;
export const CheckpointStatus = z.enum(CHECKPOINT_STATUSES);
export type CheckpointStatus = z.infer<typeof CheckpointStatus>;

export const PATROL_KINDS = ['persuasion', 'inspection'] as const;
export const PatrolKind = z.enum(PATROL_KINDS);
export type PatrolKind = z.infer<typeof PatrolKind>;

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date();
/** WGS-84 degrees (GPS); converted to GCJ-02 only to draw on Chinese base maps. */
const Lng = z.number().min(-180, 'longitude is between -180 and 180').max(180, 'longitude is between -180 and 180');
const Lat = z.number().min(-90, 'latitude is between -90 and 90').max(90, 'latitude is between -90 and 90');
const Staff = z.number().int('a whole number').min(0, 'cannot be negative').max(9999);

export const Checkpoint = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    name: z.string(),
    place: z.string(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    inChargeName: z.string().nullable(),
    inChargePhone: z.string().nullable(),
    staffOnDuty: z.number().int(),
    openedOn: z.string().nullable(),
    status: CheckpointStatus,
    removedAt: z.string().nullable(),
    removedBy: z.string().nullable(),
    removalNote: z.string().nullable(),
    overrideReason: z.string().nullable(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Checkpoint' });
export type Checkpoint = z.infer<typeof Checkpoint>;

export const CheckpointEventKind = z.enum(['opened', 'updated', 'removed']);
export type CheckpointEventKind = z.infer<typeof CheckpointEventKind>;

export const CheckpointEvent = z.object({
  id: z.string(),
  kind: CheckpointEventKind,
  at: z.string(),
  /** Display name of the account that did it (null for seeded or system events). */
  by: z.string().nullable(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
  /** For 'updated': the fields changed. */
  fields: z.array(z.string()).optional(),
});
export type CheckpointEvent = z.infer<typeof CheckpointEvent>;

export const CheckpointDetail = Checkpoint.extend({ history: z.array(CheckpointEvent) }).meta({ id: 'CheckpointDetail' });
export type CheckpointDetail = z.infer<typeof CheckpointDetail>;

export const CheckpointCreate = z.strictObject({
  /** Client-made id: a resent create is the same checkpoint. */
  id: RecordId.optional(),
  regionId: RegionIdBody,
  name: Text(100),
  place: Text(200),
  lng: Lng.optional(),
  lat: Lat.optional(),
  inChargeName: Text(60).optional(),
  inChargePhone: WorkPhone.optional(),
  staffOnDuty: Staff.optional(),
  openedOn: Day.optional(),
});
export type CheckpointCreate = z.infer<typeof CheckpointCreate>;

export const CheckpointPatch = z.strictObject({
  name: Text(100).optional(),
  place: Text(200).optional(),
  lng: Lng.nullable().optional(),
  lat: Lat.nullable().optional(),
  inChargeName: Text(60).nullable().optional(),
  inChargePhone: WorkPhone.nullable().optional(),
  staffOnDuty: Staff.optional(),
  openedOn: Day.nullable().optional(),
});
export type CheckpointPatch = z.infer<typeof CheckpointPatch>;

export const CheckpointListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  status: CheckpointStatus.optional(),
  q: z.string().trim().max(100).optional(),
});

export const RegionRef = z.object({ regionId: z.number().int(), name: z.string() });

export const PatrolTeam = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    name: z.string(),
    kind: PatrolKind,
    leaderName: z.string().nullable(),
    leaderPhone: z.string().nullable(),
    members: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'PatrolTeam' });
export type PatrolTeam = z.infer<typeof PatrolTeam>;

/** The pre-removal check: grid staff in every grid, a patrol team in the village or its town. */
export const Coverage = z
  .object({
    ok: z.boolean(),
    /** The village checked (for a town-level checkpoint: the town, whose villages are all checked). */
    village: z.object({ id: z.number().int(), name: z.string() }),
    gridsWithoutStaff: z.array(RegionRef),
    /** Villages with no active patrol team of their own or of their town. */
    villagesWithoutPatrol: z.array(RegionRef),
    patrolTeams: z.array(z.object({ id: z.string(), name: z.string(), kind: PatrolKind })),
  })
  .meta({ id: 'CheckpointCoverage' });
export type Coverage = z.infer<typeof Coverage>;

export const CheckpointRemoval = z.strictObject({
  note: Text(500),
  /** Remove although coverage is missing: why, in the remover's words (kept in the history). */
  overrideReason: Text(500).optional(),
});
export type CheckpointRemoval = z.infer<typeof CheckpointRemoval>;

export const CheckpointRemoved = z.object({ id: z.string(), status: z.literal('removed'), removedAt: z.string() });

export const CheckpointSummary = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    removed: z.number().int(),
    children: z.array(z.object({ regionId: z.number().int(), name: z.string(), total: z.number().int(), removed: z.number().int() })),
  })
  .meta({ id: 'CheckpointSummary' });
export type CheckpointSummary = z.infer<typeof CheckpointSummary>;

export const CheckpointHistoryItem = z.object({
  id: z.string(),
  checkpointId: z.string(),
  checkpointName: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  kind: CheckpointEventKind,
  at: z.string(),
  by: z.string().nullable(),
  note: z.string().nullable(),
  overrideReason: z.string().nullable(),
});
export type CheckpointHistoryItem = z.infer<typeof CheckpointHistoryItem>;

export const CheckpointHistoryQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
});

export const PatrolTeamCreate = z.strictObject({
  id: RecordId.optional(),
  regionId: RegionIdBody,
  name: Text(100),
  kind: PatrolKind,
  leaderName: Text(60).optional(),
  leaderPhone: WorkPhone.optional(),
  members: Staff.optional(),
});
export type PatrolTeamCreate = z.infer<typeof PatrolTeamCreate>;

export const PatrolTeamPatch = z.strictObject({
  name: Text(100).optional(),
  kind: PatrolKind.optional(),
  leaderName: Text(60).nullable().optional(),
  leaderPhone: WorkPhone.nullable().optional(),
  members: Staff.optional(),
  active: z.boolean().optional(),
});
export type PatrolTeamPatch = z.infer<typeof PatrolTeamPatch>;

export const PatrolTeamListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  kind: PatrolKind.optional(),
  active: z.enum(['true', 'false']).optional(),
});
