// Where each figure of the report form is pre-filled from: a small registry, so the modules of
// later capabilities (quarantine, tips) plug in their own counts without this module knowing them.
import type { ReportFigure } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import { addDays } from '../../platform/time.ts';
import { dayRangeUtc } from './zoned-time.ts';

export interface PrefillContext {
  /** The grid and every region below it (micro-grids): records sit in either. */
  regionIds: number[];
  gridPath: string;
  day: string;
  timeZone: string;
}
export type PrefillFigure = (db: Db, ctx: PrefillContext) => Promise<number>;

const providers = new Map<ReportFigure, PrefillFigure>();

/** Registers (or replaces) how `name` is counted; unregistered figures pre-fill as 0. */
export function registerPrefillFigure(name: ReportFigure, fn: PrefillFigure): void {
  providers.set(name, fn);
}
export const prefillProvider = (name: ReportFigure): PrefillFigure | undefined => providers.get(name);

const n = (v: unknown) => Number(v ?? 0);

registerPrefillFigure('householdsVisited', async (db, ctx) => {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.count<number>('household_id').distinct().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('visited_on', '=', ctx.day)
    .executeTakeFirst();
  return n(row?.n);
});

// People registered that day who are not permanent residents: arrivals from elsewhere.
registerPrefillFigure('newArrivals', async (db, ctx) => {
  const [from, to] = dayRangeUtc(ctx.day, ctx.timeZone, addDays(ctx.day, 1));
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('category', '<>', 'resident')
    .executeTakeFirst();
  return n(row?.n);
});

registerPrefillFigure('departures', async (db, ctx) => {
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('left_on', '=', ctx.day)
    .executeTakeFirst();
  return n(row?.n);
});
