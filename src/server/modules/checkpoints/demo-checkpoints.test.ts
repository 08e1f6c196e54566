// The demo county's checkpoints: one per village plus a town's roads, ~70% removed in the last
// 12 days, and counters that agree with the rows (the dashboard reads only the counters).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../../test/support/db.ts';
import { loadDemoIfEmpty } from '../../demo/load-demo.ts';
import { ephemeralFieldCrypto } from '../../platform/crypto.ts';
import { addDays } from '../../platform/time.ts';
import { readCounters, readDayCounters } from '../stats/counters.ts';

const TODAY = '2024-06-01';
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemoIfEmpty(database, ephemeralFieldCrypto(), { people: 3_000, log: { info: () => undefined }, today: TODAY });
}, 120_000);
afterAll(() => database.drop());

describe('demo checkpoints', () => {
  it('seeds one checkpoint a village plus town roads, with counters matching the rows', async () => {
    const db = database.db;
    const county = await db.selectFrom('regions').select(['id']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const villages = await db.selectFrom('regions').select(['id', 'name']).where('level', '=', 'village').execute();
    const rows = await db.selectFrom('checkpoints as c').innerJoin('regions as r', 'r.id', 'c.region_id').select(['c.name', 'c.status', 'c.opened_on', 'c.removed_at', 'r.level', 'r.name as region']).execute();
    const atVillages = rows.filter((r) => r.level === 'village');
    expect(atVillages).toHaveLength(villages.length);
    expect(atVillages.every((r) => r.name === `${r.region}路口卡口`)).toBe(true);
    expect(rows.filter((r) => r.level === 'town').length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.opened_on && r.opened_on >= addDays(TODAY, -40) && r.opened_on <= addDays(TODAY, -20)).toBe(true);
      if (r.status === 'removed') expect(r.removed_at && r.removed_at >= `${addDays(TODAY, -13)}` && r.removed_at < `${TODAY}T`).toBe(true);
    }
    const removed = rows.filter((r) => r.status === 'removed').length;
    const counters = (await readCounters(db, [county.id], 'checkpoints')).get(county.id);
    expect(counters).toEqual({ checkpoints: rows.length, 'checkpoints.removed': removed });
    const days = (await readDayCounters(db, [county.id], addDays(TODAY, -12), TODAY)).get(county.id);
    const perDay = [...(days?.values() ?? [])].reduce((s, bag) => s + (bag['checkpoints.removed'] ?? 0), 0);
    expect(perDay).toBe(removed);
    const events = await db.selectFrom('checkpoint_events').select(['kind']).execute();
    expect(events.filter((e) => e.kind === 'opened')).toHaveLength(rows.length);
    expect(events.filter((e) => e.kind === 'removed')).toHaveLength(removed);
    const teams = await db.selectFrom('patrol_teams').select(['kind']).execute();
    expect(teams.some((t) => t.kind === 'inspection') && teams.some((t) => t.kind === 'persuasion')).toBe(true);
  });
});
