import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
let admin: { headers: Record<string, string>; user: { id: string } };
beforeAll(async () => {
  t = await buildTestApp();
  admin = await signIn(t.app, 'admin', t.tree.county);
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records who created a region, when, from where, and lets an auditor find it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin.headers,
      remoteAddress: '192.0.2.7',
      payload: { parentId: t.tree.gridA, level: 'microgrid', code: '339901555001', name: '一号微网格' },
    });
    const regionId = created.json().id;
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?entity=region&entityId=${regionId}`, headers: auditor });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ action: 'create', entity: 'region', entityId: String(regionId), userId: admin.user.id, ip: '192.0.2.7', regionId }),
    ]);
    expect(Date.parse(res.json().items[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('writes no entry when the change fails', async () => {
    const count = async () => (await t.app.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = Number(await count());
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin.headers,
      payload: { parentId: t.tree.gridA, level: 'microgrid', code: '339901555001', name: 'dup code' },
    });
    expect(res.statusCode).toBe(409);
    expect(Number(await count())).toBe(before);
  });

  it('filters by account and time, newest first', async () => {
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    const from = new Date(Date.now() - 3600_000).toISOString();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit?userId=${admin.user.id}&from=${encodeURIComponent(from)}`, headers: auditor });
    const items = res.json().items as { at: string; userId: string }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.userId === admin.user.id)).toBe(true);
    expect([...items].sort((a, b) => b.at.localeCompare(a.at))).toEqual(items);
  });

  it('shows a town auditor only the town’s entries', async () => {
    await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${t.tree.townC}`, headers: admin.headers, payload: { name: '南山镇' } });
    const townAuditor = (await signIn(t.app, 'auditor', t.tree.townA)).headers;
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?entity=region&limit=500', headers: townAuditor });
    expect(res.json().items.some((i: { entityId: string }) => i.entityId === String(t.tree.townC))).toBe(false);
  });

  it('is closed to grid staff', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit', headers: worker })).statusCode).toBe(403);
  });
});
