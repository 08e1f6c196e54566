// The subtree filter is the hottest query shape of the platform: it must stay one index range
// on both databases. The compiled SQL is snapshotted so a review shows any change to it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { searchSubtree, subtreeQuery } from './regions.queries.ts';
import type { RegionLevel } from '../../../shared/regions.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  // 100,000 regions: one county, 20 towns, 100 villages each, 49 grids each.
  const now = new Date().toISOString();
  const rows: { id: number; parent_id: number | null; level: RegionLevel; code: string; name: string; path: string; depth: number; active: number; created_at: string; updated_at: string }[] = [];
  let id = 1;
  rows.push({ id, parent_id: null, level: 'county', code: '339901', name: '县', path: '/1/', depth: 1, active: 1, created_at: now, updated_at: now });
  for (let t = 0; t < 20; t++) {
    const town = ++id;
    rows.push({ id: town, parent_id: 1, level: 'town', code: `339901${String(t).padStart(3, '0')}`, name: `镇${t}`, path: `/1/${town}/`, depth: 2, active: 1, created_at: now, updated_at: now });
    for (let v = 0; v < 100; v++) {
      const village = ++id;
      const vpath = `/1/${town}/${village}/`;
      rows.push({ id: village, parent_id: town, level: 'village', code: `339901${String(t).padStart(3, '0')}${String(v).padStart(3, '0')}`, name: `村${v}`, path: vpath, depth: 3, active: 1, created_at: now, updated_at: now });
      for (let g = 0; g < 49; g++) {
        const grid = ++id;
        rows.push({ id: grid, parent_id: village, level: 'grid', code: `3399${String(grid).padStart(10, '0')}`, name: `网格${g}`, path: `${vpath}${grid}/`, depth: 4, active: 1, created_at: now, updated_at: now });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 2000) await database.db.insertInto('regions').values(rows.slice(i, i + 2000)).execute();
  if (TEST_DIALECT === 'postgres') await sql`analyze regions`.execute(database.db);
  else await sql`analyze`.execute(database.db);
}, 120_000);
afterAll(() => database.drop());

describe('subtree query', () => {
  it('compiles to a path range', async () => {
    const compiled = subtreeQuery(database.db, '/1/5/', { limit: 50, includeInactive: false }).compile();
    // One file per dialect, so each project checks only its own (and reviewers read plain SQL).
    await expect(`${compiled.sql}\n`).toMatchFileSnapshot(`./__snapshots__/subtree-query.${TEST_DIALECT}.sql`);
    expect(compiled.parameters.slice(0, 2)).toEqual(['/1/5/', '/1/50']);
  });

  it('finds exactly one town’s subtree among 100,000 regions', async () => {
    const town = await database.db.selectFrom('regions').select(['id', 'path']).where('code', '=', '339901007').executeTakeFirstOrThrow();
    const rows = await searchSubtree(database.db, town.path, { limit: 10_000, includeInactive: false });
    expect(rows).toHaveLength(1 + 100 + 100 * 49);
    expect(rows.every((r) => r.path.startsWith(town.path))).toBe(true);
  });

  it('reads the subtree through the path index, not a scan', async () => {
    const q = subtreeQuery(database.db, '/1/5/', { limit: 50, includeInactive: false }).compile();
    if (TEST_DIALECT === 'postgres') {
      const plan = await sql.raw(`explain ${q.sql.replace(/\$(\d+)/g, (_m, n) => `'${String(q.parameters[Number(n) - 1])}'`)}`).execute(database.db);
      const text = (plan.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(/Index Scan using regions_path/);
      expect(text).not.toMatch(/Seq Scan on regions/);
    } else {
      const sqlite = database.sqlite;
      if (!sqlite) throw new Error('no sqlite handle');
      const plan = sqlite.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[];
      const text = plan.map((p) => p.detail).join('\n');
      expect(text).toMatch(/USING INDEX regions_path \(path>\? AND path<\?\)/);
      expect(text).not.toMatch(/^SCAN regions$/m);
    }
  });
});
