// Verification task counters: per list and region subtree (region_counters, stats/counters.ts),
// how many of the list's tasks are in each status, hold each outcome and were closed by their
// deadline. The list's progress and the score (考核) read these few rows instead of grouping
// 100,000 tasks. Every change of a task's region, status, outcome or check time goes through
// TaskCounterBatch in the change's own transaction; the nightly reconciliation (and the bench's
// seeding) recounts them from the tasks.
//
// Overdue is not a counter, it changes with the clock: every task of a list is due at the list's
// due_at (the deadline keeps running when a task moves), so a list's open tasks are all overdue
// once that time has passed.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { CounterBatch, applyCounterBatch, rebuildCounters } from '../stats/counters.ts';
import { inLevelledSubtree, regionsFields } from '../regions/regions.queries.ts';
import { OUTCOMES, TASK_STATUSES, type Outcome, type TaskStatus } from '../../../shared/verification.ts';
import type { VerificationTasksTable } from './verification.tables.ts';

export const METRIC_PREFIX = 'verification';
/** Every metric of one list starts with this. */
export const listMetricPrefix = (listId: string) => `${METRIC_PREFIX}.${listId}.`;
const statusMetric = (listId: string, status: string) => `${listMetricPrefix(listId)}${status}`;
const outcomeMetric = (listId: string, outcome: string) => `${listMetricPrefix(listId)}outcome.${outcome}`;
const onTimeMetric = (listId: string) => `${listMetricPrefix(listId)}on_time`;

export type CountedTask = Pick<VerificationTasksTable, 'list_id' | 'region_id' | 'status' | 'outcome' | 'checked_at' | 'due_at'>;

const CLOSED: readonly string[] = ['checked', 'accepted'];
const time = (v: unknown) => new Date(v as string).getTime();
/** Closed by its deadline: counted once for the score's timeliness. */
export const closedOnTime = (t: Pick<CountedTask, 'status' | 'checked_at' | 'due_at'>) => CLOSED.includes(t.status) && t.checked_at !== null && time(t.checked_at) <= time(t.due_at);

function metricsOf(t: CountedTask): Record<string, number> {
  const out: Record<string, number> = { [statusMetric(t.list_id, t.status)]: 1 };
  if (t.outcome) out[outcomeMetric(t.list_id, t.outcome)] = 1;
  if (closedOnTime(t)) out[onTimeMetric(t.list_id)] = 1;
  return out;
}
const negated = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, -v]));

/** The counter changes of task writes, merged and written in one statement at the end of the transaction's work. */
export class TaskCounterBatch {
  private readonly moves: { before: CountedTask | null; after: CountedTask | null }[] = [];
  /** A task appears (before null), changes, or leaves (after null). */
  change(before: CountedTask | null, after: CountedTask | null): this {
    this.moves.push({ before, after });
    return this;
  }
  async apply(tx: Db): Promise<void> {
    if (this.moves.length === 0) return;
    const ids = new Set<number>();
    for (const m of this.moves) for (const t of [m.before, m.after]) if (t) ids.add(Number(t.region_id));
    const paths = new Map((await regionsFields(tx, [...ids], ['id', 'path'])).map((r) => [Number(r.id), r.path]));
    const batch = new CounterBatch();
    for (const { before, after } of this.moves) {
      // A task in a region that no longer exists counts nowhere; the recount agrees.
      const from = before ? paths.get(Number(before.region_id)) : undefined;
      const to = after ? paths.get(Number(after.region_id)) : undefined;
      if (before && from) batch.add(from, negated(metricsOf(before)));
      if (after && to) batch.add(to, metricsOf(after));
    }
    this.moves.length = 0;
    await applyCounterBatch(tx, batch);
  }
}

/** One task's change, counted in the write's transaction. */
export const countTaskChange = (tx: Db, before: CountedTask | null, after: CountedTask | null) => new TaskCounterBatch().change(before, after).apply(tx);

/** A list's figures in one region's subtree, read from its counters. */
export interface ListCounts {
  total: number;
  statuses: Record<TaskStatus, number>;
  outcomes: Partial<Record<Outcome, number>>;
  onTime: number;
}

export function listCountsOf(values: Record<string, number>, listId: string): ListCounts {
  const statuses = Object.fromEntries(TASK_STATUSES.map((s) => [s, values[statusMetric(listId, s)] ?? 0])) as Record<TaskStatus, number>;
  const outcomes: Partial<Record<Outcome, number>> = {};
  for (const o of OUTCOMES) {
    const n = values[outcomeMetric(listId, o)] ?? 0;
    if (n) outcomes[o] = n;
  }
  return { total: TASK_STATUSES.reduce((n, s) => n + statuses[s], 0), statuses, outcomes, onTime: values[onTimeMetric(listId)] ?? 0 };
}

/** `a − b`, figure by figure: a region's own part once its children's are taken away. */
export function subtractCounts(a: ListCounts, b: ListCounts): ListCounts {
  const statuses = Object.fromEntries(TASK_STATUSES.map((s) => [s, a.statuses[s] - b.statuses[s]])) as Record<TaskStatus, number>;
  const outcomes: Partial<Record<Outcome, number>> = {};
  for (const o of OUTCOMES) {
    const n = (a.outcomes[o] ?? 0) - (b.outcomes[o] ?? 0);
    if (n) outcomes[o] = n;
  }
  return { total: a.total - b.total, statuses, outcomes, onTime: a.onTime - b.onTime };
}

export const emptyCounts = (): ListCounts => listCountsOf({}, '');

export function addCounts(a: ListCounts, b: ListCounts): ListCounts {
  return subtractCounts(a, subtractCounts(emptyCounts(), b));
}

/** The list ids present among counter metrics ('verification.<list>.<…>'). */
export function listIdsIn(metrics: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const m of metrics) {
    const id = m.slice(METRIC_PREFIX.length + 1).split('.')[0];
    if (id) out.add(id);
  }
  return out;
}

/** Recounts every list's counters in the county holding `rootPath` from the tasks themselves. */
export function rebuildVerificationCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_PREFIX],
    count: async (tx, path) => {
      const rows = await tx
        .selectFrom('verification_tasks as t')
        .select(['t.region_id', 't.list_id', 't.status', 't.outcome'])
        .select(sql<number>`sum(case when t.status in ('checked', 'accepted') and t.checked_at <= t.due_at then 1 else 0 end)`.as('on_time'))
        .select(sql<number>`count(*)`.as('n'))
        .where(inLevelledSubtree(tx, path, 't'))
        .groupBy(['t.region_id', 't.list_id', 't.status', 't.outcome'])
        .execute();
      return rows.flatMap((r) => {
        const regionId = Number(r.region_id);
        const out = [{ regionId, metric: statusMetric(r.list_id, r.status), n: Number(r.n) }];
        if (r.outcome) out.push({ regionId, metric: outcomeMetric(r.list_id, r.outcome), n: Number(r.n) });
        if (Number(r.on_time)) out.push({ regionId, metric: onTimeMetric(r.list_id), n: Number(r.on_time) });
        return out;
      });
    },
  });
}
