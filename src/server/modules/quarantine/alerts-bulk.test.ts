// Issue 15 item 4: alerts confirmed in bulk (by ids or by the list's filter), listed by severity,
// and missed-check alerts from a late run marked as caught up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { tick } from '../../platform/jobs.ts';
import { newId } from '../../platform/ids.ts';
import { dayIn } from '../../platform/time.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { alertLevels } from './alert-levels.ts';
import { quarantineMissedCheckJob } from './missed-check.job.ts';

let t: TestApp;
let today: string;
beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
});
afterAll(() => t.close());

type Alert = { id: string; kind: string; severity: number; raisedAt: string; acknowledgedAt: string | null; caughtUp: boolean };
const post = (url: string, payload: object, headers: Record<string, string>) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

/** A village with one grid and an order there; alerts are added straight into the table. */
async function place(name: string, town = t.tree.townC) {
  const village = await aRegion(t.app, town, 'village', `${name}村`);
  const grid = await aRegion(t.app, village, 'grid', `${name}网格`);
  const worker = (await signIn(t.app, 'grid_worker', grid)).headers;
  const person = await post('/api/v1/persons', { regionId: grid, name: `${name}人`, category: 'resident' }, worker);
  expect(person.statusCode, person.body).toBe(201);
  const order = await post('/api/v1/quarantines', { personId: person.json().id, reason: '返乡', startOn: today }, worker);
  expect(order.statusCode, order.body).toBe(201);
  const path = (await t.app.db.selectFrom('regions').select('path').where('id', '=', grid).executeTakeFirstOrThrow()).path;
  return { village, grid, worker, orderId: order.json<{ id: string }>().id, path };
}

async function addAlerts(p: { grid: number; orderId: string; path: string }, specs: { kind: 'fever' | 'breach' | 'missed_check'; minutesAgo: number; day?: string }[]) {
  const ids: string[] = [];
  const severity = { fever: 2, breach: 2, missed_check: 1 } as const;
  for (const s of specs) {
    const id = newId();
    ids.push(id);
    await t.app.db
      .insertInto('quarantine_alerts')
      .values({
        id,
        order_id: p.orderId,
        region_id: p.grid,
        kind: s.kind,
        day: s.day ?? today,
        raised_at: new Date(Date.now() - s.minutesAgo * 60_000).toISOString(),
        acknowledged_at: null,
        acknowledged_by: null,
        ...alertLevels(p.path),
        severity: severity[s.kind],
        caught_up: 0,
      })
      .execute();
  }
  return ids;
}

const acks = (ids: (string | undefined)[]) =>
  t.app.db.selectFrom('audit_log').select(['entity_id', 'user_id']).where('entity', '=', 'quarantine_alert').where('action', '=', 'acknowledge').where('entity_id', 'in', ids.map(String)).execute();

describe('alert list by severity', () => {
  it('lists fever and breach before missed checks, each newest first, across pages', async () => {
    const p = await place('排序');
    const [missedNew, feverOld, breachMid, missedOld, feverNew] = await addAlerts(p, [
      { kind: 'missed_check', minutesAgo: 1, day: '2026-01-03' },
      { kind: 'fever', minutesAgo: 50 },
      { kind: 'breach', minutesAgo: 30 },
      { kind: 'missed_check', minutesAgo: 40, day: '2026-01-02' },
      { kind: 'fever', minutesAgo: 5 },
    ]);
    const secretary = (await signIn(t.app, 'village_secretary', p.village)).headers;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await get(`/api/v1/quarantines/alerts?regionId=${p.village}&sort=severity&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, secretary);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ items: Alert[]; nextCursor: string | null }>();
      seen.push(...body.items.map((a) => a.id));
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([feverNew, breachMid, feverOld, missedNew, missedOld]);
    // The default stays newest first; a kind filter narrows either order.
    const byTime = (await get(`/api/v1/quarantines/alerts?regionId=${p.village}`, secretary)).json<{ items: Alert[] }>().items.map((a) => a.id);
    expect(byTime).toEqual([missedNew, feverNew, breachMid, missedOld, feverOld]);
    const missed = (await get(`/api/v1/quarantines/alerts?regionId=${p.village}&kind=missed_check&sort=severity`, secretary)).json<{ items: Alert[] }>().items;
    expect(missed.map((a) => a.id)).toEqual([missedNew, missedOld]);
    expect(missed[0]).toMatchObject({ severity: 1, caughtUp: false });
    expect((await get(`/api/v1/quarantines/alerts?regionId=${p.village}&sort=severity&cursor=bm9wZQ`, secretary)).statusCode).toBe(400);
  });
});

describe('bulk acknowledgement', () => {
  it('confirms the selected alerts in one request, audits each once, and counts those confirmed already', async () => {
    const p = await place('批量');
    const [a, b, c] = await addAlerts(p, [
      { kind: 'fever', minutesAgo: 3 },
      { kind: 'missed_check', minutesAgo: 2 },
      { kind: 'breach', minutesAgo: 1 },
    ]);
    const leader = await signIn(t.app, 'grid_leader', p.grid);
    expect((await post(`/api/v1/quarantines/alerts/${a}/ack`, {}, leader.headers)).statusCode).toBe(200);
    const res = await post('/api/v1/quarantines/alerts/ack', { ids: [a, b, c] }, leader.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ acknowledged: 2, alreadyAcknowledged: 1, ids: expect.arrayContaining([b, c]) });
    const audited = await acks([a, b, c]);
    expect(audited.map((r) => r.entity_id).sort()).toEqual([a, b, c].sort());
    expect(audited.every((r) => r.user_id === leader.user.id)).toBe(true);
    const open = (await get(`/api/v1/quarantines/alerts?regionId=${p.grid}&open=true`, leader.headers)).json<{ items: Alert[] }>().items;
    expect(open).toEqual([]);
    // Again: nothing left to confirm, nothing audited twice.
    expect((await post('/api/v1/quarantines/alerts/ack', { ids: [b, c] }, leader.headers)).json()).toMatchObject({ acknowledged: 0, alreadyAcknowledged: 2 });
    expect(await acks([a, b, c])).toHaveLength(3);
  });

  it('confirms everything open that matches the filter in the chosen subtree, and nothing outside it', async () => {
    const here = await place('筛选甲');
    const there = await place('筛选乙', t.tree.townA);
    const [fever, missed] = await addAlerts(here, [
      { kind: 'fever', minutesAgo: 2 },
      { kind: 'missed_check', minutesAgo: 1 },
    ]);
    const [elsewhere] = await addAlerts(there, [{ kind: 'missed_check', minutesAgo: 1 }]);
    const town = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    const res = await post('/api/v1/quarantines/alerts/ack', { regionId: here.village, matching: { kind: 'missed_check' } }, town);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ acknowledged: 1, alreadyAcknowledged: 0, ids: [missed] });
    const state = await t.app.db.selectFrom('quarantine_alerts').select(['id', 'acknowledged_at']).where('id', 'in', [fever as string, missed as string, elsewhere as string]).execute();
    const acked = new Map(state.map((r) => [r.id, r.acknowledged_at !== null]));
    expect([acked.get(fever as string), acked.get(missed as string), acked.get(elsewhere as string)]).toEqual([false, true, false]);
    // A town officer cannot name another town as the subtree.
    expect((await post('/api/v1/quarantines/alerts/ack', { regionId: t.tree.townA, matching: {} }, town)).statusCode).toBe(403);
  });

  it('refuses the whole request, naming the id, when one alert is outside the caller’s subtree', async () => {
    const mine = await place('越权甲');
    const theirs = await place('越权乙', t.tree.townA);
    const [own] = await addAlerts(mine, [{ kind: 'fever', minutesAgo: 1 }]);
    const [foreign] = await addAlerts(theirs, [{ kind: 'fever', minutesAgo: 1 }]);
    const secretary = (await signIn(t.app, 'village_secretary', mine.village)).headers;
    const res = await post('/api/v1/quarantines/alerts/ack', { ids: [own, foreign] }, secretary);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details).toEqual([{ path: 'ids.1', message: expect.any(String) }]);
    const rows = await t.app.db.selectFrom('quarantine_alerts').select('acknowledged_at').where('id', 'in', [own as string, foreign as string]).execute();
    expect(rows.every((r) => r.acknowledged_at === null)).toBe(true);
    expect(await acks([own as string, foreign as string])).toEqual([]);
  });

  it('bounds one request: too many ids is a validation error, too many matches says how many and how to narrow', async () => {
    const many = Array.from({ length: 501 }, () => newId());
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const tooManyIds = await post('/api/v1/quarantines/alerts/ack', { ids: many }, worker);
    expect(tooManyIds.statusCode).toBe(400);
    expect(tooManyIds.json().error.details.map((d: { path: string }) => d.path)).toContain('ids');
    expect((await post('/api/v1/quarantines/alerts/ack', {}, worker)).statusCode).toBe(400);

    const p = await place('上限');
    await addAlerts(p, Array.from({ length: 501 }, (_, i) => ({ kind: 'fever' as const, minutesAgo: i })));
    const leader = (await signIn(t.app, 'grid_leader', p.grid)).headers;
    const tooMany = await post('/api/v1/quarantines/alerts/ack', { matching: {} }, leader);
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error).toMatchObject({ message: expect.stringContaining('501'), details: [{ path: 'matching' }] });
    const stillOpen = await t.app.db.selectFrom('quarantine_alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('region_id', '=', p.grid).where('acknowledged_at', 'is', null).executeTakeFirstOrThrow();
    expect(Number(stillOpen.n)).toBe(501);
  });

  it('races a single acknowledgement: each alert is confirmed and audited exactly once', async () => {
    const p = await place('并发');
    const ids = await addAlerts(p, Array.from({ length: 20 }, (_, i) => ({ kind: 'fever' as const, minutesAgo: i })));
    const leader = (await signIn(t.app, 'grid_leader', p.grid)).headers;
    const worker = (await signIn(t.app, 'grid_worker', p.grid)).headers;
    const [bulk, ...singles] = await Promise.all([
      post('/api/v1/quarantines/alerts/ack', { ids }, leader),
      ...ids.slice(0, 10).map((id) => post(`/api/v1/quarantines/alerts/${id}/ack`, {}, worker)),
    ]);
    expect(bulk?.statusCode, bulk?.body).toBe(200);
    expect(singles.every((s) => s.statusCode === 200)).toBe(true);
    const body = bulk?.json<{ acknowledged: number; alreadyAcknowledged: number }>();
    expect((body?.acknowledged ?? 0) + (body?.alreadyAcknowledged ?? 0)).toBe(20);
    const audited = await acks(ids);
    expect(audited).toHaveLength(20);
    expect(new Set(audited.map((r) => r.entity_id)).size).toBe(20);
  });
});

describe('a late missed-check run', () => {
  it('marks the alerts of a run long after 20:00 as caught up, and those of a punctual run not', async () => {
    const onTime = await place('准时');
    const late = await place('迟到');
    const job = quarantineMissedCheckJob({ timeZone: 'Asia/Shanghai', publish: () => undefined });
    // Two days, each run once: one at the deadline, one by a server started at 23:05.
    const [d1, d2] = ['2026-12-01', '2026-12-02'];
    await t.app.db.updateTable('quarantine_orders').set({ start_on: '2026-11-30' }).where('id', 'in', [onTime.orderId, late.orderId]).execute();
    expect(await tick(t.app.db, [job], zonedInstant(d1, '20:01', 'Asia/Shanghai'))).toEqual(['quarantine-missed-check']);
    expect(await tick(t.app.db, [job], zonedInstant(d2, '23:05', 'Asia/Shanghai'))).toEqual(['quarantine-missed-check']);
    const rows = await t.app.db.selectFrom('quarantine_alerts').select(['day', 'caught_up', 'severity']).where('order_id', '=', onTime.orderId).where('kind', '=', 'missed_check').orderBy('day').execute();
    expect(rows.map((r) => [String(r.day).slice(0, 10), Number(r.caught_up), Number(r.severity)])).toEqual([
      [d1, 0, 1],
      [d2, 1, 1],
    ]);
    const leader = (await signIn(t.app, 'grid_leader', late.grid)).headers;
    const listed = (await get(`/api/v1/quarantines/alerts?kind=missed_check`, leader)).json<{ items: (Alert & { day: string })[] }>().items;
    expect(listed.map((a) => [a.day, a.caughtUp])).toEqual([
      [d2, true],
      [d1, false],
    ]);
  });
});
