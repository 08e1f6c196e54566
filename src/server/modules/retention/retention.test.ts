// Retention, the purge and stand-downs (issue 21, items 1–2), on SQLite and PostgreSQL: the
// county's bounds, the dry run against what the purge removes, aggregates that survive a purge
// and the nightly recount, a crash mid-batch, one run across two instances, stand-downs in scope
// and reversible until their purge.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aPng } from '../../../../test/support/photos.ts';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../db/connect.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { filer } from '../tips/tip-test-helpers.ts';
import { readCounters } from '../stats/counters.ts';
import { rebuildFamilyEventCounters } from '../family-events/family-event-counters.ts';
import { familyEventsRetention } from '../family-events/family-events.retention.ts';
import { planPurge } from './purge-plan.ts';
import { type PurgeDeps, claimPurge, purgeFinder, runPurge } from './purge.service.ts';

let t: TestApp;
let commander: Record<string, string>;
let worker: Record<string, string>;
let gridC: number;
beforeAll(async () => {
  t = await buildTestApp();
  gridC = await aRegion(t.app, await aRegion(t.app, t.tree.townC, 'village', '南村'), 'grid', '南村第一网格');
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, payload });
const DAY = 86_400_000;
// A read that keeps the database busy for a while (~0.2–1 s), on SQLite and PostgreSQL alike.
const SLOW_READ = sql`with recursive c(x) as (select 1 union all select x + 1 from c where x < 2000000) select count(*) as n from c`;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString();
const deps = (extra: Partial<PurgeDeps> = {}): PurgeDeps => ({ db: t.app.db, dataDir: t.app.config.dataDir, timeZone: t.app.config.timeZone, ...extra });
const purgeNow = async (extra: Partial<PurgeDeps> = {}) => {
  const claimed = await t.app.db.transaction().execute((tx) => claimPurge(tx, { userId: null, ip: null }, new Date()));
  return { id: claimed.run.id, removed: await runPurge(deps(extra), claimed.run) };
};
const count = async (table: 'family_events' | 'quarantine_orders' | 'quarantine_checks' | 'tips' | 'photos' | 'tip_photos') =>
  Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** A family event in `regionId` closed (followed up) `closedDaysAgo` days ago; counters recounted to match. */
async function closedFamilyEvent(regionId: number, closedDaysAgo: number): Promise<string> {
  const headers = (await signIn(t.app, 'grid_worker', regionId)).headers;
  const res = await inject('POST', '/api/v1/family-events', headers, { regionId, kind: 'banquet', hostName: '王大明', plannedOn: addDays(dayIn(t.app.config.timeZone), -closedDaysAgo - 5), place: '礼堂', expectedGuests: 20 });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json<{ id: string }>().id;
  await t.app.db.updateTable('family_events').set({ status: 'followed_up', decision: 'held_as_planned', followed_up_at: daysAgo(closedDaysAgo), updated_at: daysAgo(closedDaysAgo) }).where('id', '=', id).execute();
  return id;
}

/** A released quarantine order with one health check, released `daysAgoReleased` days ago. */
async function releasedOrder(daysAgoReleased: number): Promise<string> {
  const person = await inject('POST', '/api/v1/persons', worker, { regionId: t.tree.gridA, name: '李四', category: 'resident' });
  expect(person.statusCode, person.body).toBe(201);
  const today = dayIn(t.app.config.timeZone);
  const order = await inject('POST', '/api/v1/quarantines', worker, { personId: person.json<{ id: string }>().id, reason: '密接', startOn: today });
  expect(order.statusCode, order.body).toBe(201);
  const id = order.json<{ id: string }>().id;
  expect((await inject('POST', `/api/v1/quarantines/${id}/checks`, worker, { temperature: 36.5 })).statusCode).toBe(201);
  const released = await inject('POST', `/api/v1/quarantines/${id}/release`, worker, { note: '期满解除' });
  expect(released.statusCode, released.body).toBe(200);
  await t.app.db.updateTable('quarantine_orders').set({ released_at: daysAgo(daysAgoReleased) }).where('id', '=', id).execute();
  return id;
}

/** A tip with the reporter's phone and a photo, answered `answeredDaysAgo` days ago. */
async function answeredTip(answeredDaysAgo: number, grey: number): Promise<string> {
  const res = await filer(t.app).postForm({ category: 'gathering', regionId: t.tree.villageA, description: '东村有人聚集', phone: '13812345678', anonymous: false }, [{ name: 'a.png', content: aPng(grey), type: 'image/png' }]);
  expect(res.statusCode, res.body).toBe(201);
  const row = await t.app.db.selectFrom('tips').select('id').where('phone_hash', 'is not', null).orderBy('filed_at', 'desc').limit(1).executeTakeFirstOrThrow();
  await t.app.db.updateTable('tips').set({ status: 'answered', answered_at: daysAgo(answeredDaysAgo) }).where('id', '=', row.id).execute();
  return row.id;
}

describe('retention settings', () => {
  it('shows every kind with its default, legal minimum and what closing means', async () => {
    const res = await inject('GET', '/api/v1/retention', commander);
    expect(res.statusCode, res.body).toBe(200);
    const policies = res.json<{ policies: { kind: string; days: number; minimumDays: number; closes: string }[] }>().policies;
    expect(policies.map((p) => p.kind)).toContain('family_events');
    expect(policies.length).toBe(11);
    for (const p of policies) expect(p.days).toBeGreaterThanOrEqual(p.minimumDays);
    expect(policies.find((p) => p.kind === 'arrivals')).toMatchObject({ days: 28, minimumDays: 14, closes: expect.stringContaining('decided') });
  });

  it('refuses a retention below the legal minimum, naming the kind and the minimum, and saves nothing of the request', async () => {
    const res = await inject('PUT', '/api/v1/retention', commander, { days: { family_events: 20, arrivals: 3 } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.details).toEqual([{ path: 'days.arrivals', message: expect.stringMatching(/arrival self-registrations.*at least 14 days/) }]);
    const after = (await inject('GET', '/api/v1/retention', commander)).json<{ policies: { kind: string; days: number }[] }>().policies;
    expect(after.find((p) => p.kind === 'family_events')?.days).toBe(30);
    expect((await inject('PUT', '/api/v1/retention', commander, { days: { family_events: 0 } })).statusCode).toBe(400);
    expect((await inject('PUT', '/api/v1/retention', commander, { days: { no_such_kind: 30 } })).statusCode).toBe(400);
  });

  it('saves a valid change (audited), and only the county may set it', async () => {
    const res = await inject('PUT', '/api/v1/retention', commander, { days: { family_events: 45 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ policies: { kind: string; days: number }[] }>().policies.find((p) => p.kind === 'family_events')?.days).toBe(45);
    const entry = await t.app.db.selectFrom('audit_log').select('details').where('entity', '=', 'retention').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.details ?? '{}')).toEqual({ changed: { family_events: { from: 30, to: 45 } } });
    const townCommander = (await signIn(t.app, 'commander', t.tree.townA)).headers;
    expect((await inject('PUT', '/api/v1/retention', townCommander, { days: { family_events: 60 } })).statusCode).toBe(403);
    const town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    expect((await inject('GET', '/api/v1/retention/purge-preview', town)).statusCode).toBe(403);
    // Back to the default for the tests below.
    expect((await inject('PUT', '/api/v1/retention', commander, { days: { family_events: 30 } })).statusCode).toBe(200);
  });
});

describe('the purge', () => {
  it('removes what the dry run said, by kind and region; keeps counters through the purge and the nightly recount', async () => {
    // Due: closed long ago. Kept: closed recently.
    const oldEvents = [await closedFamilyEvent(t.tree.gridA, 100), await closedFamilyEvent(t.tree.gridB, 100), await closedFamilyEvent(gridC, 100)];
    const recent = await closedFamilyEvent(t.tree.gridA, 2);
    const order = await releasedOrder(100);
    const keptOrder = await releasedOrder(3);
    const tipId = await answeredTip(100, 60);
    await rebuildFamilyEventCounters(t.app.db, '/');
    const countersBefore = await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.gridA, t.tree.townC], 'family_events');
    expect(countersBefore.get(t.tree.county)?.family_events).toBe(4);

    const preview = await inject('GET', '/api/v1/retention/purge-preview', commander);
    expect(preview.statusCode, preview.body).toBe(200);
    const rows = preview.json<{ rows: { kind: string; regionId: number; count: number }[]; total: number }>().rows;
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'family_events', regionId: t.tree.townA, count: 2 }),
        expect.objectContaining({ kind: 'family_events', regionId: t.tree.townC, count: 1 }),
        expect.objectContaining({ kind: 'quarantine', regionId: t.tree.townA, count: 1 }),
        expect.objectContaining({ kind: 'tip_reporters', regionId: t.tree.townA, count: 1 }),
      ]),
    );
    // Nothing is touched by a dry run.
    expect(await count('family_events')).toBe(4);

    const photosBefore = await count('photos');
    const { id, removed } = await purgeNow({ batchSize: 2 });
    const byRun = await t.app.db.selectFrom('purge_run_counts').select(['kind', 'region_id', 'n']).where('run_id', '=', id).execute();
    expect(byRun.map((r) => ({ kind: r.kind, regionId: r.region_id, count: Number(r.n) })).sort((a, b) => a.kind.localeCompare(b.kind) || a.regionId - b.regionId)).toEqual(
      rows.map((r) => ({ kind: r.kind, regionId: r.regionId, count: r.count })).sort((a, b) => a.kind.localeCompare(b.kind) || a.regionId - b.regionId),
    );
    expect(removed).toBe(preview.json<{ total: number }>().total);

    // Deleted whole, or reduced.
    expect(await t.app.db.selectFrom('family_events').select('id').where('id', 'in', oldEvents).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('family_events').select('id').where('id', '=', recent).execute()).toHaveLength(1);
    expect(await t.app.db.selectFrom('quarantine_checks').select('id').where('order_id', '=', order).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('quarantine_orders').select('id').where('id', '=', order).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('quarantine_checks').select('id').where('order_id', '=', keptOrder).execute()).toHaveLength(1);
    const tip = await t.app.db.selectFrom('tips').select(['phone_enc', 'phone_hash', 'phone_masked', 'photo_count', 'description']).where('id', '=', tipId).executeTakeFirstOrThrow();
    expect(tip).toMatchObject({ phone_enc: null, phone_hash: null, phone_masked: null, photo_count: 0, description: '东村有人聚集' });
    expect(await t.app.db.selectFrom('tip_photos').select('sha256').where('tip_id', '=', tipId).execute()).toEqual([]);
    expect(await count('photos')).toBe(photosBefore - 1);

    // Aggregates: unchanged by the purge, and by the nightly recount after it.
    expect(await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.gridA, t.tree.townC], 'family_events')).toEqual(countersBefore);
    const reconcile = t.app.scheduledJobs.find((j) => j.name === 'reconcile-counters');
    await reconcile?.run(t.app.db, 'test');
    expect(await readCounters(t.app.db, [t.tree.county, t.tree.townA, t.tree.gridA, t.tree.townC], 'family_events')).toEqual(countersBefore);

    // Audited with counts; the next dry run finds nothing left.
    const done = await t.app.db.selectFrom('audit_log').select('details').where('action', '=', 'purge_done').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.parse(done.details ?? '{}')).toMatchObject({ removed: { family_events: 3, quarantine: 1, tip_reporters: 1 }, total: removed });
    expect((await inject('GET', '/api/v1/retention/purge-preview', commander)).json()).toMatchObject({ total: 0, rows: [] });
    const status = await inject('GET', '/api/v1/retention/purge', commander);
    expect(status.json()).toMatchObject({ run: { id, status: 'done', total: removed, removed: { family_events: 3 } } });
  });

  it('leaves every record whole when a batch fails mid-way, and the next run resumes', async () => {
    const events = [];
    for (let i = 0; i < 5; i++) events.push(await closedFamilyEvent(t.tree.gridA2, 200));
    const order = await releasedOrder(200);
    await rebuildFamilyEventCounters(t.app.db, '/');
    const before = await readCounters(t.app.db, [t.tree.county], 'family_events');
    expect(await count('family_events')).toBe(5 + 1); // the recent one of the test above stays
    const crash = (kind: string, batchNo: number) => {
      if (kind === 'family_events' && batchNo === 1) throw new Error('power cut');
    };
    await expect(purgeNow({ batchSize: 2, inBatch: crash })).rejects.toThrow('power cut');
    // The first batch of 2 went whole; the second rolled back whole: 3 left, each complete.
    const left = await t.app.db.selectFrom('family_events').select(['id', 'host_name', 'status']).where('id', 'in', events).execute();
    expect(left).toHaveLength(3);
    for (const row of left) expect(row).toMatchObject({ host_name: '王大明', status: 'followed_up' });
    // The quarantine pass ran before the crash: its order went whole, with its check.
    expect(await t.app.db.selectFrom('quarantine_orders').select('id').where('id', '=', order).execute()).toEqual([]);
    expect(await t.app.db.selectFrom('quarantine_checks').select('id').where('order_id', '=', order).execute()).toEqual([]);
    expect((await inject('GET', '/api/v1/retention/purge', commander)).json()).toMatchObject({ run: { status: 'failed', total: 1 + 2, removed: { quarantine: 1, family_events: 2 } } });
    expect(await readCounters(t.app.db, [t.tree.county], 'family_events')).toEqual(before);

    const resumed = await purgeNow({ batchSize: 2 });
    expect(resumed.removed).toBe(3);
    expect(await t.app.db.selectFrom('family_events').select('id').where('id', 'in', events).execute()).toEqual([]);
    await rebuildFamilyEventCounters(t.app.db, '/');
    expect(await readCounters(t.app.db, [t.tree.county], 'family_events')).toEqual(before);
  });

  it('finds the due records a window at a time, not once per batch', async () => {
    // The register's finding query costs as much for 10 households as for 500 at county scale:
    // asked again for every small batch, it set the paced purge's speed (~3 records/s).
    for (let i = 0; i < 5; i++) await closedFamilyEvent(t.tree.gridA2, 200);
    const finding = vi.spyOn(familyEventsRetention, 'due');
    let batches = 0;
    try {
      const { removed } = await purgeNow({
        pace: { firstSize: 2, minSize: 2, maxSize: 6, budgetMs: Number.POSITIVE_INFINITY, duty: 1 },
        inBatch: (kind) => {
          if (kind === 'family_events') batches += 1;
        },
      });
      expect(removed).toBe(5);
      // Batches of 2, 2 and 1 from one window of up to 6; then one more look finds nothing.
      expect(batches).toBe(3);
      expect(finding).toHaveBeenCalledTimes(2);
      expect(finding.mock.calls.map((c) => c[2])).toEqual([6, 6]);
    } finally {
      finding.mockRestore();
    }
  });

  it('finds the due records off the server’s thread (SQLite: the bulk reader), started as staff start it', async () => {
    // On SQLite a query answers on the thread that asks: the finding on the main connection held
    // every request for its 2–3 s at 250,000 people. Here the finding is made slow, and a timer
    // set as it starts must fire before it ends — as it does only when the query runs elsewhere.
    for (let i = 0; i < 3; i++) await closedFamilyEvent(t.tree.gridA2, 200);
    const finder = purgeFinder(t.database);
    expect(finder).toBe(t.database.dialect === 'sqlite' ? t.database.bulkRead : t.database.db);
    const sentBefore = t.database.bulkPool?.jobs ?? 0;
    const original = familyEventsRetention.due;
    const order: string[] = [];
    const finding = vi.spyOn(familyEventsRetention, 'due').mockImplementation(async (db, q, limit) => {
      if (finding.mock.calls.length === 1) {
        const timer = new Promise<void>((resolve) => setTimeout(() => resolve(void order.push('timer')), 5));
        await Promise.all([SLOW_READ.execute(db).then(() => void order.push('slow finding')), timer]);
      }
      return original(db, q, limit);
    });
    try {
      const started = await inject('POST', '/api/v1/retention/purge', commander);
      expect(started.statusCode, started.body).toBe(202);
      const runId = started.json().run.id;
      await expect.poll(async () => (await inject('GET', '/api/v1/retention/purge', commander)).json().run, { timeout: 20_000 }).toMatchObject({ id: runId, status: 'done', removed: { family_events: 3 } });
      expect(order).toEqual(['timer', 'slow finding']);
      for (const [db] of finding.mock.calls) expect(db).toBe(finder);
      // Every pass's finding went to the reader thread (each pass looks at least once).
      if (t.database.bulkPool) {
        const passes = (await planPurge(t.app.db, new Date(), t.app.config.timeZone)).reduce((n, plan) => n + plan.passes.length, 0);
        expect(t.database.bulkPool.jobs - sentBefore).toBeGreaterThanOrEqual(passes);
      }
    } finally {
      finding.mockRestore();
    }
  });

  it('is claimed once across two instances on one database: a second start is refused with the reason; a silent run is taken over', async () => {
    // A second instance: its own connections to the same database.
    const second = openDatabase(t.database.dialect === 'postgres' ? t.database.describe : `sqlite://${t.database.describe}`, { poolSize: 2 });
    const other = await buildApp({ config: t.app.config, database: second, fieldCrypto: t.app.fieldCrypto });
    await other.ready();
    try {
      const claimOn = (app: typeof other) => app.db.transaction().execute((tx) => claimPurge(tx, { userId: null, ip: null }, new Date()));
      // Racing on PostgreSQL; SQLite (one writer, one instance in production) takes them in turn.
      const claims =
        t.database.dialect === 'postgres'
          ? await Promise.allSettled([claimOn(t.app), claimOn(other)])
          : [...(await Promise.allSettled([claimOn(t.app)])), ...(await Promise.allSettled([claimOn(other)]))];
      expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
      const refused = claims.find((c) => c.status === 'rejected');
      expect(String((refused as PromiseRejectedResult).reason)).toMatch(/already running/);
      // Over HTTP, on either instance: 409 with the reason while it runs.
      for (const app of [t.app, other]) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/retention/purge', headers: commander });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().error.message).toMatch(/A purge is already running since .*: wait for it to finish/);
      }
      // Its runner died: after the stale time the next start resumes the same run.
      const running = await t.app.db.selectFrom('purge_runs').select('id').where('status', '=', 'running').executeTakeFirstOrThrow();
      await t.app.db.updateTable('purge_runs').set({ heartbeat_at: daysAgo(1) }).where('id', '=', running.id).execute();
      const resumed = await other.inject({ method: 'POST', url: '/api/v1/retention/purge', headers: commander });
      expect(resumed.statusCode, resumed.body).toBe(202);
      expect(resumed.json().run.id).toBe(running.id);
      // Within seconds: on SQLite the other instance's first finding waits for its reader thread to start.
      await expect.poll(async () => (await t.app.db.selectFrom('purge_runs').select('status').where('id', '=', running.id).executeTakeFirstOrThrow()).status, { timeout: 20_000 }).toBe('done');
    } finally {
      await other.close();
      await second.close();
    }
  });
});

describe('stand-down (解除)', () => {
  it('is recorded only inside the caller’s subtree, shows above and below, and is reversible until its purge', async () => {
    const town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const outside = await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.townC, endedOn: '2026-01-01' });
    expect(outside.statusCode, outside.body).toBe(403);
    expect(outside.json().error.details[0].path).toBe('regionId');
    expect((await inject('POST', '/api/v1/stand-downs', worker, { regionId: t.tree.gridA, endedOn: '2026-01-01' })).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: '2026-01-01', purgeAfterDays: 1 })).statusCode).toBe(400);

    const made = await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: '2026-01-01' });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ regionId: t.tree.villageA, endedOn: '2026-01-01', purgeAfterDays: 30, purgeFrom: '2026-01-31', register: 'keep', purgedAt: null });
    expect((await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: '2026-02-01' })).statusCode).toBe(409);
    // A grid below sees its village's stand-down; another town's account does not reach it.
    const seen = await inject('GET', '/api/v1/stand-downs', worker);
    expect(seen.json().items).toEqual([expect.objectContaining({ id: made.json().id, regionName: '东村' })]);
    const townC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    expect((await inject('DELETE', `/api/v1/stand-downs/${made.json().id}`, townC)).statusCode).toBe(403);

    // Revoked, then recorded again.
    expect((await inject('DELETE', `/api/v1/stand-downs/${made.json().id}`, town)).statusCode).toBe(204);
    expect((await inject('GET', '/api/v1/stand-downs', worker)).json().items).toEqual([]);
    const again = await inject('POST', '/api/v1/stand-downs', town, { regionId: t.tree.villageA, endedOn: '2026-01-01' });
    expect(again.statusCode, again.body).toBe(201);

    // Its period has run out: epidemic-only data of the village closed only yesterday goes; elsewhere it stays.
    const inVillage = await closedFamilyEvent(t.tree.gridA, 1);
    const elsewhere = await closedFamilyEvent(t.tree.gridB, 1);
    const preview = (await inject('GET', '/api/v1/retention/purge-preview', commander)).json<{ rows: { kind: string; regionId: number; count: number }[] }>();
    // The village's two closed events (this one and the first test's recent one) and its recently released order.
    expect(preview.rows).toEqual([
      expect.objectContaining({ kind: 'quarantine', regionId: t.tree.townA, count: 1 }),
      expect.objectContaining({ kind: 'family_events', regionId: t.tree.townA, count: 2 }),
    ]);
    await purgeNow();
    expect(await t.app.db.selectFrom('family_events').select('id').where('id', 'in', [inVillage, elsewhere]).execute()).toEqual([{ id: elsewhere }]);
    expect(await count('quarantine_orders')).toBe(0);
    const after = await inject('GET', '/api/v1/stand-downs', worker);
    expect(after.json().items[0].purgedAt).toEqual(expect.any(String));
    const late = await inject('DELETE', `/api/v1/stand-downs/${again.json().id}`, town);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/can no longer be revoked/);
  });
});
