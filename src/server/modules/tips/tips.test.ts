import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { dayIn } from '../../platform/time.ts';
import { readCounters, regionPathOf } from '../stats/counters.ts';
import { rebuildTipCounters } from './tip-counters.ts';
import { detailsOf, filer } from './tip-test-helpers.ts';

let t: TestApp;
let f: ReturnType<typeof filer>;
type Headers = Record<string, string>;
let secretary: Headers; // villageA
let townOfficer: Headers; // townA
let townOfficer2: Headers; // townA, another account
let commander: Headers; // county
const published: LiveEvent[] = [];

beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  f = filer(t.app);
  secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  townOfficer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  townOfficer2 = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

let seq = 0;
/** Files a tip (each with its own words, so none is taken for a duplicate) and returns its code and id. */
async function newTip(extra: object = {}) {
  seq += 1;
  const code = await f.file({ category: 'gathering', regionId: t.tree.gridA, description: `第${seq}号举报：${'甲乙丙丁戊己庚辛壬癸'.slice(seq % 10)}${seq * 7919}处有人聚集`, ...extra });
  const row = await t.app.db.selectFrom('tips').select(['id']).where('tracking_hash', '=', t.app.fieldCrypto.index(`tip:${code}`)).executeTakeFirstOrThrow();
  return { code, id: row.id };
}
const get = (url: string, headers: Headers = secretary) => t.app.inject({ method: 'GET', url, headers });
const patch = (id: string, body: object, headers: Headers = secretary) => t.app.inject({ method: 'PATCH', url: `/api/v1/tips/${id}`, headers, payload: body });
const versionOf = async (id: string) => Number((await t.app.db.selectFrom('tips').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
/** One step with the current version; expects success. */
async function act(id: string, body: object, headers: Headers = secretary) {
  const res = await patch(id, { version: await versionOf(id), ...body }, headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
const tipStats = async (regionId: number) => (await get(`/api/v1/stats/summary?regionId=${regionId}`, commander)).json().tips as { total: number; byStatus: Record<string, number> };

describe('the loop 受理→分析→流转→处置→督办→反馈→评价', () => {
  it('walks a tip from received to evaluated; counters, history, tracking and live events follow', async () => {
    const countyBefore = await tipStats(t.tree.county);
    const { code, id } = await newTip({ phone: '13512345678' });
    expect((await tipStats(t.tree.county)).byStatus.received).toBe((countyBefore.byStatus.received ?? 0) + 1);
    expect((await tipStats(t.tree.gridA)).byStatus.received).toBe(1);

    const assessed = await act(id, { action: 'assess', note: '情况属实可能性大，需核查' });
    expect(assessed).toMatchObject({ status: 'assessed', version: 2, phone: '135****5678', overdue: false });
    // Routing within the actor's subtree only; only to a town, village or grid.
    const outside = await patch(id, { action: 'route', version: 2, regionId: t.tree.gridB });
    expect(outside.statusCode).toBe(403);
    const county = await patch(id, { action: 'route', version: 2, regionId: t.tree.county }, commander);
    expect(county.statusCode).toBe(422);
    expect(detailsOf(county)).toEqual([{ path: 'regionId', message: expect.any(String) }]);
    const routed = await act(id, { action: 'route', regionId: t.tree.gridA2, note: '转第二网格处置' });
    expect(routed).toMatchObject({ status: 'routed', regionId: t.tree.gridA2, regionName: '东村第二网格' });
    expect((await tipStats(t.tree.gridA)).byStatus).toMatchObject({ received: 0, assessed: 0, routed: 0 });
    expect((await tipStats(t.tree.gridA2)).byStatus.routed).toBe(1);

    // Wrong steps are refused naming the current status.
    const early = await patch(id, { action: 'answer', version: 3, reply: '已处理' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/This tip is routed/);

    await act(id, { action: 'handle', substantiated: true, actionTaken: '已到现场劝散聚集人员，并进行教育' });
    // Supervising: a supervisor role on a town or county account only.
    const bySecretary = await patch(id, { action: 'supervise', version: await versionOf(id), note: '督办' });
    expect(bySecretary.statusCode).toBe(403);
    await act(id, { action: 'supervise', note: '镇里督办，确认已处置' }, townOfficer);
    const answered = await act(id, { action: 'answer', reply: '经核实情况属实，已劝散，感谢您的举报。' });
    expect(answered).toMatchObject({ status: 'answered', reply: '经核实情况属实，已劝散，感谢您的举报。', substantiated: true });
    const evaluated = await act(id, { action: 'evaluate' }, townOfficer);
    expect(evaluated.status).toBe('evaluated');
    const again = await patch(id, { action: 'evaluate', version: evaluated.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/evaluated/);

    const after = await tipStats(t.tree.county);
    expect(after.total).toBe(countyBefore.total + 1);
    expect(after.byStatus.evaluated).toBe((countyBefore.byStatus.evaluated ?? 0) + 1);
    expect(after.byStatus.received).toBe(countyBefore.byStatus.received);
    expect((await tipStats(t.tree.gridA2)).byStatus).toMatchObject({ routed: 0, handled: 0, evaluated: 1 });

    const detail = await get(`/api/v1/tips/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().history.map((h: { action: string }) => h.action)).toEqual(['evaluate', 'answer', 'supervise', 'handle', 'route', 'assess', 'filed']);
    expect(detail.json().history.find((h: { action: string }) => h.action === 'supervise').by).toBe('测试town_officer');
    expect(detail.json().history.at(-1)).toMatchObject({ action: 'filed', by: null, status: 'received' });
    const reads = await t.app.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'tip').where('entity_id', '=', id).execute();
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['create', 'assess', 'route', 'handle', 'supervise', 'answer', 'evaluate', 'read']));

    const tracked = await f.track(code);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json()).toMatchObject({ status: 'evaluated', regionName: '东村第一网格', reply: '经核实情况属实，已劝散，感谢您的举报。', substantiated: true, reward: null });
    expect(tracked.json().steps.map((s: { status: string }) => s.status)).toEqual(['received', 'assessed', 'routed', 'handled', 'supervised', 'answered', 'evaluated']);
    // Never a staff name, a note, the phone or what was done.
    expect(tracked.body).not.toMatch(/测试|督办|转第二网格|劝散聚集人员|135|5678|\*\*\*\*/);

    const mine = published.filter((e) => e.type === 'tip.updated' && e.data?.id === id);
    expect(mine.map((e) => e.data?.status)).toEqual(['received', 'assessed', 'routed', 'routed', 'handled', 'supervised', 'answered', 'evaluated']);
    // A re-routed tip is announced to the region it left and the one it reached.
    expect(mine.filter((e) => e.data?.action === 'route').map((e) => e.regionPath.split('/').at(-2))).toEqual([String(t.tree.gridA), String(t.tree.gridA2)]);
  });

  it('hides the reply until answered and refuses a stale version', async () => {
    const { code, id } = await newTip();
    await act(id, { action: 'handle', substantiated: false, actionTaken: '现场核查未发现聚集' });
    const tracked = (await f.track(code)).json();
    expect(tracked).toMatchObject({ status: 'handled', reply: null, substantiated: false });
    const stale = await patch(id, { action: 'answer', version: 1, reply: '未发现' });
    expect(stale.statusCode).toBe(409);
    expect(detailsOf(stale)).toEqual([{ path: 'version', message: 'stale' }]);
    expect(stale.json().error.message).toMatch(/version 2/);
    const bad = await patch(id, { action: 'answer', version: 2 });
    expect(bad.statusCode).toBe(400);
    expect(detailsOf(bad).map((d) => d.path)).toContain('reply');
  });
});

describe('scope', () => {
  it('shows a tip only within the subtree of its current region; others get 404 and lists leave it out', async () => {
    const { id } = await newTip({ regionId: t.tree.villageA });
    const southTown = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    expect((await get(`/api/v1/tips/${id}`, southTown)).statusCode).toBe(404);
    expect((await patch(id, { action: 'assess', version: 1, note: '看看' }, southTown)).statusCode).toBe(404);
    expect((await get(`/api/v1/tips/${id}/photos/0`, southTown)).statusCode).toBe(404);
    const southList = await get('/api/v1/tips', southTown);
    expect(southList.statusCode).toBe(200);
    expect(southList.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await get(`/api/v1/tips?regionId=${t.tree.villageA}`, southTown)).statusCode).toBe(403);
    const west = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    expect((await get(`/api/v1/tips/${id}`, west)).statusCode).toBe(404);
    expect((await get(`/api/v1/tips/${id}`, townOfficer)).statusCode).toBe(200);
    // Readers that may not act, and roles that may not read.
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await get('/api/v1/tips', worker)).statusCode).toBe(200);
    expect((await patch(id, { action: 'assess', version: 1, note: '看看' }, worker)).statusCode).toBe(403);
    expect((await get('/api/v1/tips', (await signIn(t.app, 'auditor', t.tree.county)).headers)).statusCode).toBe(403);
    expect((await get('/api/v1/tips', (await signIn(t.app, 'patrol_member', t.tree.villageA)).headers)).statusCode).toBe(403);
    // Routed to townC by the county, it leaves the village's view.
    await act(id, { action: 'route', regionId: t.tree.townC }, commander);
    expect((await get(`/api/v1/tips/${id}`)).statusCode).toBe(404);
    expect((await get(`/api/v1/tips/${id}`, southTown)).statusCode).toBe(200);
    expect((await get(`/api/v1/tips/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('rewards', () => {
  it('is proposed for a substantiated tip, approved by another town officer, paid against the tracking code', async () => {
    const { code, id } = await newTip();
    const tooEarly = await patch(id, { action: 'propose_reward', version: 1, amount: 100 });
    expect(tooEarly.statusCode).toBe(409);
    await act(id, { action: 'handle', substantiated: true, actionTaken: '已劝散' });
    const proposed = await act(id, { action: 'propose_reward', amount: 200.5, note: '举报属实' }, townOfficer);
    expect(proposed.reward).toMatchObject({ amount: 200.5, status: 'proposed', proposedBy: '测试town_officer', decidedAt: null });
    expect(proposed.status).toBe('handled');
    expect((await f.track(code)).json().reward).toEqual({ status: 'proposed', amount: null });

    const twice = await patch(id, { action: 'propose_reward', version: proposed.version, amount: 300 });
    expect(twice.statusCode).toBe(409);
    const self = await patch(id, { action: 'approve_reward', version: proposed.version }, townOfficer);
    expect(self.statusCode).toBe(422);
    expect(self.json().error.message).toMatch(/another officer/);
    const notSupervisor = await patch(id, { action: 'approve_reward', version: proposed.version }, secretary);
    expect(notSupervisor.statusCode).toBe(403);
    const payEarly = await patch(id, { action: 'pay_reward', version: proposed.version, trackingCode: code, reference: 'PAY-1' });
    expect(payEarly.statusCode).toBe(409);
    const approved = await act(id, { action: 'approve_reward', note: '同意' }, townOfficer2);
    expect(approved.reward).toMatchObject({ status: 'approved', decidedAt: expect.any(String), decisionNote: '同意' });
    expect((await f.track(code)).json().reward).toEqual({ status: 'approved', amount: 200.5 });

    const wrong = await patch(id, { action: 'pay_reward', version: approved.version, trackingCode: 'ZZZZ-ZZZZ-ZZZZ-ZZZZ', reference: 'PAY-1' });
    expect(wrong.statusCode).toBe(422);
    expect(detailsOf(wrong)).toEqual([{ path: 'trackingCode', message: expect.any(String) }]);
    const paid = await act(id, { action: 'pay_reward', trackingCode: code.toLowerCase().replace(/-/g, ''), reference: 'PAY-20261129-001' });
    expect(paid.reward).toMatchObject({ status: 'paid', paidAt: expect.any(String), payReference: 'PAY-20261129-001', amount: 200.5 });
    const tracked = await f.track(code);
    expect(tracked.json().reward).toEqual({ status: 'paid', amount: 200.5 });
    expect(tracked.body).not.toMatch(/测试|PAY-/);

    // Not substantiated: no reward.
    const other = await newTip();
    await act(other.id, { action: 'handle', substantiated: false, actionTaken: '未发现' });
    const refused = await patch(other.id, { action: 'propose_reward', version: 2, amount: 50 });
    expect(refused.statusCode).toBe(422);
    // Shape: at most two decimals, at most the maximum.
    expect((await patch(other.id, { action: 'propose_reward', version: 2, amount: 1.234 })).statusCode).toBe(400);
    expect((await patch(other.id, { action: 'propose_reward', version: 2, amount: 10_001 })).statusCode).toBe(400);
  });

  it('can be rejected and proposed again; the ledger sums by month and child region, the summary by status', async () => {
    const a = await newTip({ regionId: t.tree.gridB });
    await act(a.id, { action: 'handle', substantiated: true, actionTaken: '已处置' }, townOfficer);
    await act(a.id, { action: 'propose_reward', amount: 80 }, townOfficer);
    const rejected = await act(a.id, { action: 'reject_reward', note: '金额偏高' }, commander);
    expect(rejected.reward).toMatchObject({ status: 'rejected', decisionNote: '金额偏高' });
    expect((await patch(a.id, { action: 'reject_reward', version: rejected.version, note: '再拒' }, commander)).statusCode).toBe(409);
    await act(a.id, { action: 'propose_reward', amount: 50 }, townOfficer);
    await act(a.id, { action: 'approve_reward' }, commander);

    const b = await newTip({ regionId: t.tree.villageB });
    await act(b.id, { action: 'handle', substantiated: true, actionTaken: '已处置' }, townOfficer);
    await act(b.id, { action: 'propose_reward', amount: 30 }, townOfficer);
    await act(b.id, { action: 'reject_reward', note: '不予奖励' }, commander);

    const month = dayIn(t.app.config.timeZone).slice(0, 7);
    const ledger = await get(`/api/v1/tips/ledger?regionId=${t.tree.townA}`, townOfficer);
    expect(ledger.statusCode, ledger.body).toBe(200);
    const body = ledger.json();
    expect(body).toMatchObject({ regionId: t.tree.townA, to: month });
    const row = (regionId: number) => body.rows.find((r: { regionId: number; month: string }) => r.regionId === regionId && r.month === month);
    // villageA: the 200.50 reward proposed, approved and paid (earlier test).
    expect(row(t.tree.villageA)).toMatchObject({ regionName: '东村', proposed: { count: 1, amount: 200.5 }, approved: { count: 1, amount: 200.5 }, paid: { count: 1, amount: 200.5 }, rejected: { count: 0, amount: 0 } });
    // villageB: 50 proposed again and approved (the rejected 80 was replaced), 30 rejected.
    expect(row(t.tree.villageB)).toMatchObject({ regionName: '西村', proposed: { count: 2, amount: 80 }, approved: { count: 1, amount: 50 }, paid: { count: 0, amount: 0 }, rejected: { count: 1, amount: 30 } });
    expect(body.totals).toEqual({ proposed: { count: 3, amount: 280.5 }, approved: { count: 2, amount: 250.5 }, paid: { count: 1, amount: 200.5 }, rejected: { count: 1, amount: 30 } });
    const countyLedger = (await get(`/api/v1/tips/ledger?regionId=${t.tree.county}`, commander)).json();
    expect(countyLedger.rows.map((r: { regionId: number }) => r.regionId)).toEqual([t.tree.townA]);
    expect(countyLedger.totals).toEqual(body.totals);

    // Months are the county's: 17:00 UTC on 31 January is 1 February in China.
    await t.app.db.updateTable('tip_rewards').set({ proposed_at: '2026-01-31T17:00:00.000Z', decided_at: '2026-01-31T17:30:00.000Z' }).where('tip_id', '=', b.id).execute();
    const feb = (await get(`/api/v1/tips/ledger?regionId=${t.tree.townA}&from=2026-02&to=2026-02`, townOfficer)).json();
    expect(feb.rows).toEqual([{ month: '2026-02', regionId: t.tree.villageB, regionName: '西村', proposed: { count: 1, amount: 30 }, approved: { count: 0, amount: 0 }, paid: { count: 0, amount: 0 }, rejected: { count: 1, amount: 30 } }]);
    const jan = (await get(`/api/v1/tips/ledger?regionId=${t.tree.townA}&from=2026-01&to=2026-01`, townOfficer)).json();
    expect(jan.rows).toEqual([]);
    expect((await get(`/api/v1/tips/ledger?from=2026-05&to=2026-01`, townOfficer)).statusCode).toBe(400);
    expect((await get(`/api/v1/tips/ledger?from=2026-5`, townOfficer)).statusCode).toBe(400);
    expect((await get(`/api/v1/tips/ledger?regionId=${t.tree.townC}`, townOfficer)).statusCode).toBe(403);

    const summary = (await get(`/api/v1/tips/summary?regionId=${t.tree.townA}`, townOfficer)).json();
    expect(summary.rewards).toEqual({ proposed: { count: 0, amount: 0 }, approved: { count: 1, amount: 50 }, rejected: { count: 1, amount: 30 }, paid: { count: 1, amount: 200.5 } });
    const rewarded = (await get('/api/v1/tips?reward=approved', townOfficer)).json().items;
    expect(rewarded.map((i: { id: string }) => i.id)).toEqual([a.id]);
  });
});

describe('grouping by hand', () => {
  it('groups tips under the earliest, moves the lead on ungrouping, and dissolves a group of one', async () => {
    const a = await newTip({ regionId: t.tree.villageA });
    const b = await newTip({ regionId: t.tree.villageA });
    const c = await newTip({ regionId: t.tree.villageA });
    const groupOf = async (id: string) => (await t.app.db.selectFrom('tips').select('group_id').where('id', '=', id).executeTakeFirstOrThrow()).group_id;
    const gb = await act(b.id, { action: 'group', groupWith: a.id });
    expect(gb).toMatchObject({ groupId: a.id, groupSize: 2 });
    expect(await groupOf(a.id)).toBe(a.id);
    await act(a.id, { action: 'group', groupWith: c.id });
    expect([await groupOf(a.id), await groupOf(b.id), await groupOf(c.id)]).toEqual([a.id, a.id, a.id]);
    const detail = (await get(`/api/v1/tips/${a.id}`)).json();
    expect(detail.groupSize).toBe(3);
    expect(detail.group.map((g: { id: string }) => g.id).sort()).toEqual([b.id, c.id].sort());
    expect((await patch(c.id, { action: 'group', version: await versionOf(c.id), groupWith: b.id })).statusCode).toBe(409);
    expect((await patch(c.id, { action: 'group', version: await versionOf(c.id), groupWith: c.id })).statusCode).toBe(422);
    const south = await newTip({ regionId: t.tree.townC });
    const hidden = await patch(c.id, { action: 'group', version: await versionOf(c.id), groupWith: south.id });
    expect(hidden.statusCode).toBe(404);

    await act(a.id, { action: 'ungroup' });
    expect([await groupOf(a.id), await groupOf(b.id), await groupOf(c.id)]).toEqual([null, b.id, b.id]);
    await act(c.id, { action: 'ungroup' });
    expect([await groupOf(b.id), await groupOf(c.id)]).toEqual([null, null]);
    expect((await patch(c.id, { action: 'ungroup', version: await versionOf(c.id) })).statusCode).toBe(409);
    const history = (await get(`/api/v1/tips/${c.id}`)).json().history.map((h: { action: string }) => h.action);
    expect(history).toEqual(['ungroup', 'filed']);
  });
});

describe('lists and summary', () => {
  it('filters, pages newest first, flags overdue tips, and summarises the subtree', async () => {
    const olds = [await newTip({ regionId: t.tree.gridA2, category: 'no_mask' }), await newTip({ regionId: t.tree.gridA2, category: 'no_mask' })];
    // One past its accept deadline, one past its handle deadline.
    const past = new Date(Date.now() - 3_600_000).toISOString();
    await t.app.db.updateTable('tips').set({ accept_due_at: past }).where('id', '=', olds[0]?.id as string).execute();
    await t.app.db.updateTable('tips').set({ handle_due_at: past }).where('id', '=', olds[1]?.id as string).execute();
    await act(olds[0]?.id as string, { action: 'route', regionId: t.tree.gridA });
    const overdue = (await get('/api/v1/tips?overdue=true')).json().items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue]);
    expect(overdue).toEqual(expect.arrayContaining([[olds[0]?.id, true], [olds[1]?.id, true]]));
    expect(overdue).toHaveLength(2);
    // Assessed, the first is no longer late to accept.
    await act(olds[0]?.id as string, { action: 'assess', note: '已受理' });
    expect((await get('/api/v1/tips?overdue=true')).json().items.map((i: { id: string }) => i.id)).toEqual([olds[1]?.id]);

    const noMask = (await get('/api/v1/tips?category=no_mask')).json().items;
    expect(noMask.every((i: { category: string }) => i.category === 'no_mask')).toBe(true);
    const received = (await get('/api/v1/tips?status=received')).json().items;
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((i: { status: string }) => i.status === 'received')).toBe(true);
    const closed = (await get('/api/v1/tips?open=false')).json().items;
    expect(closed.every((i: { status: string }) => i.status === 'evaluated')).toBe(true);
    expect(closed.length).toBe(1);

    const all = (await get('/api/v1/tips?limit=500')).json().items as { id: string; filedAt: string }[];
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/api/v1/tips?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items.map((i: { id: string }) => i.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
    expect(new Set(seen).size).toBe(seen.length);
    const filed = all.map((i) => i.filedAt);
    expect([...filed].sort().reverse()).toEqual(filed);
    expect((await get('/api/v1/tips?cursor=bogus')).statusCode).toBe(400);

    const summary = (await get(`/api/v1/tips/summary?regionId=${t.tree.villageA}`)).json();
    const stats = await tipStats(t.tree.villageA);
    expect(summary.total).toBe(all.length);
    expect(summary.byStatus).toEqual(stats.byStatus);
    expect(summary.total).toBe(stats.total);
    expect(summary.open).toBe(all.length - summary.byStatus.evaluated);
    expect(summary.overdue).toBe(1);
    expect(summary.byCategory.no_mask).toBe(2);
  });

  it('recounts to the same counters the writes kept', async () => {
    const counters = async (id: number) => Object.fromEntries(Object.entries((await readCounters(t.app.db, [id], 'tips')).get(id) ?? {}).filter(([, v]) => v !== 0));
    const before = { county: await counters(t.tree.county), gridA2: await counters(t.tree.gridA2), townC: await counters(t.tree.townC) };
    await t.app.db.updateTable('region_counters').set({ value: 999 }).where('metric', 'like', 'tips.%').execute();
    await rebuildTipCounters(t.app.db, await regionPathOf(t.app.db, t.tree.townA));
    expect({ county: await counters(t.tree.county), gridA2: await counters(t.tree.gridA2), townC: await counters(t.tree.townC) }).toEqual(before);
    expect(Object.values(before.county).reduce((s, n) => s + n, 0)).toBe((await tipStats(t.tree.county)).total);
  });
});
