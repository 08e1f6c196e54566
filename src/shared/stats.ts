// The command dashboard's contract (指挥大屏): a region's figures read from the counters, the same
// figures for each child region, a trend over days, region boundaries for the map, and limits
// on the GeoJSON an admin uploads. Server and web import it.
import { z } from 'zod';
import { RegionIdParam } from './ids.ts';
import type { Role } from './accounts.ts';
import { PERSON_CATEGORIES } from './households.ts';
import { REPORT_FIGURES } from './reports.ts';

import { TIP_STATUSES } from './public-rules.ts';

export { TIP_STATUSES };
export type TipStatus = (typeof TIP_STATUSES)[number];

/** Who may upload or remove region boundaries. */
export const BOUNDARY_EDITORS: readonly Role[] = ['admin', 'commander', 'town_officer'];

export const BOUNDARY_LIMITS = {
  /** Positions in one region's geometry. */
  positions: 20_000,
  /** Bytes of one PUT body. */
  bytes: 2 * 1_048_576,
  /** Bytes of one FeatureCollection import (a town's villages in one file). */
  importBytes: 16 * 1_048_576,
  /** Features in one import. */
  features: 2_000,
  /**
   * Arrays ("[") in one PUT body and in one import, counted before the JSON is parsed: a
   * geometry of 20,000 positions has about as many; real coordinates take 15 bytes or more
   * each, so 16 MB holds at most about a million, while tiny arrays would be eight million.
   */
  arrays: 25_000,
  importArrays: 1_000_000,
} as const;

export const TREND_DAYS = { min: 7, max: 60, default: 14 } as const;

const Count = z.number().int();
const Day = z.iso.date();

export const ReportsToday = z.object({
  date: z.string(),
  /** Active grids in the subtree: the number of reports expected. */
  grids: Count,
  filed: Count,
  onTime: Count,
  late: Count,
  missing: Count,
  returned: Count,
  zero: Count,
});
export type ReportsToday = z.infer<typeof ReportsToday>;

export const RegionFigures = z
  .object({
    regionId: Count,
    name: z.string(),
    level: z.string(),
    code: z.string(),
    households: Count,
    persons: z.object({ total: Count, byCategory: z.record(z.string(), Count) }),
    keyPersons: Count,
    quarantines: z.object({ active: Count, ending: Count, overdue: Count }),
    checkpoints: z.object({ total: Count, open: Count, removed: Count }),
    tips: z.object({ total: Count, byStatus: z.record(z.string(), Count) }),
    reports: ReportsToday,
    inspections: Count,
    openRectifications: Count,
    /** Risk colours (风险赋码): yellow and red people, and the region's colour (red if any red, yellow if any yellow). */
    risk: z.object({ yellow: Count, red: Count, colour: z.enum(['green', 'yellow', 'red']) }),
    /** 红白事报备: filed in all, and not yet closed (awaiting guidance or the follow-up visit). */
    familyEvents: z.object({ total: Count, open: Count }),
  })
  .meta({ id: 'RegionFigures' });
export type RegionFigures = z.infer<typeof RegionFigures>;

export const StatsQuery = z.strictObject({
  regionId: RegionIdParam.optional(),
  /** The day of the report figures (YYYY-MM-DD, county zone); today by default. */
  date: Day.optional(),
});

export const StatsBreakdown = z
  .object({
    regionId: Count,
    name: z.string(),
    level: z.string(),
    date: z.string(),
    /** One entry per active child region, in code order. */
    children: z.array(RegionFigures),
  })
  .meta({ id: 'StatsBreakdown' });
export type StatsBreakdown = z.infer<typeof StatsBreakdown>;

export const TrendQuery = z.strictObject({
  regionId: RegionIdParam.optional(),
  days: z.coerce.number().int().min(TREND_DAYS.min).max(TREND_DAYS.max).default(TREND_DAYS.default),
});

export const TrendDay = z.object({
  date: z.string(),
  /** Grids expected to report (today's count of active grids: the territory rarely changes). */
  grids: Count,
  filed: Count,
  onTime: Count,
  late: Count,
  returned: Count,
  zero: Count,
  checkpointsRemoved: Count,
  figures: z.record(z.string(), Count),
});
export type TrendDay = z.infer<typeof TrendDay>;

export const StatsTrend = z
  .object({ regionId: Count, name: z.string(), from: z.string(), to: z.string(), days: z.array(TrendDay) })
  .meta({ id: 'StatsTrend' });
export type StatsTrend = z.infer<typeof StatsTrend>;

/** What a live event looks like on the wire (GET /api/v1/events, `data:` of each message). */
export const LiveEventMessage = z.object({
  type: z.string(),
  regionId: Count,
  /** The name of the region the event happened in. */
  regionName: z.string().optional(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type LiveEventMessage = z.infer<typeof LiveEventMessage>;

/** The answer to a boundary import: one line per feature. */
export const BoundaryImportResult = z
  .object({
    saved: Count,
    features: z.array(z.object({ index: Count, regionId: Count, name: z.string(), code: z.string(), matchedBy: z.enum(['code', 'name']) })),
  })
  .meta({ id: 'BoundaryImportResult' });
export type BoundaryImportResult = z.infer<typeof BoundaryImportResult>;

/** GET /regions/:id/map: the children's boundaries as a FeatureCollection, plus the region's outline. */
export interface RegionMap {
  type: 'FeatureCollection';
  regionId: number;
  name: string;
  level: string;
  /** The region's own outline, or null. */
  outline: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
  /** Active children without a boundary. */
  missing: number;
  features: { type: 'Feature'; properties: { regionId: number; name: string; code: string }; geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } }[];
}

export const CATEGORY_KEYS = PERSON_CATEGORIES;
export const FIGURE_KEYS = REPORT_FIGURES;
