// Issue 17 items 1 and 4 for the lists beyond households and people: each record carries its
// county, town and village ids (migration 0031) — filled on every write path by the database,
// following a record moved to another region and a region moved with its subtree — and each
// list's page at county and town level is a walk of one index in the list's order: no whole
// table read, no sort. A later change that loses an index fails here, not in a county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db } from '../../src/server/db/schema.ts';
import { pageOfUsers } from '../../src/server/modules/accounts/accounts.queries.ts';
import { auditPageQueries } from '../../src/server/modules/audit/audit.service.ts';
import { pageOfEntries } from '../../src/server/modules/arrivals/arrivals.queries.ts';
import { pageOfFamilyEvents } from '../../src/server/modules/family-events/family-events.queries.ts';
import { pageOfForms } from '../../src/server/modules/forms/forms.queries.ts';
import { listInspections } from '../../src/server/modules/inspections/inspections.queries.ts';
import { rectificationsPage } from '../../src/server/modules/inspections/rectifications.service.ts';
import { pageOfLogs } from '../../src/server/modules/patrols/patrols.queries.ts';
import { pageOfAlertIds, pageOfOrders } from '../../src/server/modules/quarantine/quarantine.queries.ts';
import { pageOfTipIds } from '../../src/server/modules/tips/tips.queries.ts';
import { pageOfTasks } from '../../src/server/modules/verification/verification.queries.ts';
import { type LevelledTable } from '../../src/server/platform/region-levels.ts';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';
import { entityBuilders } from '../support/entity-builders.ts';
import { bestPlan, fullScans, planText, sorts } from '../support/query-plans.ts';

let t: TestApp;

const levelsOf = async (table: LevelledTable, id: string) => {
  const row = await (t.app.db as Db)
    .selectFrom(table)
    .select(['county_id', 'town_id', 'village_id'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return [row.county_id, row.town_id, row.village_id];
};

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('the level columns', () => {
  const RECORDS: [LevelledTable, keyof typeof entityBuilders][] = [
    ['tips', 'tip'],
    ['quarantine_orders', 'quarantine'],
    ['family_events', 'family_event'],
    ['patrol_logs', 'patrol_log'],
    ['forms', 'form'],
    ['arrival_entries', 'arrival_entry'],
    ['verification_tasks', 'verification_task'],
  ];

  it('are filled on insert, follow a record to another region, and follow a region moved with its subtree', async () => {
    const { county, townA, townC, villageA, villageB, gridA, gridB } = t.tree;
    const made: [LevelledTable, string][] = [];
    for (const [table, kind] of RECORDS) made.push([table, await entityBuilders[kind](t.app, gridA)]);
    // An account (migration 0035) too: created in grid A, then bound to grid B by its manager.
    const worker = (await signIn(t.app, 'grid_worker', gridA)).user.id;
    made.push(['users', worker]);
    for (const [table, id] of made) expect(await levelsOf(table, id), table).toEqual([county, townA, villageA]);
    const audited = await (t.app.db as Db).selectFrom('audit_log').select(['id', 'county_id', 'town_id', 'village_id']).where('region_id', '=', gridA).executeTakeFirstOrThrow();
    expect([audited.county_id, audited.town_id, audited.village_id]).toEqual([county, townA, villageA]);

    // A record given another region (a tip routed elsewhere) takes that region's levels.
    const [, tipId] = made[0]!;
    await (t.app.db as Db).updateTable('tips').set({ region_id: gridB }).where('id', '=', tipId).execute();
    expect(await levelsOf('tips', tipId)).toEqual([county, townA, villageB]);
    await (t.app.db as Db).updateTable('users').set({ region_id: gridB }).where('id', '=', worker).execute();
    expect(await levelsOf('users', worker)).toEqual([county, townA, villageB]);
    await (t.app.db as Db).updateTable('users').set({ region_id: gridA }).where('id', '=', worker).execute();

    // Village A moves to town C: everything below it is town C's now, in every levelled table.
    const { headers } = await signIn(t.app, 'admin', county);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${villageA}`, headers, payload: { parentId: townC } });
    expect(moved.statusCode, moved.body).toBe(200);
    for (const [table, id] of made.slice(1)) expect(await levelsOf(table, id), table).toEqual([county, townC, villageA]);
    expect(await levelsOf('tips', tipId)).toEqual([county, townA, villageB]);
    const townCAudit = await (t.app.db as Db).selectFrom('audit_log').select('town_id').where('id', '=', audited.id).executeTakeFirstOrThrow();
    expect(townCAudit.town_id).toBe(townC);
  });
});

describe('the plans at county and town level', () => {
  const someId = '00000000-0000-7000-8000-000000000000';
  const at = '2026-01-01T00:00:00.000Z';
  const cases = (path: string) => {
    const db = t.database.db;
    const admin = { userId: someId, role: 'admin' as const, path };
    return {
      tips: { tables: ['tips'], query: pageOfTipIds(db, path, { limit: 50, now: at }) },
      'tips, a later page': { tables: ['tips'], query: pageOfTipIds(db, path, { limit: 50, now: at, before: { filedAt: at, id: someId } }) },
      'tips, open only': { tables: ['tips'], query: pageOfTipIds(db, path, { limit: 50, now: at, open: 'true' }) },
      'quarantine alerts': { tables: ['quarantine_alerts'], query: pageOfAlertIds(db, path, { limit: 50 }) },
      'quarantine orders': { tables: ['quarantine_orders'], query: pageOfOrders(db, path, { limit: 50, beforeId: someId }) },
      inspections: { tables: ['inspections'], query: listInspections(db, admin, { regionPath: path, ascending: false, limit: 50, after: { at, id: someId } }) },
      'inspections, scheduled': { tables: ['inspections'], query: listInspections(db, admin, { regionPath: path, status: 'scheduled', ascending: true, limit: 50 }) },
      rectifications: { tables: ['rectifications'], query: rectificationsPage(db, admin, path, { regionId: 1, limit: 50, cursor: undefined }).page },
      'family events': { tables: ['family_events'], query: pageOfFamilyEvents(db, path, { limit: 50, beforeId: someId }) },
      'patrol logs': { tables: ['patrol_logs'], query: pageOfLogs(db, path, { limit: 50, after: { day: '2026-01-01', id: someId } }) },
      arrivals: { tables: ['arrival_entries'], query: pageOfEntries(db, path, { limit: 50, beforeId: someId }) },
      forms: { tables: ['forms'], query: pageOfForms(db, path, { limit: 50, afterId: someId }) },
      'verification tasks': { tables: ['verification_tasks'], query: pageOfTasks(db, path, {}, { dueAt: at, id: someId }, 50) },
      users: { tables: ['users', 'regions'], query: pageOfUsers(db, path, { limit: 50 }) },
      'users, a later page': { tables: ['users', 'regions'], query: pageOfUsers(db, path, { limit: 50, afterId: someId }) },
      ...Object.fromEntries(auditPageQueries(db, { id: 0, path, level: 'county' }, { before: someId, limit: 50 }).map((query, i) => [`audit, read ${i + 1}`, { tables: ['audit_log'], query }])),
    };
  };

  it('walks one index in the list’s order: no whole-table scan, no sort', async () => {
    for (const [level, path] of [
      ['county', `/${t.tree.county}/`],
      ['town', `/${t.tree.county}/${t.tree.townA}/`],
    ] as const) {
      for (const [label, { tables, query }] of Object.entries(cases(path))) {
        const plan = await bestPlan(t.database.db, query);
        expect(fullScans(plan, tables), `${level} ${label}:\n${planText(plan)}`).toEqual([]);
        expect(sorts(plan), `${level} ${label}:\n${planText(plan)}`).toEqual([]);
      }
    }
  });

  it('would notice a lost index: ordering by a column no index holds is a sort', async () => {
    const unordered = pageOfForms(t.database.db, `/${t.tree.county}/`, { limit: 50 }).clearOrderBy().orderBy('kind');
    expect(sorts(await bestPlan(t.database.db, unordered)).length).toBeGreaterThan(0);
  });
});
