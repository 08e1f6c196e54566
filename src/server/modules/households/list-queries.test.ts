// The households and people lists at county scale (issue 17 items 1 and 4): a page is a walk of an
// index in (region, key) order — every row once across regions and pages, a cursor cannot reach
// outside the caller's subtree — and the plan of each read, on this database, reads no whole
// table and sorts nothing at county level, so a change that loses the index fails here.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import { bestPlan, fullScans, planText, sorts } from '../../../../test/support/query-plans.ts';
import { encodeCursor, regionCursorKey } from '../../platform/paging.ts';
import { householdsPageQueries } from './households.queries.ts';
import { addressSearchPage, addressSearchRows, hashSearchPage, hashSearchRows, nameSearchQueries, termCountQuery } from './persons-search.queries.ts';
import { personsCounted, personsPageQueries, personsTotalQuery } from './persons.queries.ts';

let t: TestApp;
let county: Record<string, string>;
let workerA: Record<string, string>;
/** What was made, per grid, in the order of making. */
const made: { regionId: number; householdId: string; persons: { id: string; name: string }[] }[] = [];

const get = (url: string, headers = county) => t.app.inject({ method: 'GET', url, headers });

/** Every item of a list, page by page. */
async function allPages<T>(url: string, headers = county): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const res = await get(`${url}${cursor ? `&cursor=${cursor}` : ''}`, headers);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: T[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  t = await buildTestApp();
  county = (await signIn(t.app, 'commander', t.tree.county)).headers;
  const grids = [t.tree.gridB, t.tree.gridA, t.tree.gridA2];
  const workers = new Map<number, Record<string, string>>();
  for (const grid of grids) workers.set(grid, (await signIn(t.app, 'grid_worker', grid)).headers);
  workerA = workers.get(t.tree.gridA)!;
  const names = ['王小明', '李四', '王芳', '张三', '赵王氏'];
  let n = 0;
  for (const grid of grids) {
    for (const room of ['301', '101', '201']) {
      const headers = workers.get(grid)!;
      const home = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId: grid, address: '列表测试小区', building: '1', unit: '1', room } });
      expect(home.statusCode, home.body).toBe(201);
      const persons = [];
      for (let i = 0; i < 2; i++) {
        const name = names[n++ % names.length]!;
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { householdId: home.json().id, name, category: 'resident', idNumber: anIdNumber(), phone: aMobile() } });
        expect(res.statusCode, res.body).toBe(201);
        persons.push({ id: res.json().id as string, name });
      }
      made.push({ regionId: grid, householdId: home.json().id, persons });
    }
  }
});
afterAll(() => t.close());

describe('the county lists, page by page', () => {
  it('gives every household once, grid by grid, each grid in the natural order of its dwellings', async () => {
    const items = await allPages<{ id: string; regionId: number; room: string }>('/api/v1/households?limit=2');
    expect(items.map((h) => h.id).sort()).toEqual(made.map((m) => m.householdId).sort());
    const grids = [...new Set(made.map((m) => m.regionId))].sort((a, b) => a - b);
    expect(items.map((h) => `${h.regionId}:${h.room}`)).toEqual(grids.flatMap((g) => ['101', '201', '301'].map((room) => `${g}:${room}`)));
  });

  it('gives every person once, region by region, and a name search its matches only, across pages', async () => {
    const everyone = made.flatMap((m) => m.persons);
    const items = await allPages<{ id: string; name: string }>('/api/v1/persons?limit=4');
    expect(items.map((p) => p.id).sort()).toEqual(everyone.map((p) => p.id).sort());
    const byId = new Map(made.flatMap((m) => m.persons.map((p) => [p.id, m.regionId] as const)));
    const regions = items.map((p) => byId.get(p.id)!);
    expect(regions).toEqual([...regions].sort((a, b) => a - b));

    const wang = await allPages<{ id: string; name: string }>(`/api/v1/persons?limit=2&q=${encodeURIComponent('王')}`);
    expect(wang.map((p) => p.id).sort()).toEqual(everyone.filter((p) => p.name.includes('王')).map((p) => p.id).sort());
    const pair = await allPages<{ name: string }>(`/api/v1/persons?limit=1&q=${encodeURIComponent('王小明')}`);
    expect(pair.map((p) => p.name)).toEqual(everyone.filter((p) => p.name === '王小明').map(() => '王小明'));
    const first = await get(`/api/v1/persons?limit=2&q=${encodeURIComponent('王')}`);
    expect(first.json().total).toEqual({ count: wang.length, capped: false });
  });

  it('keeps a forged cursor inside the caller’s subtree', async () => {
    // A cursor naming a grid outside grid A: the next page still holds grid A's rows only.
    const forged = encodeCursor(regionCursorKey(t.tree.gridB, '00000000-0000-7000-8000-000000000000'));
    const res = await get(`/api/v1/persons?limit=50&cursor=${forged}`, workerA);
    expect(res.statusCode, res.body).toBe(200);
    const gridA = new Set(made.filter((m) => m.regionId === t.tree.gridA).flatMap((m) => m.persons.map((p) => p.id)));
    for (const p of res.json().items as { id: string }[]) expect(gridA.has(p.id)).toBe(true);
    for (const key of [regionCursorKey(t.tree.gridA, ''), regionCursorKey(t.tree.gridA, 'x'), 'not-a-cursor']) {
      const bad = await get(`/api/v1/persons?limit=5&cursor=${encodeCursor(key)}`, workerA);
      expect(bad.statusCode, key).toBe(400);
    }
    const badHousehold = await get(`/api/v1/households?limit=5&cursor=${encodeCursor(regionCursorKey(t.tree.gridA, '1', 'x'))}`, workerA);
    expect(badHousehold.statusCode).toBe(400);
  });
});

const BIG_TABLES = ['households', 'persons', 'search_terms', 'h', 'p', 't'];

/** A total's read as list-total.ts makes it: any select replaced by a constant, bounded. */
// biome-ignore lint/suspicious/noExplicitAny: any list's query
const bounded = (q: any) => q.clearSelect().select(sql<number>`1`.as('one')).limit(10_001);

/** The subtrees a list is read at by a level column (0039): the county, a town, a village. */
const levelPaths = () =>
  [
    ['county', `/${t.tree.county}/`],
    ['town', `/${t.tree.county}/${t.tree.townA}/`],
    ['village', `/${t.tree.county}/${t.tree.townA}/${t.tree.villageA}/`],
  ] as const;

describe('the plans at county, town and village level', () => {
  const someId = '00000000-0000-7000-8000-000000000000';
  const cases = (path: string) => {
    const households = householdsPageQueries(t.database.db, path, {});
    const persons = personsPageQueries(t.database.db, path, {});
    const named = personsPageQueries(t.database.db, path, { name: { term: '王', whole: null } });
    const longer = personsPageQueries(t.database.db, path, { name: { term: '小明', whole: '王小明' } });
    return {
      'households, first page': households.laterRegions(undefined, 50),
      'households, rest of a grid': households.restOfRegion(t.tree.gridA, { sortKey: '', id: someId }, 50),
      'households, later grids': households.laterRegions(t.tree.gridA, 50),
      'persons, first page': persons.laterRegions(undefined, 50),
      'persons, rest of a grid': persons.restOfRegion(t.tree.gridA, someId, 50),
      'persons by name, first page': named.laterRegions(undefined, 50),
      'persons by name, rest of a grid': named.restOfRegion(t.tree.gridA, someId, 50),
      'persons by a longer name, later grids': longer.laterRegions(t.tree.gridA, 50),
      '人员查询 by name, first page': nameSearchQueries(t.database.db, path, { term: '王', whole: null }).laterRegions(undefined, 50),
      '人员查询 by name, rest of a grid': nameSearchQueries(t.database.db, path, { term: '小明', whole: '王小明' }).restOfRegion(t.tree.gridA, someId, 50),
      // The total's bounded walk (platform/list-total.ts): the name's index entries alone.
      'persons by name, total': personsCounted(t.database.db, path, { name: { term: '王', whole: null } }).select(sql<number>`1`.as('one')).limit(10_001),
      '人员查询 by address, total': bounded(addressSearchRows(t.database.db, path, { term: '测试', whole: '列表测试' }).orderBy('t.region_id')),
      '人员查询 by ID number, total': bounded(hashSearchRows(t.database.db, path, 'id_number_hash', 'cd'.repeat(32))),
      'persons by address (list q=), first page': personsPageQueries(t.database.db, path, { address: { term: '测试', whole: '列表测试' } }).laterRegions(undefined, 50),
      'persons by address (list q=), total': bounded(personsCounted(t.database.db, path, { address: { term: '测试', whole: null } })),
      'households by address (q=), first page': householdsPageQueries(t.database.db, path, { address: { term: '测试', whole: '列表测试' } }).laterRegions(undefined, 50),
      'households by address (q=), rest of a grid': householdsPageQueries(t.database.db, path, { address: { term: '测试', whole: null } }).restOfRegion(t.tree.gridA, { sortKey: '', id: someId }, 50),
    };
  };

  it('walks an index in the list’s order: no whole-table scan, no sort', async () => {
    // Every read's plan is looked at before failing, so one run names every query that lost its index.
    const lost: string[] = [];
    for (const [level, path] of levelPaths()) {
      for (const [label, query] of Object.entries(cases(path))) {
        const plan = await bestPlan(t.database.db, query);
        if (fullScans(plan, BIG_TABLES).length || sorts(plan).length) lost.push(`${level} ${label}:\n${planText(plan)}`);
      }
    }
    expect(lost.join('\n\n')).toBe('');
  });

  /**
   * Reads that find their rows by an index and sort only what they found: a keyed hash (a handful
   * of people), and the address search's page, which orders a household's people by id — PostgreSQL
   * sorts there (an incremental sort, household by household, on the demo county: 0.9 ms; the
   * plans here rule incremental sorts out); SQLite walks in order. No whole-table scan either way.
   */
  const narrowed = () => {
    const path = `/${t.tree.county}/`;
    return {
      '人员查询 by phone, first page': hashSearchPage(t.database.db, path, 'phone_hash', 'ab'.repeat(32), undefined, 50),
      '人员查询 by ID number, later page': hashSearchPage(t.database.db, path, 'id_number_hash', 'cd'.repeat(32), someId, 50),
      'persons by phone (list q=), first page': personsPageQueries(t.database.db, path, { phoneHash: 'ab'.repeat(32) }).laterRegions(undefined, 50),
      '人员查询 by address, first page': addressSearchPage(t.database.db, path, { term: '测试', whole: '列表测试', limit: 50 }),
      '人员查询 by address, later page': addressSearchPage(t.database.db, path, { term: '测试', whole: null, limit: 50, after: { regionId: t.tree.gridA, recordId: someId, personId: someId } }),
    };
  };

  it('finds a number’s or an address’s people by an index, never by reading a whole table', async () => {
    const scanned: string[] = [];
    for (const [label, query] of Object.entries(narrowed())) {
      const plan = await bestPlan(t.database.db, query);
      if (fullScans(plan, BIG_TABLES).length) scanned.push(`${label}:\n${planText(plan)}`);
      if (t.database.dialect === 'sqlite' && label.includes('address') && sorts(plan).length) scanned.push(`${label} (sorted):\n${planText(plan)}`);
    }
    expect(scanned.join('\n\n')).toBe('');
  });

  it('reads a term’s counter (a name search’s total, the narrowest pair) by its key, not the term index', async () => {
    const counted = termCountQuery(t.database.db, 'n', '王', `/${t.tree.county}/`);
    const plan = await bestPlan(t.database.db, counted);
    expect(fullScans(plan, [...BIG_TABLES, 'search_term_counts', 'c']), planText(plan)).toEqual([]);
    expect(plan.some((step) => step.table === 'search_terms' || step.table === 't'), planText(plan)).toBe(false);
    const total = personsTotalQuery(t.database.db, `/${t.tree.county}/`, { name: { term: '王', whole: null } });
    expect(total.compile().sql).toContain('search_term_counts');
  });

  /**
   * A name or address term is walked as one range of the subtree's region ids, not one index
   * seek per region (5,500 at the demo county: 8–30 ms for a pair 60 people carry). SQLite
   * prints the range; PostgreSQL's plan walks the term index too (no scan of search_terms).
   */
  it('walks a term as one range of the subtree’s regions', async () => {
    const path = `/${t.tree.county}/`;
    const walks = {
      '人员查询 by name, first page': nameSearchQueries(t.database.db, path, { term: '小明', whole: '王小明' }).laterRegions(undefined, 50),
      'persons by name, total': personsCounted(t.database.db, path, { name: { term: '王', whole: null } }).select(sql<number>`1`.as('one')).limit(10_001),
      '人员查询 by address, total': bounded(addressSearchRows(t.database.db, path, { term: '测试', whole: null }).orderBy('t.region_id')),
    };
    for (const [label, query] of Object.entries(walks)) {
      const plan = await bestPlan(t.database.db, query);
      const terms = plan.filter((step) => step.table === 't' || step.table === 'search_terms');
      expect(terms.length, `${label}:\n${planText(plan)}`).toBeGreaterThan(0);
      expect(fullScans(plan, BIG_TABLES), `${label}:\n${planText(plan)}`).toEqual([]);
      if (t.database.dialect === 'sqlite') expect(terms.map((step) => step.text).join('\n'), label).toMatch(/region_id>\? AND region_id<\?/);
    }
  });

  it('reads a level’s page as that level’s index range, not the subtree grid by grid', async () => {
    for (const [level, path] of levelPaths()) {
      const reads = {
        households: householdsPageQueries(t.database.db, path, {}).laterRegions(t.tree.gridA, 50),
        persons: personsPageQueries(t.database.db, path, {}).laterRegions(undefined, 50),
      };
      for (const [table, query] of Object.entries(reads)) {
        const plan = await bestPlan(t.database.db, query);
        expect(planText(plan), `${level} ${table}`).toContain(`${table}_in_${level}`);
      }
    }
  });

  it('would notice a lost index: ordering by a column no index holds is a sort', async () => {
    const path = `/${t.tree.county}/`;
    const unordered = personsPageQueries(t.database.db, path, {}).laterRegions(undefined, 50).clearOrderBy().orderBy('p.name');
    expect(sorts(await bestPlan(t.database.db, unordered)).length).toBeGreaterThan(0);
  });
});

describe('the level columns of households and people (migration 0039)', () => {
  const levelsOf = async (table: 'households' | 'persons', id: string) => {
    const row = await (t.app.db as Db).selectFrom(table).select(['county_id', 'town_id', 'village_id']).where('id', '=', id).executeTakeFirstOrThrow();
    return [row.county_id, row.town_id, row.village_id];
  };

  it('are filled on insert, follow a record to another region, and follow a region moved with its subtree', async () => {
    const { county: countyId, townA, townC, villageA, villageB, gridA, gridB } = t.tree;
    const home = made.find((m) => m.regionId === gridA)!;
    const person = home.persons[0]!.id;
    expect(await levelsOf('households', home.householdId)).toEqual([countyId, townA, villageA]);
    expect(await levelsOf('persons', person)).toEqual([countyId, townA, villageA]);

    // A record given another region takes that region's levels, and back.
    await (t.app.db as Db).updateTable('persons').set({ region_id: gridB }).where('id', '=', person).execute();
    expect(await levelsOf('persons', person)).toEqual([countyId, townA, villageB]);
    await (t.app.db as Db).updateTable('persons').set({ region_id: gridA }).where('id', '=', person).execute();

    // Village A moves to town C: its households and people are town C's, and a town C list finds them.
    const { headers } = await signIn(t.app, 'admin', countyId);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${villageA}`, headers, payload: { parentId: townC } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await levelsOf('households', home.householdId)).toEqual([countyId, townC, villageA]);
    expect(await levelsOf('persons', person)).toEqual([countyId, townC, villageA]);
    const townCList = await allPages<{ id: string }>(`/api/v1/persons?limit=50&regionId=${townC}`);
    expect(townCList.map((p) => p.id)).toContain(person);
    const townAList = await allPages<{ id: string }>(`/api/v1/households?limit=50&regionId=${townA}`);
    expect(townAList.map((h) => h.id)).not.toContain(home.householdId);
  });
});
