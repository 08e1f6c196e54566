// Migration 0034 encrypts the health data a database already holds (both dialects, in batches),
// and refuses to run without the keyring when there is some.
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../../test/support/db.ts';
import { ensureRootRegion } from '../../bootstrap.ts';
import { ephemeralFieldCrypto } from '../../platform/crypto.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { migrateToLatest } from '../migrate.ts';
import { migrationProvider } from './index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ migrate: false });
});
afterAll(() => database.drop());

describe('migration 0034: health data at rest', () => {
  it('encrypts every existing reason, temperature, symptom list and note, and drops the plain columns', async () => {
    const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect), allowUnorderedMigrations: true });
    const before = await migrator.migrateTo('0031_region_levels');
    expect(before.error).toBeUndefined();
    const region = await ensureRootRegion(database);
    const now = nowIso();
    const orders: string[] = [];
    // More than one batch of 1,000 checks.
    const checks = 1203;
    for (let i = 0; i < 3; i++) {
      const personId = newId();
      await sql`insert into persons (id, region_id, name, category, key_person, created_at, updated_at, version) values (${personId}, ${region}, ${'某人'}, ${'resident'}, 0, ${now}, ${now}, 1)`.execute(database.db);
      const orderId = newId();
      orders.push(orderId);
      await sql`insert into quarantine_orders (id, number, person_id, region_id, reason, start_on, end_on, status, created_at, updated_at, version)
        values (${orderId}, ${`GL-${i}`}, ${personId}, ${region}, ${`旧隔离原因${i}`}, ${'2026-01-01'}, ${'2026-01-14'}, ${'released'}, ${now}, ${now}, 1)`.execute(database.db);
    }
    // Multi-row inserts of 200 (PostgreSQL's parameter limit, and a loaded machine's patience).
    for (let from = 0; from < checks; from += 200) {
      const values = Array.from({ length: Math.min(200, checks - from) }, (_, k) => {
        const i = from + k;
        return sql`(${newId()}, ${orders[i % 3]}, ${region}, ${'2026-01-02'}, ${now}, ${i % 2 ? 38.2 : 36.5}, ${i % 2 ? '["cough"]' : '[]'}, ${i === 7 ? '旧备注' : null}, ${i % 2}, null)`;
      });
      await sql`insert into quarantine_checks (id, order_id, region_id, day, at, temperature, symptoms, note, fever, user_id) values ${sql.join(values)}`.execute(database.db);
    }
    await expect(migrateToLatest(database)).rejects.toThrow(/keyring/);
    const crypto = ephemeralFieldCrypto();
    expect(await migrateToLatest(database, { fieldCrypto: crypto })).toContain('0034_health_at_rest');

    const rows = await database.db.selectFrom('quarantine_checks').selectAll().execute();
    expect(rows).toHaveLength(checks);
    expect(Object.keys(rows[0] ?? {})).not.toContain('temperature');
    const fevers = rows.filter((r) => crypto.decrypt(r.temperature_enc) === '38.2');
    expect(fevers).toHaveLength(Math.floor(checks / 2));
    expect(fevers.every((r) => Number(r.fever) === 1 && crypto.decrypt(r.symptoms_enc) === '["cough"]')).toBe(true);
    expect(rows.filter((r) => r.note_enc !== null).map((r) => crypto.decrypt(r.note_enc ?? ''))).toEqual(['旧备注']);
    const reasons = await database.db.selectFrom('quarantine_orders').select('reason_enc').execute();
    expect(reasons.map((r) => crypto.decrypt(r.reason_enc)).sort()).toEqual(['旧隔离原因0', '旧隔离原因1', '旧隔离原因2']);
  }, 180_000);
});
