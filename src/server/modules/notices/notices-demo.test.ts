// The demo notices load on both databases and look like the real thing to the public API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { seedDemoNotices } from '../../demo/notices.ts';
import type { DemoRegion } from '../../demo/territory.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('demo notices', () => {
  it('seeds published notices over the last 30 days, drafts, one withdrawn and one scheduled', async () => {
    const rows = await t.app.db.selectFrom('regions').selectAll().execute();
    const region = (id: number) => rows.find((r) => r.id === id) as unknown as DemoRegion;
    const county = region(t.tree.county);
    const { user } = await signIn(t.app, 'commander', t.tree.county);
    await seedDemoNotices(t.database, {
      county: { id: county.id, code: county.code, name: county.name, path: county.path },
      territory: { regions: [], towns: [region(t.tree.townA), region(t.tree.townC)], villages: [region(t.tree.villageA), region(t.tree.villageB)], grids: [], microGrids: [] },
      today: new Date().toISOString().slice(0, 10),
      timeZone: 'Asia/Shanghai',
      seed: 'demo',
      createdBy: user.id,
    });
    const all = await t.app.db.selectFrom('notices').selectAll().execute();
    expect(all.length).toBe(25);
    const now = Date.now();
    const published = all.filter((n) => n.status === 'published' && n.publish_at && Date.parse(n.publish_at) <= now);
    expect(published.length).toBeGreaterThanOrEqual(18);
    expect(published.every((n) => Date.parse(n.publish_at ?? '') > now - 31 * 86_400_000)).toBe(true);
    expect(all.filter((n) => n.status === 'draft').length).toBeGreaterThanOrEqual(2);
    expect(all.filter((n) => n.status === 'withdrawn')).toHaveLength(1);
    expect(all.filter((n) => n.status === 'published' && Date.parse(n.publish_at ?? '') > now)).toHaveLength(1);
    expect(new Set(all.map((n) => n.topic)).size).toBe(6);
    expect(new Set(published.map((n) => n.views)).size).toBeGreaterThan(10);

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/public/notices?regionId=${t.tree.villageA}&limit=100` });
    const items = list.json<{ items: { title: string; regionName: string; excerpt: string }[] }>().items;
    expect(items.length).toBeGreaterThan(5);
    expect(items.some((i) => i.regionName === county.name)).toBe(true);
    expect(items.every((i) => !/[#*]/.test(i.excerpt))).toBe(true);
  });
});
