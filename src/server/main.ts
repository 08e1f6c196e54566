// config → serve (open db → migrate → first-start setup → listen, serve.ts) → SIGTERM drains.
import { loadConfig } from './config.ts';
import { DEMO_PASSWORD } from './demo/load-demo.ts';
import { serve } from './serve.ts';

const config = loadConfig();
const server = await serve(config);
const { database, setup } = server;

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  server.app.log.info({ signal }, 'shutting down: finishing requests in flight');
  const timer = setTimeout(() => process.exit(1), 10_000).unref();
  await server.close();
  clearTimeout(timer);
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

const url = server.url;
// Printed to the console, not the log: the one place the generated password ever appears.
const lines = [`GridGuard is running at ${url}  (database: ${database.dialect} ${database.describe})`];
if (server.metricsPort !== null) lines.push(`Metrics for Prometheus at http://${config.host}:${server.metricsPort}/metrics`);
if (setup.generatedPassword) {
  lines.push(`Sign in as "admin" with the password: ${setup.generatedPassword}`, '(shown once, and to be replaced at the first sign-in; set GRIDGUARD_ADMIN_PASSWORD to choose it)');
} else if (setup.adminCreated) {
  lines.push('Sign in as "admin" with the password in GRIDGUARD_ADMIN_PASSWORD');
}
if (config.demo) lines.push(`Demo accounts (password "${DEMO_PASSWORD}"): commander, auditor, town01, v001, g0001 (grid leader), gw0001 (grid worker); more in README.md`);
process.stdout.write(`\n${lines.join('\n')}\n\n`);
