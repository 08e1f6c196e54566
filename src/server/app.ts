// buildApp({ config, database, fieldCrypto }): the platform plugins, then each module by name.
import './platform/fastify-types.ts';
import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import { installAuth } from './platform/auth.ts';
import type { FieldCrypto } from './platform/crypto.ts';
import { installErrorHandler } from './platform/errors.ts';
import { createEventBus } from './platform/events.ts';
import { loggerOptions } from './platform/logger.ts';
import { installScope } from './platform/scope.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { resolveSession } from './modules/accounts/accounts.service.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { checkpointsRoutes } from './modules/checkpoints/checkpoints.routes.ts';
import { patrolsRoutes } from './modules/patrols/patrols.routes.ts';
import { familyEventsRoutes } from './modules/family-events/family-events.routes.ts';
import { editConflictsRoutes } from './modules/households/edit-conflicts.routes.ts';
import { formsRoutes } from './modules/forms/forms.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { exportsRoutes } from './modules/households/exports.routes.ts';
import { householdsRoutes } from './modules/households/households.routes.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { personsRoutes } from './modules/households/persons.routes.ts';
import { visitsRoutes } from './modules/households/visits.routes.ts';
import { regionsRoutes } from './modules/regions/regions.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { settingsRoutes } from './modules/reports/settings.routes.ts';
import { quarantineRoutes } from './modules/quarantine/quarantine.routes.ts';
import { riskRoutes } from './modules/risk/risk.routes.ts';
import { inspectionsRoutes } from './modules/inspections/inspections.routes.ts';
import { regionsImportRoutes } from './modules/regions/regions-import.routes.ts';
import { regionForScope } from './modules/regions/regions.service.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { publicRegionsRoutes } from './modules/regions/public-regions.routes.ts';
import { tipsRoutes } from './modules/tips/tips.routes.ts';
import { arrivalsRoutes } from './modules/arrivals/arrivals.routes.ts';
import { noticesRoutes } from './modules/notices/notices.routes.ts';
import { installPublicGuard } from './platform/public-guard.ts';
import { connectRedis } from './platform/redis.ts';

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
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: trustProxyOption(config.trustProxy),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('db', database.db);
  app.decorate('fieldCrypto', fieldCrypto);
  app.decorate('events', createEventBus(database, app.log));
  app.addHook('onClose', async () => app.events.close());
  // JSON in, JSON out: a text/plain body is refused with 415 rather than validated as a string.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onResponse', async (request, reply) => {
    const line = { method: request.method, path: request.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    if (reply.statusCode >= 500) request.log.warn(line, 'request failed');
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
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  // Phones on one bar of signal: the web app's scripts and long lists go out compressed; small
  // answers (most writes) are not worth the CPU.
  await app.register(compress, { threshold: 2048 });
  await app.register(multipart); // uploads (spreadsheet imports); each route sets its own limits

  const hasWeb = config.webRoot !== null && fs.existsSync(path.join(config.webRoot, 'index.html'));
  installErrorHandler(app, { spaIndex: hasWeb });
  installAuth(app, resolveSession);
  installScope(app, regionForScope);
  app.decorate('redis', await connectRedis(app));
  await installPublicGuard(app);

  await app.register(systemRoutes);
  await app.register(accountsRoutes);
  await app.register(regionsRoutes);
  await app.register(regionsImportRoutes);
  await app.register(importsRoutes);
  await app.register(auditRoutes);
  await app.register(householdsRoutes);
  await app.register(personsRoutes);
  await app.register(visitsRoutes);
  await app.register(exportsRoutes);
  await app.register(editConflictsRoutes);
  await app.register(formsRoutes);
  await app.register(checkpointsRoutes);
  await app.register(patrolsRoutes);
  await app.register(familyEventsRoutes);
  await app.register(dashboardRoutes);
  await app.register(reportsRoutes);
  await app.register(settingsRoutes);
  await app.register(quarantineRoutes);
  await app.register(riskRoutes);
  await app.register(inspectionsRoutes);
  await app.register(publicRegionsRoutes);
  await app.register(tipsRoutes);
  await app.register(arrivalsRoutes);
  await app.register(noticesRoutes);

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
