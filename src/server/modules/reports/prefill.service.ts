// The report form pre-filled: each figure counted from the grid's records of the day by the
// module that provides it (prefill.ts), plus the report already filed, if any.
import { z } from 'zod';
import { REPORT_FIGURES, type ReportPrefill } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import type { ReportFigureProviders } from './prefill.ts';
import { findReportOfGridDay } from './reports.queries.ts';
import { toDailyReport } from './reports.service.ts';
import { regionsInSubtree } from '../regions/regions.queries.ts';

export async function prefillFigures(
  db: Db,
  figures: ReportFigureProviders,
  grid: { id: number; path: string },
  day: string,
  timeZone: string,
  deadline: string,
): Promise<z.infer<typeof ReportPrefill>> {
  const regionIds = (await regionsInSubtree(db, grid.path, ['id'])).map((r) => r.id);
  const ctx = { regionIds, gridPath: grid.path, day, timeZone };
  const values = await Promise.all(REPORT_FIGURES.map(async (f) => [f, await figures[f](db, ctx)] as const));
  const existing = await findReportOfGridDay(db, grid.id, day);
  return { regionId: grid.id, date: day, figures: Object.fromEntries(values), report: existing ? await toDailyReport(db, existing) : null, deadline };
}
