import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
let worker: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
});
afterAll(() => t.close());

const post = (payload: object, headers = worker) => t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload });

describe('households', () => {
  it('registers a household with the phone’s own id, once, however often it is resent', async () => {
    const id = '01932f6e-1c2a-7def-8a00-000000000001';
    const body = { id, regionId: t.tree.gridA, address: '东村3组12号', isRental: true, landlordName: '王房东', landlordPhone: '139 1234 5678' };
    const first = await post(body, { ...worker, 'idempotency-key': 'hh-create-0001' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id, regionId: t.tree.gridA, isRental: true, landlordPhone: '139****5678', version: 1 });
    const resent = await post(body, { ...worker, 'idempotency-key': 'hh-create-0001' });
    expect(resent.json()).toEqual(first.json());
    const otherKey = await post(body, { ...worker, 'idempotency-key': 'hh-create-0002' });
    expect(otherKey.statusCode).toBe(409);
    const rows = await t.app.db.selectFrom('households').selectAll().where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('12345678');
  });

  it('keeps households in grids and names a bad landlord phone', async () => {
    const village = await post({ regionId: t.tree.villageA, address: '东村' }, (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers);
    expect(village.statusCode).toBe(422);
    const phone = await post({ regionId: t.tree.gridA, address: '东村1号', landlordPhone: '12345' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details).toEqual([{ path: 'landlordPhone', message: 'a mobile number has 11 digits, this has 5' }]);
    expect(phone.body).not.toContain('12345');
  });

  it('merges an offline edit: untouched fields apply, a field changed meanwhile clashes', async () => {
    const created = (await post({ regionId: t.tree.gridA, address: '东村5组1号', room: '101' })).json();
    const leader = (await signIn(t.app, 'grid_leader', t.tree.gridA)).headers;
    const online = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${created.id}`, headers: leader, payload: { baseVersion: 1, address: '东村5组1号(东)' } });
    expect(online.json()).toMatchObject({ version: 2, clashes: [] });
    // The phone was offline and still thinks the household is at version 1.
    const offline = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${created.id}`, headers: worker, payload: { baseVersion: 1, address: '东村5组1号(西)', room: '102' } });
    expect(offline.statusCode).toBe(200);
    expect(offline.json()).toMatchObject({ address: '东村5组1号(东)', room: '102', version: 3, clashes: ['address'] });
    const conflicts = await t.app.db.selectFrom('edit_conflicts').selectAll().where('entity_id', '=', created.id).execute();
    expect(conflicts.map((c) => c.field)).toEqual(['address']);
    expect(conflicts[0]?.proposed_enc).not.toContain('西');
  });

  it('lists the grid’s households not visited for N days, hiding other grids', async () => {
    const gridB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    await post({ regionId: t.tree.gridB, address: '西村1号' }, gridB);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/households?notVisitedForDays=7', headers: worker });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { regionId: number; lastVisitedOn: string | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((h) => h.regionId === t.tree.gridA && h.lastVisitedOn === null)).toBe(true);
  });
});

describe('clashes of offline edits', () => {
  it('lets the grid leader take the phone’s value or keep the server’s', async () => {
    const created = (await post({ regionId: t.tree.gridA, address: '东村7组1号', room: '1' })).json();
    const leader = (await signIn(t.app, 'grid_leader', t.tree.gridA)).headers;
    const url = `/api/v1/households/${created.id}`;
    await t.app.inject({ method: 'PATCH', url, headers: leader, payload: { baseVersion: 1, address: '东村7组1号A', room: '2' } });
    await t.app.inject({ method: 'PATCH', url, headers: worker, payload: { baseVersion: 1, address: '东村7组1号B', room: '3' } });
    const list = (await t.app.inject({ method: 'GET', url: '/api/v1/edit-conflicts', headers: leader })).json();
    const mine = list.items.filter((c: { entityId: string }) => c.entityId === created.id);
    expect(mine.map((c: { field: string; proposed: string; current: string }) => [c.field, c.proposed, c.current]).sort()).toEqual([
      ['address', '东村7组1号B', '东村7组1号A'],
      ['room', '3', '2'],
    ]);
    const take = mine.find((c: { field: string }) => c.field === 'address');
    const keep = mine.find((c: { field: string }) => c.field === 'room');
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/edit-conflicts/${take.id}/resolve`, headers: leader, payload: { resolution: 'take' } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/edit-conflicts/${keep.id}/resolve`, headers: leader, payload: { resolution: 'keep' } })).statusCode).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url, headers: leader })).json();
    expect([after.address, after.room]).toEqual(['东村7组1号B', '2']);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/edit-conflicts/${take.id}/resolve`, headers: leader, payload: { resolution: 'keep' } });
    expect(again.statusCode).toBe(409);
  });
});
