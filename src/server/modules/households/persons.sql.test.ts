// The people list (GET /persons) and the people search (POST /persons/search) are tuned: the
// list pages (region, person) over persons_region, region by region; the search walks one term's index
// range (search_terms) per region in order, or the keyed hash. Their SQL is kept per dialect, so
// a change that loses that shape fails here until the snapshot is renewed on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, TEST_DIALECT, openTestDatabase } from '../../../../test/support/db.ts';
import { sqlRunBy } from '../../../../test/support/sql-capture.ts';
import { listPersons } from './persons.queries.ts';
import { addressSearchPage, hashSearchPage, searchByName, termCount } from './persons-search.queries.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

const AFTER = { regionId: 12, recordId: '0190a000-0000-7000-8000-000000000001', personId: '0190a000-0000-7000-8000-000000000002' };
const snapshot = (name: string) => `./__snapshots__/${name}.${TEST_DIALECT}.sql`;

describe('the people list query', () => {
  it('pages region by region in (region, person) order over the subtree, with its filters', async () => {
    const text = await sqlRunBy(database.db, async (db) => {
      await listPersons(db, '/1/2/', { limit: 50 });
      await listPersons(db, '/1/2/', { category: 'returnee', keyPerson: true, name: { term: '张', whole: null }, after: { regionId: AFTER.regionId, key: AFTER.personId }, limit: 50 });
    });
    await expect(text).toMatchFileSnapshot(snapshot('persons-list'));
  });
});

describe('the people search queries', () => {
  it('by name: one term index range, the whole text checked on the rows found, the keyset', async () => {
    const text = await sqlRunBy(database.db, async (db) => {
      await termCount(db, 'n', '张三', '/1/2/');
      // Both ranges of a later page (the rest of the region, the later regions) go in one job.
      for (const query of searchByName(db, '/1/2/', { term: '张三', whole: '张三丰', after: AFTER, limit: 20 }).queries) await query.execute();
    });
    await expect(text).toMatchFileSnapshot(snapshot('persons-search-name'));
  });

  it('by address: the address term range, people of the subtree only', async () => {
    const text = await sqlRunBy(database.db, (db) => addressSearchPage(db, '/1/2/', { term: '城北', whole: '城北路', after: AFTER, limit: 20 }).execute());
    await expect(text).toMatchFileSnapshot(snapshot('persons-search-address'));
  });

  it('by a whole ID or phone number: the keyed hash index', async () => {
    const text = await sqlRunBy(database.db, async (db) => {
      await hashSearchPage(db, '/1/2/', 'id_number_hash', 'aa'.repeat(32), undefined, 20).execute();
      await hashSearchPage(db, '/1/2/', 'phone_hash', 'bb'.repeat(32), AFTER.personId, 20).execute();
    });
    await expect(text).toMatchFileSnapshot(snapshot('persons-search-hash'));
  });
});
