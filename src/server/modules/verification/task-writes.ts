// Every change of a task goes through here: the compare-and-set on its version, its counters
// (task-counters.ts) and its list's routed/unrouted figures, all in the change's transaction, so
// a list's page and progress show a bulk assignment the moment it commits.
import type { Db } from '../../db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { TaskCounterBatch } from './task-counters.ts';
import * as q from './verification.queries.ts';
import type { VerificationTasksTable } from './verification.tables.ts';

export class TaskWrites {
  private readonly counters = new TaskCounterBatch();
  /** list id → tasks that left its unrouted pool. */
  private readonly routed = new Map<string, number>();

  /** Saves `values` over `row` when nobody changed it since it was read (409 otherwise). */
  async save(tx: Db, row: VerificationTasksTable, values: Partial<VerificationTasksTable>): Promise<void> {
    if (!(await q.updateTask(tx, row.id, row.version, values))) throw new AppError('CONFLICT', 'the task changed meanwhile: reload it and try again');
    const after = { ...row, ...values };
    this.counters.change(row, after);
    if (row.routed_by === null && after.routed_by !== null) this.routed.set(row.list_id, (this.routed.get(row.list_id) ?? 0) + 1);
  }

  /** Writes the counters and list figures of every save so far; call before the transaction ends. */
  async flush(tx: Db): Promise<void> {
    await this.counters.apply(tx);
    for (const [listId, n] of [...this.routed].sort(([a], [b]) => (a < b ? -1 : 1))) await q.poolAssigned(tx, listId, n);
    this.routed.clear();
  }
}

/** One task's change with its counters. */
export async function saveTask(tx: Db, row: VerificationTasksTable, values: Partial<VerificationTasksTable>): Promise<void> {
  const writes = new TaskWrites();
  await writes.save(tx, row, values);
  await writes.flush(tx);
}
