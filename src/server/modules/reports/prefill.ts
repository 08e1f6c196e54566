// How each figure of the report form is pre-filled: a count over the grid's records of the day.
// The module owning the records provides it in its definition (`figures`), so this module
// knows none of them; a figure without a provider does not compile (app.ts).
import type { ReportFigure } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import { addDays } from '../../platform/time.ts';
import { dayRangeUtc } from '../../platform/zoned-time.ts';

export interface PrefillContext {
  /** The grid and every region below it (micro-grids): records sit in either. */
  regionIds: number[];
  gridPath: string;
  day: string;
  timeZone: string;
}
export type PrefillFigure = (db: Db, ctx: PrefillContext) => Promise<number>;
export type ReportFigureProviders = Readonly<Record<ReportFigure, PrefillFigure>>;

/** [start, end) of the report's day in the county's zone, as UTC ISO text: for times like created_at. */
export const reportDayRange = (ctx: PrefillContext): [string, string] => dayRangeUtc(ctx.day, ctx.timeZone, addDays(ctx.day, 1));
