// A region's score (考核) and its children's over the last days: the daily report's component
// (reports filed on time over grid-days, from the day counters) beside the verification
// component (verification/score.service.ts).
import type { RegionScore, Scores } from '../../../shared/verification-checks.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { addDays } from '../../platform/time.ts';
import { readDayCounters } from '../stats/counters.ts';
import { childRegions, gridCounts } from '../stats/grids.ts';
import { regionFields } from '../regions/regions.queries.ts';
import { verificationScores } from '../verification/score.service.ts';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** On time counts whole, late half, missing nothing; null with no grids. */
export function reportScoreOf(grids: number, days: number, onTime: number, late: number): RegionScore['reports'] {
  const due = grids * days;
  return { due, onTime, late, score: due === 0 ? null : round1((100 * (onTime + late / 2)) / due) };
}

export async function scores(db: Db, scope: ScopedRegion, today: string, days: number): Promise<Scores> {
  const region = await regionFields(db, scope.id, ['id', 'name', 'level', 'path']);
  if (!region) throw notFound('region');
  const children = await childRegions(db, region.id);
  const all = [region, ...children];
  const from = addDays(today, -(days - 1));
  const [counters, grids, verification] = await Promise.all([
    readDayCounters(db, all.map((r) => r.id), from, today),
    gridCounts(db, region.path, all),
    // Tasks due within the window's length before now, or still open.
    verificationScores(db, region, children, new Date(Date.now() - days * 86_400_000).toISOString()),
  ]);
  const scoreOf = (r: { id: number; name: string; level: string }): RegionScore => {
    let onTime = 0;
    let late = 0;
    for (const bag of counters.get(r.id)?.values() ?? []) {
      onTime += bag['reports.on_time'] ?? 0;
      late += bag['reports.late'] ?? 0;
    }
    return {
      regionId: r.id,
      name: r.name,
      level: r.level,
      reports: reportScoreOf(grids.get(r.id) ?? 0, days, onTime, late),
      verification: verification.get(r.id) ?? { total: 0, closed: 0, closedOnTime: 0, overdue: 0, score: null },
    };
  };
  return { regionId: region.id, name: region.name, from, to: today, region: scoreOf(region), children: children.map(scoreOf) };
}
