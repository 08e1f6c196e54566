// The tips inbox (GET /tips) is tuned to page on the narrow (region_id, filed_at, id) index and
// join only the page's rows: its SQL is kept per dialect, so a change that loses that shape
// fails here until the snapshot is renewed on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { sqlRunBy } from '../../../../test/support/sql-capture.ts';
import { listTips } from './tips.queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const NOW = '2026-12-06T08:00:00.000Z';

describe('the tips inbox query', () => {
  it('pages ids on the index first, then joins the page (first page, every filter off)', async () => {
    const text = await sqlRunBy(database.db, (db) => listTips(db, '/1/2/', { limit: 50, now: NOW }));
    await expect(text).toMatchFileSnapshot(`./__snapshots__/tips-inbox.${TEST_DIALECT}.sql`);
  });

  it('keeps the keyset and the filters inside the id step (a later page, open and overdue)', async () => {
    const text = await sqlRunBy(database.db, (db) =>
      listTips(db, '/1/2/', { open: 'true', overdue: 'true', grouped: 'true', before: { filedAt: NOW, id: '0190a000-0000-7000-8000-000000000001' }, limit: 50, now: NOW }),
    );
    await expect(text).toMatchFileSnapshot(`./__snapshots__/tips-inbox-filtered.${TEST_DIALECT}.sql`);
  });
});
