// The verification component of a region's score (考核): how much of what was due it checked
// (completion) and how much of it before the deadline (timeliness), with every task still open
// past its deadline counting against the region. The dashboard shows it beside the daily
// report's component (dashboard/scores.service.ts). Read from the lists' task counters
// (task-counters.ts): a few rows per region and list, not the tasks.
import type { VerificationScore } from '../../../shared/verification-checks.ts';
import type { z } from 'zod';
import type { Db } from '../../db/schema.ts';
import { readCounters } from '../stats/counters.ts';
import { METRIC_PREFIX, listCountsOf, listIdsIn } from './task-counters.ts';

type Score = z.infer<typeof VerificationScore>;
type Sums = { total: number; closed: number; closedOnTime: number; overdue: number };
const round1 = (v: number) => Math.round(v * 10) / 10;

/** Half completion, half timeliness; null when nothing was due. */
export function verificationScoreOf(c: Sums): Score {
  if (c.total === 0) return { ...c, score: null };
  const completion = c.closed / c.total;
  const timeliness = c.closed + c.overdue === 0 ? 1 : c.closedOnTime / (c.closed + c.overdue);
  return { ...c, score: round1(100 * (completion + timeliness) / 2) };
}

/** The lists' due times, read in chunks under the drivers' parameter limits. */
async function dueTimes(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('verification_lists').select(['id', 'due_at']).where('id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, new Date(r.due_at).getTime());
  }
  return out;
}

/**
 * The component for `root` and each of `regions` (its children), over the tasks due since
 * `from` or still open. Every task of a list is due at the list's deadline, so a list due
 * before `from` counts only its open tasks (all overdue), and one due later counts them all.
 */
export async function verificationScores(db: Db, root: { id: number; path: string }, regions: readonly { id: number; path: string }[], from: string): Promise<Map<number, Score>> {
  const ids = [root.id, ...regions.map((r) => r.id)];
  const counters = await readCounters(db, ids, `${METRIC_PREFIX}.`);
  const listIds = new Set<string>();
  for (const values of counters.values()) for (const id of listIdsIn(Object.keys(values))) listIds.add(id);
  const due = await dueTimes(db, [...listIds]);
  const since = Date.parse(from);
  const now = Date.now();
  const out = new Map<number, Score>();
  for (const id of ids) {
    const values = counters.get(id) ?? {};
    const sums: Sums = { total: 0, closed: 0, closedOnTime: 0, overdue: 0 };
    for (const listId of listIdsIn(Object.keys(values))) {
      const dueAt = due.get(listId);
      if (dueAt === undefined) continue;
      const c = listCountsOf(values, listId);
      const open = c.statuses.open + c.statuses.sent_back;
      if (dueAt >= since) {
        sums.total += c.total;
        sums.closed += c.statuses.checked + c.statuses.accepted;
        sums.closedOnTime += c.onTime;
      } else sums.total += open;
      if (dueAt < now) sums.overdue += open;
    }
    out.set(id, verificationScoreOf(sums));
  }
  return out;
}
