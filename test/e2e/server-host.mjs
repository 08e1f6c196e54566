// The browser tests' server host: one process that imports the server once and runs a fresh
// GridGuard (serve.ts, as npm start runs it) per test file, on its own port and data directory.
// Spawning a server per file cost its import of ~460 modules and their libraries every time
// (17-22 s of a 27-32 s start at load 30, 2026-12-07), then migrations and the admin's setup
// (another 6 s): here the import happens once, and a file's data directory is a copy of one
// migrated at the first start (a template per first-start environment: admin password, data key,
// time zone, demo), so each file still starts on an empty county with only the admin in it.
//   node test/e2e/server-host.mjs dist/server/server .js      (compiled, run by node)
//   tsx test/e2e/server-host.mjs src/server .ts                (the sources, run by tsx)
// Prints "listening <port>" once ready; then POST /start {env} → {id, url}, POST /stop {id}.
// Started and stopped by test/e2e/global-setup.ts.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [serverDir, ext] = process.argv.slice(2);
const load = (module) => import(pathToFileURL(path.resolve(serverDir, `${module}${ext}`)).href);
const [{ serve }, { loadConfig }, { invalidateCaches }] = await Promise.all([load('serve'), load('config'), load('platform/ttl-cache')]);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-e2e-host-'));
/** Template data directories by the environment a first start depends on. */
const templates = new Map();
/** Running servers by id. */
const running = new Map();
let nextId = 1;

// What decides the database a first start leaves: GridGuard's own settings and the time zone.
const firstStartKey = (env) =>
  JSON.stringify(Object.entries(env).filter(([name]) => name.startsWith('GRIDGUARD_') || name === 'TZ').sort(([a], [b]) => a.localeCompare(b)));

function configFor(env, dataDir) {
  // The embedded SQLite under the data directory, whatever the calling shell points DATABASE_URL at.
  const { DATABASE_URL: _ignored, ...rest } = env;
  return loadConfig({ ...rest, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
}

function template(env) {
  const key = firstStartKey(env);
  let made = templates.get(key);
  if (!made) {
    made = (async () => {
      const dir = path.join(scratch, `template-${templates.size + 1}`);
      fs.mkdirSync(dir);
      // A whole first start, stopped at once: migrations, the root county, the admin, the keyring.
      const server = await serve(configFor(env, dir));
      await server.close();
      return dir;
    })();
    templates.set(key, made);
    made.catch(() => templates.delete(key));
  }
  return made;
}

async function start(env) {
  const from = await template(env);
  const dataDir = fs.mkdtempSync(path.join(scratch, 'server-'));
  fs.cpSync(from, dataDir, { recursive: true });
  // The in-process caches key on region ids and sessions, which the new database reuses.
  invalidateCaches();
  const server = await serve(configFor(env, dataDir));
  const id = String(nextId++);
  running.set(id, { server, dataDir });
  return { id, url: server.url };
}

/** True when `id` was running. */
async function stop(id) {
  const entry = running.get(id);
  if (!entry) return false;
  running.delete(id);
  await entry.server.close();
  fs.rmSync(entry.dataDir, { recursive: true, force: true });
  return true;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

const control = http.createServer((req, res) => {
  const answer = (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  readJson(req)
    .then(async (body) => {
      if (req.method === 'POST' && req.url === '/start') return answer(200, await start(body.env ?? {}));
      if (req.method === 'POST' && req.url === '/stop') return answer(200, { stopped: await stop(String(body.id)) });
      answer(404, { error: `no ${req.method} ${req.url}` });
    })
    .catch((err) => answer(500, { error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
});

let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  control.close();
  await Promise.allSettled([...running.keys()].map(stop));
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
// The test run went away without stopping the host: it does not outlive it.
process.on('disconnect', () => void shutdown());

control.listen(0, '127.0.0.1', () => {
  const address = control.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : ''}\n`);
});
