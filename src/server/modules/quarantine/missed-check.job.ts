// Each county day after the check deadline (20:00 county time): a missed_check alert for every
// order in force that day without a check that day. claimRun keeps a second instance from
// running the same day; the partial unique index (order, kind, day) keeps a retried run from
// raising an alert twice.
// A run long after the deadline (no instance was up at 20:00: a server started at 23:00) still
// raises that day's alerts — the checks were missed — but marks them caught_up, so the list says
// they were recorded late and why instead of showing dozens stamped at once unexplained. Days
// before today are never run again: runKeyAt only names the current day.
import { alertLevels } from './alert-levels.ts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { ScheduledJob } from '../../platform/jobs.ts';
import { dayIn } from '../../platform/time.ts';
import { clockIn, zonedInstant } from '../../platform/zoned-time.ts';
import { ALERT_SEVERITY, CHECK_DEADLINE } from '../../../shared/quarantine.ts';
import { fromBool } from '../../db/dialect.ts';
import { notifyResponsible } from '../responsibility/responsible-messages.ts';

export const MISSED_CHECK_JOB = 'quarantine-missed-check';
export { CHECK_DEADLINE };

/** A run this long after the deadline marks its alerts as caught up. */
export const CATCH_UP_AFTER_MS = 30 * 60_000;

export async function raiseMissedChecks(db: Kysely<DB>, day: string, publish: (e: LiveEvent) => void, opts: { caughtUp?: boolean } = {}): Promise<number> {
  const due = await db
    .selectFrom('quarantine_orders as o')
    .innerJoin('regions as r', 'r.id', 'o.region_id')
    .select(['o.id', 'o.region_id', 'r.path'])
    .where('o.status', '=', 'active')
    .where('o.start_on', '<=', day)
    .where('o.end_on', '>=', day)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('quarantine_checks as c').select('c.id').whereRef('c.order_id', '=', 'o.id').where('c.day', '=', day))),
    )
    .execute();
  let raised = 0;
  for (const order of due) {
    const id = newId();
    // The alert and the messages to its person's responsible people commit together.
    const inserted = await db.transaction().execute(async (tx) => {
      const res = await tx
        .insertInto('quarantine_alerts')
        .values({ id, order_id: order.id, region_id: order.region_id, kind: 'missed_check', day, raised_at: nowIso(), acknowledged_at: null, acknowledged_by: null, ...alertLevels(order.path), severity: ALERT_SEVERITY.missed_check, caught_up: fromBool(opts.caughtUp ?? false) })
        // The target repeats the partial index's predicate as a literal: SQLite matches it textually.
        .onConflict((oc) => oc.columns(['order_id', 'kind', 'day']).where(sql.ref('kind'), '=', sql.lit('missed_check')).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await notifyResponsible(tx, { alertId: id, orderId: order.id, kind: 'missed_check' });
      return true;
    });
    if (!inserted) continue;
    raised += 1;
    publish({ type: 'quarantine.alert', regionPath: order.path, data: { id, kind: 'missed_check', orderId: order.id } });
  }
  return raised;
}

export function quarantineMissedCheckJob(deps: { timeZone: string; publish: (e: LiveEvent) => void; at?: string }): ScheduledJob {
  const at = deps.at ?? CHECK_DEADLINE;
  return {
    name: MISSED_CHECK_JOB,
    runKeyAt: (now) => (clockIn(deps.timeZone, now) >= at ? dayIn(deps.timeZone, now) : null),
    async run(db, day, now = new Date()) {
      const late = now.getTime() - zonedInstant(day, at, deps.timeZone).getTime() > CATCH_UP_AFTER_MS;
      await raiseMissedChecks(db, day, deps.publish, { caughtUp: late });
    },
  };
}
