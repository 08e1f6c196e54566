// Roll-ups and trends of the daily report read the day counters kept with each filing and the
// grid counts of the territory — never the reports themselves.
import type { RollupRow } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import { addDays } from '../../platform/time.ts';
import { readDayCounters } from '../stats/counters.ts';
import { childRegions, gridCounts } from '../stats/grids.ts';

/** The day-counter metrics this module bumps (the dashboard reads the same names). */
export const REPORT_METRICS = { filed: 'reports.filed', onTime: 'reports.on_time', late: 'reports.late', returned: 'reports.returned', zero: 'reports.zero', figurePrefix: 'figures.' } as const;

export type Totals = Omit<RollupRow, 'regionId' | 'name' | 'level'>;

export function totalsOf(counters: Record<string, number> | undefined, grids: number): Totals {
  const c = counters ?? {};
  const filed = c[REPORT_METRICS.filed] ?? 0;
  const figures: Record<string, number> = {};
  for (const [k, v] of Object.entries(c)) if (k.startsWith(REPORT_METRICS.figurePrefix)) figures[k.slice(REPORT_METRICS.figurePrefix.length)] = v;
  return {
    grids,
    filed,
    onTime: c[REPORT_METRICS.onTime] ?? 0,
    late: c[REPORT_METRICS.late] ?? 0,
    missing: Math.max(0, grids - filed),
    returned: c[REPORT_METRICS.returned] ?? 0,
    zero: c[REPORT_METRICS.zero] ?? 0,
    figures,
  };
}

interface RegionInfo {
  id: number;
  name: string;
  level: string;
  path: string;
}

/** The region's totals for the day and its direct children's. */
export async function rollupOf(db: Db, region: RegionInfo, day: string): Promise<{ region: RollupRow; children: RollupRow[] }> {
  const children = await childRegions(db, region.id);
  const all: RegionInfo[] = [region, ...children];
  const [grids, counters] = await Promise.all([gridCounts(db, region.path, all), readDayCounters(db, all.map((r) => r.id), day, day)]);
  const row = (r: RegionInfo): RollupRow => ({ regionId: r.id, name: r.name, level: r.level, ...totalsOf(counters.get(r.id)?.get(day), grids.get(r.id) ?? 0) });
  return { region: row(region), children: children.map(row) };
}

/** The region's totals day by day over the `days` days ending `today` (grids: today's count). */
export async function trendOf(db: Db, region: RegionInfo, today: string, days: number) {
  const from = addDays(today, -(days - 1));
  const [grids, counters] = await Promise.all([gridCounts(db, region.path, [region]), readDayCounters(db, [region.id], from, today)]);
  const byDay = counters.get(region.id);
  const items = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(from, i);
    items.push({ date, ...totalsOf(byDay?.get(date), grids.get(region.id) ?? 0) });
  }
  return { items };
}
