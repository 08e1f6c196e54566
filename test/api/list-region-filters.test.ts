// The town → village → grid filter and the total of every other list: each list's `regionId`
// narrows the rows and the total to that region's subtree, the total matches the rows, a later page
// leaves the total out, and a region outside the caller's subtree is refused.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';
import { entityBuilders } from '../support/entity-builders.ts';

type Builder = (app: FastifyInstance, regionId: number) => Promise<string>;

/** A rectification task: an ad-hoc inspection of the village above (or at) the region with one finding. */
const rectification: Builder = async (app, regionId) => {
  const teamId = await entityBuilders.patrol_team(app, regionId);
  const team = await app.db.selectFrom('patrol_teams').select('region_id').where('id', '=', teamId).executeTakeFirstOrThrow();
  const { headers } = await signIn(app, 'town_officer', team.region_id);
  const checklist = ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: item === 'anomalies' ? 'issue' : 'ok' }));
  const payload = { teamId, regionId: team.region_id, checklist, findings: [{ item: 'anomalies', description: '村口聚集未劝散' }] };
  const res = await app.inject({ method: 'POST', url: '/api/v1/inspections', headers, payload });
  if (res.statusCode !== 201) throw new Error(`rectification builder: ${res.statusCode} ${res.body}`);
  return res.json<{ findingList: { rectificationId: string }[] }>().findingList[0]?.rectificationId ?? '';
};

const LISTS: { name: string; url: string; build: Builder }[] = [
  { name: 'quarantine alerts', url: '/api/v1/quarantines/alerts', build: entityBuilders.quarantine_alert },
  { name: 'inspections', url: '/api/v1/inspections', build: entityBuilders.inspection },
  { name: 'rectifications', url: '/api/v1/rectifications', build: rectification },
  { name: 'family events', url: '/api/v1/family-events', build: entityBuilders.family_event },
  { name: 'patrol logs', url: '/api/v1/patrol-logs', build: entityBuilders.patrol_log },
  { name: 'arrivals', url: '/api/v1/arrivals', build: entityBuilders.arrival_entry },
  { name: 'forms', url: '/api/v1/forms', build: entityBuilders.form },
  { name: 'users', url: '/api/v1/users', build: entityBuilders.user },
];

let t: TestApp;
let admin: Record<string, string>;
let townOfficer: Record<string, string>;
const built = new Map<string, { east: string[]; west: string[] }>();

type Page = { items: { id: string }[]; nextCursor: string | null; total?: { count: number; capped: boolean } };
const list = async (url: string, regionId: number, headers = admin, extra = '') => {
  const res = await t.app.inject({ method: 'GET', url: `${url}?regionId=${regionId}&limit=500${extra}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
};

beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
  townOfficer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  // Two records in 东村 (villageA, one per grid), one in 西村 (villageB); none in 南山乡 (townC).
  for (const { name, build } of LISTS) {
    const east = [await build(t.app, t.tree.gridA), await build(t.app, t.tree.gridA2)];
    const west = [await build(t.app, t.tree.gridB)];
    built.set(name, { east, west });
  }
}, 120_000);
afterAll(() => t.close());

describe.each(LISTS)('the $name list by place', ({ name, url }) => {
  it('narrows the rows and the total to the region picked, and the total matches the rows', async () => {
    const { east, west } = built.get(name) ?? { east: [], west: [] };
    const village = await list(url, t.tree.villageA);
    const ids = village.items.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(east));
    for (const id of west) expect(ids).not.toContain(id);
    expect(village.total).toEqual({ count: village.items.length, capped: false });

    const town = await list(url, t.tree.townA);
    expect(town.items.map((r) => r.id)).toEqual(expect.arrayContaining([...east, ...west]));
    expect(town.total).toEqual({ count: town.items.length, capped: false });
    expect(town.total?.count).toBeGreaterThan(village.total?.count ?? 0);

    const empty = await list(url, t.tree.townC);
    expect(empty.items).toEqual([]);
    expect(empty.total).toEqual({ count: 0, capped: false });
  });

  it('gives the same total on a short first page and none on the next', async () => {
    const full = await list(url, t.tree.townA);
    const res = await t.app.inject({ method: 'GET', url: `${url}?regionId=${t.tree.townA}&limit=1`, headers: admin });
    const first = res.json<Page>();
    expect(first.items).toHaveLength(1);
    expect(first.total).toEqual(full.total);
    const next = await t.app.inject({ method: 'GET', url: `${url}?regionId=${t.tree.townA}&limit=1&cursor=${first.nextCursor}`, headers: admin });
    expect(next.statusCode, next.body).toBe(200);
    expect(next.json<Page>().total).toBeUndefined();
  });

  it('refuses a region outside the caller’s subtree and a region that does not exist', async () => {
    const outside = await t.app.inject({ method: 'GET', url: `${url}?regionId=${t.tree.townC}`, headers: townOfficer });
    expect(outside.statusCode, outside.body).toBe(403);
    const own = await list(url, t.tree.villageA, townOfficer);
    expect(own.total?.count).toBe(own.items.length);
    const missing = await t.app.inject({ method: 'GET', url: `${url}?regionId=987654`, headers: admin });
    expect(missing.statusCode, missing.body).toBe(404);
  });
});

describe('the quarantine list’s place', () => {
  it('names town / village / grid on a county-wide list, so two groups of one name are told apart', async () => {
    const page = await list('/api/v1/quarantines', t.tree.county);
    const paths = new Map(page.items.map((o) => [(o as unknown as { regionId: number }).regionId, (o as unknown as { regionPath: string[] }).regionPath]));
    expect(paths.get(t.tree.gridA)).toEqual(['城关镇', '东村', '东村第一网格']);
    expect(paths.get(t.tree.gridB)).toEqual(['城关镇', '西村', '西村第一网格']);
  });
});
