// Migrated template databases: the migrations run once per schema version, not once per test
// database (1.5–3 s on PostgreSQL, 0.3–0.8 s on SQLite, each of some 260 a run). A test
// database is then a copy: PostgreSQL `create database … template gg_template_<key>`, SQLite a
// copy of a migrated file. The key hashes the migrations and the modules they import, and the
// UTC month (0033 creates the audit log's monthly partitions from the month it runs in), so a
// changed migration builds a new template and a stale one is never used.
// Several test runs (other worktrees, vitest workers) may build the same template at once: each
// builds under a name of its own and renames it into place, so a half-built one is never seen.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../src/server/db/migrations');
const DUPLICATE_DATABASE = '42P04';

/** The migration sources and the files they import directly, hashed, with the UTC month. */
export function templateKey(): string {
  const hash = createHash('sha256');
  const files = new Set<string>();
  for (const name of fs.readdirSync(MIGRATIONS_DIR).sort()) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    const file = path.join(MIGRATIONS_DIR, name);
    files.add(file);
    for (const [, spec = ''] of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) files.add(path.resolve(MIGRATIONS_DIR, spec));
  }
  files.add(path.resolve(MIGRATIONS_DIR, '../migrate.ts'));
  for (const file of [...files].sort()) hash.update(path.relative(MIGRATIONS_DIR, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  const month = new Date().toISOString().slice(0, 7).replace('-', '');
  return `${hash.digest('hex').slice(0, 16)}_${month}`;
}

async function adminQuery(adminUrl: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

const pgTemplates = new Map<string, Promise<string>>();

/** The name of the migrated PostgreSQL template on `adminUrl`'s server, built if missing. */
export function postgresTemplate(adminUrl: string): Promise<string> {
  let name = pgTemplates.get(adminUrl);
  if (!name) {
    name = buildPostgresTemplate(adminUrl);
    pgTemplates.set(adminUrl, name);
    name.catch(() => pgTemplates.delete(adminUrl));
  }
  return name;
}

async function buildPostgresTemplate(adminUrl: string): Promise<string> {
  const name = `gg_template_${templateKey()}`;
  const found = await adminQuery(adminUrl, 'select 1 from pg_database where datname = $1', [name]);
  if (found.rowCount) return name;
  const building = `${name}_b${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${building}`);
  try {
    const database = openDatabase(adminUrl.replace(/\/[^/]*$/, `/${building}`), { poolSize: 1 });
    try {
      await migrateToLatest(database);
    } finally {
      await database.close();
    }
    // No one connects to a template: a connection would make every copy fail while it lasts.
    await adminQuery(adminUrl, `alter database ${building} with allow_connections false`);
    await adminQuery(adminUrl, `alter database ${building} rename to ${name}`);
  } catch (err) {
    await adminQuery(adminUrl, `drop database if exists ${building} with (force)`);
    // Another run renamed its copy into place first: theirs is the same schema.
    if ((err as { code?: string }).code === DUPLICATE_DATABASE) return name;
    throw err;
  }
  return name;
}

let sqliteTemplate: Promise<string> | null = null;

/** A migrated SQLite file in the temp directory (a copy of it is a migrated test database), built if missing. */
export function sqliteTemplateFile(): Promise<string> {
  if (!sqliteTemplate) {
    sqliteTemplate = buildSqliteTemplate();
    sqliteTemplate.catch(() => (sqliteTemplate = null));
  }
  return sqliteTemplate;
}

async function buildSqliteTemplate(): Promise<string> {
  const file = path.join(os.tmpdir(), `gg-template-${templateKey()}.db`);
  if (fs.existsSync(file)) return file;
  const building = `${file}.b${randomBytes(4).toString('hex')}`;
  try {
    // No reader threads; closing the only connection checkpoints the WAL into the file.
    const database = openDatabase(`sqlite://${building}`, { sqliteReaders: 0 });
    try {
      await migrateToLatest(database);
    } finally {
      await database.close();
    }
    if (fs.existsSync(`${building}-wal`)) throw new Error(`SQLite template ${building}: the WAL was not checkpointed at close`);
    fs.renameSync(building, file);
  } finally {
    for (const leftover of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(leftover, { force: true });
  }
  return file;
}
