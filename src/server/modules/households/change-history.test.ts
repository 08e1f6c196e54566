// Issue 15 item 5: households and persons show who changed which fields when, old → new, masked
// where personal; the audit log names each object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { anIdNumber } from '../../../../test/support/people.ts';

let t: TestApp;
let worker: { headers: Record<string, string>; user: { id: string } };
let householdId: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = await signIn(t.app, 'grid_worker', t.tree.gridA);
  const h = await t.app.inject({ method: 'POST', url: '/api/v1/households', headers: worker.headers, payload: { regionId: t.tree.gridA, address: '历史路1号', isRental: true, landlordName: '王房东', landlordPhone: '13900001111' } });
  householdId = h.json().id;
});
afterAll(() => t.close());

type Change = { field: string; shown: string; old?: unknown; new?: unknown };
type Entry = { version: number; at: string; userId: string | null; by: string | null; fields: Change[] };
const req = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = worker.headers) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const fieldOf = (e: Entry | undefined, field: string) => e?.fields.find((f) => f.field === field);

describe('a person’s change history', () => {
  it('keeps old and new values: plain ones as they were, ID and phone masked, a key person’s reason as changed only', async () => {
    const [id1, id2, phone1, phone2] = [anIdNumber('19800101'), anIdNumber('19810202'), '13912341234', '13756785678'];
    const created = await req('POST', '/api/v1/persons', { householdId, name: '赵一', idNumber: id1, phone: phone1, category: 'resident', keyPerson: true, keyPersonReason: '慢性病' });
    expect(created.statusCode, created.body).toBe(201);
    const personId = created.json().id;
    const edit = await req('PATCH', `/api/v1/persons/${personId}`, { baseVersion: 1, name: '赵二', idNumber: id2, phone: phone2, keyPersonReason: '孕产妇', employer: '县医院' });
    expect(edit.statusCode, edit.body).toBe(200);

    const res = await req('GET', `/api/v1/persons/${personId}/history`);
    expect(res.statusCode, res.body).toBe(200);
    const [latest] = res.json<{ items: Entry[] }>().items;
    expect(latest).toMatchObject({ version: 2, userId: worker.user.id, by: '测试grid_worker' });
    expect(fieldOf(latest, 'name')).toEqual({ field: 'name', shown: 'value', old: '赵一', new: '赵二' });
    expect(fieldOf(latest, 'employer')).toEqual({ field: 'employer', shown: 'value', old: null, new: '县医院' });
    expect(fieldOf(latest, 'idNumber')).toEqual({ field: 'idNumber', shown: 'masked', old: `${id1.slice(0, 6)}********${id1.slice(-4)}`, new: `${id2.slice(0, 6)}********${id2.slice(-4)}` });
    expect(fieldOf(latest, 'phone')).toEqual({ field: 'phone', shown: 'masked', old: `${phone1.slice(0, 3)}****${phone1.slice(-4)}`, new: `${phone2.slice(0, 3)}****${phone2.slice(-4)}` });
    expect(fieldOf(latest, 'keyPersonReason')).toEqual({ field: 'keyPersonReason', shown: 'changed' });
    // Nothing personal in the answer or stored in the clear.
    for (const secret of [id1, id2, phone1, phone2, '慢性病', '孕产妇']) expect(res.body).not.toContain(secret);
    const stored = await t.app.db.selectFrom('record_changes').selectAll().where('entity', '=', 'person').where('entity_id', '=', personId).executeTakeFirstOrThrow();
    expect(stored.id).toEqual(expect.any(String));
    for (const secret of [id1, id2, phone1, phone2, '慢性病', '孕产妇']) expect(JSON.stringify(stored)).not.toContain(secret);
    expect(t.app.fieldCrypto.decrypt(stored.values_enc as string)).toContain(phone2);
    // Reading the history is audited.
    const reads = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'person').where('entity_id', '=', personId).execute();
    expect(reads.map((r) => r.action)).toContain('read_history');
  });

  it('shows field names alone for versions saved before values were kept', async () => {
    const created = await req('POST', '/api/v1/persons', { householdId, name: '钱三', category: 'resident' });
    const personId = created.json().id;
    await t.app.db
      .insertInto('record_changes')
      .values({ id: null, entity: 'person', entity_id: personId, version: 2, fields: JSON.stringify(['name', 'phone']), user_id: null, at: '2026-01-01T00:00:00.000Z', values_plain: null, values_enc: null })
      .execute();
    const items = (await req('GET', `/api/v1/persons/${personId}/history`)).json<{ items: Entry[] }>().items;
    expect(items).toEqual([{ version: 2, at: '2026-01-01T00:00:00.000Z', userId: null, by: null, fields: [{ field: 'name', shown: 'name_only' }, { field: 'phone', shown: 'name_only' }] }]);
  });

  it('is not readable outside the record’s subtree', async () => {
    const created = await req('POST', '/api/v1/persons', { householdId, name: '孙四', category: 'resident' });
    const other = await signIn(t.app, 'grid_worker', t.tree.gridB);
    expect((await req('GET', `/api/v1/persons/${created.json().id}/history`, undefined, other.headers)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/households/${householdId}/history`, undefined, other.headers)).statusCode).toBe(404);
  });
});

describe('a household’s change history', () => {
  it('shows the address old → new, the landlord’s phone masked, and a move by region name', async () => {
    const h = await req('POST', '/api/v1/households', { regionId: t.tree.gridA, address: '旧地址9号', isRental: true, landlordPhone: '13700002222' });
    const id = h.json().id;
    const edit = await req('PATCH', `/api/v1/households/${id}`, { baseVersion: 1, address: '新地址9号', landlordPhone: '13700003333' });
    expect(edit.statusCode, edit.body).toBe(200);
    const admin = await signIn(t.app, 'admin', t.tree.county);
    const moved = await req('PATCH', `/api/v1/households/${id}`, { baseVersion: 2, regionId: t.tree.gridB }, admin.headers);
    expect(moved.statusCode, moved.body).toBe(200);
    const res = await req('GET', `/api/v1/households/${id}/history`, undefined, admin.headers);
    const [move, first] = res.json<{ items: Entry[] }>().items;
    const gridNames = await t.app.db.selectFrom('regions').select(['id', 'name']).where('id', 'in', [t.tree.gridA, t.tree.gridB]).execute();
    const nameOf = (rid: number) => gridNames.find((g) => g.id === rid)?.name;
    expect(fieldOf(move, 'regionId')).toEqual({ field: 'regionId', shown: 'value', old: nameOf(t.tree.gridA), new: nameOf(t.tree.gridB) });
    expect(fieldOf(first, 'address')).toEqual({ field: 'address', shown: 'value', old: '旧地址9号', new: '新地址9号' });
    expect(fieldOf(first, 'landlordPhone')).toEqual({ field: 'landlordPhone', shown: 'masked', old: '137****2222', new: '137****3333' });
    expect(res.body).not.toMatch(/13700002222|13700003333/);
  });
});

describe('the audit log names what each entry is about', () => {
  it('gives a person’s name with their household, a household’s address and a region’s name', async () => {
    const created = await req('POST', '/api/v1/persons', { householdId, name: '周五', category: 'resident' });
    const personId = created.json().id;
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    const person = (await req('GET', `/api/v1/audit?entity=person&entityId=${personId}`, undefined, auditor)).json().items;
    expect(person[0]).toMatchObject({ entity: 'person', entityId: personId, entityName: '周五', entityHouseholdId: householdId });
    const household = (await req('GET', `/api/v1/audit?entity=household&entityId=${householdId}`, undefined, auditor)).json().items;
    expect(household[0]).toMatchObject({ entityName: '历史路1号', entityHouseholdId: null });
    const admin = await signIn(t.app, 'admin', t.tree.county);
    await req('PATCH', `/api/v1/regions/${t.tree.townC}`, { name: '历史镇' }, admin.headers);
    const region = (await req('GET', `/api/v1/audit?entity=region&entityId=${t.tree.townC}`, undefined, auditor)).json().items;
    expect(region[0]).toMatchObject({ entityName: '历史镇' });
    // Entries of types without a name, or of a record since gone, say so with null.
    await t.app.db.insertInto('audit_log').values({ id: '01932f6e-1c2a-7def-8a00-0000000000aa', at: new Date().toISOString(), user_id: null, action: 'read', entity: 'person', entity_id: '01932f6e-1c2a-7def-8a00-0000000000ab', region_id: t.tree.gridA, ip: null, purpose: null, details: null }).execute();
    const gone = (await req('GET', '/api/v1/audit?entity=person&entityId=01932f6e-1c2a-7def-8a00-0000000000ab', undefined, auditor)).json().items;
    expect(gone[0]).toMatchObject({ entityName: null, entityHouseholdId: null });
  });
});
