// A fresh database per test file: SQLite in a temp file, or a new PostgreSQL database that is
// dropped afterwards. GG_TEST_DB picks the dialect (the vitest projects set it).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';

export const TEST_DIALECT = process.env.GG_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_ADMIN_URL = process.env.GG_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends Database {
  drop(): Promise<void>;
}

/** `sqliteDir`: where the SQLite file goes (the full-disk tests put it on a small tmpfs); `migrate: false` leaves it empty (a migration's own test). */
export async function openTestDatabase(opts: { sqliteDir?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  if (TEST_DIALECT === 'postgres') {
    const name = `gg_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    const database = openDatabase(url, { poolSize: 5 });
    if (opts.migrate !== false) await migrateToLatest(database);
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
  const database = openDatabase(`sqlite://${path.join(dir, 'test.db')}`);
  if (opts.migrate !== false) await migrateToLatest(database);
  return {
    ...database,
    async drop() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
