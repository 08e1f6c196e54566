import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let worker: Record<string, string>;
let leader: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  leader = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
});
afterAll(() => t.close());

const aHousehold = async (headers: Record<string, string>, regionId: number, address: string) =>
  (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers, payload: { regionId, address } })).json<{ id: string }>().id;
const aPersonIn = async (headers: Record<string, string>, householdId: string, over: Record<string, unknown> = {}) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { householdId, name: '王五', idNumber: anIdNumber(), phone: aMobile(), category: 'resident', ...over } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; householdId: string }>();
};
const merge = (id: string, payload: object, headers = worker, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/persons/${id}/merge`, headers: { ...headers, ...extra }, payload });

describe('merging a duplicate ID number into the household the person moved to', () => {
  it('moves the person and takes the chosen fields in one change, audited, and lists them in the new household only', async () => {
    const oldHome = await aHousehold(worker, t.tree.gridA, '东村1组1号');
    const newHome = await aHousehold(worker, t.tree.gridA, '东村1组2号');
    const person = await aPersonIn(worker, oldHome, { category: 'resident' });
    const res = await merge(person.id, { householdId: newHome, baseVersion: person.version, fields: { name: '王五五', phone: '13912345678', category: 'tenant' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: person.id, householdId: newHome, name: '王五五', phone: '139****5678', category: 'tenant', version: person.version + 1 });
    const inOld = await t.app.inject({ method: 'GET', url: `/api/v1/persons?householdId=${oldHome}`, headers: worker });
    const inNew = await t.app.inject({ method: 'GET', url: `/api/v1/persons?householdId=${newHome}`, headers: worker });
    expect(inOld.json().items).toEqual([]);
    expect(inNew.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    const entry = await t.app.db.selectFrom('audit_log').select(['details']).where('entity_id', '=', person.id).where('action', '=', 'merge').executeTakeFirstOrThrow();
    expect(JSON.parse(String(entry.details))).toMatchObject({ fromHouseholdId: oldHome, toHouseholdId: newHome });
    expect(String(entry.details)).not.toContain('13912345678');
  });

  it('moves across grids of a village for an account covering both, and the region follows', async () => {
    const workerA2 = (await signIn(t.app, 'grid_worker', t.tree.gridA2)).headers;
    const oldHome = await aHousehold(workerA2, t.tree.gridA2, '东村2组1号');
    const newHome = await aHousehold(worker, t.tree.gridA, '东村1组3号');
    const person = await aPersonIn(workerA2, oldHome);
    const res = await merge(person.id, { householdId: newHome, baseVersion: person.version }, leader);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ householdId: newHome, regionId: t.tree.gridA });
  });

  it('needs both the person and the target household in the caller’s subtree', async () => {
    const workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    const homeA = await aHousehold(worker, t.tree.gridA, '东村1组4号');
    const homeB = await aHousehold(workerB, t.tree.gridB, '西村1组1号');
    const personA = await aPersonIn(worker, homeA);
    const personB = await aPersonIn(workerB, homeB);
    // Someone else's person into my household; my person into someone else's household.
    expect((await merge(personB.id, { householdId: homeA, baseVersion: personB.version })).statusCode).toBe(404);
    expect((await merge(personA.id, { householdId: homeB, baseVersion: personA.version })).statusCode).toBe(404);
    const still = await t.app.db.selectFrom('persons').select(['household_id', 'version']).where('id', 'in', [personA.id, personB.id]).orderBy('id').execute();
    expect(still.map((p) => p.version)).toEqual([1, 1]);
  });

  it('refuses a stale baseVersion with a 409 and changes nothing', async () => {
    const oldHome = await aHousehold(worker, t.tree.gridA, '东村1组5号');
    const newHome = await aHousehold(worker, t.tree.gridA, '东村1组6号');
    const person = await aPersonIn(worker, oldHome);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${person.id}`, headers: worker, payload: { baseVersion: 1, name: '王五改' } });
    const res = await merge(person.id, { householdId: newHome, baseVersion: 1, fields: { name: '王五新' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details[0].path).toBe('baseVersion');
    const row = await t.app.db.selectFrom('persons').select(['household_id', 'name']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ household_id: oldHome, name: '王五改' });
  });

  it('refuses a masked phone, and a masked number on an edit, naming the field, and saves nothing', async () => {
    const oldHome = await aHousehold(worker, t.tree.gridA, '东村1组7号');
    const newHome = await aHousehold(worker, t.tree.gridA, '东村1组8号');
    const person = await aPersonIn(worker, oldHome);
    const res = await merge(person.id, { householdId: newHome, baseVersion: person.version, fields: { phone: '139****1111' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'phone', message: 'a masked number cannot be saved: type the full number' }]);
    const row = await t.app.db.selectFrom('persons').select(['household_id', 'version']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ household_id: oldHome, version: 1 });
    const edit = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${person.id}`, headers: worker, payload: { baseVersion: 1, idNumber: '339901********1234' } });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.details[0]).toEqual({ path: 'idNumber', message: 'a masked number cannot be saved: type the full number' });
    const landlord = await t.app.inject({ method: 'PATCH', url: `/api/v1/households/${oldHome}`, headers: worker, payload: { baseVersion: 1, landlordPhone: '139****1111' } });
    expect(landlord.json().error.details[0].path).toBe('landlordPhone');
  });

  it('answers a repeated Idempotency-Key with the first answer', async () => {
    const oldHome = await aHousehold(worker, t.tree.gridA, '东村1组9号');
    const newHome = await aHousehold(worker, t.tree.gridA, '东村1组10号');
    const person = await aPersonIn(worker, oldHome);
    const body = { householdId: newHome, baseVersion: person.version, fields: { name: '王五甲' } };
    const first = await merge(person.id, body, worker, { 'idempotency-key': 'merge-key-0001' });
    const again = await merge(person.id, body, worker, { 'idempotency-key': 'merge-key-0001' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await t.app.db.selectFrom('audit_log').select('id').where('entity_id', '=', person.id).where('action', '=', 'merge').execute()).toHaveLength(1);
  });
});
