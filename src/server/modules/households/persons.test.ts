import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let worker: Record<string, string>;
let householdId: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  householdId = (await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker, payload: { regionId: t.tree.gridA, address: '东村2组8号' } })).json().id;
});
afterAll(() => t.close());

const aPerson = (over: Record<string, unknown> = {}) => ({ householdId, name: '李四', idNumber: anIdNumber(), phone: aMobile(), category: 'resident', ...over });
const post = (payload: object, headers = worker) => t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload });

describe('persons', () => {
  it('stores ID and phone numbers encrypted, answers them masked, and derives birth date and gender', async () => {
    const idNumber = anIdNumber('19900101');
    const res = await post(aPerson({ idNumber: idNumber.toLowerCase(), phone: '+86 139-0000-1111' }));
    expect(res.statusCode).toBe(201);
    const person = res.json();
    expect(person.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
    expect(person.phone).toBe('139****1111');
    expect(person.birthDate).toBe('1990-01-01');
    const raw = JSON.stringify(await t.app.db.selectFrom('persons').selectAll().where('id', '=', person.id).execute());
    expect(raw).not.toContain(idNumber.slice(6, 14));
    expect(raw).not.toContain('13900001111');
  });

  it('refuses a wrong check digit naming the field, without echoing the number', async () => {
    const good = anIdNumber();
    const bad = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
    const res = await post(aPerson({ idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('idNumber');
    expect(res.body).not.toContain(bad.slice(0, 14));
  });

  it('shows the same ID number twice as a conflict that points at the person already registered', async () => {
    const idNumber = anIdNumber();
    const first = (await post(aPerson({ idNumber }))).json();
    const again = await post(aPerson({ idNumber, name: '李四(重复)' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'DUPLICATE', details: [{ path: 'idNumber', message: `already registered: ${first.id}` }] });
    const elsewhere = await post(
      { regionId: t.tree.gridB, name: '李四', idNumber, category: 'visitor' },
      (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers,
    );
    expect(elsewhere.json().error.details[0].message).toBe('already registered in another region');
  });

  it('reveals full numbers only with a purpose, to registering roles, and audits it', async () => {
    const idNumber = anIdNumber();
    const person = (await post(aPerson({ idNumber }))).json();
    const noPurpose = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person.id}?reveal=true`, headers: worker });
    expect(noPurpose.statusCode).toBe(400);
    const revealed = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person.id}?reveal=true&purpose=${encodeURIComponent('核对身份证')}`, headers: worker });
    expect(revealed.json().idNumber).toBe(idNumber);
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
    const refused = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person.id}?reveal=true&purpose=check`, headers: patrol });
    expect(refused.statusCode).toBe(403);
    const entries = await t.app.db.selectFrom('audit_log').select(['action', 'purpose']).where('entity', '=', 'person').where('entity_id', '=', person.id).execute();
    expect(entries).toEqual(expect.arrayContaining([{ action: 'reveal', purpose: '核对身份证' }]));
  });

  it('lists masked and finds a person by a whole ID number', async () => {
    const idNumber = anIdNumber();
    const person = (await post(aPerson({ idNumber, name: '赵敏' }))).json();
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/persons?q=${idNumber}`, headers: worker });
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    expect(list.body).not.toContain(idNumber);
  });

  it('asks a returnee for where from and when, and a key person for a reason', async () => {
    const returnee = await post(aPerson({ category: 'returnee' }));
    expect(returnee.json().error.details.map((d: { path: string }) => d.path)).toEqual(['origin', 'arrivedOn']);
    const key = await post(aPerson({ keyPerson: true }));
    expect(key.json().error.details[0].path).toBe('keyPersonReason');
  });

  it('hides a person from another grid’s worker as not found', async () => {
    const person = (await post(aPerson())).json();
    const other = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/persons/${person.id}`, headers: other })).statusCode).toBe(404);
  });
});
