// The dashboard's figures, read from the counter tables only (never a scan of people or
// reports): a counter row already holds its region's whole subtree, so a region is a handful of
// rows and a breakdown by child region one statement for all children.
import type { RegionFigures, StatsBreakdown, StatsTrend, TrendDay } from '../../../shared/stats.ts';
import { CATEGORY_KEYS, FIGURE_KEYS, TIP_STATUSES } from '../../../shared/stats.ts';
import { regionColour } from '../../../shared/risk.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { addDays } from '../../platform/time.ts';
import { readCounters, readDayCounters } from '../stats/counters.ts';
import { childRegions, gridCounts } from '../stats/grids.ts';
import { quarantineDueCounts } from '../quarantine/quarantine.service.ts';
import { regionFields } from '../regions/regions.queries.ts';

interface RegionInfo {
  id: number;
  name: string;
  level: string;
  code: string;
  path: string;
}

type Bag = Readonly<Record<string, number>>;
const n = (bag: Bag, metric: string) => bag[metric] ?? 0;

async function regionInfo(db: Db, id: number): Promise<RegionInfo> {
  const row = await regionFields(db, id, ['id', 'name', 'level', 'code', 'path']);
  if (!row) throw notFound('region');
  return row;
}

/** One region's figures from its counters, its counters of `date` and its number of grids. */
export function figuresOf(region: RegionInfo, counters: Bag, day: Bag, grids: number, date: string, due: { ending: number; overdue: number } = { ending: 0, overdue: 0 }): RegionFigures {
  const byCategory = Object.fromEntries(CATEGORY_KEYS.map((c) => [c, n(counters, `persons.${c}`)]));
  const byStatus = Object.fromEntries(TIP_STATUSES.map((s) => [s, n(counters, `tips.${s}`)]));
  const checkpointsTotal = n(counters, 'checkpoints');
  const removed = n(counters, 'checkpoints.removed');
  const filed = n(day, 'reports.filed');
  return {
    regionId: region.id,
    name: region.name,
    level: region.level,
    code: region.code,
    households: n(counters, 'households'),
    persons: { total: n(counters, 'persons'), byCategory },
    keyPersons: n(counters, 'key_persons'),
    // Active orders are a counter; ending and overdue depend on the day, so they are counted
    // through the orders' end-date index instead (quarantineDueCounts).
    quarantines: { active: n(counters, 'quarantines.active'), ending: due.ending, overdue: due.overdue },
    checkpoints: { total: checkpointsTotal, open: Math.max(0, checkpointsTotal - removed), removed },
    tips: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus },
    reports: {
      date,
      grids,
      filed,
      onTime: n(day, 'reports.on_time'),
      late: n(day, 'reports.late'),
      missing: Math.max(0, grids - filed),
      returned: n(day, 'reports.returned'),
      zero: n(day, 'reports.zero'),
    },
    inspections: n(counters, 'inspections'),
    openRectifications: n(counters, 'rectifications.open'),
    familyEvents: { total: n(counters, 'family_events'), open: n(counters, 'family_events.open') },
    risk: { yellow: n(counters, 'risk.yellow'), red: n(counters, 'risk.red'), colour: regionColour({ yellow: n(counters, 'risk.yellow'), red: n(counters, 'risk.red') }) },
  };
}

export async function summary(db: Db, scope: ScopedRegion, date: string): Promise<RegionFigures> {
  const region = await regionInfo(db, scope.id);
  const [counters, days, grids, due] = await Promise.all([
    readCounters(db, [region.id]),
    readDayCounters(db, [region.id], date, date),
    gridCounts(db, region.path, [region]),
    quarantineDueCounts(db, region.path, date),
  ]);
  return figuresOf(region, counters.get(region.id) ?? {}, days.get(region.id)?.get(date) ?? {}, grids.get(region.id) ?? 0, date, due);
}

export async function breakdown(db: Db, scope: ScopedRegion, date: string): Promise<StatsBreakdown> {
  const region = await regionInfo(db, scope.id);
  const children = await childRegions(db, region.id);
  const ids = children.map((c) => c.id);
  const [counters, days, grids, due] = await Promise.all([
    readCounters(db, ids),
    readDayCounters(db, ids, date, date),
    gridCounts(db, region.path, children),
    Promise.all(children.map((c) => quarantineDueCounts(db, c.path, date))),
  ]);
  return {
    regionId: region.id,
    name: region.name,
    level: region.level,
    date,
    children: children.map((c, i) => figuresOf(c, counters.get(c.id) ?? {}, days.get(c.id)?.get(date) ?? {}, grids.get(c.id) ?? 0, date, due[i])),
  };
}

export async function trend(db: Db, scope: ScopedRegion, today: string, dayCount: number): Promise<StatsTrend> {
  const region = await regionInfo(db, scope.id);
  const from = addDays(today, -(dayCount - 1));
  const [days, grids] = await Promise.all([readDayCounters(db, [region.id], from, today), gridCounts(db, region.path, [region])]);
  const byDay = days.get(region.id) ?? new Map<string, Record<string, number>>();
  const out: TrendDay[] = [];
  for (let i = 0; i < dayCount; i++) {
    const date = addDays(from, i);
    const bag = byDay.get(date) ?? {};
    out.push({
      date,
      grids: grids.get(region.id) ?? 0,
      filed: n(bag, 'reports.filed'),
      onTime: n(bag, 'reports.on_time'),
      late: n(bag, 'reports.late'),
      returned: n(bag, 'reports.returned'),
      zero: n(bag, 'reports.zero'),
      checkpointsRemoved: n(bag, 'checkpoints.removed'),
      figures: Object.fromEntries(FIGURE_KEYS.map((f) => [f, n(bag, `figures.${f}`)])),
    });
  }
  return { regionId: region.id, name: region.name, from, to: today, days: out };
}
