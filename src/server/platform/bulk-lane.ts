// Bulk work (a county export: 100,000 rows made into cells, XML and zip) shares the one event loop
// with everyone's requests. Alone it should run flat out; beside other requests it should slow
// only itself (issue 17: the other pages' p99 may rise by less than 50% while it runs). So the
// export's work comes in small pieces, and after each piece it asks the lane for its next turn:
// at once (the next turn of the loop) when no other request is in progress, else after a pause a
// few times the piece's own length, or as soon as the others are all answered if that comes
// first (a lone health check does not hold an export back). Beside a busy server an export
// therefore takes at most about 1 / (1 + GIVE_WAY) of the loop's time, and its reads (one page
// ahead) slow with it, which leaves the cores and the database to the others.
import type { FastifyInstance } from 'fastify';
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Pause after a piece of bulk work while others wait, as a multiple of the piece's own time. */
export const GIVE_WAY = 4;
/** The shortest pause while others wait: a piece that measured 0 ms still lets a few requests through. */
const MIN_PAUSE_MS = 2;
/** The longest: a piece that took long (a page's rows arriving under load) does not stall the export for long. */
const MAX_PAUSE_MS = 100;

export class BulkLane {
  #others = 0;
  /** Pauses that end early when the last of the others is answered. */
  readonly #waiting = new Set<() => void>();

  /** A request that is not bulk work has started; the returned function says it ended (once). */
  enter(): () => void {
    this.#others++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#others--;
      if (this.#others === 0) for (const resume of [...this.#waiting]) resume();
    };
  }

  /** Requests other than bulk work in progress now. */
  get others(): number {
    return this.#others;
  }

  /** Waits for bulk work's next turn after a piece that took `workMs` of the event loop. */
  async turn(workMs: number): Promise<void> {
    if (this.#others === 0) {
      await nextTurn();
      return;
    }
    const pauseMs = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, workMs * GIVE_WAY));
    await new Promise<void>((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        this.#waiting.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, pauseMs);
      this.#waiting.add(resume);
    });
  }
}

/**
 * Counts the app's requests in progress, leaving out the routes marked `config: { background: true }`
 * (the exports themselves, the live event stream): the lane gives way while any other is served.
 */
export function installBulkLane(app: FastifyInstance, lane: BulkLane): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config?.background) return;
    // 'close' comes once for every response: sent, failed or abandoned by the client.
    reply.raw.once('close', lane.enter());
  });
}
