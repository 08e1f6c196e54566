// Live events for the dashboard (server-sent events): what happens in the caller's subtree —
// a checkpoint removed, a report filed — pushed as it commits. Ancestors' events are not sent.
// The response is written raw (hijacked): Fastify's onSend hooks, and with them compression,
// never see it, and nothing buffers the stream.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import type { LiveEventMessage } from '../../../shared/stats.ts';
import { inSubtree } from '../../platform/access.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { actorOf, scopeOf } from '../../platform/scope.ts';
import { sessionStillValid } from '../accounts/accounts.service.ts';
import { TtlCache } from '../../platform/ttl-cache.ts';
import { pathIds } from '../../../shared/region-path.ts';
import { regionFields } from '../regions/regions.queries.ts';

const RETRY_MS = 5_000;
/**
 * Said to every open stream when this instance shuts down (SIGTERM, a deploy): reconnect soon —
 * the balancer sends the new stream to another instance. `retry` sets the browser's delay
 * before it reconnects; the named event (ignored by EventSource's onmessage) tells any other
 * client why the stream ends. Stream ends are followed by a fresh read of the figures.
 */
const SHUTDOWN_RETRY_MS = 1_000;
const SHUTDOWN_NOTICE = `retry: ${SHUTDOWN_RETRY_MS}\nevent: reconnect\ndata: {"reason":"shutdown"}\n\n`;
// The ticker says where something happened by name; names change rarely.
const regionNames = new TtlCache<number, string>(60_000);

const EventsQuery = z.strictObject({ regionId: RegionIdParam.optional() });

export async function eventsRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const open = new Set<(farewell?: string) => void>();
  // Open streams would keep app.close() waiting for their sockets: end them first, each told
  // to reconnect (to another instance) rather than dropped.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end(SHUTDOWN_NOTICE);
  });

  app.get('/api/v1/events', {
    // An open stream is not a request waiting for its answer: exports need not give way to it (bulk-lane.ts).
    config: { access: { scope: [{ query: 'regionId' }] }, background: true },
    schema: { tags: ['dashboard'], summary: 'Server-sent events of your subtree (text/event-stream): data is {type, regionId, at, data}', querystring: EventsQuery, response: { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } },
    handler: (request, reply) => {
      const scope = scopeOf(request);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      });
      raw.write(`retry: ${RETRY_MS}\n: connected\n\n`);
      const nameOf = async (regionId: number): Promise<string | undefined> => {
        const known = regionNames.get(regionId);
        if (known !== undefined) return known;
        const row = await regionFields(app.db, regionId, ['name']);
        if (row) regionNames.set(regionId, row.name);
        return row?.name;
      };
      const send = async (event: LiveEvent) => {
        const regionId = pathIds(event.regionPath).at(-1) ?? 0;
        const regionName = await nameOf(regionId).catch(() => undefined);
        const message: LiveEventMessage = { type: event.type, regionId, ...(regionName ? { regionName } : {}), at: new Date().toISOString(), ...(event.data ? { data: event.data } : {}) };
        if (!ended) raw.write(`data: ${JSON.stringify(message)}\n\n`);
      };
      const unsubscribe = app.events.subscribe((event) => {
        if (inSubtree(scope.path, event.regionPath)) void send(event);
      });
      // The heartbeat also asks whether the session still holds: a stream outlives the request
      // that opened it, and a signed-out or disabled account must stop hearing the county.
      const actor = actorOf(request);
      const heartbeat = setInterval(() => {
        sessionStillValid(app.db, actor)
          .then((valid) => (valid ? raw.write(': heartbeat\n\n') : end()))
          .catch(() => undefined);
      }, app.config.liveHeartbeatMs);
      heartbeat.unref();
      let ended = false;
      const end = (farewell?: string) => {
        if (ended) return;
        ended = true;
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
        if (!raw.writableEnded) raw.end(farewell);
      };
      open.add(end);
      raw.on('close', () => end());
      raw.on('error', () => end());
    },
  });
}
