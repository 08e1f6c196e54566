// Fan-out for live views (server-sent events). In one process an EventEmitter is all it takes.
// Several instances on one PostgreSQL database also hear each other through LISTEN/NOTIFY (the
// database they already share; no broker to run): each event is delivered locally at once and
// sent on the channel tagged with this instance's id, so the echo is ignored.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from '../db/connect.ts';

export interface LiveEvent {
  type: string;
  /** Path of the region the event happened in: subscribers see only their subtree. */
  regionPath: string;
  data?: Record<string, unknown>;
}

export interface EventBus {
  publish(event: LiveEvent): void;
  /** Calls `observer` with the seconds each event from another instance took to arrive (publish → NOTIFY → here). */
  observeLag(observer: (seconds: number) => void): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  /** Settled once this instance listens on the shared channel (at once without one); a failed first try retries in the background. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export const EVENT_CHANNEL = 'gridguard_events';
/** NOTIFY payloads must stay under 8,000 bytes: a bigger event travels without its data. */
const MAX_PAYLOAD = 7_500;
/**
 * The longest wait between LISTEN attempts. Events published while this instance does not
 * listen are lost to its users, so it tries often: a restarted PostgreSQL is back in seconds
 * (the pg-restart drill), and one cheap connection attempt every few seconds costs nothing.
 */
const MAX_RETRY_MS = 3_000;

interface Log {
  warn(obj: object, msg: string): void;
}

export function createEventBus(database?: Pick<Database, 'listen' | 'notify'>, log?: Log): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const instance = randomUUID();
  const deliver = (event: LiveEvent) => emitter.emit('event', event);
  let observeLag: (seconds: number) => void = () => undefined;
  let stopListening: (() => Promise<void>) | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const listen = async (attempt: number): Promise<void> => {
    if (!database?.listen || closed) return;
    try {
      stopListening = await database.listen(
        EVENT_CHANNEL,
        (payload) => {
          try {
            const { from, sentAt, event } = JSON.parse(payload) as { from: string; sentAt?: number; event: LiveEvent };
            if (from === instance) return;
            if (typeof sentAt === 'number') observeLag(Math.max(0, Date.now() - sentAt) / 1000);
            deliver(event);
          } catch {
            // Not ours or malformed: nothing to deliver.
          }
        },
        (err) => {
          // The listening connection dropped (a database restart): listen again, the backoff
          // starting over — this connection had worked.
          log?.warn({ err: err.message }, 'live events: the LISTEN connection failed; reconnecting');
          const stop = stopListening;
          stopListening = null;
          void stop?.().catch(() => undefined);
          scheduleRetry(0);
        },
      );
    } catch (err) {
      log?.warn({ err: (err as Error).message }, 'live events: LISTEN failed; retrying');
      scheduleRetry(attempt + 1);
    }
  };
  const scheduleRetry = (attempt: number) => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void listen(attempt);
    }, Math.min(MAX_RETRY_MS, 500 * 2 ** attempt));
    retryTimer.unref();
  };
  const ready = listen(0);
  let sending: Promise<void> = Promise.resolve();

  return {
    publish(event) {
      deliver(event);
      if (!database?.notify) return;
      // sentAt: the publishing instance's clock, for the lag the receivers measure (instances
      // of one deployment share a clock through NTP; the lag is what their users wait).
      const sentAt = Date.now();
      let payload = JSON.stringify({ from: instance, sentAt, event });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) payload = JSON.stringify({ from: instance, sentAt, event: { type: event.type, regionPath: event.regionPath, data: { truncated: true } } });
      // One NOTIFY after the other: on separate pool connections they could overtake each other.
      const notify = database.notify;
      sending = sending.then(() => notify(EVENT_CHANNEL, payload)).catch((err: Error) => log?.warn({ err: err.message }, 'live events: NOTIFY failed'));
    },
    observeLag(observer) {
      observeLag = observer;
    },
    subscribe(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    ready,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await ready;
      await sending;
      await stopListening?.().catch(() => undefined);
    },
  };
}
