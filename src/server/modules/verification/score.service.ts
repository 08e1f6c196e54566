// The verification component of a region's score (考核): how much of what was due it checked
// (completion) and how much of it before the deadline (timeliness), with every task still open
// past its deadline counting against the region. The dashboard shows it beside the daily
// report's component (dashboard/scores.service.ts).
import type { VerificationScore } from '../../../shared/verification-checks.ts';
import type { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';
import { regionsInSubtree } from '../regions/regions.queries.ts';
import * as q from './verification.queries.ts';

type Score = z.infer<typeof VerificationScore>;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Half completion, half timeliness; null when nothing was due. */
export function verificationScoreOf(c: { total: number; closed: number; closedOnTime: number; overdue: number }): Score {
  if (c.total === 0) return { ...c, score: null };
  const completion = c.closed / c.total;
  const timeliness = c.closed + c.overdue === 0 ? 1 : c.closedOnTime / (c.closed + c.overdue);
  return { ...c, score: round1(100 * (completion + timeliness) / 2) };
}

/** The component for `root` and each of `regions` (its children), over tasks due since `from`. */
export async function verificationScores(db: Db, root: { id: number; path: string }, regions: readonly { id: number; path: string }[], from: string): Promise<Map<number, Score>> {
  const [counts, subtree] = await Promise.all([q.taskScoreCounts(db, root.path, from, nowIso()), regionsInSubtree(db, root.path, ['id', 'path'])]);
  const pathOf = new Map(subtree.map((r) => [r.id, r.path]));
  const sums = new Map([root, ...regions].map((r) => [r.id, { total: 0, closed: 0, closedOnTime: 0, overdue: 0 }]));
  for (const c of counts) {
    const path = pathOf.get(c.region_id) ?? '';
    for (const r of [root, ...regions]) {
      if (!path.startsWith(r.path)) continue;
      const s = sums.get(r.id);
      if (!s) continue;
      s.total += Number(c.total);
      s.closed += Number(c.closed ?? 0);
      s.closedOnTime += Number(c.on_time ?? 0);
      s.overdue += Number(c.overdue ?? 0);
    }
  }
  return new Map([...sums].map(([id, s]) => [id, verificationScoreOf(s)]));
}
