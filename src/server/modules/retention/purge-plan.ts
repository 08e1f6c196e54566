// What a purge does at a given moment, said once for the dry run and the purge itself: for each
// county, first every stand-down whose period has run out (each epidemic-only kind, every record
// of the stood-down subtree that has closed by now), then each kind by the county's retention
// (records closed before now less its days). A record due both ways is counted once: the dry
// run takes the stand-down's share out of the county's, as the purge finds it gone.
import { HOUSEHOLD_REGISTER, type PurgeKind, RETENTION_KINDS, RETENTION_KIND_NAMES, type RetentionKind } from '../../../shared/retention.ts';
import type { Db } from '../../db/schema.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { countyRoots, regionsInSubtree } from '../regions/regions.queries.ts';
import type { DueQuery, RetentionHandler } from './retention-handler.ts';
import { REGISTER_HANDLERS, RETENTION_HANDLERS } from './retention.kinds.ts';
import { type StandDownRow, standingInSubtree, storedPolicies } from './retention.queries.ts';

export interface Pass extends DueQuery {
  kind: PurgeKind;
  handler: RetentionHandler;
  /** Stand-down passes: the same subtree at the county's cutoff, whose count the county pass must not count again. */
  overlapsCounty?: DueQuery;
}

export interface CountyPlan {
  county: { id: number; path: string; name: string };
  passes: Pass[];
  /** Stand-downs whose period ran out: marked purged (no longer revocable) when the purge has run. */
  standDownsDue: StandDownRow[];
  /** A region's id → the id of the county's child holding it (the preview's and the run's rows), or the county's own. */
  groupOf: Map<number, number>;
  names: Map<number, string>;
}

export const keptDays = (stored: ReadonlyMap<string, number>, kind: RetentionKind) => stored.get(kind) ?? RETENTION_KINDS[kind].defaultDays;

/** The day a stand-down's purge may run: its date plus its period. */
export const purgeFromOf = (sd: Pick<StandDownRow, 'ended_on' | 'purge_after_days'>) => addDays(String(sd.ended_on).slice(0, 10), sd.purge_after_days);

export async function planPurge(db: Db, now: Date, timeZone: string, onlyCountyId?: number): Promise<CountyPlan[]> {
  const today = dayIn(timeZone, now);
  const nowIso = now.toISOString();
  const plans: CountyPlan[] = [];
  for (const county of await countyRoots(db)) {
    if (onlyCountyId !== undefined && county.id !== onlyCountyId) continue;
    const stored = await storedPolicies(db, county.id);
    const regions = await regionsInSubtree(db, county.path, ['id', 'path', 'name']);
    const pathOf = new Map(regions.map((r) => [r.id, r.path]));
    const countyDepth = county.path.split('/').filter(Boolean).length;
    const groupOf = new Map(regions.map((r) => [r.id, Number(r.path.split('/').filter(Boolean)[countyDepth] ?? county.id)]));
    const names = new Map(regions.map((r) => [r.id, r.name]));

    const ranOut = (await standingInSubtree(db, county.path)).filter((sd) => purgeFromOf(sd) <= today && pathOf.has(sd.region_id));
    const pathsOf = (sds: readonly StandDownRow[]) => sds.map((sd) => ({ sd, path: pathOf.get(sd.region_id) as string }));
    const outermost = <T extends { path: string }>(list: readonly T[]) => list.filter((a) => !list.some((b) => b !== a && a.path.startsWith(b.path)));
    const duePaths = pathsOf(ranOut.filter((sd) => sd.purged_at === null));
    // A stand-down inside another due one is covered by it.
    const outer = outermost(duePaths);

    const cutoffOf = (kind: RetentionKind) => new Date(now.getTime() - keptDays(stored, kind) * 86_400_000).toISOString();
    const passes: Pass[] = [];
    for (const { path } of outer) {
      for (const kind of RETENTION_KIND_NAMES) {
        if (!RETENTION_KINDS[kind].epidemicOnly) continue;
        for (const handler of RETENTION_HANDLERS[kind]) passes.push({ kind, handler, rootPath: path, closedBefore: nowIso, overlapsCounty: { rootPath: path, closedBefore: cutoffOf(kind) } });
      }
    }
    // The register after the stand-downs' own passes (their records of its people go first), where
    // the county chose to purge it: what was registered before the stand-down was recorded. Stand-downs
    // purged already stay in: a household held by open work then goes at the first run after.
    for (const { sd, path } of outermost(pathsOf(ranOut.filter((sd) => sd.register === 'purge')))) {
      const registeredBefore = new Date(sd.created_at).toISOString();
      for (const handler of REGISTER_HANDLERS) passes.push({ kind: HOUSEHOLD_REGISTER, handler, rootPath: path, closedBefore: registeredBefore });
    }
    for (const kind of RETENTION_KIND_NAMES) {
      for (const handler of RETENTION_HANDLERS[kind]) passes.push({ kind, handler, rootPath: county.path, closedBefore: cutoffOf(kind) });
    }
    plans.push({ county: { id: county.id, path: county.path, name: county.name }, passes, standDownsDue: duePaths.map((d) => d.sd), groupOf, names });
  }
  return plans;
}

/** Key of a (kind, group region) count. */
export const countKey = (kind: PurgeKind, regionId: number) => `${kind}\u0000${regionId}`;

/** The dry run: how many records each kind would lose, per the county's child region. */
export async function previewCounts(db: Db, plan: CountyPlan): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const add = (kind: PurgeKind, regionId: number, n: number) => {
    const group = plan.groupOf.get(regionId) ?? plan.county.id;
    const key = countKey(kind, group);
    counts.set(key, (counts.get(key) ?? 0) + n);
  };
  for (const pass of plan.passes) {
    for (const r of await pass.handler.countDue(db, pass)) add(pass.kind, r.regionId, r.n);
    if (pass.overlapsCounty) for (const r of await pass.handler.countDue(db, pass.overlapsCounty)) add(pass.kind, r.regionId, -r.n);
  }
  for (const [key, n] of counts) if (n === 0) counts.delete(key);
  return counts;
}
