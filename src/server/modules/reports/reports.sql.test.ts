// The daily-report roll-up (GET /reports/rollup) reads the day counters of a region and its
// children and the grids under them, never the reports themselves: its SQL is kept per dialect,
// so a change that loses that shape fails here until the snapshot is renewed on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { sqlRunBy } from '../../../../test/support/sql-capture.ts';
import { rollupOf, trendOf } from './reports.rollup.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const COUNTY = { id: 1, name: '示例县', level: 'county', path: '/1/' };

describe('the roll-up queries', () => {
  it('a region and its children for a day', async () => {
    const text = await sqlRunBy(database.db, (db) => rollupOf(db, COUNTY, '2026-12-06'));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/rollup-day.${TEST_DIALECT}.sql`);
  });

  it('a region day by day (the trend)', async () => {
    const text = await sqlRunBy(database.db, (db) => trendOf(db, COUNTY, '2026-12-06', 14));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/rollup-trend.${TEST_DIALECT}.sql`);
  });
});
