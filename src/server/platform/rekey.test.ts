import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRootRegion } from '../bootstrap.ts';
import { ENCRYPTED_COLUMNS } from '../modules/households/households.tables.ts';
import { type TestDatabase, openTestDatabase } from '../../../test/support/db.ts';
import { anIdNumber } from '../../../test/support/people.ts';
import { fieldCryptoOf, newKeyringJson, withNewKey } from './crypto.ts';
import { newId, nowIso } from './ids.ts';
import { reencryptAll } from './rekey.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe('data key rotation', () => {
  it('re-encrypts every stored number under the new key, resumably, so the old key can be retired', async () => {
    const oldRing = newKeyringJson();
    const oldCrypto = fieldCryptoOf(oldRing);
    const region = await ensureRootRegion(database);
    const people = Array.from({ length: 25 }, (_, i) => ({ id: newId(), idNumber: anIdNumber(), phone: `1390000${String(1000 + i)}` }));
    const now = nowIso();
    for (const p of people) {
      await database.db
        .insertInto('persons')
        .values({ id: p.id, household_id: null, region_id: region, name: '某人', gender: null, birth_date: null, id_number_enc: oldCrypto.encrypt(p.idNumber), id_number_hash: oldCrypto.index(p.idNumber), id_number_masked: null, phone_enc: oldCrypto.encrypt(p.phone), phone_hash: null, phone_masked: null, category: 'resident', origin: null, arrived_on: null, travel_mode: null, employer: null, key_person: 0, key_person_reason: null, dwelling_relation: null, left_on: null, created_at: now, updated_at: now, version: 1 })
        .execute();
    }
    const rotated = withNewKey(oldRing);
    expect(rotated.current).toBe('k2');
    const crypto = fieldCryptoOf(rotated);
    expect(await reencryptAll(database.db, crypto, ENCRYPTED_COLUMNS, undefined, 10)).toBe(25);
    expect(await reencryptAll(database.db, crypto, ENCRYPTED_COLUMNS)).toBe(0); // a rerun finds nothing left

    const retired = fieldCryptoOf({ ...rotated, keys: { k2: rotated.keys.k2 ?? '' } });
    const rows = await database.db.selectFrom('persons').select(['id', 'id_number_enc', 'id_number_hash', 'phone_enc']).execute();
    for (const p of people) {
      const row = rows.find((r) => r.id === p.id);
      expect(row?.id_number_enc?.startsWith('k2.')).toBe(true);
      expect(retired.decrypt(row?.id_number_enc ?? '')).toBe(p.idNumber);
      expect(retired.decrypt(row?.phone_enc ?? '')).toBe(p.phone);
      // The index key does not rotate: people are still found by their ID number.
      expect(row?.id_number_hash).toBe(retired.index(p.idNumber));
    }
    expect(() => fieldCryptoOf({ ...oldRing }).decrypt(rows[0]?.id_number_enc ?? '')).toThrow();
  });
});
