// A fresh database per test file: SQLite in a temp file, or a new PostgreSQL database that is
// dropped afterwards. GG_TEST_DB picks the dialect (the vitest projects set it). Migrated ones
// are copies of a template migrated once (db-template.ts). GG_TEST_DB_LOG=FILE appends a line
// per database opened (dialect, milliseconds, test file) to measure what the suite spends on them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/connect.ts';
import { postgresTemplate, sqliteTemplateFile } from './db-template.ts';

export const TEST_DIALECT = process.env.GG_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL = process.env.GG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

/** `sqliteDir`: where the SQLite file goes (the full-disk tests put it on a small tmpfs); `migrate: false` leaves it empty (a migration's own test). */
export async function openTestDatabase(opts: { sqliteDir?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  const started = Date.now();
  const logOpened = () => {
    const log = process.env.GG_TEST_DB_LOG;
    if (log) fs.appendFileSync(log, `${TEST_DIALECT}\t${Date.now() - started}\t${expect.getState().testPath ?? ''}\n`);
  };
  if (TEST_DIALECT === 'postgres') {
    const name = `gg_test_${randomBytes(6).toString('hex')}`;
    const template = opts.migrate === false ? '' : ` template ${await postgresTemplate(PG_ADMIN_URL)}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}${template}`);
    await admin.end();
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    const database = openDatabase(url, { poolSize: 5 });
    logOpened();
    return {
      ...database,
      async drop() {
        await database.close();
        const c = new pg.Client({ connectionString: PG_ADMIN_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(opts.sqliteDir ?? os.tmpdir(), 'gg-test-'));
  const file = path.join(dir, 'test.db');
  if (opts.migrate !== false) fs.copyFileSync(await sqliteTemplateFile(), file);
  const database = openDatabase(`sqlite://${file}`);
  logOpened();
  return {
    ...database,
    async drop() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
