// Issue 21 item 5: the audit log's hash chain. A clean log verifies; an entry edited, deleted,
// deleted with the numbers closed up, or moved in SQL is named by the verifier with its
// sequence number, id and day; a cut tail shows against the head a backup's manifest kept;
// two instances writing and sealing at once on one database make one unbroken chain; the
// retention's export and removal of old months (PostgreSQL: dropping their partitions) keeps
// the rest verifiable from the exported head.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { auditPartitions, ensureAuditPartitions } from '../db/audit-partitions.ts';
import { backupDatabase } from '../db/backup.ts';
import { type Database, openDatabase } from '../db/connect.ts';
import { fastInsert } from '../db/fast-insert.ts';
import type { DB } from '../db/schema.ts';
import { audit } from './audit.ts';
import { AUDIT_GENESIS_HASH, chainHash, readChainHead, sealAuditLog } from './audit-chain.ts';
import { cutAuditLog, retentionBoundary } from './audit-retention.ts';
import { verifyAuditChain } from './audit-verify.ts';
import { newId } from './ids.ts';

let t: TestApp;
let db: Kysely<DB>;
let dir: string;
const url = () => (t.database.dialect === 'sqlite' ? `sqlite://${t.database.describe}` : t.database.describe);
const SYSTEM = { userId: null, ip: '127.0.0.1' };

beforeAll(async () => {
  t = await buildTestApp();
  db = t.app.db;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-audit-chain-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function writeEntries(n: number, on: Kysely<DB> = db): Promise<void> {
  for (let i = 0; i < n; i++) {
    await on.transaction().execute((tx) => audit(tx, SYSTEM, { action: 'test.write', entity: 'region', entityId: t.tree.gridA, regionId: t.tree.gridA, details: { i } }));
  }
}

/** The sealed entry at `seq`. */
async function entryAt(seq: number) {
  return db.selectFrom('audit_log').selectAll().where('chain_seq', '=', seq).executeTakeFirstOrThrow();
}

describe('the audit hash chain', () => {
  beforeEach(async () => {
    await writeEntries(5);
    await sealAuditLog(db);
    const clean = await verifyAuditChain(db);
    expect(clean.firstBreak, clean.firstBreak?.message).toBeNull();
  });

  it('seals every entry written through the app, and a clean log verifies with counts and head', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: '链路1号' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await verifyAuditChain(db)).unsealed).toBeGreaterThan(0);
    const { sealed, head } = await sealAuditLog(db);
    expect(sealed).toBeGreaterThan(0);
    const r = await verifyAuditChain(db);
    expect(r).toMatchObject({ ok: true, unsealed: 0, firstBreak: null, head });
    const total = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(r.checked).toBe(Number(total.n));
    // Each hash is sha256 of the previous one and the entry: recomputed here independently.
    const first = await entryAt(1);
    expect(first.prev_hash).toBe(AUDIT_GENESIS_HASH);
    expect(first.hash).toBe(chainHash(AUDIT_GENESIS_HASH, first));
  });

  it('names an entry whose field was edited in SQL: its sequence number, id and day', async () => {
    const head = await readChainHead(db);
    const victim = await entryAt(head.seq - 2);
    await sql`update audit_log set purpose = ${'改过的目的'} where id = ${victim.id}`.execute(db);
    const r = await verifyAuditChain(db);
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ kind: 'edited', seq: head.seq - 2, entryId: victim.id, day: victim.at.slice(0, 10) });
    await sql`update audit_log set purpose = ${victim.purpose} where id = ${victim.id}`.execute(db);
  });

  it('names an edit of the time, the user or the details too: every recorded column counts', async () => {
    const head = await readChainHead(db);
    const victim = await entryAt(head.seq);
    for (const [column, value] of [['details', '{"i":99}'], ['user_id', newId()], ['action', 'test.other'], ['ip', '10.0.0.9']] as const) {
      await sql`update audit_log set ${sql.ref(column)} = ${value} where id = ${victim.id}`.execute(db);
      expect((await verifyAuditChain(db)).firstBreak, column).toMatchObject({ kind: 'edited', entryId: victim.id });
      await sql`update audit_log set ${sql.ref(column)} = ${victim[column]} where id = ${victim.id}`.execute(db);
    }
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names a deleted entry by its missing sequence number, and one deleted with the numbers closed up', async () => {
    const head = await readChainHead(db);
    const gone = await entryAt(head.seq - 3);
    const next = await entryAt(head.seq - 2);
    await sql`delete from audit_log where id = ${gone.id}`.execute(db);
    const r = await verifyAuditChain(db);
    expect(r.firstBreak).toMatchObject({ kind: 'missing', seq: head.seq - 3, entryId: next.id });
    expect(r.firstBreak?.message).toContain(`entry ${head.seq - 3} is missing`);

    // Closing the gap (every later number one down, the head too) does not hide it.
    await sql`update audit_log set chain_seq = chain_seq - 1 where chain_seq > ${head.seq - 3}`.execute(db);
    await sql`update audit_chain set seq = seq - 1`.execute(db);
    const closed = await verifyAuditChain(db);
    expect(closed.firstBreak).toMatchObject({ kind: 'missing', seq: head.seq - 3, entryId: next.id });
    expect(closed.firstBreak?.message).toContain('deleted and the numbers closed up');
    // Put back as it was, for the tests after this one.
    await sql`update audit_log set chain_seq = chain_seq + 1 where chain_seq >= ${head.seq - 3}`.execute(db);
    await sql`update audit_chain set seq = seq + 1`.execute(db);
    await fastInsert(db, 'audit_log', gone as unknown as Record<string, string | number | null>);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('names two entries swapped in the order as reordered', async () => {
    const head = await readChainHead(db);
    const [a, b] = [await entryAt(head.seq - 1), await entryAt(head.seq)];
    await sql`update audit_log set chain_seq = ${head.seq} where id = ${a.id}`.execute(db);
    await sql`update audit_log set chain_seq = ${head.seq - 1} where id = ${b.id}`.execute(db);
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ kind: 'reordered', seq: head.seq - 1, entryId: b.id });
    await sql`update audit_log set chain_seq = ${head.seq - 1} where id = ${a.id}`.execute(db);
    await sql`update audit_log set chain_seq = ${head.seq} where id = ${b.id}`.execute(db);
  });

  it('finds a cut tail: against the head if it was left, against the backup manifest’s head if it was rewritten too', async () => {
    const manifest = await backupDatabase(url(), path.join(dir, `chain-${Date.now()}.bak`));
    const kept = await readChainHead(db);
    expect(manifest.auditChain).toEqual(kept);
    expect((await verifyAuditChain(db, { against: manifest.auditChain })).ok).toBe(true);

    const tail = await db.selectFrom('audit_log').selectAll().where('chain_seq', '>', kept.seq - 2).execute();
    await sql`delete from audit_log where chain_seq > ${kept.seq - 2}`.execute(db);
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ kind: 'missing', seq: kept.seq - 1 });
    // The head moved back to match: only the manifest still knows.
    const before = await entryAt(kept.seq - 2);
    await db.updateTable('audit_chain').set({ seq: kept.seq - 2, hash: before.hash ?? '' }).execute();
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const r = await verifyAuditChain(db, { against: manifest.auditChain });
    expect(r.firstBreak).toMatchObject({ kind: 'missing', seq: kept.seq - 1 });
    expect(r.firstBreak?.message).toContain('manifest');

    for (const row of tail) await fastInsert(db, 'audit_log', row as unknown as Record<string, string | number | null>);
    await db.updateTable('audit_chain').set(kept).execute();
    expect((await verifyAuditChain(db, { against: manifest.auditChain })).ok).toBe(true);
  });

  it('npm run audit:verify prints counts and head, exits 0 on a whole chain and 1 naming the break', async () => {
    const run = (extra: string[] = []) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/server/audit-verify-cli.ts', ...extra], { env: { ...process.env, DATABASE_URL: url() }, cwd: path.resolve(__dirname, '../../..') }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const ok = await run();
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/checked \d+ sealed entries/);
    expect(ok.out).toContain('OK: the chain is whole');
    const head = await readChainHead(db);
    const victim = await entryAt(head.seq);
    await sql`update audit_log set entity_id = ${'x'} where id = ${victim.id}`.execute(db);
    const broken = await run();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`BROKEN at sequence ${head.seq}: edited`);
    expect(broken.out).toContain(victim.id);
    await sql`update audit_log set entity_id = ${victim.entity_id} where id = ${victim.id}`.execute(db);
  }, 240_000);
});

describe('two instances on one database', () => {
  // Two instances share a PostgreSQL database; a SQLite file has one server process, whose
  // concurrent requests and sealer share its one connection (a second writer process would wait on the file lock).
  it('write and seal at once into one unbroken chain', async () => {
    const second: Database | null = t.database.dialect === 'postgres' ? openDatabase(url(), { poolSize: 5 }) : null;
    const other = second?.db ?? db;
    try {
      const before = await readChainHead(db);
      let stop = false;
      const sealing = (on: Kysely<DB>) =>
        (async () => {
          while (!stop) {
            await sealAuditLog(on, { batch: 7 });
            await new Promise((r) => setTimeout(r, 2));
          }
        })();
      const sealers = [sealing(db), sealing(other)];
      try {
        await Promise.all(Array.from({ length: 6 }, (_, i) => writeEntries(15, i % 2 ? other : db)));
      } finally {
        stop = true;
        await Promise.allSettled(sealers);
      }
      await sealAuditLog(other);
      const r = await verifyAuditChain(db);
      expect(r.firstBreak, r.firstBreak?.message).toBeNull();
      expect(r.unsealed).toBe(0);
      expect(r.head.seq - before.seq).toBeGreaterThanOrEqual(90);
      const seqs = await db.selectFrom('audit_log').select('chain_seq').where('chain_seq', '>', before.seq).orderBy('chain_seq').execute();
      expect(seqs.map((s) => Number(s.chain_seq))).toEqual(Array.from({ length: r.head.seq - before.seq }, (_, i) => before.seq + 1 + i));
    } finally {
      await second?.close();
    }
  }, 60_000);
});

describe('retention: old months exported, then removed', () => {
  it('exports whole months past the retention with their chain head, removes them, and the rest still verifies', async () => {
    const now = new Date();
    const old = (monthsBack: number, day: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, day, 8)).toISOString();
    await sealAuditLog(db);
    // Entries of 40 and 39 months ago (their partitions made on PostgreSQL, as the job would have then).
    await ensureAuditPartitions(db, new Date(old(40, 1)), 1);
    const oldIds: string[] = [];
    for (const at of [old(40, 3), old(40, 20), old(39, 5)]) {
      const id = newId();
      oldIds.push(id);
      await fastInsert(db, 'audit_log', { id, at, user_id: null, action: 'test.old', entity: 'region', entity_id: String(t.tree.gridA), region_id: t.tree.gridA, ip: null, purpose: null, details: null });
    }
    await writeEntries(2);
    if (t.database.dialect === 'postgres') expect((await auditPartitions(db)).map((p) => p.month)).toContain(old(40, 1).slice(0, 7));
    const countBefore = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    const boundary = retentionBoundary(now, 1095);
    const manifest = await cutAuditLog(db, dir, boundary, now);
    expect(manifest).not.toBeNull();
    if (!manifest) return;
    expect(manifest.rows).toBeGreaterThanOrEqual(3);
    // The file holds the entries in chain order and chains from `from` to `head`.
    const rows = gunzipSync(fs.readFileSync(path.join(dir, manifest.file))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toHaveLength(manifest.rows);
    expect(rows.map((r) => r.id)).toEqual(expect.arrayContaining(oldIds));
    let prev = manifest.from.hash;
    for (const row of rows) {
      expect(row.prev_hash).toBe(prev);
      expect(chainHash(prev, row)).toBe(row.hash);
      prev = row.hash;
    }
    expect(prev).toBe(manifest.head.hash);

    const left = await db.selectFrom('audit_log').select('id').where('id', 'in', oldIds).execute();
    expect(left).toEqual([]);
    const countAfter = Number((await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(countAfter).toBe(countBefore - manifest.rows);
    if (t.database.dialect === 'postgres') {
      const months = (await auditPartitions(db)).map((p) => p.month);
      expect(months.filter((m) => m < boundary)).toEqual([]);
      expect(months).toContain(now.toISOString().slice(0, 7));
    }
    await sealAuditLog(db);
    const r = await verifyAuditChain(db);
    expect(r.firstBreak, r.firstBreak?.message).toBeNull();
    expect(r.start).toEqual(manifest.head);
    // Run again: nothing that old is left.
    expect(await cutAuditLog(db, dir, boundary, now)).toBeNull();
    // A deleted entry after the cut is still named.
    const first = await entryAt(manifest.head.seq + 1);
    await sql`delete from audit_log where id = ${first.id}`.execute(db);
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ kind: 'missing', seq: manifest.head.seq + 1 });
  }, 60_000);

  it('PostgreSQL: makes the months ahead, and moves rows a clock ahead put in the default partition into their month', async () => {
    if (t.database.dialect !== 'postgres') {
      expect(await ensureAuditPartitions(db, new Date())).toEqual([]);
      return;
    }
    const now = new Date();
    const far = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 6, 2)).toISOString();
    const id = newId();
    await fastInsert(db, 'audit_log', { id, at: far, user_id: null, action: 'test.ahead', entity: 'region', entity_id: null, region_id: null, ip: null, purpose: null, details: null });
    const { rows: inDefault } = await sql<{ n: number }>`select count(*)::int as n from audit_log_default where id = ${id}`.execute(db);
    expect(inDefault[0]?.n).toBe(1);
    const created = await ensureAuditPartitions(db, now, 6);
    expect(created).toContain(far.slice(0, 7));
    const { rows: moved } = await sql<{ n: number }>`select count(*)::int as n from audit_log_default where id = ${id}`.execute(db);
    expect(moved[0]?.n).toBe(0);
    expect(await db.selectFrom('audit_log').select('id').where('id', '=', id).executeTakeFirst()).toEqual({ id });
  });
});
