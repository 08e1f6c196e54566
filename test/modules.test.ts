// The modules' definitions are assembled per app instance (app.ts): two apps in one process —
// as two instances of a deployment are in these tests — share no settings and no county day,
// and what each module provides (jobs, counter recounts) is wired from its definition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMINDER_JOB } from '../src/server/modules/reports/reminders.job.ts';
import { zonedInstant } from '../src/server/platform/zoned-time.ts';
import { readCounters } from '../src/server/modules/stats/counters.ts';
import type { ScheduledJob } from '../src/server/platform/jobs.ts';
import { addDays, dayIn } from '../src/server/platform/time.ts';
import { type TestApp, buildTestApp, signIn } from './support/app.ts';

// 25 hours apart: the two counties never share a calendar day.
const EAST = 'Pacific/Kiritimati'; // UTC+14
const WEST = 'Pacific/Pago_Pago'; // UTC−11

let east: TestApp;
let west: TestApp;
beforeAll(async () => {
  east = await buildTestApp({ timeZone: EAST });
  west = await buildTestApp({ timeZone: WEST });
});
afterAll(async () => {
  await east?.close();
  await west?.close();
});

const jobOf = (t: TestApp, name: string): ScheduledJob => {
  const job = t.app.scheduledJobs.find((j) => j.name === name);
  if (!job) throw new Error(`the app has no ${name} job`);
  return job;
};

describe('module definitions, assembled per app instance', () => {
  it('makes every module’s scheduled jobs for the app', () => {
    expect(east.app.scheduledJobs.map((j) => j.name).sort()).toEqual(
      ['audit-partitions', 'audit-retention', 'backup-daily', 'handovers-hourly', 'inspections-hourly', 'quarantine-missed-check', 'reconcile-counters', 'report-reminder', 'retention-purge', 'risk-daily-recompute', 'sweep-login-attempts', 'verification-hourly'].sort(),
    );
  });

  it('keeps each app’s county settings to itself: one app’s reminder time never moves the other’s reminder', async () => {
    const commander = (await signIn(east.app, 'commander', east.tree.county)).headers;
    const changed = await east.app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: commander, payload: { reminderTime: '15:30' } });
    expect(changed.statusCode, changed.body).toBe(200);
    // Each app reads its own settings (the reminder job waits for a first read).
    for (const t of [east, west]) {
      const headers = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/settings', headers })).json()).toMatchObject({ reminderTime: t === east ? '15:30' : '16:00' });
    }
    const day = '2026-05-04';
    expect(jobOf(east, REMINDER_JOB).runKeyAt(zonedInstant(day, '15:45', EAST))).toBe(day);
    expect(jobOf(west, REMINDER_JOB).runKeyAt(zonedInstant(day, '15:45', WEST))).toBeNull();
    expect(jobOf(west, REMINDER_JOB).runKeyAt(zonedInstant(day, '16:00', WEST))).toBe(day);
  });

  it('colours people by the day of their own app’s county, whichever app was built last', async () => {
    // Arrived from 武汉 15 days ago by the county's own calendar: outside the default 14-day
    // window there, inside it by the other county's (one or two days behind or ahead).
    for (const t of [east, west]) {
      const headers = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
      const arrivedOn = addDays(dayIn(t.app.config.timeZone), -14);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId: t.tree.gridA, name: '返乡人员', category: 'returnee', origin: '湖北省武汉市', arrivedOn } });
      expect(res.statusCode, res.body).toBe(201);
      const risk = await t.app.db.selectFrom('person_risk').select('colour').where('person_id', '=', res.json<{ id: string }>().id).executeTakeFirst();
      expect(risk?.colour ?? 'green', `${t.app.config.timeZone}: arrived ${arrivedOn}`).toBe('green');
    }
  });

  it('recounts every counter family a module provides at night, and leaves risk colours to their own daily job', async () => {
    const headers = (await signIn(west.app, 'grid_worker', west.tree.gridA)).headers;
    const household = await west.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId: west.tree.gridA, address: '对账路1号' } });
    expect(household.statusCode, household.body).toBe(201);
    const county = west.tree.county;
    const before = (await readCounters(west.app.db, [county])).get(county) ?? {};
    // Drift in every family: a write that forgot to count, or a hand edit of the database.
    const drift = { households: 40, 'checkpoints.removed': 7, 'quarantines.active': 3, family_events: 2, inspections: 4, 'rectifications.open': 1, 'tips.received': 5, 'risk.red': 9 };
    for (const [metric, value] of Object.entries(drift)) {
      await west.app.db
        .insertInto('region_counters')
        .values({ region_id: county, metric, value })
        .onConflict((oc) => oc.columns(['region_id', 'metric']).doUpdateSet({ value }))
        .execute();
    }
    await jobOf(west, 'reconcile-counters').run(west.app.db, dayIn(WEST));
    const after = (await readCounters(west.app.db, [county])).get(county) ?? {};
    expect(before.households).toBe(1);
    expect(after).toEqual({ ...before, 'risk.red': 9 });
  });
});
