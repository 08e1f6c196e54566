// SQLite reads off the event loop: better-sqlite3 answers synchronously, so an 800-ms county
// scan on the main thread made every other request wait for it (issue 17). Reads that may be
// slow (lists, searches, dashboards, exports) go to a few readonly connections in worker
// threads instead; WAL lets them read while the main connection writes.
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

/** How many reader threads by default: one per core, at most 4 (the writer keeps the main thread). */
export function defaultSqliteReaders(): number {
  return Math.min(4, os.availableParallelism());
}

export interface ReadResult {
  rows: Record<string, unknown>[];
}

/** One statement and its parameters, as the worker prepares it. */
export interface ReadStatement {
  sql: string;
  parameters: readonly unknown[];
  /**
   * In a batch: left out (no rows) when the statement at this index of the same reads, run
   * before it, answered a first column above zero — a list's bounded count where the counter
   * already said "more than the bound" (platform/list-total.ts readPageWithTotal).
   */
  skipIf?: number;
}

type Rows = { rows: Record<string, unknown>[]; blobColumns: string[] };
type WorkerError = { error: { code: string; message: string } };
type WorkerAnswer = Rows | WorkerError;
type BatchAnswer = { chosen: number; results: Rows[] } | WorkerError;

export interface SqliteReadPoolOptions {
  /**
   * The reader threads' nice value on Linux (0 = as the server; higher gives way to the other
   * threads when the cores are busy): the bulk lane's thread (exports) runs at a higher one.
   */
  nice?: number;
}

export class SqliteReadPool {
  readonly #file: string;
  readonly #readers: number;
  readonly #nice: number;
  #pool: Piscina | null = null;
  #closed = false;
  #jobs = 0;

  constructor(file: string, readers: number, options: SqliteReadPoolOptions = {}) {
    this.#file = file;
    this.#readers = readers;
    this.#nice = options.nice ?? 0;
  }

  /** The threads start with the first read: a migration or a CLI that never reads through the pool starts none. */
  get #started(): Piscina {
    if (this.#closed) throw Object.assign(new Error('the database is closed'), { code: 'READ_POOL_CLOSED' });
    this.#pool ??= new Piscina({
      filename: new URL('./sqlite-reader.worker.mjs', import.meta.url).href,
      workerData: { file: this.#file, nice: this.#nice },
      minThreads: this.#readers,
      maxThreads: this.#readers,
      // Queue without bound: the HTTP server's own connection limits bound the waiting requests.
      maxQueue: Number.POSITIVE_INFINITY,
      // A thread and its connection (with its page cache) live as long as the pool.
      idleTimeout: Number.POSITIVE_INFINITY,
      concurrentTasksPerWorker: 1,
    });
    return this.#pool;
  }

  /**
   * Starts the readers now rather than with the first read: the server calls this once it listens,
   * so the first person to open a list does not wait for threads to start and load SQLite (seconds
   * on a loaded two-core machine). Resolves when every reader has answered once.
   */
  async warm(): Promise<void> {
    await Promise.all(Array.from({ length: this.#readers }, () => this.read('select 1', [])));
  }

  /** Runs one statement on a free reader. A reader that dies mid-query fails that query only; piscina starts a new one. */
  async read(sql: string, parameters: readonly unknown[]): Promise<ReadResult> {
    const answer = await this.#run<WorkerAnswer>({ sql, parameters });
    if ('error' in answer) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    return { rows: withBuffers(answer) };
  }

  /**
   * Several reads in one job on one reader (one hop to the thread instead of one per read, and
   * one snapshot): of `alternatives`, those of the one whose `counts` statement counts least
   * (the first of equals; without counts, the first). Used where a request's reads do not depend
   * on each other's rows, e.g. a search's page and its total (sqlite-reader.worker.mjs).
   */
  async readBatch(counts: readonly ReadStatement[], alternatives: readonly (readonly ReadStatement[])[]): Promise<{ chosen: number; results: ReadResult[] }> {
    const answer = await this.#run<BatchAnswer>({ counts, alternatives });
    if ('error' in answer) throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
    return { chosen: answer.chosen, results: answer.results.map((r) => ({ rows: withBuffers(r) })) };
  }

  async #run<A>(job: unknown): Promise<A> {
    const pool = this.#started;
    this.#jobs += 1;
    try {
      return await pool.run(job);
    } catch (err) {
      // Not SQLite's error (that comes back as an answer): the thread itself stopped. Said so
      // without the SQL, which may carry a searched ID number.
      throw Object.assign(new Error('a database reader thread stopped during the query'), { code: 'READ_POOL_READER_STOPPED', cause: err });
    }
  }

  /** How many jobs (reads, batches) were sent to the threads: tests prove with it that a read ran here, not on the main connection. */
  get jobs(): number {
    return this.#jobs;
  }

  /** The reader threads, for tests that stop one to prove the pool recovers. */
  get threads(): readonly Worker[] {
    return this.#pool?.threads ?? [];
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#pool?.destroy();
    this.#pool = null;
  }
}

/** Buffers arrive as plain Uint8Arrays after the copy between threads: made Buffers again, as the writer's rows have them. */
function withBuffers(answer: Rows): Record<string, unknown>[] {
  for (const column of answer.blobColumns) {
    for (const row of answer.rows) {
      const value = row[column];
      if (value instanceof Uint8Array && !Buffer.isBuffer(value)) row[column] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return answer.rows;
}
