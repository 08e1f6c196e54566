// A person handed over to another region (移交 accepted): the open verification tasks that name
// them follow them to the receiving region, whose grid must now find them; the deadline keeps
// running and the counters move with the tasks.
import type { PersonMoveHook } from '../../platform/region-moves.ts';
import { TaskWrites } from './task-writes.ts';

const OPEN = ['open', 'sent_back'] as const;

export const followMovedPerson: PersonMoveHook = async (tx, move) => {
  const rows = await tx.selectFrom('verification_tasks').selectAll().where('person_id', '=', move.personId).where('status', 'in', OPEN).where('region_id', '<>', move.toRegionId).execute();
  if (rows.length === 0) return;
  const writes = new TaskWrites();
  for (const row of rows) await writes.save(tx, row, { region_id: move.toRegionId, routed_by: 'manual', route_score: null, route_reason: 'the person was handed over to this region' });
  await writes.flush(tx);
};
