// Where the people import's reading phase runs: in a worker thread for anything bigger than a
// small file, so parsing and encryption use the other core and a reader that runs out of heap
// dies alone — its 'error' fails the job (FILE_TOO_COMPLEX) and this process goes on. What the
// reader holds outside its heap (the shared strings, zlib's buffers) is bounded by the limits
// of shared/import-limits.ts, counted while it reads.
import { Worker } from 'node:worker_threads';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { type ReaderEvent, type ReaderInput, readPersonRows } from './person-reader.ts';

/** Bytes to parse up to which a file is read on the main thread (a worker costs a second). */
export const INLINE_READ_BYTES = 2 * 1024 * 1024;
/** The reader worker's old generation. */
export const READER_HEAP_MB = 160;

export interface Reader {
  events(): AsyncGenerator<ReaderEvent>;
  /** The last chunk is written: the reader may send the next. */
  next(): void;
  stop(): Promise<void>;
}

export function inlineReader(crypto: FieldCrypto, input: ReaderInput): Reader {
  return { events: () => readPersonRows(crypto, input), next: () => undefined, stop: async () => undefined };
}

const WORKER_BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
import('tsx/esm/api').then((api) => { api.register(); return import(workerData.entry); });
`;
// The production build (npm run build → dist/server) runs compiled JavaScript: the worker
// imports its compiled entry directly, with no TypeScript compiler loaded at run time.
const COMPILED_WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
import(workerData.entry);
`;
const compiled = import.meta.url.endsWith('.js');

/** The reader in a worker thread; its events in order, and "next" when a chunk is written. */
export function startReader(crypto: FieldCrypto, input: ReaderInput, heapMb = READER_HEAP_MB): Reader {
  const entry = new URL(compiled ? './person-reader.worker.js' : './person-reader.worker.ts', import.meta.url).href;
  // tsx registered inside the worker: it runs the TypeScript entry wherever we were started
  // from (npm start under tsx, or a test runner).
  // A small old generation keeps the reader's memory flat: V8 otherwise lets garbage pile up
  // to hundreds of MB before collecting (the live set is a chunk and the shared strings, which
  // live outside the heap).
  const worker = new Worker(compiled ? COMPILED_WORKER_BOOT : WORKER_BOOT, {
    eval: true,
    workerData: { entry, keyring: crypto.keyringForWorker(), input },
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.min(32, heapMb) },
  });
  const queue: ReaderEvent[] = [];
  let wake: (() => void) | null = null;
  let ended: Error | null | 'exit' = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  worker.on('message', (event: ReaderEvent) => {
    queue.push(event);
    notify();
  });
  worker.on('error', (err) => {
    ended = err;
    notify();
  });
  worker.on('exit', () => {
    ended ??= 'exit';
    notify();
  });
  return {
    async *events(): AsyncGenerator<ReaderEvent> {
      for (;;) {
        const event = queue.shift();
        if (event) {
          yield event;
          continue;
        }
        if (ended) {
          if (ended instanceof Error) throw ended;
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
    next: () => worker.postMessage('next'),
    stop: async () => {
      await worker.terminate();
    },
  };
}
