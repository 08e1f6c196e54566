// Every list's first page carries its total: exact up to the bound, "more than the bound" above
// it, counted over the same filters and region subtree as the rows; later pages leave it out.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bulkInsert } from '../../src/server/db/fast-insert.ts';
import { LIST_TOTAL_BOUND } from '../../src/server/platform/list-total.ts';
import { newId, nowIso } from '../../src/server/platform/ids.ts';
import { dwellingSortKey } from '../../src/shared/address.ts';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';
import { TEST_DIALECT } from '../support/db.ts';

let t: TestApp;
let county: Record<string, string>;
const get = (url: string, headers = county) => t.app.inject({ method: 'GET', url, headers });

const household = (regionId: number, address: string) => {
  const now = nowIso();
  // As every write path does: the natural-order key the household list pages on.
  return { id: newId(), region_id: regionId, address, sort_key: dwellingSortKey({ address }), is_rental: 0, created_at: now, updated_at: now, version: 1 };
};

beforeAll(async () => {
  t = await buildTestApp();
  county = (await signIn(t.app, 'commander', t.tree.county)).headers;
  const rows = [
    household(t.tree.gridA, '东村1组1号'),
    household(t.tree.gridA, '东村1组2号'),
    household(t.tree.gridA2, '东村2组1号'),
    household(t.tree.gridB, '西村1组1号'),
  ];
  await bulkInsert(t.app.db, 'households', rows);
  const person = (h: (typeof rows)[number], name: string, category: string) => {
    const now = nowIso();
    return { id: newId(), household_id: h.id, region_id: h.region_id, name, category, key_person: 0, created_at: now, updated_at: now, version: 1 };
  };
  await bulkInsert(t.app.db, 'persons', [
    person(rows[0]!, '王一', 'resident'),
    person(rows[0]!, '王二', 'tenant'),
    person(rows[2]!, '李三', 'resident'),
    person(rows[3]!, '赵四', 'resident'),
  ]);
});
afterAll(() => t.close());

describe('list totals', () => {
  it('counts households of the region picked, with the filters, on the first page only', async () => {
    expect((await get(`/api/v1/households?regionId=${t.tree.county}`)).json().total).toEqual({ count: 4, capped: false });
    expect((await get(`/api/v1/households?regionId=${t.tree.villageA}`)).json().total).toEqual({ count: 3, capped: false });
    expect((await get(`/api/v1/households?regionId=${t.tree.gridA}`)).json().total).toEqual({ count: 2, capped: false });
    expect((await get(`/api/v1/households?regionId=${t.tree.county}&q=${encodeURIComponent('1组')}`)).json().total).toEqual({ count: 3, capped: false });
    const first = (await get(`/api/v1/households?regionId=${t.tree.villageA}&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(`/api/v1/households?regionId=${t.tree.villageA}&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.total).toBeUndefined();
  });

  it('counts people with their filters, and a grid account only its own', async () => {
    expect((await get(`/api/v1/persons?regionId=${t.tree.county}`)).json().total).toEqual({ count: 4, capped: false });
    expect((await get(`/api/v1/persons?regionId=${t.tree.county}&category=resident`)).json().total).toEqual({ count: 3, capped: false });
    const grid = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await get('/api/v1/persons', grid)).json().total).toEqual({ count: 2, capped: false });
  });

  it('takes "more than the bound" from the subtree counter, less what purges took, and counts rows below it', async () => {
    const setCounter = async (table: 'region_counters' | 'purged_counts', regionId: number, metric: string, value: number) => {
      await t.app.db.deleteFrom(table).where('region_id', '=', regionId).where('metric', '=', metric).execute();
      await t.app.db.insertInto(table).values({ region_id: regionId, metric, value }).execute();
    };
    const total = async (url: string) => (await get(url)).json().total;
    const village = t.tree.villageA;
    await setCounter('region_counters', village, 'households', LIST_TOTAL_BOUND + 100);
    await setCounter('region_counters', village, 'persons', LIST_TOTAL_BOUND + 1);
    try {
      // The counters say more than the bound: the village's 3 households and 3 people are not walked.
      expect(await total(`/api/v1/households?regionId=${village}`)).toEqual({ count: LIST_TOTAL_BOUND, capped: true });
      expect(await total(`/api/v1/persons?regionId=${village}`)).toEqual({ count: LIST_TOTAL_BOUND, capped: true });
      // A filter the counter does not count, or a category whose counter is low, counts the rows.
      expect(await total(`/api/v1/households?regionId=${village}&q=${encodeURIComponent('2组')}`)).toEqual({ count: 1, capped: false });
      expect(await total(`/api/v1/persons?regionId=${village}&category=tenant`)).toEqual({ count: 1, capped: false });
      expect(await total(`/api/v1/persons?regionId=${village}&keyPerson=false`)).toEqual({ count: 3, capped: false });
      // Purged households stay in the counter: what a purge in the subtree took brings it under the bound.
      await setCounter('purged_counts', t.tree.gridA, 'households', 200);
      expect(await total(`/api/v1/households?regionId=${village}`)).toEqual({ count: 3, capped: false });
      // A purge outside the subtree does not.
      await t.app.db.deleteFrom('purged_counts').execute();
      await setCounter('purged_counts', t.tree.gridB, 'households', 200);
      expect(await total(`/api/v1/households?regionId=${village}`)).toEqual({ count: LIST_TOTAL_BOUND, capped: true });
    } finally {
      await t.app.db.deleteFrom('purged_counts').execute();
      await t.app.db.deleteFrom('region_counters').where('region_id', '=', village).where('metric', 'in', ['households', 'persons']).execute();
    }
  });

  it('stops counting past the bound and says so', async () => {
    const many = Array.from({ length: LIST_TOTAL_BOUND + 5 }, (_, i) => household(t.tree.gridB, `北村${i}号`));
    await bulkInsert(t.app.db, 'households', many);
    expect((await get(`/api/v1/households?regionId=${t.tree.gridB}&limit=1`)).json().total).toEqual({ count: LIST_TOTAL_BOUND, capped: true });
    expect((await get(`/api/v1/households?regionId=${t.tree.villageA}`)).json().total).toEqual({ count: 3, capped: false });
  });
});

if (TEST_DIALECT === 'sqlite') describe('a first page on SQLite reader threads', () => {
  it('is one job: the counter, the count it spares and the page, the count left out when the counter is over the bound', async () => {
    const pool = t.database.readPool;
    if (!pool) throw new Error('the test database has reader threads');
    const village = t.tree.villageA;
    const single = vi.spyOn(pool, 'read');
    const batch = vi.spyOn(pool, 'readBatch');
    try {
      for (const list of ['households', 'persons']) {
        batch.mockClear();
        expect((await get(`/api/v1/${list}?regionId=${village}`)).json().total.capped).toBe(false);
        expect(batch).toHaveBeenCalledTimes(1);
        // The counter, the bounded count (run: the counter is under the bound), the page.
        const [statements] = batch.mock.calls[0]![1];
        expect(statements).toHaveLength(3);
        expect(statements![1]!.skipIf).toBe(0);
      }
      await t.app.db.insertInto('region_counters').values({ region_id: village, metric: 'households', value: LIST_TOTAL_BOUND + 1 }).execute();
      batch.mockClear();
      const over = (await get(`/api/v1/households?regionId=${village}`)).json();
      expect(over.total).toEqual({ count: LIST_TOTAL_BOUND, capped: true });
      expect(over.items.length).toBeGreaterThan(0);
      expect(batch).toHaveBeenCalledTimes(1);
      expect(single).not.toHaveBeenCalled();
    } finally {
      single.mockRestore();
      batch.mockRestore();
      await t.app.db.deleteFrom('region_counters').where('region_id', '=', village).where('metric', '=', 'households').execute();
    }
  });
});
