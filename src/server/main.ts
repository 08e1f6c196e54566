// config → open db → migrate → first-start setup (admin, demo county) → listen; SIGTERM drains.
import { buildApp } from './app.ts';
import { bootstrap } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadFieldCrypto } from './platform/crypto.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from './demo/load-demo.ts';
import { startScheduler } from './platform/jobs.ts';
import { startAuditSealer } from './platform/audit-chain.ts';
import { startMetricsServer } from './platform/metrics.ts';

const config = loadConfig();
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

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down: finishing requests in flight');
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  stopScheduler();
  sealer?.stop();
  await metricsServer?.close();
  await app.close();
  await database.close();
  clearTimeout(timer);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

await app.listen({ port: config.port, host: config.host });
// SQLite's read threads start now, not in the first user's request (a failure shows at that read).
void database.readPool?.warm().catch((err: unknown) => app.log.warn({ err }, 'the SQLite read pool did not start'));
const url = `http://${config.host}:${config.port}`;
// Printed to the console, not the log: the one place the generated password ever appears.
const lines = [`GridGuard is running at ${url}  (database: ${database.dialect} ${database.describe})`];
if (metricsServer) lines.push(`Metrics for Prometheus at http://${config.host}:${metricsServer.port}/metrics`);
if (setup.generatedPassword) {
  lines.push(`Sign in as "admin" with the password: ${setup.generatedPassword}`, '(shown once, and to be replaced at the first sign-in; set GRIDGUARD_ADMIN_PASSWORD to choose it)');
} else if (setup.adminCreated) {
  lines.push('Sign in as "admin" with the password in GRIDGUARD_ADMIN_PASSWORD');
}
if (config.demo) lines.push(`Demo accounts (password "${DEMO_PASSWORD}"): commander, auditor, town01, v001, g0001 (grid leader), gw0001 (grid worker); more in README.md`);
process.stdout.write(`\n${lines.join('\n')}\n\n`);
