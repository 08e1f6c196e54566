// View counts of public notices. A popular notice is read by many phones at once: one UPDATE per
// read would serialise them on SQLite's single writer. Reads are counted in memory and added to
// the stored count every few seconds (and when the app closes); a reader sees stored + pending.
// A crash loses at most the last few seconds of counts, which a view counter can afford.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';

export const FLUSH_EVERY_MS = 5_000;

export class NoticeViews {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush().catch(() => undefined), FLUSH_EVERY_MS);
    this.timer.unref(); // never keeps the process alive on its own
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** Counts one read; answers the views not yet stored (this one included). */
  add(id: string): number {
    const n = (this.pending.get(id) ?? 0) + 1;
    this.pending.set(id, n);
    return n;
  }

  pendingOf(id: string): number {
    return this.pending.get(id) ?? 0;
  }

  /** Adds the pending counts to the stored ones; one flush at a time. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow());
    return this.flushing;
  }

  private async flushNow(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const [id, n] of batch) {
          await tx.updateTable('notices').set({ views: sql<number>`views + ${n}` }).where('id', '=', id).execute();
        }
      });
    } catch (err) {
      // Not lost: added back for the next flush.
      for (const [id, n] of batch) this.pending.set(id, (this.pending.get(id) ?? 0) + n);
      throw err;
    }
  }
}

const counters = new WeakMap<object, NoticeViews>();

/** The app's counter (keyed by its database handle, shared by the app and its plugins). */
export function noticeViewsOf(app: { db: Db }): NoticeViews {
  let views = counters.get(app.db);
  if (!views) counters.set(app.db, (views = new NoticeViews(app.db)));
  return views;
}
