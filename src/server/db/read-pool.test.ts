// database.read: lists and dashboards read beside the writer. On SQLite a slow read runs in a
// reader thread, so the event loop (and /healthz) keeps answering; on PostgreSQL it is the pool.
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { TEST_DIALECT } from '../../../test/support/db.ts';
import { type Database, openDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

// A read that keeps SQLite busy for a while (a county scan stands in; ~0.3–2 s on this machine).
const SLOW_READ = sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 4000000) select count(*) as n from c`;

let t: TestApp;
let worker: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
});
afterAll(() => t.close());

describe('database.read', () => {
  it('sees every write committed before it, through the API and directly', async () => {
    for (let i = 0; i < 10; i++) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: `读写一致${i}号` } });
      expect(created.statusCode).toBe(201);
      const listed = await t.app.inject({ method: 'GET', url: `/api/v1/households?regionId=${t.tree.gridA}&limit=200`, headers: worker });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().items.map((h: { id: string }) => h.id)).toContain(created.json().id);
    }
    const before = await t.database.read.selectFrom('households').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await t.database.db.updateTable('households').set({ address: '刚改的地址' }).where('address', '=', '读写一致0号').execute();
    const changed = await t.database.read.selectFrom('households').select('address').where('address', '=', '刚改的地址').execute();
    expect(changed).toHaveLength(1);
    expect(Number(before.n)).toBeGreaterThanOrEqual(10);
  });
});

// Each project asserts its own dialect's read path.
if (TEST_DIALECT === 'postgres') describe('database.read on PostgreSQL', () => {
  it('is the same pool as the writer (where a replica would be routed later)', () => {
    expect(t.database.read).toBe(t.database.db);
    expect(t.database.readPool).toBeNull();
  });

  it('gives exports a pool of their own (bulkRead), so an export does not take a list\'s connection', async () => {
    expect(t.database.bulkRead).not.toBe(t.database.read);
    expect(t.database.bulkPool).toBeNull();
    const [row] = (await sql<{ app: string }>`select current_setting('application_name') as app`.execute(t.database.bulkRead)).rows;
    expect(row?.app).toBe('gridguard-bulk');
  });
});

else describe('database.read on SQLite: reader threads', () => {
  it('keeps /healthz and timers answering while a slow read runs', async () => {
    const order: string[] = [];
    const slow = SLOW_READ.execute(t.database.read).then((r) => {
      order.push('slow read');
      return r.rows[0]?.n;
    });
    const health = t.app.inject({ method: 'GET', url: '/healthz' }).then((res) => {
      order.push(`healthz ${res.statusCode}`);
    });
    const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('timer')), 5));
    await Promise.all([slow, health, timer]);
    expect(await slow).toBe(4_000_000);
    expect(order.at(-1)).toBe('slow read');
    expect(order).toContain('healthz 200');
  });

  it('opens no transaction (a reader holding one would pin an old snapshot)', async () => {
    await expect(t.database.read.transaction().execute(async () => undefined)).rejects.toThrow('the read pool has no transactions');
  });

  it('refuses a write sent as a read, naming why, and writes nothing', async () => {
    const err = await t.database.read.insertInto('regions').values({ parent_id: null, level: 'county', code: '339999999999', name: '不该有', path: '/x/' } as never).execute().catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('READ_POOL_NOT_A_READ');
    expect(await t.database.db.selectFrom('regions').select('id').where('name', '=', '不该有').execute()).toEqual([]);
  });

  it('keeps SQLite’s error codes', async () => {
    const err = await sql`select * from no_such_table`.execute(t.database.read).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('SQLITE_ERROR');
    expect((err as Error).message).toContain('no_such_table');
  });

  it('fails the query of a reader thread that dies, cleanly, and the pool recovers', async () => {
    const pool = t.database.readPool;
    if (!pool) throw new Error('the SQLite test database has reader threads');
    const slow = SLOW_READ.execute(t.database.read).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await Promise.all(pool.threads.map((w) => w.terminate()));
    const err = await slow;
    expect(err).toBeInstanceOf(Error);
    expect((err as { code?: string }).code).toBe('READ_POOL_READER_STOPPED');
    expect((err as Error).message).not.toContain('recursive');
    // New threads take the next reads, through the query builder and the API.
    const rows = await t.database.read.selectFrom('regions').select('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/households?regionId=${t.tree.gridA}`, headers: worker });
    expect(listed.statusCode).toBe(200);
  });
});

// Its own SQLite files whichever project runs: once, in the SQLite project.
if (TEST_DIALECT === 'sqlite') describe('SQLite reader threads: start and shutdown', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-readers-'));
    database = openDatabase(`sqlite://${path.join(dir, 'r.db')}`, { sqliteReaders: 2 });
    await migrateToLatest(database);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('starts threads with the first read and stops them all on close', async () => {
    const pool = database.readPool;
    if (!pool) throw new Error('two readers were asked for');
    expect(pool.threads).toHaveLength(0);
    await database.read.selectFrom('regions').select('id').execute();
    const threads = [...pool.threads];
    expect(threads.length).toBeGreaterThan(0);
    const exits = threads.map((w) => once(w, 'exit'));
    await database.close();
    await Promise.all(exits);
    expect(pool.threads).toHaveLength(0);
    await expect(database.read.selectFrom('regions').select('id').execute()).rejects.toMatchObject({ code: 'READ_POOL_CLOSED' });
  });

  it('reads on the main connection when readers are 0, which is what blocks the event loop', async () => {
    const main = openDatabase(`sqlite://${path.join(dir, 'r0.db')}`, { sqliteReaders: 0 });
    try {
      expect(main.read).toBe(main.db);
      const order: string[] = [];
      const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('timer')), 0));
      const slow = SLOW_READ.execute(main.read).then(() => void order.push('slow read'));
      await Promise.all([slow, timer]);
      expect(order).toEqual(['slow read', 'timer']);
    } finally {
      await main.close();
    }
  });
});

// The bulk lane: exports read on a thread of their own, so a list's read never waits behind an
// export's page in the readers' queue (nor the other way round), at a lower priority.
if (TEST_DIALECT === 'sqlite') describe('SQLite bulk reader: a lane of its own for exports', () => {
  let dir: string;
  let database: Database;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-bulk-'));
    database = openDatabase(`sqlite://${path.join(dir, 'b.db')}`, { sqliteReaders: 1 });
    await migrateToLatest(database);
  });
  afterAll(async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The nice values of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
  const niceValues = () =>
    fs.readdirSync('/proc/self/task').map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    });

  it('answers a list read while an export read holds the bulk thread, and the other way round', async () => {
    if (!database.bulkPool || !database.readPool) throw new Error('reader threads were asked for');
    expect(database.bulkRead).not.toBe(database.read);
    await Promise.all([database.read.selectFrom('regions').select('id').execute(), database.bulkRead.selectFrom('regions').select('id').execute()]);
    for (const [slowOn, quickOn] of [
      [database.bulkRead, database.read],
      [database.read, database.bulkRead],
    ] as const) {
      const order: string[] = [];
      const slow = SLOW_READ.execute(slowOn).then(() => void order.push('slow'));
      const quick = quickOn.selectFrom('regions').select('id').execute().then(() => void order.push('quick'));
      await Promise.all([slow, quick]);
      expect(order).toEqual(['quick', 'slow']);
    }
  });

  it('runs the bulk thread at a lower priority than the others (Linux)', async () => {
    await database.bulkRead.selectFrom('regions').select('id').execute();
    const nice = niceValues();
    expect(nice.filter((n) => n === 5)).toHaveLength(1);
    expect(nice.filter((n) => n !== 5 && n !== 0)).toEqual([]);
  });
});
