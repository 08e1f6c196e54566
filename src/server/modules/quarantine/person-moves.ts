// A person handed over to another region (移交) takes their quarantine orders along — the open
// one and the history — with every check, event and alert of them, so the receiving grid
// carries on where the sender stopped and the sender no longer sees them. The active-order
// counters move from the old region's ancestors to the new one's in the same transaction.
import type { PersonMoveHook } from '../../platform/region-moves.ts';
import { nowIso } from '../../platform/ids.ts';
import { CounterBatch, applyCounterBatch } from '../stats/counters.ts';
import { alertLevels } from './alert-levels.ts';
import { METRIC_ACTIVE } from './quarantine.queries.ts';

export const followMovedPerson: PersonMoveHook = async (tx, move) => {
  const orders = await tx.selectFrom('quarantine_orders').select(['id', 'status']).where('person_id', '=', move.personId).execute();
  if (orders.length === 0) return;
  const ids = orders.map((o) => o.id);
  const region_id = move.toRegionId;
  await tx.updateTable('quarantine_orders').set({ region_id, updated_at: nowIso() }).where('id', 'in', ids).execute();
  await tx.updateTable('quarantine_checks').set({ region_id }).where('order_id', 'in', ids).execute();
  await tx.updateTable('quarantine_events').set({ region_id }).where('order_id', 'in', ids).execute();
  await tx.updateTable('quarantine_alerts').set({ region_id, ...alertLevels(move.toPath) }).where('order_id', 'in', ids).execute();
  const active = orders.filter((o) => o.status === 'active').length;
  if (active > 0) {
    await applyCounterBatch(tx, new CounterBatch().add(move.fromPath, { [METRIC_ACTIVE]: -active }).add(move.toPath, { [METRIC_ACTIVE]: active }));
  }
};
