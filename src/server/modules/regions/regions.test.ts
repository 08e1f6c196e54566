import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, json, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
});
afterAll(() => t.close());

describe('regions', () => {
  it('lists the children of a region', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/regions?parentId=${t.tree.townA}`, headers: admin });
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.items.map((r: { name: string }) => r.name).sort()).toEqual(['东村', '西村']);
    expect(body.items[0].childCount).toBeGreaterThan(0);
    expect(body.nextCursor).toBeNull();
  });

  it('creates a grid under a village and refuses a wrong level', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { parentId: t.tree.villageA, level: 'grid', code: '339901001999', name: '东村第三网格' },
    });
    expect(ok.statusCode).toBe(201);
    expect(json(ok)).toMatchObject({ parentId: t.tree.villageA, level: 'grid', name: '东村第三网格', active: true });

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { parentId: t.tree.villageA, level: 'town', code: '339901001998', name: 'x' },
    });
    expect(wrong.statusCode).toBe(422);
    expect(json(wrong).error.details[0].path).toBe('level');
  });

  it('moves a subtree and keeps its descendants under it', async () => {
    const village = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { parentId: t.tree.townA, level: 'village', code: '339901002001', name: '新村' },
    });
    const villageId = json(village).id;
    const grid = json(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/regions',
        headers: admin,
        payload: { parentId: villageId, level: 'grid', code: '339901002002', name: '新村网格' },
      }),
    );
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${villageId}`, headers: admin, payload: { parentId: t.tree.townC } });
    expect(moved.statusCode).toBe(200);
    const detail = json(await t.app.inject({ method: 'GET', url: `/api/v1/regions/${grid.id}`, headers: admin }));
    expect(detail.path.map((p: { id: number }) => p.id)).toEqual([t.tree.county, t.tree.townC, villageId, grid.id]);
    // A town officer of town C now sees the moved grid; one of town A no longer does.
    const officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    const officerA = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions/${grid.id}`, headers: officerC })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions/${grid.id}`, headers: officerA })).statusCode).toBe(403);
  });

  it('refuses to move a region under its own subtree', async () => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${t.tree.villageA}`, headers: admin, payload: { parentId: t.tree.gridA } });
    expect(res.statusCode).toBe(422);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { parentId: t.tree.villageA, level: 'grid', code: '339901001999', name: 'dup' },
    });
    expect(res.statusCode).toBe(409);
    expect(json(res).error.details).toEqual([{ path: 'code', message: 'already used' }]);
  });
});
