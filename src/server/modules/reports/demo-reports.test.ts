// The demo county's two weeks of reports and today's part so far: deterministic, counters that agree
// with the reports, and fast enough for a county of 1,100 grids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase } from '../../../../test/support/db.ts';
import { bootstrapRootCounty } from '../../demo/county.ts';
import { TODAY_LEFT_FOR_DEMO, seedDemoReports } from '../../demo/reports.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';
import { planTerritory } from '../../demo/territory.ts';
import { createRng } from '../../demo/prng.ts';
import { addDays } from '../../platform/time.ts';
import { readDayCounters } from '../stats/counters.ts';
import { rollupOf } from './reports.rollup.ts';
import { gridBoard, statusOf } from './reports.status.ts';

const TODAY = '2026-11-29';
let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.drop());

describe('demo daily reports', () => {
  it('seeds 14 days and today so far for 1,100 grids, with counters matching the reports (its speed: bench/command.ts)', async () => {
    const county = await bootstrapRootCounty(database);
    const territory = planTerritory(createRng('demo-reports/territory'), county, 250_000, county.id + 1);
    const now = new Date().toISOString();
    const regions = territory.regions.filter((r) => r.level !== 'microgrid');
    for (let i = 0; i < regions.length; i += 500) {
      await database.db
        .insertInto('regions')
        .values(regions.slice(i, i + 500).map((r) => ({ id: r.id, parent_id: r.parent_id, level: r.level, code: r.code, name: r.name, path: r.path, depth: r.depth, active: 1, created_at: now, updated_at: now })))
        .execute();
    }
    expect(territory.grids.length).toBeGreaterThan(900);
    // Loaded at 11:00 county time: the morning's part of today is filed.
    const loadedAt = zonedInstant(TODAY, '11:00', 'Asia/Shanghai');
    await seedDemoReports(database, { county, territory, today: TODAY, timeZone: 'Asia/Shanghai', seed: 'demo-reports', createdBy: null as unknown as string }, loadedAt);

    const all = await database.db.selectFrom('daily_reports').select(['day', 'status', 'on_time', 'zero', 'figures', 'region_id', 'filed_at']).execute();
    const days = new Set(all.map((r) => String(r.day).slice(0, 10)));
    expect(days.size).toBe(15);
    expect(days.has(addDays(TODAY, -14))).toBe(true);
    // Today: a realistic part filed (not none: the first map is not all red), all before the
    // load and on time, none returned, and the demo accounts' first grids left to file.
    const today = all.filter((r) => String(r.day).slice(0, 10) === TODAY);
    expect(today.length / territory.grids.length).toBeGreaterThan(0.35);
    expect(today.length / territory.grids.length).toBeLessThan(0.65);
    expect(today.every((r) => r.status === 'filed' && r.on_time === 1 && Date.parse(String(r.filed_at)) < loadedAt.getTime())).toBe(true);
    const leftForDemo = new Set(territory.grids.slice(0, TODAY_LEFT_FOR_DEMO).map((g) => g.id));
    expect(today.some((r) => leftForDemo.has(Number(r.region_id)))).toBe(false);
    const reports = all.filter((r) => String(r.day).slice(0, 10) !== TODAY);
    const share = reports.length / (territory.grids.length * 14);
    expect(share).toBeGreaterThan(0.85);
    expect(share).toBeLessThan(0.95);
    const filed = reports.filter((r) => r.status === 'filed');
    expect(filed.filter((r) => r.on_time === 1).length / filed.length).toBeGreaterThan(0.8);
    expect(filed.filter((r) => r.zero === 1).length / filed.length).toBeGreaterThan(0.1);
    expect(reports.some((r) => r.status === 'returned')).toBe(true);
    const revisions = await database.db.selectFrom('daily_report_revisions').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'filed').executeTakeFirstOrThrow();
    expect(Number(revisions.n)).toBe(all.length);

    const day = addDays(TODAY, -3);
    const ofDay = reports.filter((r) => String(r.day).slice(0, 10) === day && r.status === 'filed');
    const counters = (await readDayCounters(database.db, [county.id], day, day)).get(county.id)?.get(day) ?? {};
    expect(counters['reports.filed']).toBe(ofDay.length);
    expect(counters['reports.on_time']).toBe(ofDay.filter((r) => r.on_time === 1).length);
    expect(counters['figures.householdsVisited']).toBe(ofDay.reduce((s, r) => s + (JSON.parse(r.figures) as Record<string, number>).householdsVisited!, 0));

    // The county-wide views agree with the records (their speed is measured in bench/command.ts,
    // not here: a shared machine makes timed assertions fail by chance).
    const region = { id: county.id, name: county.name, level: 'county', path: county.path };
    const status = statusOf(await gridBoard(database.db, county.path, day), day, '');
    expect(status.totals.grids).toBe(territory.grids.length);
    expect(status.totals.filed).toBe(ofDay.length);
    const rollup = await rollupOf(database.db, region, day);
    expect(rollup.region.filed).toBe(ofDay.length);
    expect(rollup.children.reduce((s, c) => s + c.filed, 0)).toBe(ofDay.length);
  }, 60_000);
});
