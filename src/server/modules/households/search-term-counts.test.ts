// The search terms' counters (migration 0042), on SQLite and PostgreSQL: after every kind of write
// — people and households added, renamed, moved to another household or grid, deleted (as the
// purge deletes), a village moved to another town — each counter equals a recount of the term
// index at each level, and the search's total read from it equals the people the search finds.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import type { Db } from '../../db/schema.ts';

let t: TestApp;
let db: Db;
let admin: Record<string, string>;
const worker = new Map<number, Record<string, string>>();

beforeAll(async () => {
  t = await buildTestApp();
  db = t.app.db as Db;
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
  for (const grid of [t.tree.gridA, t.tree.gridA2, t.tree.gridB]) worker.set(grid, (await signIn(t.app, 'grid_worker', grid)).headers);
});
afterAll(() => t.close());

const inject = async (method: 'POST' | 'PATCH' | 'GET', url: string, headers: Record<string, string>, payload?: object) => {
  const res = await t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const household = async (grid: number, address: string) => (await inject('POST', '/api/v1/households', worker.get(grid)!, { regionId: grid, address })).id as string;
const person = async (grid: number, householdId: string, name: string) =>
  (await inject('POST', '/api/v1/persons', worker.get(grid)!, { householdId, name, category: 'resident', idNumber: anIdNumber() })).id as string;

/** The counters as they are, the rows whose count is not 0, sorted: "kind term region n". */
async function counters(): Promise<string[]> {
  const rows = await db.selectFrom('search_term_counts').select(['kind', 'term', 'region_id', 'n']).where('n', '<>', 0).execute();
  return rows.map((r) => `${r.kind} ${r.term} ${r.region_id} ${Number(r.n)}`).sort();
}

/** The same, recounted from the term index and each record's level ids now. */
async function recount(): Promise<string[]> {
  const rows: string[] = [];
  for (const [kind, table] of [['n', 'persons'], ['a', 'households']] as const) {
    for (const level of ['county_id', 'town_id', 'village_id'] as const) {
      const found = await db
        .selectFrom('search_terms as t')
        .innerJoin(`${table} as r` as 'persons as r', 'r.id', 't.record_id')
        .select(['t.term', sql<number>`r.${sql.ref(level)}`.as('region_id'), (eb) => eb.fn.countAll<number>().as('n')])
        .where('t.kind', '=', kind)
        .where(sql.ref(`r.${level}`), 'is not', null)
        .groupBy(['t.term', sql.ref(`r.${level}`)])
        .execute();
      rows.push(...found.map((r) => `${kind} ${r.term} ${r.region_id} ${Number(r.n)}`));
    }
  }
  return rows.sort();
}

const total = async (q: string, headers = admin) => (await inject('POST', '/api/v1/persons/search', headers, { q, by: 'name', limit: 1 })).total;

describe('the search terms’ counters', () => {
  it('equal a recount of the term index after inserts, renames, moves, deletes and a region move', async () => {
    const { gridA, gridA2, gridB, county, townA, townC, villageA } = t.tree;
    const homeA = await household(gridA, '城关镇东村3组12号');
    const homeA2 = await household(gridA2, '城关镇东村5组8号');
    const homeB = await household(gridB, '城关镇西村7组5号');
    const wang = await person(gridA, homeA, '王小明');
    await person(gridA, homeA, '王芳');
    await person(gridA2, homeA2, '李王刚');
    const other = await person(gridB, homeB, '王大山');
    await person(gridB, homeB, '赵六');
    expect(await counters()).toEqual(await recount());
    expect(await counters()).toContain(`n 王 ${county} 4`);
    expect(await counters()).toContain(`n 王 ${villageA} 3`);
    expect(await counters()).toContain(`a 东村 ${townA} 2`);

    // A rename, an address changed, a household given another grid.
    const before = await inject('GET', `/api/v1/persons/${wang}`, worker.get(gridA)!);
    await inject('PATCH', `/api/v1/persons/${wang}`, worker.get(gridA)!, { baseVersion: before.version, name: '张小明' });
    const home = await inject('GET', `/api/v1/households/${homeA2}`, worker.get(gridA2)!);
    await inject('PATCH', `/api/v1/households/${homeA2}`, worker.get(gridA2)!, { baseVersion: home.version, address: '城关镇东村6组1号' });
    await db.updateTable('households').set({ region_id: gridB }).where('id', '=', homeB).execute();
    expect(await counters()).toEqual(await recount());
    expect(await total('王')).toEqual({ count: 3, capped: false });

    // A person moved to another grid's household, a person deleted as the purge deletes.
    await db.updateTable('persons').set({ region_id: gridA, household_id: homeA }).where('id', '=', other).execute();
    await db.deleteFrom('persons').where('name', '=', '赵六').execute();
    expect(await counters()).toEqual(await recount());

    // Village A moves to town C with its grids: its people and households count there now.
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${villageA}`, headers: admin, payload: { parentId: townC } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await counters()).toEqual(await recount());
    expect(await counters()).toContain(`n 王 ${townC} 3`);
    expect(await counters()).not.toContain(`n 王 ${townA} 3`);

    // A household deleted with its people.
    await db.deleteFrom('persons').where('household_id', '=', homeA2).execute();
    await db.deleteFrom('households').where('id', '=', homeA2).execute();
    expect(await counters()).toEqual(await recount());
  });

  it('give each level the total of what the search finds there, exact under the bound', async () => {
    const { gridA, gridB, townC } = t.tree;
    const home = await household(gridB, '西村新区1号');
    for (const name of ['钱一', '钱二', '钱三']) await person(gridB, home, name);
    const town = (await signIn(t.app, 'town_officer', townC)).headers;
    const village = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    for (const [headers, q] of [[admin, '钱'], [admin, '王'], [town, '王'], [village, '钱'], [worker.get(gridA)!, '王'], [admin, '小明']] as const) {
      const all = [];
      let cursor: string | null = null;
      do {
        const res = await inject('POST', '/api/v1/persons/search', headers, { q, by: 'name', limit: 2, ...(cursor ? { cursor } : {}) });
        all.push(...res.items);
        cursor = res.nextCursor;
      } while (cursor);
      expect(await total(q, headers), `${q}`).toEqual({ count: all.length, capped: false });
      const listed = await inject('GET', `/api/v1/persons?q=${encodeURIComponent(q)}&limit=1`, headers);
      expect(listed.total, `list ${q}`).toEqual({ count: all.length, capped: false });
    }
  });
});
