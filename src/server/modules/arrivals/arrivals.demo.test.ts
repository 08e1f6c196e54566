// The demo county's arrivals: a code per village, entries over the last 10 days with valid,
// encrypted numbers; verified entries point at the person with the same ID number; the queue
// API reads them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../../test/support/app.ts';
import type { TestDatabase } from '../../../../test/support/db.ts';
import { type DemoApp, buildDemoApp } from '../../../../test/support/demo-app.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { addDays, dayIn } from '../../platform/time.ts';

const today = dayIn('Asia/Shanghai');
let demo: DemoApp;
let database: TestDatabase;
let app: FastifyInstance;
let crypto: FieldCrypto;

beforeAll(async () => {
  demo = await buildDemoApp(2_000, today);
  ({ database, app, crypto } = demo);
}, 120_000);
afterAll(() => demo.close());

describe('demo arrivals', () => {
  it('gives every village one active code and seeds entries of every kind over the last 10 days', async () => {
    const villages = await database.db.selectFrom('regions').select('id').where('level', '=', 'village').execute();
    const codes = await database.db.selectFrom('arrival_codes').selectAll().execute();
    expect(codes.filter((c) => c.status === 'active').map((c) => c.region_id).sort()).toEqual(villages.map((v) => v.id).sort());
    const entries = await database.db.selectFrom('arrival_entries').selectAll().execute();
    expect(entries.length).toBeGreaterThan(90);
    const statuses = new Set(entries.map((e) => e.status));
    expect([...statuses].sort()).toEqual(['pending', 'rejected', 'verified']);
    const counted = codes.reduce((s, c) => s + Number(c.entry_count), 0);
    expect(counted).toBe(entries.length);
    const first = new Date(`${addDays(today, -11)}T00:00:00Z`).toISOString();
    for (const e of entries) {
      const id = crypto.decrypt(e.id_number_enc);
      expect(validateIdNumber(id).ok).toBe(true);
      expect(e.id_number_hash).toBe(crypto.index(id));
      expect(String(e.created_at) >= first || new Date(e.created_at).toISOString() >= first).toBe(true);
      if (e.status === 'verified') {
        const person = await database.db.selectFrom('persons').select('id_number_hash').where('id', '=', e.person_id ?? '').executeTakeFirstOrThrow();
        expect(person.id_number_hash).toBe(e.id_number_hash);
      }
    }
  });

  it('serves the queue and the summary to a village secretary', async () => {
    const code = await database.db.selectFrom('arrival_codes').select('region_id').where('status', '=', 'active').where('entry_count', '>', 0).executeTakeFirstOrThrow();
    const { headers } = await signIn(app, 'village_secretary', code.region_id);
    const list = await app.inject({ method: 'GET', url: '/api/v1/arrivals?limit=500', headers });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.length).toBeGreaterThan(0);
    const sum = await app.inject({ method: 'GET', url: '/api/v1/arrivals/summary', headers });
    expect(sum.json().byDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBeGreaterThan(0);
  });
});
