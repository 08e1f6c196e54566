// buildApp({ config, database, fieldCrypto }): the platform plugins, then the modules by name,
// assembled from their definitions for this app instance.
import './platform/fastify-types.ts';
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { installApiDocsUi } from './platform/api-docs.ts';
import { installReadRouting } from './platform/read-routing.ts';
import { installAuth } from './platform/auth.ts';
import type { FieldCrypto } from './platform/crypto.ts';
import { installErrorHandler, shuttingDown } from './platform/errors.ts';
import { createEventBus } from './platform/events.ts';
import { loggerOptions } from './platform/logger.ts';
import { createMetrics } from './platform/metrics.ts';
import { REQUEST_ID_HEADER, requestIdOf } from './platform/request-id.ts';
import { type EntityScopes, installScope } from './platform/scope.ts';
import { installSecurityHeaders } from './platform/security-headers.ts';
import { StorageHealth } from './platform/storage-health.ts';
import { documentUploads } from './platform/upload-parts.ts';
import { type ModuleContext, type ModuleDefinition, personMovedOf, providedBy, regionMovedOf } from './modules/module-definition.ts';
import { accountsModule } from './modules/accounts/accounts.module.ts';
import { resolveSession } from './modules/accounts/accounts.service.ts';
import { ImportQueue } from './modules/imports/import-queue.ts';
import { arrivalsModule } from './modules/arrivals/arrivals.module.ts';
import { auditModule } from './modules/audit/audit.module.ts';
import { backupsModule } from './modules/backups/backups.module.ts';
import { checkpointsModule } from './modules/checkpoints/checkpoints.module.ts';
import { dashboardModule } from './modules/dashboard/dashboard.module.ts';
import { familyEventsModule } from './modules/family-events/family-events.module.ts';
import { formsModule } from './modules/forms/forms.module.ts';
import { handoversModule } from './modules/handovers/handovers.module.ts';
import { householdsModule } from './modules/households/households.module.ts';
import { importsModule } from './modules/imports/imports.module.ts';
import { inspectionsModule } from './modules/inspections/inspections.module.ts';
import { noticesModule } from './modules/notices/notices.module.ts';
import { patrolsModule } from './modules/patrols/patrols.module.ts';
import { quarantineModule } from './modules/quarantine/quarantine.module.ts';
import { regionsModule } from './modules/regions/regions.module.ts';
import { regionForScope } from './modules/regions/regions.service.ts';
import type { ReportFigureProviders } from './modules/reports/prefill.ts';
import { reportsModule } from './modules/reports/reports.module.ts';
import { type SettingDefinitions, countySettingsStore } from './modules/reports/settings.service.ts';
import { riskModule } from './modules/risk/risk.module.ts';
import { responsibilityModule } from './modules/responsibility/responsibility.module.ts';
import { retentionModule } from './modules/retention/retention.module.ts';
import type { CounterFamily, CounterRecount } from './modules/stats/recounts.ts';
import { statsModule } from './modules/stats/stats.module.ts';
import { systemModule } from './modules/system/system.module.ts';
import { tipsModule } from './modules/tips/tips.module.ts';
import { verificationModule } from './modules/verification/verification.module.ts';
import { personAccessModule } from './modules/person-access/person-access.module.ts';
import { installPublicGuard } from './platform/public-guard.ts';
import { BulkLane, installBulkLane } from './platform/bulk-lane.ts';
import { connectRedis } from './platform/redis.ts';

/** Every module, by name; each says what it is in its definition (modules/<name>/<name>.module.ts). Routes register in this order. */
export const MODULES = [
  systemModule,
  accountsModule,
  regionsModule,
  importsModule,
  auditModule,
  householdsModule,
  formsModule,
  checkpointsModule,
  patrolsModule,
  familyEventsModule,
  dashboardModule,
  reportsModule,
  quarantineModule,
  riskModule,
  inspectionsModule,
  tipsModule,
  arrivalsModule,
  noticesModule,
  responsibilityModule,
  retentionModule,
  verificationModule,
  handoversModule,
  statsModule,
  backupsModule,
  // Last: its access request reads every module's personRecords, and adds the audit log's 查阅记录 at the end.
  personAccessModule,
] as const;

export interface AppDeps {
  config: Config;
  database: Database;
  fieldCrypto: FieldCrypto;
  /** Where log lines go (tests capture them to prove what is never logged). */
  logStream?: NodeJS.WritableStream;
}

export async function buildApp({ config, database, fieldCrypto, logStream }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    bodyLimit: config.bodyLimit,
    // Fastify's per-request log lines cost a quarter of throughput; onResponse below logs
    // at debug, and failures at warn.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    trustProxy: trustProxyOption(config.trustProxy),
    // Every request's log lines carry its id (requestId), its answer the x-request-id header and
    // its error body the same id: a user's report of a failure leads to its log lines. A proxy's
    // id is kept when it looks like one (platform/request-id.ts).
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Fastify's own 503 while closing has neither the contract's body nor a request id nor
    // Retry-After: the hook below answers those requests instead.
    return503OnClosing: false,
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('readDb', database.read);
  app.decorate('bulkReadDb', database.bulkRead);
  app.decorate('fieldCrypto', fieldCrypto);
  app.decorate('events', createEventBus(database, app.log));
  app.decorate('storage', new StorageHealth({ log: app.log, dirs: storageDirs(config, database) }));
  app.decorateRequest('refusedForStorage', false);
  app.addHook('onClose', async () => app.events.close());
  // People and territory imports share one queue: a few run at once, the rest wait their turn.
  app.decorate('importQueue', new ImportQueue(database.db, app.log, config.importConcurrency));
  app.addHook('onClose', async () => app.importQueue.close());
  // JSON in, JSON out: a text/plain body is refused with 415 rather than validated as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // First, so every answer carries them: pages, API JSON, errors thrown by later hooks.
  await installSecurityHeaders(app, config);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Exports give way to everyone else's requests on the event loop (bulk-lane.ts).
  app.decorate('bulkLane', new BulkLane());
  installBulkLane(app, app.bulkLane);
  // Shutting down (SIGTERM, main.ts): requests in flight finish; one arriving now on a kept-alive
  // connection is refused like any failure (contract body, request id, Retry-After), and the
  // connection closed so the client or the balancer tries another instance.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw shuttingDown();
  });
  // A request in flight when the shutdown began is answered, then its connection closed: a
  // kept-alive connection (a balancer's) would otherwise hold the server open until the
  // shutdown's time runs out and the process is killed with requests still in it.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.decorate('metrics', createMetrics(app, { database, events: app.events, importQueue: app.importQueue }));

  app.addHook('onResponse', async (request, reply) => {
    const line = { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (reply.statusCode >= 500 && !request.refusedForStorage) request.log.warn(line, 'request failed');
    else request.log.debug(line, 'request');
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'GridGuard API (网格防控平台)', version: '1' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'gg_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    // Upload routes declare their multipart parts on the route (platform/upload-parts.ts).
    transform: documentUploads(jsonSchemaTransform),
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(cookie);
  // Phones on one bar of signal: the web app's scripts and long lists go out compressed; small
  // answers (most writes) are not worth the CPU.
  await app.register(compress, { threshold: 2048 });
  await app.register(multipart); // uploads: each route reads its parts under its own limits

  // What the modules provide, gathered for this app instance. A report figure, an entity kind, a
  // counter family or a county setting that no module provides does not compile here.
  const entities = providedBy(MODULES, 'entities') satisfies EntityScopes;
  const figures = providedBy(MODULES, 'figures') satisfies ReportFigureProviders;
  const counters = providedBy(MODULES, 'counters') satisfies Record<CounterFamily, CounterRecount>;
  const settings = providedBy(MODULES, 'settings') satisfies SettingDefinitions;
  const modules: readonly ModuleDefinition[] = MODULES;
  const context: ModuleContext = {
    config,
    database,
    events: app.events,
    settings: countySettingsStore(database.db, settings),
    figures,
    recounts: [...new Set(Object.values(counters))],
    regionMoved: regionMovedOf(modules),
    personMoved: personMovedOf(modules),
    entities,
    personRecords: modules.flatMap((module) => module.personRecords ?? []),
  };

  const hasWeb = config.webRoot !== null && fs.existsSync(path.join(config.webRoot, 'index.html'));
  installErrorHandler(app, { spaIndex: hasWeb });
  installAuth(app, resolveSession);
  installScope(app, { region: regionForScope, entities });
  await installReadRouting(app, database);
  app.decorate('redis', await connectRedis(app));
  await installPublicGuard(app);
  await installApiDocsUi(app, { public: config.publicDocs });

  for (const module of modules) {
    for (const routes of module.routes ?? []) await app.register(routes, context);
  }
  app.decorate(
    'scheduledJobs',
    modules.flatMap((module) => module.jobs?.(context) ?? []).map((job) => app.metrics.observeJob(job)),
  );

  if (hasWeb && config.webRoot) {
    await app.register(fastifyStatic, { root: config.webRoot, wildcard: false, preCompressed: false, cacheControl: false, setHeaders: webCacheHeaders });
  }
  return app;
}

// Behind nginx the socket's address is the proxy's: X-Forwarded-For is believed only from the
// proxies config names. Fastify 5 turns a bare hop count into "trust nobody" (a direct client
// could send enough hops itself), so a count becomes the function it used to be: believe the
// nearest `hops` — safe when only the proxy can reach the app (HOST=127.0.0.1 behind nginx).
function trustProxyOption(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === false) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}

/** The directories whose free space decides whether an ambiguous I/O error means a full disk. */
function storageDirs(config: Config, database: Database): string[] {
  const dirs = [config.dataDir];
  if (database.dialect === 'sqlite' && database.describe !== ':memory:') dirs.push(path.dirname(path.resolve(database.describe)));
  return dirs;
}

// The apps' service workers, their manifest and the pages they serve offline must be fetched
// fresh (no-cache: revalidate every time), or a phone keeps running an old app. Vite's scripts
// and styles under assets/ carry a hash of their content in their name: a phone keeps them a
// year without asking again (a reopen on 3G without a service worker would otherwise wait a
// round trip per file); anything else is revalidated.
const NO_CACHE = new Set(['sw.js', 'field-sw.js', 'index.html', 'field.html', 'public.html', 'manifest.webmanifest']);
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.(js|css)$/;
export function webCacheHeaders(res: { setHeader: (name: string, value: string) => unknown }, filePath: string): void {
  const name = path.basename(filePath);
  res.setHeader('cache-control', NO_CACHE.has(name) ? 'no-cache' : HASHED_ASSET.test(filePath) ? 'public, max-age=31536000, immutable' : 'public, max-age=0');
}
