// The counter families of region_counters: a metric, or a metric with everything under it
// ('tips' covers 'tips.received', 'tips.routed', …). Each family is kept with the writes of the
// module that owns its records and recounted from those records by that module's rebuild, which
// the module's definition provides (`counters`); app.ts does not compile while a family has none.
// The nightly job (reconcile.job.ts) runs every recount not already run by its module's own job.
import type { Db } from '../../db/schema.ts';

export type CounterFamily =
  | 'persons'
  | 'key_persons'
  | 'households'
  | 'checkpoints'
  | 'quarantines.active'
  | 'family_events'
  | 'inspections'
  | 'rectifications.open'
  | 'tips'
  | 'risk'
  | 'verification'
  | 'responsibility';

export interface CounterRecount {
  /** Recounts its families for the county holding `countyPath` from the records (counters.ts rebuildCounters). */
  rebuild(db: Db, countyPath: string): Promise<void>;
  /** Whether the nightly reconciliation runs it; false when the module's own daily job recounts them. */
  nightly: boolean;
}

/** One recount for the families it rebuilds together: `counters: recountOf(['inspections', 'rectifications.open'], rebuild)`. */
export function recountOf<const F extends CounterFamily>(
  families: readonly F[],
  rebuild: CounterRecount['rebuild'],
  opts: { nightly: boolean } = { nightly: true },
): Record<F, CounterRecount> {
  const recount: CounterRecount = { rebuild, nightly: opts.nightly };
  return Object.fromEntries(families.map((f) => [f, recount])) as Record<F, CounterRecount>;
}
