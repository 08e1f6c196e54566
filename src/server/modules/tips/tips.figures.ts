// The daily report's tip figure (the tips module's definition provides it).
import { type PrefillFigure, reportDayRange } from '../reports/prefill.ts';

/**
 * The tips the public filed in the grid that day (in the county's zone): where the reporter
 * placed them, whatever region they were routed to since; a duplicate counts, it was filed too.
 */
export const tipsReceived: PrefillFigure = async (db, ctx) => {
  const [from, to] = reportDayRange(ctx);
  const row = await db
    .selectFrom('tips')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('filed_region_id', 'in', ctx.regionIds)
    .where('filed_at', '>=', from)
    .where('filed_at', '<', to)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};
