// The list of a region's red and yellow people is read on every visit of the risk page and the
// household page: its SQL is snapshotted per dialect so a review shows any change to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { riskPersonsQuery } from './risk.queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe('risk list query', () => {
  it('compiles to a path range over the regions and a keyset over person ids', async () => {
    const compiled = riskPersonsQuery(database.db, '/1/5/', { colour: 'red', afterId: '0190', limit: 50 }).compile();
    await expect(`${compiled.sql}\n`).toMatchFileSnapshot(`./__snapshots__/risk-persons.${TEST_DIALECT}.sql`);
    expect(compiled.parameters).toEqual(['/1/5/', '/1/50', 'red', '0190', 51]);
    // And it runs (empty tables) on this dialect.
    expect(await riskPersonsQuery(database.db, '/1/', { limit: 10 }).execute()).toEqual([]);
  });
});
