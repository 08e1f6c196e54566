// How big the purge's batches are and how long it rests between them. On SQLite a batch's
// transaction runs on the server's own thread and nothing else is served meanwhile: 500
// households at once (their people, visits, forms…) held the thread for hundreds of ms, and a
// staff page's p99 went 99 -> 582 ms (docs/benchmarks.md, "Purge"). So each batch is sized by
// time — the next batch's size follows the last one's records per ms so that it takes about
// `budgetMs` — and after it the purge rests in proportion to the time it held the thread, so that
// requests get at least `1 - duty` of the time. On PostgreSQL the writes run in the database's
// processes and the server goes on serving: full batches, only a turn of the event loop between.
import { setTimeout as sleep, setImmediate as yieldToOthers } from 'node:timers/promises';

export interface PaceOptions {
  /** Records in the first batch, the fewest and the most in any batch. */
  firstSize: number;
  minSize: number;
  maxSize: number;
  /** The write work one batch aims at (ms); Infinity keeps every batch at maxSize. */
  budgetMs: number;
  /** The share of the time the purge may hold the thread (the rest is a pause after each batch). */
  duty: number;
}

export const SQLITE_PACE: PaceOptions = { firstSize: 50, minSize: 10, maxSize: 500, budgetMs: 25, duty: 0.5 };
export const POSTGRES_PACE: PaceOptions = { firstSize: 500, minSize: 500, maxSize: 500, budgetMs: Number.POSITIVE_INFINITY, duty: 1 };

export class BatchPacer {
  private size: number;
  constructor(private readonly opts: PaceOptions) {
    this.size = Math.min(opts.firstSize, opts.maxSize);
  }

  /** How many records to take next. */
  get next(): number {
    return this.size;
  }

  /**
   * After a batch of `records` whose removal took `workMs` and which held the thread `heldMs` in
   * all (with the query finding them): sizes the next one by the removal's cost per record — the
   * finding query costs about the same for 1 record as for 500, so counting it would shrink the
   * batches to one record each (the 250,000-person county's register purge did: 405 records in
   * 6 minutes) — then rests in proportion to the whole time held.
   */
  async after(records: number, workMs: number, heldMs = workMs): Promise<void> {
    const { budgetMs, maxSize, minSize, duty } = this.opts;
    if (Number.isFinite(budgetMs) && records > 0) {
      const fitting = Math.floor((records * budgetMs) / Math.max(workMs, 0.1));
      // At most doubling per batch: one fast batch (rows already cached) must not make the next
      // one ten times longer than the budget.
      this.size = Math.max(minSize, Math.min(maxSize, fitting, this.size * 2));
    }
    const rest = duty < 1 ? (heldMs * (1 - duty)) / duty : 0;
    if (rest >= 1) await sleep(rest);
    else await yieldToOthers();
  }
}
