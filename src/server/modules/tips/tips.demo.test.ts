// The demo county's tips: about 300 over the last 60 days at every status, rewards at every
// status, groups of duplicates; the counters agree with the rows, and the staff API reads them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../test/support/app.ts';
import type { TestDatabase } from '../../../../test/support/db.ts';
import { type DemoApp, buildDemoApp } from '../../../../test/support/demo-app.ts';
import { TIP_STATUSES } from '../../../shared/tips.ts';
import { type FieldCrypto, maskPhone } from '../../platform/crypto.ts';
import { dayIn } from '../../platform/time.ts';
import { readCounters } from '../stats/counters.ts';
import { rebuildTipCounters } from './tip-counters.ts';

const today = dayIn('Asia/Shanghai');
let demo: DemoApp;
let database: TestDatabase;
let app: FastifyInstance;
let crypto: FieldCrypto;

beforeAll(async () => {
  demo = await buildDemoApp(2_000, today);
  ({ database, app, crypto } = demo);
}, 120_000);
afterAll(() => demo.close());

describe('demo tips', () => {
  it('seeds tips at every status over 60 days, rewards at every status and groups of duplicates', async () => {
    const tips = await database.db.selectFrom('tips').selectAll().execute();
    expect(tips.length).toBeGreaterThanOrEqual(300);
    expect(new Set(tips.map((t) => t.status))).toEqual(new Set(TIP_STATUSES));
    const oldest = Math.min(...tips.map((t) => Date.parse(t.filed_at)));
    expect(Date.now() - oldest).toBeGreaterThan(50 * 86_400_000);
    expect(Date.now() - oldest).toBeLessThan(61 * 86_400_000);
    expect(tips.every((t) => Date.parse(t.filed_at) <= Date.now())).toBe(true);
    const rewards = await database.db.selectFrom('tip_rewards').selectAll().execute();
    expect(new Set(rewards.map((r) => r.status))).toEqual(new Set(['proposed', 'approved', 'rejected', 'paid']));
    const groups = new Map<string, number>();
    for (const t of tips) if (t.group_id) groups.set(t.group_id, (groups.get(t.group_id) ?? 0) + 1);
    expect(groups.size).toBeGreaterThanOrEqual(5);
    for (const [leader, n] of groups) {
      expect(n).toBeGreaterThan(1);
      expect(tips.find((t) => t.id === leader)?.group_id).toBe(leader);
    }
    for (const t of tips.filter((x) => x.phone_enc)) expect(maskPhone(crypto.decrypt(t.phone_enc ?? ''))).toBe(t.phone_masked);
    // Each tip's steps reach its status in the loop's order.
    const events = await database.db.selectFrom('tip_events').select(['tip_id', 'status', 'at', 'id']).orderBy('at').orderBy('id').execute();
    const steps = new Map<string, string[]>();
    for (const e of events) {
      const list = steps.get(e.tip_id) ?? [];
      if (list.at(-1) !== e.status) list.push(e.status);
      steps.set(e.tip_id, list);
    }
    for (const t of tips) {
      const list = steps.get(t.id) ?? [];
      expect(list.at(-1)).toBe(t.status);
      const order = list.map((s) => TIP_STATUSES.indexOf(s as never));
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });

  it('keeps the counters the module would, and serves the inbox, summary and ledger', async () => {
    const county = await database.db.selectFrom('regions').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const before = (await readCounters(database.db, [county.id], 'tips')).get(county.id) ?? {};
    await rebuildTipCounters(database.db, county.path);
    const after = (await readCounters(database.db, [county.id], 'tips')).get(county.id) ?? {};
    expect(after).toEqual(before);
    const { headers } = await signIn(app, 'commander', county.id);
    const stats = (await app.inject({ method: 'GET', url: '/api/v1/stats/summary', headers })).json();
    const summary = await app.inject({ method: 'GET', url: '/api/v1/tips/summary', headers });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().byStatus).toEqual(stats.tips.byStatus);
    expect(summary.json().overdue).toBeGreaterThan(0);
    const list = await app.inject({ method: 'GET', url: '/api/v1/tips?limit=20', headers });
    expect(list.json().items).toHaveLength(20);
    const ledger = await app.inject({ method: 'GET', url: '/api/v1/tips/ledger', headers });
    expect(ledger.statusCode, ledger.body).toBe(200);
    expect(ledger.json().rows.length).toBeGreaterThan(0);
    expect(ledger.json().totals.paid.count).toBeGreaterThan(0);
  });
});
