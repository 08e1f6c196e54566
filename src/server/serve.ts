// One running GridGuard: open db → migrate → first-start setup (admin, demo county) → listen, with
// the scheduler, the audit sealer and the metrics port; close() drains it. main.ts runs one per
// process; the browser tests' server host (test/e2e/server-host.mjs) runs one per test file in a
// process that has imported the server once.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootstrap, type BootstrapResult } from './bootstrap.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadFieldCrypto } from './platform/crypto.ts';
import { loadDemoIfEmpty } from './demo/load-demo.ts';
import { startScheduler } from './platform/jobs.ts';
import { startAuditSealer } from './platform/audit-chain.ts';
import { startMetricsServer } from './platform/metrics.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  setup: BootstrapResult;
  url: string;
  /** The metrics listener's port, when METRICS_PORT asked for one. */
  metricsPort: number | null;
  /** Stops the timers, finishes requests in flight, closes the database. */
  close: () => Promise<void>;
}

export async function serve(config: Config): Promise<RunningServer> {
  const database = openDatabase(config.databaseUrl, {
    backgroundCheckpoint: true,
    sqliteReaders: config.sqliteReaders,
    readUrl: config.databaseReadUrl,
    replicaMaxLagSeconds: config.replicaMaxLagSeconds,
  });
  const fieldCrypto = loadFieldCrypto({ envValue: config.dataKey, dataDir: config.dataDir });
  const applied = await migrateToLatest(database, { fieldCrypto });
  const app = await buildApp({ config, database, fieldCrypto });
  if (applied.length) app.log.info({ migrations: applied }, 'database migrated');

  const setup = await bootstrap(database, config, fieldCrypto, app.log);
  if (config.demo) await loadDemoIfEmpty(database, fieldCrypto, { people: config.demoPeople, timeZone: config.timeZone, log: app.log });

  // Every instance ticks; each run is claimed in the database, so N instances run it once.
  const stopScheduler = startScheduler(app.db, app.scheduledJobs, app.log);
  // Every instance seals the audit log every few seconds; the one holding the chain's head seals.
  // (GRIDGUARD_AUDIT_SEAL_EVERY_MS=0 leaves entries unsealed: bench/audit.ts measures the chain's cost so.)
  const sealer = config.auditSealEveryMs > 0 ? startAuditSealer(app.db, app.log, config.auditSealEveryMs) : null;
  const metricsServer = config.metricsPort === null ? null : await startMetricsServer(app.metrics.registry, { port: config.metricsPort, host: config.host });

  const close = async () => {
    stopScheduler();
    sealer?.stop();
    await metricsServer?.close();
    await app.close();
    await database.close();
  };

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    // A taken port: the host process (tests) lives on, so nothing is left open behind it.
    await close();
    throw err;
  }
  // SQLite's read threads start now, not in the first user's request (a failure shows at that read).
  void database.readPool?.warm().catch((err: unknown) => app.log.warn({ err }, 'the SQLite read pool did not start'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return { app, database, setup, url: `http://${config.host}:${port}`, metricsPort: metricsServer?.port ?? null, close };
}
