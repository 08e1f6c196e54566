// The alert lists of a grid, village and town are one query each and must stay an index range:
// a town with 40 grids and 40,000 alerts (8,000 open) lists its open alerts in under 20 ms (p50).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { newId } from '../../platform/ids.ts';

let t: TestApp;
let town: number;
let aGrid: number;
beforeAll(async () => {
  t = await buildTestApp();
  town = await aRegion(t.app, t.tree.county, 'town', '压测镇');
  const grids: number[] = [];
  for (let v = 0; v < 4; v++) {
    const village = await aRegion(t.app, town, 'village', `压测村${v}`);
    for (let g = 0; g < 10; g++) grids.push(await aRegion(t.app, village, 'grid', `压测网格${v}-${g}`));
  }
  aGrid = grids[0] as number;
  const now = '2026-05-01T00:00:00.000Z';
  const orders = grids.flatMap((regionId) => Array.from({ length: 10 }, () => ({ regionId, personId: newId(), orderId: newId() })));
  await t.app.db.insertInto('persons').values(orders.map((o) => ({ id: o.personId, region_id: o.regionId, name: '压测', category: 'resident', key_person: 0, created_at: now, updated_at: now, version: 1 }))).execute();
  await t.app.db
    .insertInto('quarantine_orders')
    .values(orders.map((o) => ({ id: o.orderId, person_id: o.personId, region_id: o.regionId, reason: '压测', start_on: '2026-04-01', end_on: '2026-04-14', status: 'released', created_at: now, updated_at: now, version: 1 })))
    .execute();
  const alerts = Array.from({ length: 40_000 }, (_, i) => {
    const o = orders[i % orders.length]!;
    const raised = new Date(Date.parse('2026-01-01T00:00:00Z') + i * 60_000).toISOString();
    return { id: newId(), order_id: o.orderId, region_id: o.regionId, kind: 'fever', day: raised.slice(0, 10), raised_at: raised, acknowledged_at: i % 5 === 0 ? null : raised, acknowledged_by: null };
  });
  for (let i = 0; i < alerts.length; i += 2_000) await t.app.db.insertInto('quarantine_alerts').values(alerts.slice(i, i + 2_000)).execute();
}, 120_000);
afterAll(() => t.close());

async function p50(url: string, headers: Record<string, string>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    const res = await t.app.inject({ method: 'GET', url, headers });
    times.push(performance.now() - start);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(50);
  }
  return times.sort((a, b) => a - b)[10] as number;
}

describe('alert lists', () => {
  it('lists a town’s and a grid’s open alerts in under 20 ms (p50)', async () => {
    const officer = (await signIn(t.app, 'town_officer', town)).headers;
    const townP50 = await p50(`/api/v1/quarantines/alerts?regionId=${town}&open=true`, officer);
    const gridP50 = await p50(`/api/v1/quarantines/alerts?regionId=${aGrid}&open=true&limit=50`, officer);
    console.info(`quarantine alerts p50: town ${townP50.toFixed(1)} ms, grid ${gridP50.toFixed(1)} ms (${t.app.database.dialect})`);
    expect(townP50).toBeLessThan(20);
    expect(gridP50).toBeLessThan(20);
  });
});
