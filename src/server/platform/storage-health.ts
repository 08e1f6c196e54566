// A full disk is the operator's to fix, not a bug: a request that hits it is refused with 503
// STORAGE_FULL (errors.ts), the cause is logged at most once a minute however many requests
// fail meanwhile, and /healthz says "degraded" until a write commits again.
import fs from 'node:fs';
import type { FastifyBaseLogger } from 'fastify';
import { isDatabaseFull, isDatabaseWriteIoError } from '../db/dialect.ts';

export const STORAGE_LOG_EVERY_MS = 60_000;

/** On an I/O error that a failing disk also gives, less free space than this means "full". */
const NEARLY_FULL_BYTES = 1_048_576;

/** Node's file errors for "no space" and "over quota" (sealed uploads, keys). */
const FILE_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

const NO_SPACE_TEXT = /no space left on device/i;

/** The error and the errors it wraps (`cause`), innermost last. */
function chainOf(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e && chain.length < 5; e = (e as { cause?: unknown }).cause) chain.push(e);
  return chain;
}

/** Free bytes for an unprivileged writer on the filesystem holding `dir`; null when unknown. */
export function freeBytesOf(dir: string): number | null {
  try {
    const s = fs.statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

export interface StorageHealthOptions {
  log: FastifyBaseLogger;
  /** Where the database file and uploads live: their free space settles ambiguous I/O errors. */
  dirs: readonly string[];
  now?: () => number;
  freeBytes?: (dir: string) => number | null;
}

export class StorageHealth {
  readonly #log: FastifyBaseLogger;
  readonly #dirs: readonly string[];
  readonly #now: () => number;
  readonly #freeBytes: (dir: string) => number | null;
  #full = false;
  #lastLogAt: number | null = null;
  #refusedSinceLog = 0;
  #refusedWhileFull = 0;

  constructor(opts: StorageHealthOptions) {
    this.#log = opts.log;
    this.#dirs = opts.dirs;
    this.#now = opts.now ?? Date.now;
    this.#freeBytes = opts.freeBytes ?? freeBytesOf;
  }

  /** What /healthz reports: null while writes work. */
  get degraded(): 'storage_full' | null {
    return this.#full ? 'storage_full' : null;
  }

  /** Whether `err` means the storage is full; if so it is counted and logged (once a minute). */
  noteFailure(err: unknown): boolean {
    const cause = chainOf(err).find((e) => this.#isFull(e));
    if (cause === undefined) return false;
    this.#full = true;
    this.#refusedWhileFull += 1;
    this.#refusedSinceLog += 1;
    const now = this.#now();
    if (this.#lastLogAt === null || now - this.#lastLogAt >= STORAGE_LOG_EVERY_MS) {
      // The database's and the file system's messages name files and codes, never a record.
      this.#log.error(
        { err: cause, refusedSinceLastLog: this.#refusedSinceLog },
        'storage full: writes are refused with 503 STORAGE_FULL until space is freed (logged at most once a minute)',
      );
      this.#lastLogAt = now;
      this.#refusedSinceLog = 0;
    }
    return true;
  }

  /** A write committed: the storage takes writes again. */
  noteWriteCommitted(): void {
    if (!this.#full) return;
    this.#log.warn({ refused: this.#refusedWhileFull }, 'storage takes writes again');
    this.#full = false;
    this.#lastLogAt = null;
    this.#refusedSinceLog = 0;
    this.#refusedWhileFull = 0;
  }

  #isFull(err: unknown): boolean {
    if (isDatabaseFull(err)) return true;
    const code = (err as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && FILE_FULL_CODES.has(code)) return true;
    if (err instanceof Error && NO_SPACE_TEXT.test(err.message)) return true;
    if (isDatabaseWriteIoError(err)) {
      return this.#dirs.some((dir) => {
        const free = this.#freeBytes(dir);
        return free !== null && free < NEARLY_FULL_BYTES;
      });
    }
    return false;
  }
}
