// The daily report's quarantine figures, counted from the orders and checks of the grid (the
// quarantine module's definition provides them).
import { type PrefillFigure, reportDayRange } from '../reports/prefill.ts';
import { DB_TRUE } from '../../db/dialect.ts';

/** Orders in force at some point that day: started by then, not released before it began. */
export const underQuarantine: PrefillFigure = async (db, ctx) => {
  const [dayStart] = reportDayRange(ctx);
  const row = await db
    .selectFrom('quarantine_orders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('start_on', '<=', ctx.day)
    .where((eb) => eb.or([eb('released_at', 'is', null), eb('released_at', '>=', dayStart)]))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

/** People with a fever check that day (one person checked twice counts once). */
export const abnormalHealth: PrefillFigure = async (db, ctx) => {
  const row = await db
    .selectFrom('quarantine_checks')
    .select((eb) => eb.fn.count<number>('order_id').distinct().as('n'))
    .where('region_id', 'in', ctx.regionIds)
    .where('day', '=', ctx.day)
    .where('fever', '=', DB_TRUE)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};
