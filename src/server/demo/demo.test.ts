// The demo county generator, at a small size, on the real database: the tree nests, the
// people are plausible and valid, and every level's staff can sign in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/support/db.ts';
import { type DemoApp, buildDemoApp } from '../../../test/support/demo-app.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
import { CHILD_LEVEL, type RegionLevel } from '../../shared/regions.ts';
import { type FieldCrypto, maskIdNumber } from '../platform/crypto.ts';
import { addDays } from '../platform/time.ts';
import { DEMO_PASSWORD, loadDemoIfEmpty } from './load-demo.ts';
import { PeopleGenerator, type Row } from './people.ts';
import { createRng } from './prng.ts';

const PEOPLE = 2_000;
const TODAY = '2024-06-01';
const silent = { info: () => undefined };
let demo: DemoApp;
let database: TestDatabase;
let app: FastifyInstance;
let crypto: FieldCrypto;

beforeAll(async () => {
  demo = await buildDemoApp(PEOPLE, TODAY);
  ({ database, app, crypto } = demo);
}, 120_000);
afterAll(() => demo.close());

describe('demo county', () => {
  it('nests every region under a parent of the level above, with consistent paths and codes', async () => {
    const regions = await database.db.selectFrom('regions').selectAll().execute();
    const byId = new Map(regions.map((r) => [r.id, r]));
    const levels = new Set(regions.map((r) => r.level));
    expect([...levels].sort()).toEqual(['county', 'grid', 'microgrid', 'town', 'village']);
    const codeLength: Record<string, number> = { county: 6, town: 9, village: 12, grid: 15, microgrid: 18 };
    for (const r of regions) {
      expect(r.code).toHaveLength(codeLength[r.level] ?? 0);
      if (r.parent_id === null) {
        expect([r.level, r.path, r.depth]).toEqual(['county', `/${r.id}/`, 1]);
        continue;
      }
      const parent = byId.get(r.parent_id);
      expect(parent).toBeDefined();
      if (!parent) continue;
      expect(r.path).toBe(`${parent.path}${r.id}/`);
      expect(r.depth).toBe(parent.depth + 1);
      expect(r.level).toBe(CHILD_LEVEL[parent.level as RegionLevel]);
      expect(r.code.startsWith(parent.code)).toBe(true);
    }
  });

  it('houses exactly the people asked for, in households of micro-grids', async () => {
    const people = await database.db
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .innerJoin('regions as r', 'r.id', 'h.region_id')
      .select(['p.region_id', 'h.region_id as household_region', 'r.level'])
      .execute();
    expect(people).toHaveLength(PEOPLE);
    expect(people.every((p) => p.level === 'microgrid' && p.region_id === p.household_region)).toBe(true);
  });

  it('gives everyone a valid, unique ID number matching birth date and gender, and valid mobiles', async () => {
    const rows = await database.db.selectFrom('persons').select(['id_number_enc', 'id_number_hash', 'id_number_masked', 'birth_date', 'gender', 'phone_enc']).execute();
    const seen = new Set<string>();
    for (const row of rows) {
      const idNumber = crypto.decrypt(row.id_number_enc ?? '');
      const check = validateIdNumber(idNumber, TODAY);
      expect(check).toMatchObject({ ok: true, value: idNumber, birthDate: row.birth_date, gender: row.gender });
      expect(row.id_number_hash).toBe(crypto.index(idNumber));
      expect(row.id_number_masked).toBe(maskIdNumber(idNumber));
      seen.add(idNumber);
      if (row.phone_enc) expect(normaliseMobile(crypto.decrypt(row.phone_enc)).ok).toBe(true);
    }
    expect(seen.size).toBe(rows.length);
  });

  it('has plausible category shares and the fields each category needs', async () => {
    const rows = await database.db
      .selectFrom('persons as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select(['p.category', 'p.origin', 'p.arrived_on', 'p.travel_mode', 'p.employer', 'p.key_person', 'p.key_person_reason', 'h.is_rental', 'h.landlord_name', 'h.landlord_phone_enc'])
      .execute();
    const share = (c: string) => rows.filter((r) => r.category === c).length / rows.length;
    expect(share('resident')).toBeGreaterThan(0.72);
    expect(share('resident')).toBeLessThan(0.88);
    for (const c of ['floating', 'returnee', 'migrant_worker', 'tenant', 'visitor']) expect(share(c)).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.category === 'returnee') {
        expect(r.origin && r.travel_mode).toBeTruthy();
        expect(r.arrived_on && r.arrived_on > addDays(TODAY, -30) && r.arrived_on <= TODAY).toBe(true);
      }
      if (r.category === 'migrant_worker') expect(r.employer).toMatch(/有限公司$/);
      if (r.category === 'tenant') expect(r.is_rental).toBe(1);
      if (r.is_rental) expect(r.landlord_name && r.landlord_phone_enc).toBeTruthy();
      if (r.key_person) expect(r.key_person_reason).toBeTruthy();
    }
  });

  it('lets the staff of every level sign in with the demo password', async () => {
    const expected: [string, string, RegionLevel][] = [
      ['commander', 'commander', 'county'],
      ['auditor', 'auditor', 'county'],
      ['town01', 'town_officer', 'town'],
      ['patrol0101', 'patrol_member', 'town'],
      ['v001', 'village_secretary', 'village'],
      ['g0001', 'grid_leader', 'grid'],
      ['gw0001', 'grid_worker', 'grid'],
    ];
    for (const [username, role, level] of expected) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      expect(res.statusCode, username).toBe(200);
      expect(res.json()).toMatchObject({ user: { username, role }, region: { level } });
    }
  });

  it('seeds control inside the grids whose counters match the records: quarantine, family events, patrol logs', async () => {
    const db = database.db;
    const count = async (table: 'quarantine_orders' | 'family_events' | 'patrol_logs', where?: [string, string]) => {
      let q = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (where) q = q.where(where[0] as never, '=', where[1] as never);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const active = await count('quarantine_orders', ['status', 'active']);
    expect(await count('quarantine_orders')).toBeGreaterThan(0);
    expect(await count('family_events')).toBeGreaterThan(0);
    const logs = await count('patrol_logs');
    expect(logs).toBeGreaterThan(0);
    // Released orders ended before today; active ones have not; open alerts are of the last days only.
    const orders = await db.selectFrom('quarantine_orders').select(['status', 'end_on']).execute();
    for (const o of orders) expect(o.status === 'released' ? o.end_on < TODAY : o.end_on >= TODAY).toBe(true);
    const open = await db.selectFrom('quarantine_alerts').select('day').where('acknowledged_at', 'is', null).execute();
    for (const a of open) expect(a.day >= addDays(TODAY, -2)).toBe(true);

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'commander', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']);
    const root = await db.selectFrom('regions').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const summary = await app.inject({ method: 'GET', url: `/api/v1/stats/summary?regionId=${root.id}&date=${TODAY}`, headers: { cookie } });
    expect(summary.statusCode).toBe(200);
    expect(summary.json().quarantines.active).toBe(active);
    // Everyone under an active order is coloured (yellow, or red with a fever) by the default rules.
    const coloured = summary.json().risk.yellow + summary.json().risk.red;
    expect(coloured).toBeGreaterThanOrEqual(active);
    const patrolDays = await db.selectFrom('region_day_counters').select((eb) => eb.fn.sum<number>('value').as('n')).where('region_id', '=', root.id).where('metric', '=', 'patrols.logs').executeTakeFirstOrThrow();
    expect(Number(patrolDays.n)).toBe(logs);
  });

  it('seeds team members, a schedule per town team, inspections and rectification tasks whose counters match', async () => {
    const db = database.db;
    const n = async (q: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => Number((await q.executeTakeFirstOrThrow()).n);
    const done = await n(db.selectFrom('inspections').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'done'));
    const open = await n(db.selectFrom('rectifications').select((eb) => eb.fn.countAll().as('n')).where('status', '=', 'open'));
    expect(done).toBeGreaterThan(0);
    expect(await n(db.selectFrom('patrol_team_members').select((eb) => eb.fn.countAll().as('n')).where('user_id', 'is not', null))).toBeGreaterThan(0);
    // Every closed task has its evidence: text and a photo.
    const closed = await db.selectFrom('rectifications as k').leftJoin('rectification_photos as p', 'p.rectification_id', 'k.id').select(['k.evidence_text', 'p.sha256']).where('k.status', '=', 'closed').execute();
    for (const c of closed) expect(c.evidence_text && c.sha256).toBeTruthy();

    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'patrol0101', password: DEMO_PASSWORD } });
    const cookie = String(login.headers['set-cookie']);
    const root = await db.selectFrom('regions').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const mine = await app.inject({ method: 'GET', url: '/api/v1/inspections?limit=5', headers: { cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);
    const commander = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'commander', password: DEMO_PASSWORD } });
    const summary = await app.inject({ method: 'GET', url: `/api/v1/stats/summary?regionId=${root.id}&date=${TODAY}`, headers: { cookie: String(commander.headers['set-cookie']) } });
    expect(summary.json()).toMatchObject({ inspections: done, openRectifications: open });
  });

  it('loads nothing when the database already has towns', async () => {
    expect(await loadDemoIfEmpty(database, crypto, { people: PEOPLE, log: silent, today: TODAY })).toBeNull();
    const n = await database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(PEOPLE);
  });
});

describe('demo people generator', () => {
  it('is deterministic: the same seed gives the same people', () => {
    const micro = { id: 1, urban: false, addressPrefix: '青石镇东河村', number: 3 };
    const draw = () => {
      const names: unknown[] = [];
      const generator = new PeopleGenerator(createRng('seed'), crypto, { code: '339901', name: '示范县' }, TODAY);
      generator.fillMicroGrid(micro, 300, (h: Row) => names.push(h[2]), (p: Row) => names.push(p[3], p[5], p[12], crypto.decrypt(String(p[6]))));
      return names;
    };
    expect(draw()).toEqual(draw());
  });
});
