// The demo county's map: an outline, every town and village a valid closed polygon, grids none;
// neighbouring towns share their border vertices (no gaps); the same seed gives the same map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../../test/support/db.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { ephemeralFieldCrypto } from '../../platform/crypto.ts';
import { parseBoundary } from './geojson.ts';
import { regionMap } from './boundaries.service.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemoIfEmpty(database, ephemeralFieldCrypto(), { people: 3_000, log: { info: () => undefined }, today: '2024-06-01' });
}, 120_000);
afterAll(() => database.drop());

describe('demo boundaries', () => {
  it('gives the county, its towns and villages a valid polygon near lng 120.6, lat 29.1, and grids none', async () => {
    const db = database.db;
    const rows = await db.selectFrom('region_boundaries as b').innerJoin('regions as r', 'r.id', 'b.region_id').select(['r.level', 'b.geometry']).execute();
    const levels = await db.selectFrom('regions').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
    const count = (level: string) => Number(levels.find((l) => l.level === level)?.n ?? 0);
    const byLevel = (level: string) => rows.filter((r) => r.level === level).length;
    expect(byLevel('county')).toBe(1);
    expect(byLevel('town')).toBe(count('town'));
    expect(byLevel('village')).toBe(count('village'));
    expect(byLevel('grid') + byLevel('microgrid')).toBe(0);
    for (const row of rows) {
      const boundary = parseBoundary(JSON.parse(row.geometry));
      for (const ring of boundary.coordinates as [number, number][][]) {
        for (const [lon, lat] of ring) {
          expect(Math.abs(lon - 120.6)).toBeLessThan(0.3);
          expect(Math.abs(lat - 29.1)).toBeLessThan(0.2);
        }
      }
    }
  });

  it('lets neighbouring towns share border vertices, and draws the county map', async () => {
    const county = await database.db.selectFrom('regions').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const map = JSON.parse((await regionMap(database.db, county.id)).body);
    expect(map.missing).toBe(0);
    expect(map.outline.type).toBe('Polygon');
    const seen = new Map<string, number>();
    for (const feature of map.features) {
      for (const key of new Set<string>(feature.geometry.coordinates[0].map((p: number[]) => p.join(',')))) seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    // Every town touches another: some of its vertices appear in a neighbour's ring too.
    const shared = [...seen.values()].filter((n) => n >= 2).length;
    expect(shared).toBeGreaterThan(map.features.length * 3);
  });
});
