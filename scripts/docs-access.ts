// npm run docs:access: writes the who-sees-what table (platform/data-access.ts) into
// docs/security.md between its markers, from the routes' declared access of a freshly built
// app (an in-memory database; nothing is served). `--check`: exit 1 if the committed table differs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { ephemeralFieldCrypto } from '../src/server/platform/crypto.ts';
import { accessTable, withAccessTable } from '../src/server/platform/data-access.ts';

const DOC = path.resolve(import.meta.dirname, '../docs/security.md');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-docs-access-'));
const database = openDatabase('sqlite://:memory:');
await migrateToLatest(database);
const config = Object.freeze({ ...loadConfig({}), logLevel: 'silent' as const, webRoot: null, dataDir });
const app = await buildApp({ config, database, fieldCrypto: ephemeralFieldCrypto() });
await app.ready();
const table = accessTable(app.routeCatalog);
await app.close();
await database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const doc = fs.readFileSync(DOC, 'utf8');
const next = withAccessTable(doc, table);
if (process.argv.includes('--check')) {
  if (next !== doc) {
    process.stderr.write('docs/security.md: the who-sees-what table differs from the code; run npm run docs:access\n');
    process.exit(1);
  }
} else if (next !== doc) {
  fs.writeFileSync(DOC, next);
  process.stdout.write('docs/security.md: who-sees-what table rewritten\n');
} else process.stdout.write('docs/security.md: who-sees-what table already current\n');
