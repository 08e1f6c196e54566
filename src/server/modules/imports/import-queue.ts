// Imports (people and territory) run a few at a time in each server process
// (GRIDGUARD_IMPORT_CONCURRENCY, default 1): each one may use a worker's heap and its
// shared-strings budget, and eight at once would add up to more memory than the process has.
// The others wait here in arrival order, `queued`, their place written to their job
// (queue_position, "2 ahead of you") whenever the queue moves and every minute, which also
// keeps a long wait from looking like a job whose server died (import-jobs.ts STALE_AFTER_MS).
// When the server stops, the running imports finish and the waiting ones are failed with a
// message to run them again, instead of being silently lost.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';
import { failJob } from './import-jobs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    importQueue: ImportQueue;
  }
}

const HEARTBEAT_MS = 60_000;
export const STOPPED_BEFORE_START = 'the server stopped before the import started: run it again';

export interface QueuedImport {
  id: string;
  run: () => Promise<void>;
}

export class ImportQueue {
  private readonly waiting: QueuedImport[] = [];
  private readonly active = new Set<Promise<void>>();
  private published: Promise<void> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
    readonly concurrency: number,
  ) {
    this.heartbeat = setInterval(() => this.publish(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Runs the import when a place is free; its job must be `queued` already. */
  add(job: QueuedImport): void {
    if (this.closed) {
      void failJob(this.db, job.id, STOPPED_BEFORE_START).catch(() => undefined);
      return;
    }
    this.waiting.push(job);
    this.pump();
    this.publish();
  }

  get runningCount(): number {
    return this.active.size;
  }

  get waitingCount(): number {
    return this.waiting.length;
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency) {
      const next = this.waiting.shift();
      if (!next) return;
      // Started on the next turn of the event loop: the upload's answer goes out first.
      const run: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
        .then(next.run)
        .catch((err: unknown) => this.log.error({ err, importId: next.id }, 'import stopped'))
        .finally(() => {
          this.active.delete(run);
          this.pump();
          this.publish();
        });
      this.active.add(run);
    }
  }

  /** Writes each waiting job's place, one write after the other, from the queue as it is then. */
  private publish(): void {
    this.published = this.published
      .then(async () => {
        const now = nowIso();
        for (const [position, job] of [...this.waiting].entries()) {
          await this.db.updateTable('import_jobs').set({ queue_position: position, updated_at: now }).where('id', '=', job.id).where('status', '=', 'queued').execute();
        }
      })
      .catch((err: unknown) => this.log.warn({ err }, 'import queue places not written'));
  }

  /** No new starts; the waiting imports are failed (to be run again), the running ones finish. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    const left = this.waiting.splice(0);
    await this.published;
    for (const job of left) await failJob(this.db, job.id, STOPPED_BEFORE_START).catch(() => undefined);
    await Promise.allSettled([...this.active]);
  }
}
