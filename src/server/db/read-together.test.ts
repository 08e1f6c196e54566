// read-together.ts: the reads of one request sent as one job. Both databases choose the same
// alternative (the least count, the first of equals, a zero ends the counting); on SQLite's
// reader threads a person search is one job on one thread, not one hop per read.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { TEST_DIALECT } from '../../../test/support/db.ts';
import { readNarrowest, readTogether } from './read-together.ts';

let t: TestApp;
let commander: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
});
afterAll(() => t.close());

const constant = (n: number) => t.database.read.selectFrom(sql`(select 1)`.as('x')).select(sql<number>`${n}`.as('n'));
const way = (count: number, answer: string) => ({ count: constant(count), reads: [t.database.read.selectFrom(sql`(select 1)`.as('x')).select(sql<string>`${answer}`.as('a'))] });

describe('readNarrowest', () => {
  it('reads the alternative whose count is least, the first of equals', async () => {
    const { chosen, results } = await readNarrowest(t.database.read, [way(3, 'three'), way(1, 'one'), way(2, 'two'), way(1, 'one again')]);
    expect(chosen).toBe(1);
    expect(results).toEqual([[{ a: 'one' }]]);
  });

  it('stops counting at a zero and reads several statements in their order', async () => {
    const read = t.database.read;
    const many = { count: constant(0), reads: [constant(7), constant(8)] };
    const { chosen, results } = await readNarrowest(read, [way(5, 'five'), many, way(0, 'later zero')]);
    expect(chosen).toBe(1);
    expect(results.map((rows) => Number((rows[0] as { n: number }).n))).toEqual([7, 8]);
    expect((await readTogether(read, [constant(4)]))[0]!.map((r) => Number((r as { n: number }).n))).toEqual([4]);
  });
});

if (TEST_DIALECT === 'sqlite') describe('a person search on SQLite reader threads', () => {
  it('is one job on one reader: the narrowest pair, the page and the total together', async () => {
    const pool = t.database.readPool;
    if (!pool) throw new Error('the test database has reader threads');
    const single = vi.spyOn(pool, 'read');
    const batch = vi.spyOn(pool, 'readBatch');
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons/search', headers: commander, payload: { q: '合并读取路王小明' } });
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toEqual({ count: 0, capped: false });
      expect(batch).toHaveBeenCalledTimes(1);
      // Seven pairs of the text, counted on the reader: the page and total of the narrowest only.
      expect(batch.mock.calls[0]![0]).toHaveLength(7);
      expect(single).not.toHaveBeenCalled();
    } finally {
      single.mockRestore();
      batch.mockRestore();
    }
  });
});
