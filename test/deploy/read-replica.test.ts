// DATABASE_READ_URL on a real streaming replica (its own primary + replica on free ports, made by
// deploy/local-cluster.sh pg-up): lists read from the replica, a writer reads its own write at
// once, a lagging or stopped replica sends reads to the primary, logged once per change.
// Runs once (the postgres project leaves test/deploy out: it brings its own servers).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import type { ReplicaRouter } from '../../src/server/db/read-replica.ts';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';
import { type PgPair, startPgPair } from '../support/pg-replica.ts';

let pair: PgPair | undefined;
let t: TestApp;
let replica: ReplicaRouter;
/** A second instance's database handle on the same primary and replica. */
let other: Database | undefined;
const logLines: Record<string, unknown>[] = [];
let logFrom = 0;
/** The replica's log lines since the test began (the start may log its own catching up). */
const replicaLog = () => logLines.slice(logFrom).filter((l) => 'replica' in l);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Measures until the replica has replayed everything the primary had (and is in use). */
async function caughtUp(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await replica.check();
    if (replica.status().up) return;
    await sleep(100);
  }
  throw new Error(`the replica did not catch up: ${JSON.stringify(replica.status())}`);
}

beforeAll(async () => {
  pair = await startPgPair();
  // Measured by hand (check()), so the test decides when the router learns of lag; a 1 s bound.
  const database = openDatabase(pair.primaryUrl, { readUrl: pair.replicaUrl, poolSize: 4, replicaMaxLagSeconds: 1, replicaCheckEveryMs: 3_600_000 });
  await migrateToLatest(database);
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line) as Record<string, unknown>);
  });
  t = await buildTestApp({ logLevel: 'info' }, stream, { database: { ...database, drop: () => database.close() } });
  replica = database.replica as ReplicaRouter;
  other = openDatabase(pair.primaryUrl, { readUrl: pair.replicaUrl, poolSize: 2, replicaMaxLagSeconds: 1, replicaCheckEveryMs: 3_600_000 });
  await other.replica?.start(other.listen);
}, 120_000);

afterAll(async () => {
  await other?.close();
  await t?.close();
  await pair?.down();
}, 60_000);

describe('read replica (DATABASE_READ_URL)', () => {
  it('lists read from the replica; the writer reads its own write at once; lag and loss fall back to the primary, logged once each', async () => {
    expect(replica).toBeTruthy();
    const { headers: writer, user: writerUser } = await signIn(t.app, 'town_officer', t.tree.townA);
    const { headers: reader, user: readerUser } = await signIn(t.app, 'town_officer', t.tree.townA);
    const list = async (headers: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/notices', headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { id: string }[] }>().items.map((n) => n.id);
    };
    await caughtUp();
    logFrom = logLines.length;

    // The replica stops replaying: from now on it is behind the primary.
    await pair?.onReplica('select pg_wal_replay_pause()');
    // The pause is a request: replay stops at its next record, later on a loaded machine.
    await vi.waitFor(async () => expect((await pair!.onReplica<{ s: string }>('select pg_get_wal_replay_pause_state() as s'))[0]?.s).toBe('paused'), { timeout: 10_000, interval: 50 });
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notices',
      headers: writer,
      payload: { regionId: t.tree.townA, title: '关于做好返乡人员报备的通知', source: '城关镇人民政府', topic: 'announcement', body: '抵达后 24 小时内报备' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: string }>().id;
    // Another instance heard of the write (NOTIFY, sent before the answer): the writer's next
    // request there reads from the primary too; the other account's does not.
    const elsewhere = other?.replica as ReplicaRouter;
    const targetThere = (userId: string) => elsewhere.runAs({ userId }, () => elsewhere.targetNow());
    await vi.waitFor(() => expect(targetThere(writerUser.id)).toBe('primary_after_write'), { timeout: 2000, interval: 20 });
    expect(targetThere(readerUser.id)).not.toBe('primary_after_write');

    const before = { ...replica.readCounts() };
    // The writer sees its notice at once (from the primary) …
    expect(await list(writer)).toContain(id);
    expect(replica.readCounts().primary_after_write).toBeGreaterThan(before.primary_after_write);
    // … another account's list comes from the replica, which has not replayed it yet.
    expect(await list(reader)).not.toContain(id);
    expect(replica.readCounts().replica).toBeGreaterThan(before.replica);
    const readers = await pair!.onReplica<{ n: number }>("select count(*)::int as n from pg_stat_activity where application_name = 'gridguard-read'");
    expect(readers[0]?.n).toBeGreaterThan(0);

    // Lag past the bound (1 s): the next measurement sends everyone's reads to the primary.
    await sleep(1500);
    await replica.check();
    expect(replica.status()).toMatchObject({ up: false, reason: 'lagging' });
    expect(await list(reader)).toContain(id);
    expect(await list(reader)).toContain(id);
    expect(replicaLog().filter((l) => l.replica === 'down' && l.reason === 'lagging')).toHaveLength(1);

    // Replaying again: back to the replica, logged once.
    await pair?.onReplica('select pg_wal_replay_resume()');
    await caughtUp();
    expect(replicaLog().filter((l) => l.replica === 'up')).toHaveLength(1);
    const onReplica = replica.readCounts().replica;
    expect(await list(reader)).toContain(id);
    expect(replica.readCounts().replica).toBeGreaterThan(onReplica);

    // The replica dies while a read holds one of its connections: the read is re-run on the
    // primary, and the ended connection's 'error' event is not an uncaught exception (it killed
    // an instance in the replica drill). Vitest fails the run on an uncaught one.
    const onReplicaBefore = replica.readCounts().replica;
    const holding = sql<{ one: number }>`select 1 as one from pg_sleep(3)`.execute(t.app.readDb);
    await vi.waitFor(() => expect(replica.readCounts().replica).toBeGreaterThan(onReplicaBefore), { timeout: 2000, interval: 10 });
    await sleep(300);
    // The replica stops: reads still answer (from the primary), one log line for the change.
    await pair?.stopReplica();
    expect((await holding).rows).toEqual([{ one: 1 }]);
    for (let i = 0; i < 3; i++) expect(await list(reader)).toContain(id);
    expect(replica.status()).toMatchObject({ up: false, reason: 'unreachable' });
    const downs = replicaLog().filter((l) => l.replica === 'down');
    expect(downs.map((l) => l.reason)).toEqual(['lagging', 'unreachable']);
    // The log says what happened to the replica, nothing about who read what.
    const ids = [id, ...(await t.app.db.selectFrom('users').select('id').execute()).map((u) => u.id)];
    for (const line of replicaLog()) for (const secret of ids) expect(JSON.stringify(line)).not.toContain(secret);
    await replica.check();
    expect(replicaLog().filter((l) => l.replica === 'down')).toHaveLength(2);

    const metrics = await t.app.metrics.registry.metrics();
    expect(metrics).toMatch(/gridguard_db_reads_total\{target="primary_replica_down"\} [1-9]/);
    expect(metrics).toMatch(/gridguard_db_reads_total\{target="replica"\} [1-9]/);
    expect(metrics).toMatch(/gridguard_db_reads_total\{target="primary_after_write"\} [1-9]/);
    expect(metrics).toMatch(/gridguard_db_replica_up 0/);
  }, 60_000);

  it('SQLite ignores DATABASE_READ_URL: its reads stay on the one file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-sqlite-read-'));
    const database: Database = openDatabase(`sqlite://${path.join(dir, 'x.db')}`, { readUrl: pair?.replicaUrl ?? 'postgres://127.0.0.1:1/x', sqliteReaders: 0 });
    try {
      expect(database.replica).toBeNull();
      expect(database.read).toBe(database.db);
    } finally {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
