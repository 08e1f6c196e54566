// A visit's "left" says where to (issue 19): a grid of this installation gets a hand-over proposal
// (the person stays here, still counted, until it is accepted); a place GridGuard does not cover is
// a departure as the staff screens record it; a bad destination refuses the whole visit, naming the
// entry, and nothing of it is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let worker: Record<string, string>;
let householdId: string;
const people: string[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  householdId = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: '东村9组2号' } })).json().id;
  for (const name of ['去向甲', '去向乙', '去向丙']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker, payload: { householdId, name, idNumber: anIdNumber(), category: 'resident' } });
    expect(res.statusCode, res.body).toBe(201);
    people.push(res.json().id);
  }
});
afterAll(() => t.close());

const visit = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/visits', headers: worker, payload: { householdId, outcome: 'updated', ...payload } });
const person = (id: string | undefined) => t.app.db.selectFrom('persons').select(['left_on', 'left_to', 'household_id']).where('id', '=', id ?? '').executeTakeFirstOrThrow();
const visitsSaved = async () => (await t.app.db.selectFrom('visits').select('id').where('household_id', '=', householdId).execute()).length;

describe('a visit’s "left" with where to', () => {
  it('refuses a destination that is not a grid, names no one marked as left, or gives both kinds — nothing saved', async () => {
    const before = await visitsSaved();
    const notGrid = await visit({ leftPersonIds: [people[0]], leftTo: [{ personId: people[0], toRegionId: t.tree.villageA }] });
    expect(notGrid.statusCode, notGrid.body).toBe(422);
    expect(notGrid.json().error.details[0].path).toBe('leftTo.0');
    expect(notGrid.json().error.message).toContain('not a grid');
    const notLeft = await visit({ leftPersonIds: [], leftTo: [{ personId: people[0], leftTo: '杭州市' }] });
    expect(notLeft.statusCode).toBe(400);
    expect(notLeft.json().error.details[0].path).toBe('leftTo.0.personId');
    const both = await visit({ leftPersonIds: [people[0]], leftTo: [{ personId: people[0], toRegionId: t.tree.gridB, leftTo: '杭州市' }] });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.details[0].path).toBe('leftTo.0');
    expect(await visitsSaved()).toBe(before);
    expect((await person(people[0])).left_on).toBeNull();
  });

  it('proposes a hand-over to another grid, records a departure to a place GridGuard does not cover, and ends a bare "left" as before', async () => {
    const res = await visit({
      leftPersonIds: people,
      leftTo: [
        { personId: people[0], toRegionId: t.tree.gridB },
        { personId: people[1], leftTo: '浙江省杭州市西湖区', leftOn: '2026-01-02' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    // Handed over: still here, still in the household, until the receiver accepts.
    expect(await person(people[0])).toMatchObject({ left_on: null, household_id: householdId });
    const out = await t.app.inject({ method: 'GET', url: `/api/v1/handovers?regionId=${t.tree.gridA}&direction=out`, headers: worker });
    expect(out.statusCode, out.body).toBe(200);
    const proposal = out.json().items.find((h: { personId: string }) => h.personId === people[0]);
    expect(proposal).toMatchObject({ status: 'proposed', fromRegionId: t.tree.gridA, toRegionId: t.tree.gridB });
    expect(proposal.reason).toContain('入户走访');
    // Departed: where to and when, as the staff screens' 离开辖区.
    expect(await person(people[1])).toMatchObject({ left_on: '2026-01-02', left_to: '浙江省杭州市西湖区', household_id: null });
    const departure = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${people[1]}/departure`, headers: worker });
    expect(departure.statusCode, departure.body).toBe(200);
    expect(departure.json()).toMatchObject({ leftOn: '2026-01-02', leftTo: '浙江省杭州市西湖区' });
    // No destination: the stay ends on the visit's day (a phone's older queued visit).
    expect((await person(people[2])).left_on).not.toBeNull();
  });

  it('refuses a second hand-over of the same person while one waits, naming the entry', async () => {
    const res = await visit({ leftPersonIds: [people[0]], leftTo: [{ personId: people[0], toRegionId: t.tree.gridA2 }] });
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.message).toMatch(/^leftTo\.0: /);
  });
});
