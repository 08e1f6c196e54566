// npm run backup / npm run restore (API.md "Operating it"): a backup taken while the app keeps
// writing restores into an empty database with every table's rows exactly as they were at the
// backup's moment; a damaged file or a non-empty target is refused; the keyring is never inside.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { PG_ADMIN_URL } from '../../../test/support/db.ts';
import { type SnapshotReader, backupDatabase, backupsBeyond, restoreDatabase } from './backup.ts';
import { dailyBackupJob } from '../modules/backups/backups.jobs.ts';
import { tick } from '../platform/jobs.ts';

let t: TestApp;
let dir: string;
const dropAfter: string[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-backup-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
  for (const name of dropAfter) await adminQuery(`drop database if exists ${name} with (force)`);
});

async function adminQuery(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

const sourceUrl = () => (t.database.dialect === 'sqlite' ? `sqlite://${t.database.describe}` : t.database.describe);

/** A fresh, empty database of the test's dialect to restore into. */
async function emptyTarget(): Promise<string> {
  if (t.database.dialect === 'sqlite') return `sqlite://${path.join(dir, `restored-${randomBytes(4).toString('hex')}.db`)}`;
  const name = `gg_i20_restore_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  dropAfter.push(name);
  return PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
}

/** Each table's row count and a hash of its rows (order-free: each row's JSON, sorted). */
async function digests(read: SnapshotReader, tables: string[]): Promise<Record<string, { rows: number; sha256: string }>> {
  const out: Record<string, { rows: number; sha256: string }> = {};
  for (const table of tables) {
    const rows = (await read(`select * from "${table}"`)).map((r) => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b))));
    rows.sort();
    out[table] = { rows: rows.length, sha256: createHash('sha256').update(rows.join('\n')).digest('hex') };
  }
  return out;
}

async function readerOf(url: string, use: (read: SnapshotReader) => Promise<void>): Promise<void> {
  if (url.startsWith('sqlite://')) {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(url.slice('sqlite://'.length), { readonly: true });
    try {
      await use(async (q) => db.prepare(q).all() as Record<string, unknown>[]);
    } finally {
      db.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await use(async (q) => (await c.query(q)).rows as Record<string, unknown>[]);
  } finally {
    await c.end();
  }
}

describe('backup and restore', () => {
  it('restores a backup taken under write load: every table as it was at the backup moment', async () => {
    const { headers } = await signIn(t.app, 'admin', t.tree.county);
    let writing = true;
    let code = 0;
    const acknowledged: number[] = [];
    // Writers through the API, acknowledged one after another, until the backup is done.
    const writer = async () => {
      while (writing) {
        code += 1;
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: { parentId: t.tree.villageA, level: 'grid', code: `3399017${String(code).padStart(5, '0')}`, name: `备份网格${code}` } });
        expect(res.statusCode, res.body).toBe(201);
        acknowledged.push(res.json().id as number);
      }
    };
    const writers = [writer(), writer()];
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 10));
    const beforeBackup = [...acknowledged];

    let atMoment: Record<string, { rows: number; sha256: string }> = {};
    const file = path.join(dir, t.database.dialect === 'sqlite' ? 'under-load.db' : 'under-load.dump');
    const manifest = await backupDatabase(sourceUrl(), file, {
      inSnapshot: async (read, tables) => {
        atMoment = await digests(read, tables);
        // The writers go on while the copy is made.
        const more = acknowledged.length;
        while (acknowledged.length < more + 10) await new Promise((r) => setTimeout(r, 10));
      },
    });
    const afterBackup = acknowledged.length;
    writing = false;
    await Promise.all(writers);
    expect(afterBackup - beforeBackup.length).toBeGreaterThanOrEqual(10);

    expect(fs.readFileSync(`${file}.sha256`, 'utf8')).toBe(`${manifest.sha256}  ${path.basename(file)}\n`);
    expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(['regions', 'users', 'audit_log', 'kysely_migration']));
    for (const [table, n] of Object.entries(manifest.tables)) expect(n, table).toBe(atMoment[table]?.rows);

    const target = await emptyTarget();
    const restored = await restoreDatabase(file, target);
    expect(restored.tables).toEqual(manifest.tables);
    await readerOf(target, async (read) => {
      const now = await digests(read, Object.keys(atMoment));
      expect(now).toEqual(atMoment);
      // Every write acknowledged before the backup began is in it.
      const ids = new Set((await read('select id from regions')).map((r) => Number(r.id)));
      expect(beforeBackup.filter((id) => !ids.has(id))).toEqual([]);
    });
    // The source went on: it has rows the backup's moment did not.
    expect(Number((await t.app.db.selectFrom('regions').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBeGreaterThan(manifest.tables.regions ?? 0);
  }, 120_000);

  it('never holds the data keyring', async () => {
    const file = path.join(dir, t.database.dialect === 'sqlite' ? 'keys.db' : 'keys.dump');
    await backupDatabase(sourceUrl(), file);
    const bytes = fs.readFileSync(file);
    const keyring = t.app.fieldCrypto.keyringForWorker();
    for (const secret of [...Object.values(keyring.keys), keyring.indexKey]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'base64'))).toBe(false);
    }
  }, 60_000);

  it('refuses a damaged file and a database that is not empty, restoring nothing', async () => {
    const file = path.join(dir, t.database.dialect === 'sqlite' ? 'refusals.db' : 'refusals.dump');
    await backupDatabase(sourceUrl(), file);
    await expect(restoreDatabase(file, sourceUrl())).rejects.toThrow(/already has \d+ tables.*restore needs an empty one; nothing was restored/);

    const damaged = path.join(dir, `damaged-${path.basename(file)}`);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] = (bytes[Math.floor(bytes.length / 2)] ?? 0) ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    fs.copyFileSync(`${file}.manifest.json`, `${damaged}.manifest.json`);
    fs.writeFileSync(`${damaged}.sha256`, fs.readFileSync(`${file}.sha256`, 'utf8').replace(path.basename(file), path.basename(damaged)));
    const target = await emptyTarget();
    await expect(restoreDatabase(damaged, target)).rejects.toThrow(/checksum mismatch.*nothing was restored/);
    if (t.database.dialect === 'sqlite') expect(fs.existsSync(target.slice('sqlite://'.length))).toBe(false);
    else await readerOf(target, async (read) => expect(await read("select tablename from pg_tables where schemaname = 'public'")).toEqual([]));
  }, 60_000);

  it('npm run backup -- --out FILE and npm run restore -- FILE, as an operator types them', async () => {
    const file = path.join(dir, t.database.dialect === 'sqlite' ? 'cli.db' : 'cli.dump');
    const target = await emptyTarget();
    // Only what API.md names: DATABASE_URL (and a DATA_DIR without a keyring in it).
    const npm = (databaseUrl: string, ...args: string[]) =>
      promisify(execFile)('npm', ['run', '-s', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir }, timeout: 150_000 });
    const backup = await npm(sourceUrl(), 'backup', '--', '--out', file);
    expect(backup.stdout).toContain(`backup written: ${file}`);
    const manifest = JSON.parse(fs.readFileSync(`${file}.manifest.json`, 'utf8')) as { sha256: string; tables: Record<string, number> };
    expect(fs.readFileSync(`${file}.sha256`, 'utf8')).toBe(`${manifest.sha256}  ${path.basename(file)}\n`);

    const restore = await npm(target, 'restore', '--', file);
    expect(restore.stdout).toMatch(/checksum ok, \d+ tables and [\d,]+ rows, as backed up/);
    await readerOf(target, async (read) => {
      for (const [table, n] of Object.entries(manifest.tables)) expect(Number((await read(`select count(*) as n from "${table}"`))[0]?.n), table).toBe(n);
    });
    // A second restore into the now filled database: refused, exit code 1, nothing done.
    const again = await npm(target, 'restore', '--', file).then(() => null, (err: { code: number; stderr: string }) => err);
    expect(again?.code).toBe(1);
    expect(again?.stderr).toMatch(/restore needs an empty one; nothing was restored/);
  }, 360_000);

  it('daily: one backup a day after 02:30 county time, keeping the newest N', async () => {
    const daily = path.join(dir, 'daily');
    const job = dailyBackupJob({ databaseUrl: sourceUrl(), dir: daily, keep: 2, timeZone: 'Asia/Shanghai' });
    expect(job.runKeyAt(new Date('2026-12-06T18:00:00Z'))).toBeNull(); // 02:00 in Shanghai
    expect(job.runKeyAt(new Date('2026-12-06T18:31:00Z'))).toBe('2026-12-07');
    for (const day of ['2026-12-05', '2026-12-06', '2026-12-07']) await job.run(t.app.db, day);
    const ext = t.database.dialect === 'sqlite' ? 'db' : 'dump';
    expect(fs.readdirSync(daily).sort()).toEqual(
      ['2026-12-06', '2026-12-07'].flatMap((d) => [`gridguard-daily-${d}.${ext}`, `gridguard-daily-${d}.${ext}.manifest.json`, `gridguard-daily-${d}.${ext}.sha256`]),
    );
    expect(backupsBeyond(daily, 'gridguard-daily-', 2)).toEqual([]);
    const off = dailyBackupJob({ databaseUrl: sourceUrl(), dir: daily, keep: 0, timeZone: 'Asia/Shanghai' });
    expect(off.runKeyAt(new Date('2026-12-06T20:00:00Z'))).toBeNull();
  }, 60_000);

  it('daily: of three instances ticking at once, exactly one takes the day’s backup', async () => {
    // Each instance has its own backup directory, so a second copy would show as a second file.
    const dirs = [1, 2, 3].map((n) => path.join(dir, `claimed-${n}`));
    const jobs = dirs.map((d) => dailyBackupJob({ databaseUrl: sourceUrl(), dir: d, keep: 2, timeZone: 'Asia/Shanghai' }));
    const now = new Date('2026-12-09T18:40:00Z'); // 02:40 on 12-10 in Shanghai
    const ran = await Promise.all(jobs.map((job) => tick(t.app.db, [job], now)));
    expect(ran.flat()).toEqual(['backup-daily']);
    const files = dirs.flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d) : []));
    const ext = t.database.dialect === 'sqlite' ? 'db' : 'dump';
    expect(files.sort()).toEqual([`gridguard-daily-2026-12-10.${ext}`, `gridguard-daily-2026-12-10.${ext}.manifest.json`, `gridguard-daily-2026-12-10.${ext}.sha256`]);
    // A restart later that day does not take it again.
    expect(await tick(t.app.db, [jobs[0]!], new Date('2026-12-10T03:00:00Z'))).toEqual([]);
  }, 60_000);
});
