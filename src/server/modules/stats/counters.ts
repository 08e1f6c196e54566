// Subtree totals kept with each write (ARCHITECTURE.md: "aggregates"). A counter row holds the
// total of its region's whole subtree, so the county's figures are a handful of rows and a
// town's breakdown by village is one row per village and metric; a write bumps its region and
// every ancestor — the ids are the region's path, no lookup needed — in the write's own
// transaction. Metrics are plain strings owned by the modules that bump them ('persons',
// 'persons.tenant', 'checkpoints.removed', …).
//
// Rows are upserted in (region, metric) order: two PostgreSQL transactions bumping the same
// rows then lock them in the same order and cannot deadlock.
import { type Compilable, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { regionFieldsOrThrow, regionsInSubtree } from '../regions/regions.queries.ts';
import { lockTableForRewrite, tableIndexedBy } from '../../db/dialect.ts';
import { ancestorPathAt, pathIds } from '../../../shared/region-path.ts';

export type Deltas = Readonly<Record<string, number>>;

/** Deltas for several regions, merged before they are written in one statement. */
export class CounterBatch {
  private readonly rows = new Map<string, number>();
  add(regionPath: string, deltas: Deltas): this {
    for (const id of pathIds(regionPath)) {
      for (const [metric, d] of Object.entries(deltas)) {
        if (d === 0) continue;
        const key = `${id}\u0000${metric}`;
        this.rows.set(key, (this.rows.get(key) ?? 0) + d);
      }
    }
    return this;
  }
  /** Sorted (region, metric) rows with a non-zero delta. */
  entries(): { regionId: number; metric: string; delta: number }[] {
    return [...this.rows]
      .filter(([, d]) => d !== 0)
      .map(([key, delta]) => {
        const [id, metric] = key.split('\u0000') as [string, string];
        return { regionId: Number(id), metric, delta };
      })
      .sort((a, b) => a.regionId - b.regionId || (a.metric < b.metric ? -1 : a.metric > b.metric ? 1 : 0));
  }
}

// SQLite binds at most 32,766 parameters a statement: 3 a row leaves room for 10,000 rows.
const ROWS_PER_STATEMENT = 5_000;

export async function applyCounterBatch(tx: Db, batch: CounterBatch): Promise<void> {
  const rows = batch.entries();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await tx
      .insertInto('region_counters')
      .values(chunk.map((r) => ({ region_id: r.regionId, metric: r.metric, value: r.delta })))
      .onConflict((oc) => oc.columns(['region_id', 'metric']).doUpdateSet({ value: sql`region_counters.value + excluded.value` }))
      .execute();
  }
}

/** Adds `deltas` to the counters of the region at `regionPath` and of all its ancestors. */
export function bumpCounters(tx: Db, regionPath: string, deltas: Deltas): Promise<void> {
  return applyCounterBatch(tx, new CounterBatch().add(regionPath, deltas));
}

/** The same for one day's counters (reports filed, on time, the day's figures). */
export function bumpDayCounters(tx: Db, regionPath: string, day: string, deltas: Deltas): Promise<void> {
  return applyDayCounterBatch(tx, day, new CounterBatch().add(regionPath, deltas));
}

/** A batch of one day's counter deltas (bulk seeding rolls up many records into one). */
export async function applyDayCounterBatch(tx: Db, day: string, batch: CounterBatch): Promise<void> {
  const rows = batch.entries();
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    await tx
      .insertInto('region_day_counters')
      .values(chunk.map((r) => ({ region_id: r.regionId, day, metric: r.metric, value: r.delta })))
      .onConflict((oc) => oc.columns(['region_id', 'day', 'metric']).doUpdateSet({ value: sql`region_day_counters.value + excluded.value` }))
      .execute();
  }
}

export async function regionPathOf(db: Db, regionId: number): Promise<string> {
  const row = await regionFieldsOrThrow(db, regionId, ['path']);
  return row.path;
}

export type CounterTable = Map<number, Record<string, number>>;

/** Counters of the given regions, as {regionId → {metric → value}}; missing metrics are 0. */
export async function readCounters(db: Db, regionIds: readonly number[], metricPrefix?: string): Promise<CounterTable> {
  const out: CounterTable = new Map(regionIds.map((id) => [id, {}]));
  if (regionIds.length === 0) return out;
  let q = db.selectFrom('region_counters').select(['region_id', 'metric', 'value']).where('region_id', 'in', regionIds);
  if (metricPrefix) q = q.where('metric', '>=', metricPrefix).where('metric', '<', `${metricPrefix}\uffff`);
  for (const r of await q.execute()) {
    const bag = out.get(r.region_id);
    if (bag) bag[r.metric] = Number(r.value);
  }
  return out;
}

/** Day counters of the given regions over [from, to], as {regionId → {day → {metric → value}}}. */
export async function readDayCounters(db: Db, regionIds: readonly number[], from: string, to: string) {
  const out = new Map<number, Map<string, Record<string, number>>>(regionIds.map((id) => [id, new Map()]));
  if (regionIds.length === 0) return out;
  const rows = await db
    .selectFrom('region_day_counters')
    .select(['region_id', 'day', 'metric', 'value'])
    .where('region_id', 'in', regionIds)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  for (const r of rows) {
    const days = out.get(r.region_id);
    if (!days) continue;
    const day = String(r.day).slice(0, 10);
    const bag = days.get(day) ?? {};
    bag[r.metric] = Number(r.value);
    days.set(day, bag);
  }
  return out;
}

/**
 * Recounts the metrics a `count` function produces for the county holding `path`, from the
 * records themselves: after a bulk load (the demo county) and as a nightly reconciliation.
 * `count` returns per-region rows (the region a record sits in, not its ancestors); the totals
 * are rolled up the tree here. A whole county is recounted even when `path` is a town: the
 * ancestors' old values may be wrong too, and a county recount takes well under a second.
 *
 * On PostgreSQL the counter table is locked first: a write that bumps counters waits, so it is
 * either counted here (committed before) or bumps after this commits — never lost, never twice.
 */
export async function rebuildCounters(
  db: Db,
  path: string,
  metrics: { prefixes: readonly string[]; count: (tx: Db, rootPath: string) => Promise<{ regionId: number; metric: string; n: number }[]> },
): Promise<void> {
  const rootPath = ancestorPathAt(path, 'county') ?? path;
  await db.transaction().execute(async (tx) => {
    await lockTableForRewrite(tx, 'region_counters');
    const regions = await regionsInSubtree(tx, rootPath, ['id', 'path']);
    const pathById = new Map(regions.map((r) => [r.id, r.path]));

    const fresh = new Map<string, number>(); // `${regionId}\0${metric}` → subtree total
    // What purged records had counted stays counted: the aggregates outlive the records.
    const counted = [...(await metrics.count(tx, rootPath)), ...(await purgedCounts(tx, regions.map((r) => r.id), metrics.prefixes))];
    for (const { regionId, metric, n } of counted) {
      const regionPath = pathById.get(regionId);
      if (!regionPath) continue;
      for (const id of pathIds(regionPath)) {
        const key = `${id}\u0000${metric}`;
        fresh.set(key, (fresh.get(key) ?? 0) + n);
      }
    }

    const ids = regions.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 5_000) {
      const chunk = ids.slice(i, i + 5_000);
      for (const prefix of metrics.prefixes) {
        await tx
          .deleteFrom('region_counters')
          .where('region_id', 'in', chunk)
          .where((eb) => eb.or([eb('metric', '=', prefix), eb.and([eb('metric', '>=', `${prefix}.`), eb('metric', '<', `${prefix}.\uffff`)])]))
          .execute();
      }
    }
    const rows = [...fresh].map(([key, value]) => {
      const [id, metric] = key.split('\u0000') as [string, string];
      return { region_id: Number(id), metric, value };
    });
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) await tx.insertInto('region_counters').values(rows.slice(i, i + ROWS_PER_STATEMENT)).execute();
  });
}

const inFamily = (metric: string, prefixes: readonly string[]) => prefixes.some((p) => metric === p || metric.startsWith(`${p}.`));

/** The purged records' contributions to the given families, per the region they sat in. */
async function purgedCounts(tx: Db, regionIds: readonly number[], prefixes: readonly string[]) {
  const out: { regionId: number; metric: string; n: number }[] = [];
  for (let i = 0; i < regionIds.length; i += 5_000) {
    const rows = await tx.selectFrom('purged_counts').select(['region_id', 'metric', 'value']).where('region_id', 'in', regionIds.slice(i, i + 5_000)).execute();
    for (const r of rows) if (inFamily(r.metric, prefixes)) out.push({ regionId: r.region_id, metric: r.metric, n: Number(r.value) });
  }
  return out;
}

/** Keeps what purged records counted (per the region each sat in), in the transaction that purges them. */
export async function keepPurgedCounts(tx: Db, rows: readonly { regionId: number; metric: string; n: number }[]): Promise<void> {
  const merged = new Map<string, number>();
  for (const r of rows) if (r.n !== 0) merged.set(`${r.regionId}\u0000${r.metric}`, (merged.get(`${r.regionId}\u0000${r.metric}`) ?? 0) + r.n);
  const values = [...merged]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => {
      const [id, metric] = key.split('\u0000') as [string, string];
      return { region_id: Number(id), metric, value };
    });
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    await tx
      .insertInto('purged_counts')
      .values(values.slice(i, i + ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.columns(['region_id', 'metric']).doUpdateSet({ value: sql`purged_counts.value + excluded.value` }))
      .execute();
  }
}

/**
 * A region moved to another parent (a village to another town): its own rows hold its whole
 * subtree's totals, so they leave the old ancestors and join the new ones — every metric, and
 * every day of the day counters. Call it in the transaction of the move, with the parents'
 * paths (the region's own rows need no change).
 */
export async function moveCounters(tx: Db, regionId: number, oldParentPath: string, newParentPath: string): Promise<void> {
  if (oldParentPath === newParentPath) return;
  const own = await tx.selectFrom('region_counters').select(['metric', 'value']).where('region_id', '=', regionId).execute();
  const totals = Object.fromEntries(own.map((r) => [r.metric, Number(r.value)]));
  const batch = new CounterBatch()
    .add(oldParentPath, Object.fromEntries(Object.entries(totals).map(([m, v]) => [m, -v])))
    .add(newParentPath, totals);
  await applyCounterBatch(tx, batch);
  const days = await tx.selectFrom('region_day_counters').select(['day', 'metric', 'value']).where('region_id', '=', regionId).execute();
  const byDay = new Map<string, Record<string, number>>();
  for (const r of days) {
    const day = String(r.day).slice(0, 10);
    const bag = byDay.get(day) ?? {};
    bag[r.metric] = Number(r.value);
    byDay.set(day, bag);
  }
  for (const [day, bag] of byDay) {
    await bumpDayCounters(tx, oldParentPath, day, Object.fromEntries(Object.entries(bag).map(([m, v]) => [m, -v])));
    await bumpDayCounters(tx, newParentPath, day, bag);
  }
}

/** The metric range of a prefix, as an index over a family's counters states it in its WHERE. */
const prefixRange = (metricPrefix: string): [string, string] => [metricPrefix, `${metricPrefix}\uffff`];

/**
 * The largest counters of one region under a metric prefix (a module's "who carries most"),
 * largest first. A family with tens of thousands of counters in one region keeps a partial index
 * (region_id, value desc, metric) over its range and names it here, so the top N is the first N
 * entries of that index instead of a sort of the whole range. The range is written as literals,
 * not parameters: a partial index serves a query only when its WHERE repeats the index's terms.
 */
export async function topCounters(db: Db, regionId: number, metricPrefix: string, limit: number, index?: string): Promise<{ metric: string; value: number }[]> {
  const { rows } = await db.executeQuery(topCountersQuery(db, regionId, metricPrefix, limit, index).compile());
  return rows;
}

/** topCounters' statement, for a request that sends it with other reads (read-together.ts). */
export function topCountersQuery(db: Db, regionId: number, metricPrefix: string, limit: number, index?: string): Compilable<{ metric: string; value: number }> {
  const [lo, hi] = prefixRange(metricPrefix);
  const from = index ? tableIndexedBy(db, 'region_counters', index) : sql`region_counters`;
  const raw = sql<{ metric: string; value: number }>`select metric, value from ${from}
    where region_id = ${regionId} and metric >= ${sql.lit(lo)} and metric < ${sql.lit(hi)} and value > 0
    order by value desc, metric limit ${limit}`;
  return { compile: () => raw.compile(db) };
}

/** Named counters of one region (missing ones are left out). */
export async function counterValues(db: Db, regionId: number, metrics: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < metrics.length; i += 500) {
    const rows = await counterValuesQuery(db, regionId, metrics.slice(i, i + 500))?.execute();
    for (const r of rows ?? []) out.set(r.metric, Number(r.value));
  }
  return out;
}

/** One statement of named counters of one region (null for none); a few thousand names at most (bound parameters). */
export const counterValuesQuery = (db: Db, regionId: number, metrics: readonly string[]) =>
  metrics.length === 0 ? null : db.selectFrom('region_counters').select(['metric', 'value']).where('region_id', '=', regionId).where('metric', 'in', metrics);
