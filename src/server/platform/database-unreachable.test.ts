// A database that cannot be reached (PostgreSQL restarting, its host gone) is a 503 with
// Retry-After that a client, the phone's outbox or a balancer retries — never a 500 that reads
// as a bug — and /readyz says so. An instance shutting down refuses new requests the same way.
// The fault drills (drills/pg-restart.ts, drills/sigterm.ts) show it on real processes.
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { isDatabaseUnreachable } from '../db/dialect.ts';
import { ephemeralFieldCrypto } from './crypto.ts';
import { sql } from 'kysely';
import { buildTestApp } from '../../../test/support/app.ts';
import { PG_ADMIN_URL, TEST_DIALECT, openTestDatabase } from '../../../test/support/db.ts';

// Nothing listens on port 1: every connection is refused, as while PostgreSQL is down.
const NOWHERE = 'postgres://postgres@127.0.0.1:1/gridguard';

describe('a database that cannot be reached', () => {
  let app: FastifyInstance;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-unreachable-'));
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: NOWHERE, GRIDGUARD_WEB_ROOT: path.join(dataDir, 'no-web'), LOG_LEVEL: 'silent' });
    app = await buildApp({ config, database: openDatabase(NOWHERE), fieldCrypto: ephemeralFieldCrypto() });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('is told apart from other failures', async () => {
    const client = new pg.Client({ connectionString: NOWHERE });
    const refused = await client.connect().then(() => null, (err: unknown) => err);
    expect(isDatabaseUnreachable(refused)).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isDatabaseUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnreachable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(false);
    expect(isDatabaseUnreachable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnreachable(null)).toBe(false);
  });

  it('answers 503 with Retry-After and the request id, not 500, to reads and writes', async () => {
    const headers = { authorization: 'Bearer gg_not-checked-because-the-database-is-away' };
    for (const res of [
      await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers }),
      await app.inject({ method: 'POST', url: '/api/v1/households', headers: { ...headers, 'idempotency-key': 'key-unreachable-1' }, payload: { regionId: 1, address: '一号' } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'whatever-long-enough' } }),
    ]) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      const body = res.json<{ error: { code: string; message: string; requestId: string } }>();
      expect(body.error.code).toBe('UNAVAILABLE');
      expect(body.error.requestId).toBe(res.headers['x-request-id']);
      expect(body.error.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/);
    }
  });

  it('says so on /readyz and /healthz', async () => {
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: 'unavailable', reason: 'database_unreachable' });
    const health = await app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'degraded', reason: 'database_unreachable' });
  });
});

describe.runIf(TEST_DIALECT === 'postgres')('a connection ended under a transaction', () => {
  it('fails that transaction as unreachable without killing the process, and the pool goes on', async () => {
    const database = await openTestDatabase();
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    try {
      const failure = await database.db
        .transaction()
        .execute(async (tx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
          // Ended while the transaction holds the connection between two queries.
          await admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]);
          await new Promise((r) => setTimeout(r, 300));
          await sql`select 1`.execute(tx);
        })
        .then(() => null, (err: unknown) => err);
      expect(isDatabaseUnreachable(failure)).toBe(true);
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(rows[0]?.one).toBe(1);
    } finally {
      await admin.end();
      await database.drop();
    }
  });
});

describe('an instance shutting down', () => {
  it('refuses a request that arrives meanwhile with the contract 503, its request id, Retry-After and Connection: close', async () => {
    const t = await buildTestApp();
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      // A request whose headers are still arriving when the shutdown starts (a slow phone): the
      // connection is busy, so it is not cut as idle, and the request is answered after.
      const socket = net.connect(port, '127.0.0.1');
      await new Promise((r) => socket.once('connect', r));
      socket.write('GET /api/v1/public/meta HTTP/1.1\r\nHost: gridguard\r\n');
      await new Promise((r) => setTimeout(r, 100));
      const closing = t.app.close();
      await new Promise((r) => setTimeout(r, 300));
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      const ended = new Promise((r) => socket.once('close', r));
      socket.write('\r\n');
      await ended;
      await closing;
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 503/);
      expect(head).toMatch(/\r\nretry-after: 1\r\n/i);
      expect(head).toMatch(/\r\nconnection: close\r\n/i);
      const requestId = /\r\nx-request-id: ([^\r]+)\r\n/i.exec(head)?.[1];
      const parsed = JSON.parse(body) as { error: { code: string; requestId: string } };
      expect(parsed.error.code).toBe('UNAVAILABLE');
      expect(parsed.error.requestId).toBe(requestId);
    } finally {
      await t.database.drop();
      fs.rmSync(t.app.config.dataDir, { recursive: true, force: true });
    }
  });
});
