// The inspection list is where the secrecy of pending visits is enforced in SQL: its compiled
// form is kept per dialect, so a review shows any change to who sees what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { listInspections } from './inspections.queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe('the inspection list query', () => {
  it('compiles the visibility rule and the village subtree to plain SQL', async () => {
    const viewer = { userId: '00000000-0000-7000-8000-000000000001', role: 'village_secretary', path: '/1/2/3/' };
    const compiled = listInspections(database.db, viewer, { regionPath: '/1/2/3/', status: 'scheduled', ascending: true, limit: 50 }).compile();
    await expect(`${compiled.sql}\n`).toMatchFileSnapshot(`./__snapshots__/inspection-list.${TEST_DIALECT}.sql`);
    // Settled visits in the subtree; pending ones only through the team's region or membership.
    // The village subtree itself is its level column (village_id = 3, migration 0031).
    expect(compiled.parameters).toEqual(['done', 'missed', '/1/2/3/', '/1/2/30', '/1/2/3/', '/1/2/30', viewer.userId, 1, 3, 'scheduled', 51]);
  });

  it('gives a patrol member no pending visits through the region', () => {
    const viewer = { userId: '00000000-0000-7000-8000-000000000002', role: 'patrol_member', path: '/1/2/' };
    const compiled = listInspections(database.db, viewer, { ascending: false, limit: 10 }).compile();
    expect(compiled.parameters).toEqual(['done', 'missed', '/1/2/', '/1/20', viewer.userId, 1, 11]);
  });
});
