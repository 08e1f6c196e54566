// What the platform adds to Fastify's types.
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { DB } from '../db/schema.ts';
import type { Access, Actor, ScopedRegion } from './access.ts';
import type { BulkLane } from './bulk-lane.ts';
import type { FieldCrypto } from './crypto.ts';
import type { EventBus } from './events.ts';
import type { AppMetrics } from './metrics.ts';
import type { ScheduledJob } from './jobs.ts';
import type { RouteAccessEntry } from './scope.ts';
import type { StorageHealth } from './storage-health.ts';
import type { UploadParts } from './upload-parts.ts';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Kysely<DB>;
    /** database.read: lists, searches and dashboards (SQLite: reader threads; never a write or a transaction). */
    readDb: Kysely<DB>;
    /** database.bulkRead: the exports' reads, on a lane of their own so they never queue in front of a list's. */
    bulkReadDb: Kysely<DB>;
    /** Paces bulk work (exports) on the event loop: flat out alone, giving way while other requests are served. */
    bulkLane: BulkLane;
    fieldCrypto: FieldCrypto;
    events: EventBus;
    /** The shared Redis connection (REDIS_URL), or null: counters are kept in this process or the database. */
    redis: Redis | null;
    /** Whether the disk is full (refusing writes); /healthz reports it. */
    storage: StorageHealth;
    /** Every /api/v1 route with its declared access: the scope test walks it. */
    routeCatalog: RouteAccessEntry[];
    /** Every module's scheduled jobs, made for this instance; main.ts starts the scheduler with them. */
    scheduledJobs: readonly ScheduledJob[];
    /** This instance's Prometheus registry (/metrics) and the job observer. */
    metrics: AppMetrics;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The region the route touches, resolved and checked by the scope hook. */
    scope: ScopedRegion | null;
    /** Refused with 503 STORAGE_FULL, whose cause app.storage logs once a minute, not per request. */
    refusedForStorage: boolean;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** An upload route's multipart parts, for the OpenAPI document (upload-parts.ts). */
    multipart?: UploadParts;
    /**
     * Not a request waiting for its answer: an export (bulk work itself) or a long-lived stream.
     * The bulk lane does not count it among the requests exports give way to (bulk-lane.ts).
     */
    background?: boolean;
  }
}
