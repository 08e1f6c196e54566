// The alert lists (GET /quarantine/alerts) read one level column's index range for a county,
// town or village, the region ids for a grid, and page on (raised_at, id) or (severity,
// raised_at, id) — migration 0024's indexes. Their SQL is kept per dialect, so a change that
// loses that shape fails here until the snapshot is renewed on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { sqlRunBy } from '../../../../test/support/sql-capture.ts';
import { findAlert, listAlerts } from './quarantine.queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const CURSOR = { severity: 2, at: '2026-12-06T08:00:00.000Z', id: '0190a000-0000-7000-8000-000000000001' };

describe('the alert list queries', () => {
  it('a town, newest first: the town column, open ones, the time keyset', async () => {
    const text = await sqlRunBy(database.db, (db) => listAlerts(db, '/1/2/', { open: true, sort: 'time', before: CURSOR, limit: 50 }));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/alerts-town-time.${TEST_DIALECT}.sql`);
  });

  it('a county, most urgent first: the county column and the severity keyset', async () => {
    const text = await sqlRunBy(database.db, (db) => listAlerts(db, '/1/', { kind: 'fever', sort: 'severity', before: CURSOR, limit: 50 }));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/alerts-county-severity.${TEST_DIALECT}.sql`);
  });

  it('a grid: its micro-grids by region id', async () => {
    const text = await sqlRunBy(database.db, (db) => listAlerts(db, '/1/2/3/4/', { sort: 'time', limit: 50 }));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/alerts-grid.${TEST_DIALECT}.sql`);
  });

  it('the rows of a page, with their names', async () => {
    const text = await sqlRunBy(database.db, (db) => findAlert(db, CURSOR.id));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/alert-rows.${TEST_DIALECT}.sql`);
  });
});
