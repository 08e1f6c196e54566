// The daily report (每日一上报): one per grid per day, filed before the county's deadline with
// figures pre-filled from the records and confirmed or corrected; a zero report (零报告) is a
// report. Roll-ups over a subtree say who filed on time, late, or not at all — and who is
// responsible and how to reach them (DHIS2's reporting-rate summary, by region).
import { z } from 'zod';
import type { Role } from './accounts.ts';
import { RegionIdBody } from './ids.ts';

// Who may do what with reports, by role: the server's routes enforce these lists, the web
// shows its menus and buttons by them. Region scope comes on top.
/** A grid's own staff, who file its report. */
export const GRID_REPORTERS: readonly Role[] = ['grid_worker', 'grid_leader'];
/** Who files a grid's report: its staff, and the village, town or admin filing for it (代报). */
export const REPORT_FILERS: readonly Role[] = [...GRID_REPORTERS, 'village_secretary', 'town_officer', 'admin'];
/** Who may send a report back (from a region strictly above the grid). */
export const REPORT_RETURNERS: readonly Role[] = ['village_secretary', 'town_officer', 'commander', 'admin'];
/** Who changes the county settings (report deadline, reminder time, quarantine days). */
export const SETTINGS_EDITORS: readonly Role[] = ['admin', 'commander'];

/** The figures of a report, in the order the form shows them. */
export const REPORT_FIGURES = ['householdsVisited', 'newArrivals', 'departures', 'underQuarantine', 'abnormalHealth', 'tipsReceived'] as const;
export type ReportFigure = (typeof REPORT_FIGURES)[number];

const Day = z.iso.date();
const Count = z.number({ error: 'a whole number of 0 or more' }).int('a whole number').min(0, 'cannot be negative').max(1_000_000);

export const ReportFigures = z.strictObject(Object.fromEntries(REPORT_FIGURES.map((f) => [f, Count.optional()])) as Record<ReportFigure, z.ZodOptional<typeof Count>>);
export type ReportFigures = Partial<Record<ReportFigure, number>>;

export const REPORT_STATUSES = ['filed', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** POST /api/v1/daily-reports: the same grid and day again is a correction of the report. */
export const DailyReportFile = z.strictObject({
  regionId: RegionIdBody,
  date: Day,
  figures: ReportFigures,
  note: z.string().trim().max(500).optional(),
  /** 零报告: nothing to report; every figure must then be 0 or left out. */
  zero: z.boolean().optional(),
});
export type DailyReportFile = z.infer<typeof DailyReportFile>;

/** POST /api/v1/daily-reports/:id/return: a village or town sends a report back. */
export const DailyReportReturn = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const StaffContact = z.object({ userId: z.string(), name: z.string(), role: z.string(), phone: z.string().nullable() });
export type StaffContact = z.infer<typeof StaffContact>;

export const DailyReportRevision = z.object({
  version: z.number().int(),
  kind: z.enum(['filed', 'corrected', 'returned']),
  figures: z.record(z.string(), z.number()),
  note: z.string().nullable(),
  zero: z.boolean(),
  reason: z.string().nullable(),
  by: z.string().nullable(),
  at: z.string(),
});

export const DailyReport = z
  .object({
    id: z.string(),
    regionId: z.number().int(),
    regionName: z.string(),
    date: z.string(),
    figures: z.record(z.string(), z.number()),
    note: z.string().nullable(),
    zero: z.boolean(),
    status: z.enum(REPORT_STATUSES),
    onTime: z.boolean(),
    firstFiledAt: z.string(),
    filedAt: z.string(),
    filedBy: z.string().nullable(),
    returnReason: z.string().nullable(),
    returnedAt: z.string().nullable(),
    version: z.number().int(),
    /** Only on GET /daily-reports/:id: every filing, correction and send-back, oldest first. */
    history: z.array(DailyReportRevision).optional(),
  })
  .meta({ id: 'DailyReport' });
export type DailyReport = z.infer<typeof DailyReport>;

/** GET /api/v1/daily-reports/prefill?regionId=&date=: the figures as the records have them. */
export const ReportPrefill = z.object({
  regionId: z.number().int(),
  date: z.string(),
  figures: z.record(z.string(), z.number()),
  /** The report already filed for this grid and day, if any (the form then corrects it). */
  report: DailyReport.nullable(),
  deadline: z.string(),
});

export const GridStatus = z.object({
  regionId: z.number().int(),
  name: z.string(),
  /** "X镇 Y村": where the grid is, for a county-wide list. */
  parentNames: z.string(),
  responsible: z.array(StaffContact),
});
export const FiledGrid = GridStatus.extend({
  reportId: z.string(),
  onTime: z.boolean(),
  zero: z.boolean(),
  filedAt: z.string(),
  status: z.enum(REPORT_STATUSES),
});

/** GET /api/v1/daily-reports?regionId=&date= over the grids of the subtree. */
export const DailyReportStatus = z.object({
  date: z.string(),
  deadline: z.string(),
  totals: z.object({ grids: z.number(), filed: z.number(), onTime: z.number(), late: z.number(), missing: z.number(), returned: z.number() }),
  filed: z.array(FiledGrid),
  /** Returned reports count here too: they are to be filed again. */
  missing: z.array(GridStatus.extend({ returned: z.boolean() })),
});

/** One row of a roll-up: a child region of the one asked for (or the region itself). */
export const RollupRow = z.object({
  regionId: z.number().int(),
  name: z.string(),
  level: z.string(),
  grids: z.number(),
  filed: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  returned: z.number(),
  zero: z.number(),
  figures: z.record(z.string(), z.number()),
});
export type RollupRow = z.infer<typeof RollupRow>;

/** GET /api/v1/daily-reports/rollup?regionId=&date=: the region's totals and its children's. */
export const Rollup = z.object({ date: z.string(), deadline: z.string(), region: RollupRow, children: z.array(RollupRow) });

/** GET /api/v1/daily-reports/trend?regionId=&days=: the region's totals day by day. */
export const Trend = z.object({ items: z.array(RollupRow.omit({ regionId: true, name: true, level: true }).extend({ date: z.string() })) });

/** County settings (GET/PATCH /api/v1/settings): the report deadline and reminder time. */
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
export const CountySettings = z.object({
  timeZone: z.string(),
  reportDeadline: Clock,
  reminderTime: Clock,
  quarantineDays: z.number().int().min(1).max(60),
  /** Hours a receiving grid has to accept or refuse a hand-over (移交) before it escalates. */
  handoverDeadlineHours: z.number().int().min(1).max(720),
});
export type CountySettings = z.infer<typeof CountySettings>;
export const CountySettingsPatch = z.strictObject({
  reportDeadline: Clock.optional(),
  reminderTime: Clock.optional(),
  quarantineDays: z.number().int().min(1).max(60).optional(),
  handoverDeadlineHours: z.number().int().min(1).max(720).optional(),
});
export const DEFAULT_SETTINGS = { reportDeadline: '17:00', reminderTime: '16:00', quarantineDays: 14, handoverDeadlineHours: 72 } as const;

/** GET /api/v1/daily-reports/reminders?regionId=&date=: who still has to file, and a text to send. */
export const ReminderList = z.object({
  date: z.string(),
  deadline: z.string(),
  /** When the scheduled reminder ran for this day (null: not yet). */
  remindedAt: z.string().nullable(),
  missing: z.array(GridStatus.extend({ returned: z.boolean() })),
});
