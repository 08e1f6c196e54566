import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let worker: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
});
afterAll(() => t.close());

async function householdWith(names: string[]) {
  const hh = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: '东村9组1号' } })).json();
  const people = [];
  for (const name of names) {
    people.push((await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker, payload: { householdId: hh.id, name, idNumber: anIdNumber(), category: 'resident' } })).json());
  }
  return { hh, people };
}

describe('visits', () => {
  it('confirms who lives there, ends the link of who left, and dates the last visit', async () => {
    const { hh, people } = await householdWith(['甲', '乙']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/visits',
      headers: worker,
      payload: { householdId: hh.id, outcome: 'updated', checked: ['people_present', 'health'], presentCount: 1, confirmedPersonIds: [people[0].id], leftPersonIds: [people[1].id] },
    });
    expect(res.statusCode).toBe(201);
    const left = await t.app.db.selectFrom('persons').select('left_on').where('id', '=', people[1].id).executeTakeFirstOrThrow();
    expect(left.left_on).toBe(res.json().visitedOn);
    const household = (await t.app.inject({ method: 'GET', url: `/api/v1/households/${hh.id}`, headers: worker })).json();
    expect(household.lastVisitedOn).toBe(res.json().visitedOn);
    const history = (await t.app.inject({ method: 'GET', url: `/api/v1/households/${hh.id}/visits`, headers: worker })).json();
    expect(history.items.map((v: { id: string }) => v.id)).toEqual([res.json().id]);
  });

  it('refuses people who are not members, naming each, and writes nothing', async () => {
    const { hh } = await householdWith(['丙']);
    const stranger = (await householdWith(['丁'])).people[0];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/visits', headers: worker, payload: { householdId: hh.id, outcome: 'verified', leftPersonIds: [stranger.id] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'leftPersonIds.0', message: 'not a member of this household' }]);
    expect(await t.app.db.selectFrom('visits').select('id').where('household_id', '=', hh.id).execute()).toEqual([]);
  });

  it('refuses a visit dated in the future', async () => {
    const { hh } = await householdWith([]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/visits', headers: worker, payload: { householdId: hh.id, outcome: 'verified', visitedAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('visitedAt');
  });
});
