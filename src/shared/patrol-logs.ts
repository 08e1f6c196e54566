// Patrol logs (巡查劝导日志): what a village persuasion patrol did on a day — gatherings
// dispersed, reminders given, banquets found — with photos. The contract server and web share.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import { ROLES, type Role } from './accounts.ts';
import { PageQuery } from './paging.ts';

/** Everyone with a staff account reads the logs. */
export const PATROL_LOG_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor');
/** Who logs a patrol. Patrol teams sit in villages and towns: their members and the officers above log; a grid's staff would always be outside a team's region. */
export const PATROL_LOG_WRITERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'patrol_member'];

export const MAX_PATROL_PHOTO_BYTES = 5 * 1_048_576;
export const MAX_PATROL_PHOTOS = 9;
/** The longest span the per-day chart reads at once. */
export const MAX_DAILY_SPAN = 92;

/** The figures of a log, in the order the form and the chart show them. */
export const PATROL_FIGURES = ['gatheringsDispersed', 'peopleDispersed', 'maskReminders', 'banquetsFound'] as const;
export type PatrolFigure = (typeof PATROL_FIGURES)[number];

const Count = z.number().int('a whole number').min(0, 'cannot be negative').max(100_000);
const Day = z.iso.date();
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

export const PatrolLog = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    patrolledOn: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    gatheringsDispersed: z.number().int(),
    peopleDispersed: z.number().int(),
    maskReminders: z.number().int(),
    banquetsFound: z.number().int(),
    places: z.string().nullable(),
    note: z.string().nullable(),
    photos: z.array(z.string()),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'PatrolLog' });
export type PatrolLog = z.infer<typeof PatrolLog>;

export const PatrolLogCreate = z.strictObject({
  /** Client-made id: a resent create is the same log. */
  id: RecordId.optional(),
  teamId: RecordId,
  /** The team's region, or a village below a town team; the team's region when absent. */
  regionId: RegionIdBody.optional(),
  patrolledOn: Day,
  startedAt: z.iso.datetime({ offset: true }).optional(),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  gatheringsDispersed: Count.default(0),
  peopleDispersed: Count.default(0),
  maskReminders: Count.default(0),
  banquetsFound: Count.default(0),
  places: z.string().trim().max(500).optional(),
  note: z.string().trim().max(2000).optional(),
  photos: z.array(Sha256).max(MAX_PATROL_PHOTOS, `at most ${MAX_PATROL_PHOTOS} photos`).default([]),
});
export type PatrolLogCreate = z.infer<typeof PatrolLogCreate>;
export type PatrolLogInput = z.input<typeof PatrolLogCreate>;

export const PatrolLogListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  teamId: RecordId.optional(),
  from: Day.optional(),
  to: Day.optional(),
});
export type PatrolLogListQuery = z.infer<typeof PatrolLogListQuery>;

export const PatrolPhotoUploaded = z.object({ sha256: z.string(), contentType: z.string(), size: z.number().int() }).meta({ id: 'PatrolPhotoUploaded' });
export type PatrolPhotoUploaded = z.infer<typeof PatrolPhotoUploaded>;

export const PatrolDailyQuery = z.object({
  regionId: RegionIdParam.optional(),
  from: Day.optional(),
  to: Day.optional(),
});

export const PatrolDay = z.object({
  day: z.string(),
  logs: z.number().int(),
  gatheringsDispersed: z.number().int(),
  peopleDispersed: z.number().int(),
  maskReminders: z.number().int(),
  banquetsFound: z.number().int(),
});
export type PatrolDay = z.infer<typeof PatrolDay>;

export const PatrolDaily = z
  .object({ regionId: z.number().int(), from: z.string(), to: z.string(), days: z.array(PatrolDay) })
  .meta({ id: 'PatrolDaily' });
export type PatrolDaily = z.infer<typeof PatrolDaily>;
