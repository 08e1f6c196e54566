// The web app offers an action to exactly the roles the server accepts for it: both sides read
// one role list from src/shared, and this walks the registered routes to prove no page keeps a
// list of its own (a button the server refuses, or an action no menu leads to).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../src/shared/accounts.ts';
import { type Capability, can } from '../src/web/app/access.ts';
import { type TestApp, buildTestApp } from './support/app.ts';

/** Each capability the web checks before offering an action, and the route that action calls. */
const ACTIONS: readonly [Capability, string][] = [
  ['territory.edit', 'POST /api/v1/regions'],
  ['users', 'POST /api/v1/users'],
  ['audit', 'GET /api/v1/audit'],
  ['households.register', 'POST /api/v1/households'],
  ['forms.sign', 'POST /api/v1/forms/:id/signature'],
  ['reports.fileFor', 'POST /api/v1/daily-reports'],
  ['reports.return', 'POST /api/v1/daily-reports/:id/return'],
  ['settings', 'PATCH /api/v1/settings'],
  ['checkpoints', 'GET /api/v1/checkpoints'],
  ['checkpoints.manage', 'POST /api/v1/checkpoints'],
  ['familyEvents', 'GET /api/v1/family-events'],
  ['familyEvents.work', 'POST /api/v1/family-events'],
  ['patrols', 'GET /api/v1/patrol-logs'],
  ['patrols.log', 'POST /api/v1/patrol-logs'],
  ['quarantine', 'GET /api/v1/quarantines'],
  ['quarantine.work', 'POST /api/v1/quarantines'],
  ['risk.rules', 'PUT /api/v1/risk/rules'],
  ['inspections.plan', 'POST /api/v1/inspections/schedules'],
  ['inspections.record', 'POST /api/v1/inspections'],
  ['rectifications.close', 'POST /api/v1/rectifications/:id/close'],
  ['patrolTeams.manage', 'POST /api/v1/patrol-teams'],
  ['tips', 'GET /api/v1/tips'],
  ['tips.handle', 'PATCH /api/v1/tips/:id'],
  ['arrivalCodes', 'POST /api/v1/arrival-codes'],
  ['notices', 'POST /api/v1/notices'],
  ['handovers', 'GET /api/v1/handovers'],
  ['handovers.work', 'POST /api/v1/handovers/:id/accept'],
];

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('web capabilities against the server’s routes', () => {
  it.each(ACTIONS)('%s is offered to the roles %s accepts', (capability, route) => {
    const entry = t.app.routeCatalog.find((r) => `${r.method} ${r.url}` === route);
    expect(entry, `${route} is registered`).toBeDefined();
    const access = entry?.access;
    const accepted = access && 'roles' in access && access.roles ? [...access.roles] : [...ROLES];
    expect(ROLES.filter((role) => can(role, capability))).toEqual(ROLES.filter((role) => accepted.includes(role)));
  });
});
