// A full disk answers 503 STORAGE_FULL (not a 500 hiding "cannot rollback - no transaction is
// active"), logs its cause once a minute, turns /healthz "degraded", and loses or half-saves
// nothing: once space returns, every acknowledged write is there, every refused one can be sent
// again with its Idempotency-Key, and the database is intact.
//
// The storage is filled three ways: SQLite's max_page_count (SQLite answers SQLITE_FULL exactly
// as on a full disk), a real tmpfs under the SQLite file, and on PostgreSQL a tablespace on a
// tmpfs holding the audit table (so the change and its counters fit but its audit entry does
// not: the whole write must go). The tmpfs cases need root; see test/support/tmpfs.ts.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../src/server/platform/ids.ts';
import { type TestApp, buildTestApp, signIn } from './support/app.ts';
import { PG_ADMIN_URL, TEST_DIALECT } from './support/db.ts';
import { multipart } from './support/multipart.ts';
import { type Tmpfs, mountTmpfs, tmpfsProblem } from './support/tmpfs.ts';

const noTmpfs = tmpfsProblem();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A test app whose log lines (info and up) are kept for reading. */
async function appWithLog(overrides: Parameters<typeof buildTestApp>[0] = {}, sqliteDir?: string) {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const t = await buildTestApp({ logLevel: 'info', ...overrides }, stream, { sqliteDir });
  cleanups.push(() => t.close());
  return { t, log: () => lines.join('\n'), lines: () => lines };
}

interface Attempt {
  body: { id: string; regionId: number; name: string; place: string };
  key: string;
  status: number;
}

async function postCheckpoint(t: TestApp, headers: Record<string, string>, attempt: Omit<Attempt, 'status'>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/checkpoints', headers: { ...headers, 'idempotency-key': attempt.key }, payload: attempt.body });
}

const aCheckpoint = (t: TestApp, i: number): Omit<Attempt, 'status'> => ({
  key: `storage-${i}-${randomBytes(4).toString('hex')}`,
  body: { id: newId(), regionId: t.tree.villageA, name: `满盘卡口${i}`, place: `东村${'路口'.repeat(60)}${i}` },
});

/** What the database holds of the test's checkpoints: rows, audit entries, idempotency keys and the county counter. */
async function stored(t: TestApp) {
  const db = t.app.db;
  const ids = (await db.selectFrom('checkpoints').select('id').execute()).map((r) => r.id);
  const audited = (await db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'checkpoint').execute()).map((r) => r.entity_id);
  const keys = await db.selectFrom('idempotency_keys').select(['key', 'status_code']).where('key', 'like', 'storage-%').execute();
  const counter = await db.selectFrom('region_counters').select('value').where('region_id', '=', t.tree.county).where('metric', '=', 'checkpoints').executeTakeFirst();
  return { ids: new Set(ids), audited: new Set(audited), keys, counter: Number(counter?.value ?? 0) };
}

/**
 * The proof, whatever fills the storage: writes before it fills are acknowledged; while it is
 * full they answer 503 STORAGE_FULL and leave nothing behind; after it is freed the refused ones
 * go through on a retry with the same key, and everything acknowledged is there exactly once.
 */
async function proveFullStorage(t: TestApp, log: () => string, squeeze: { fill(): Promise<void> | void; free(): Promise<void> | void }, cause: RegExp) {
  const { headers } = await signIn(t.app, 'town_officer', t.tree.townA);
  const attempts: Attempt[] = [];
  const send = async (i: number) => {
    const attempt = aCheckpoint(t, i);
    const res = await postCheckpoint(t, headers, attempt);
    attempts.push({ ...attempt, status: res.statusCode });
    return res;
  };
  for (let i = 0; i < 3; i++) expect((await send(i)).statusCode).toBe(201);

  await squeeze.fill();
  let refused = 0;
  for (let i = 3; i < 400 && refused < 5; i++) {
    const res = await send(i);
    expect([201, 503], res.body).toContain(res.statusCode);
    if (res.statusCode !== 503) continue;
    refused += 1;
    expect(res.json().error).toEqual({ code: 'STORAGE_FULL', message: expect.stringMatching(/storage is full, so nothing was saved/), requestId: res.headers['x-request-id'] });
    expect(res.headers['retry-after']).toBe('60');
  }
  expect(refused).toBe(5);

  // Alive, reading, and saying it cannot write.
  const health = await t.app.inject({ method: 'GET', url: '/healthz' });
  expect(health.statusCode).toBe(200);
  expect(health.json()).toEqual({ status: 'degraded', reason: 'storage_full' });
  expect((await t.app.inject({ method: 'GET', url: `/api/v1/checkpoints?regionId=${t.tree.villageA}`, headers })).statusCode).toBe(200);

  // The cause once, in its own words; no trace per refused request.
  expect(log().match(/storage full: writes are refused/g)).toHaveLength(1);
  expect(log()).toMatch(cause);
  expect(log()).not.toMatch(/cannot rollback|unhandled error|request failed/);

  // Nothing half-saved: exactly the acknowledged writes, each with its audit entry, key and count.
  const acknowledged = attempts.filter((a) => a.status === 201);
  const whileFull = await stored(t);
  expect(whileFull.ids).toEqual(new Set(acknowledged.map((a) => a.body.id)));
  expect(whileFull.audited).toEqual(whileFull.ids);
  expect(new Set(whileFull.keys.map((k) => k.key))).toEqual(new Set(acknowledged.map((a) => a.key)));
  expect(whileFull.keys.every((k) => k.status_code === 201)).toBe(true);
  expect(whileFull.counter).toBe(acknowledged.length);

  await squeeze.free();
  for (const attempt of attempts.filter((a) => a.status === 503)) {
    const retry = await postCheckpoint(t, headers, attempt);
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotency-replayed']).toBeUndefined();
  }
  expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  const after = await stored(t);
  expect(after.ids).toEqual(new Set(attempts.map((a) => a.body.id)));
  expect(after.audited).toEqual(after.ids);
  expect(after.keys).toHaveLength(attempts.length);
  expect(after.counter).toBe(attempts.length);
  expect(log()).toMatch(/storage takes writes again/);
  if (t.database.sqlite) expect(t.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
}

describe.runIf(TEST_DIALECT === 'sqlite')('a full SQLite database (max_page_count)', () => {
  it('refuses writes with 503 STORAGE_FULL, logs the cause once, and loses nothing once it has room', async () => {
    const { t, log } = await appWithLog();
    const sqlite = t.database.sqlite;
    if (!sqlite) throw new Error('SQLite handle expected');
    await proveFullStorage(
      t,
      log,
      {
        // Not one page more than it has: the next page it needs is refused with SQLITE_FULL.
        fill: () => void sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`),
        free: () => void sqlite.pragma('max_page_count = 1073741823'),
      },
      /"code":"SQLITE_FULL"/,
    );
  });

  it('surfaces SQLITE_FULL from a transaction, not a failed ROLLBACK', async () => {
    const { t } = await appWithLog();
    const sqlite = t.database.sqlite;
    if (!sqlite) throw new Error('SQLite handle expected');
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
    const big = 'x'.repeat(3000);
    const insertMany = t.app.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 20; i++) await sql`insert into job_runs (job, run_key, claimed_at) values (${`filler${i}`}, ${big}, ${new Date().toISOString()})`.execute(tx);
    });
    await expect(insertMany).rejects.toMatchObject({ code: 'SQLITE_FULL' });
    expect(sqlite.inTransaction).toBe(false);
  });
});

describe.runIf(TEST_DIALECT === 'sqlite' && !noTmpfs)('a full disk under SQLite (tmpfs)', () => {
  it('refuses writes with 503 STORAGE_FULL, logs the cause once, and loses nothing once the disk has room', async () => {
    const disk = mountTmpfs(24 * 1024 * 1024);
    cleanups.push(() => disk.unmount());
    const { t, log } = await appWithLog({ dataDir: disk.dir }, disk.dir);
    await proveFullStorage(t, log, disk, /"code":"SQLITE_FULL"/);
  });
});

describe.runIf(TEST_DIALECT === 'postgres' && !noTmpfs)('a full tablespace under PostgreSQL (tmpfs)', () => {
  it('refuses writes with 503 STORAGE_FULL, logs the cause once, and loses nothing once the disk has room', async () => {
    const disk = mountTmpfs(4 * 1024 * 1024);
    cleanups.push(() => disk.unmount());
    const tablespace = await tablespaceOn(disk);
    const { t, log } = await appWithLog();
    // Only the audit table lives on the small disk: the checkpoint, its history and counters
    // fit, its audit entry does not, so the write must be undone as a whole.
    // audit_log is partitioned by month: the parent's tablespace is only where new partitions go,
    // so every existing partition is moved as well.
    await sql`alter table audit_log set tablespace ${sql.raw(tablespace)}`.execute(t.app.db);
    const partitions = await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'audit_log'::regclass`.execute(t.app.db);
    for (const { name } of partitions.rows) await sql`alter table ${sql.id(name)} set tablespace ${sql.raw(tablespace)}`.execute(t.app.db);
    await proveFullStorage(t, log, disk, /"code":"53100"/);
  });
});

/** A PostgreSQL tablespace on the tmpfs (the server runs on this machine, as the postgres user). */
async function tablespaceOn(disk: Tmpfs): Promise<string> {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  const dir = path.join(disk.dir, 'pg');
  fs.mkdirSync(dir);
  fs.chownSync(dir, uid, gid);
  const name = `gg_full_${randomBytes(5).toString('hex')}`;
  const admin = async (text: string) => {
    const c = new pg.Client({ connectionString: PG_ADMIN_URL });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await admin(`create tablespace ${name} location '${dir}'`);
  // Runs after the test app's own cleanup (registered later, so run earlier) dropped its database.
  cleanups.push(() => admin(`drop tablespace if exists ${name}`));
  return name;
}

describe.runIf(!noTmpfs)('an upload to a full disk (tmpfs under DATA_DIR)', () => {
  it('answers 503 STORAGE_FULL, leaves no partial file, and takes the upload once there is room', async () => {
    const disk = mountTmpfs(2 * 1024 * 1024);
    cleanups.push(() => disk.unmount());
    const { t, log } = await appWithLog({ dataDir: disk.dir });
    const { headers } = await signIn(t.app, 'town_officer', t.tree.townA);
    const rows = Array.from({ length: 4000 }, (_, i) => `张${i},东村${i}号,resident`).join('\n');
    const upload = multipart(Buffer.from(`姓名,地址,类别\n${rows}\n`), { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'people.csv');
    const send = () => t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...headers, ...upload.headers }, payload: upload.payload });

    disk.fill();
    const refused = await send();
    expect(refused.statusCode, refused.body).toBe(503);
    expect(refused.json().error.code).toBe('STORAGE_FULL');
    expect(refused.headers['retry-after']).toBe('60');
    const importsDir = path.join(disk.dir, 'imports');
    expect(fs.existsSync(importsDir) ? fs.readdirSync(importsDir).filter((f) => f.endsWith('.sealed')) : []).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'degraded', reason: 'storage_full' });
    expect(log()).toMatch(/"code":"ENOSPC"/);

    disk.free();
    const accepted = await send();
    expect(accepted.statusCode, accepted.body).toBe(202);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
  });
});
