// The household module's counters (see stats/counters.ts): people living in a region by
// category, key persons and households, kept with every write that changes them; and per day,
// the visits made and the people newly registered (the daily report's pre-filled figures and
// the dashboard's trends read them).
import type { Db } from '../../db/schema.ts';
import { CounterBatch, type Deltas, applyCounterBatch, bumpCounters, bumpDayCounters, rebuildCounters } from '../stats/counters.ts';
import { regionsFields, subtreeRegionIds } from '../regions/regions.queries.ts';
import { toBool } from '../../db/dialect.ts';

export const PEOPLE_METRIC_PREFIXES = ['persons', 'key_persons', 'households'] as const;

/** What of a person the counters see: where they live, as what, and whether they still do. */
export interface PersonCountState {
  regionId: number;
  category: string;
  keyPerson: boolean;
  /** Living here (no left_on). */
  active: boolean;
}

export const countStateOf = (row: { region_id: number; category: string; key_person: number; left_on: string | null }): PersonCountState => ({
  regionId: row.region_id,
  category: row.category,
  keyPerson: toBool(row.key_person),
  active: row.left_on === null,
});

function deltasOf(state: PersonCountState, sign: 1 | -1): Deltas {
  if (!state.active) return {};
  return { persons: sign, [`persons.${state.category}`]: sign, key_persons: state.keyPerson ? sign : 0 };
}

async function pathsOf(tx: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await regionsFields(tx, unique, ['id', 'path']);
  return new Map(rows.map((r) => [r.id, r.path]));
}

/** A person registered, edited, merged, left or came back: before and after (null = none). */
export async function countPersonChange(tx: Db, before: PersonCountState | null, after: PersonCountState | null): Promise<void> {
  const paths = await pathsOf(tx, [before?.regionId, after?.regionId].filter((id): id is number => id !== undefined));
  const batch = new CounterBatch();
  if (before) batch.add(paths.get(before.regionId) as string, deltasOf(before, -1));
  if (after) batch.add(paths.get(after.regionId) as string, deltasOf(after, 1));
  await applyCounterBatch(tx, batch);
}

/** Several people at once (a visit's departures, an import), grouped by region first. */
export async function countPeopleGroups(tx: Db, groups: readonly { regionId: number; category: string; keyPerson: boolean; n: number }[], sign: 1 | -1): Promise<void> {
  const paths = await pathsOf(tx, groups.map((g) => g.regionId));
  const batch = new CounterBatch();
  for (const g of groups) {
    batch.add(paths.get(g.regionId) as string, { persons: sign * g.n, [`persons.${g.category}`]: sign * g.n, key_persons: g.keyPerson ? sign * g.n : 0 });
  }
  await applyCounterBatch(tx, batch);
}

export async function countHouseholds(tx: Db, regionId: number, n: number): Promise<void> {
  const paths = await pathsOf(tx, [regionId]);
  await bumpCounters(tx, paths.get(regionId) as string, { households: n });
}

/** Day counters: visits made and people registered on `day` in a region. */
export async function countDay(tx: Db, regionId: number, day: string, deltas: Deltas): Promise<void> {
  const paths = await pathsOf(tx, [regionId]);
  await bumpDayCounters(tx, paths.get(regionId) as string, day, deltas);
}

/** Recounts people and households of a subtree from the records (after a bulk load; nightly). */
export function rebuildPeopleCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: PEOPLE_METRIC_PREFIXES,
    async count(tx, path) {
      const inSubtree = subtreeRegionIds(tx, path);
      const people = await tx
        .selectFrom('persons')
        .select(['region_id', 'category', 'key_person', (eb) => eb.fn.countAll<number>().as('n')])
        .where('region_id', 'in', inSubtree)
        .where('left_on', 'is', null)
        .groupBy(['region_id', 'category', 'key_person'])
        .execute();
      const households = await tx
        .selectFrom('households')
        .select(['region_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('region_id', 'in', inSubtree)
        .groupBy('region_id')
        .execute();
      const out: { regionId: number; metric: string; n: number }[] = [];
      for (const p of people) {
        const n = Number(p.n);
        out.push({ regionId: p.region_id, metric: 'persons', n }, { regionId: p.region_id, metric: `persons.${p.category}`, n });
        if (toBool(p.key_person)) out.push({ regionId: p.region_id, metric: 'key_persons', n });
      }
      for (const h of households) out.push({ regionId: h.region_id, metric: 'households', n: Number(h.n) });
      return out;
    },
  });
}
