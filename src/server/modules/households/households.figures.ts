// The daily report's figures counted from the households module's records: the grid's visits,
// arrivals and departures of the day (the households module's definition provides them).
import { type PrefillFigure, reportDayRange } from '../reports/prefill.ts';

const n = (v: unknown) => Number(v ?? 0);

export const householdsVisited: PrefillFigure = async (db, ctx) => {
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.fn.count<number>('household_id').distinct().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('visited_on', '=', ctx.day)
    .executeTakeFirst();
  return n(row?.n);
};

/** People registered that day who are not permanent residents: arrivals from elsewhere. */
export const newArrivals: PrefillFigure = async (db, ctx) => {
  const [from, to] = reportDayRange(ctx);
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where('category', '<>', 'resident')
    .executeTakeFirst();
  return n(row?.n);
};

export const departures: PrefillFigure = async (db, ctx) => {
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('left_on', '=', ctx.day)
    .executeTakeFirst();
  return n(row?.n);
};
