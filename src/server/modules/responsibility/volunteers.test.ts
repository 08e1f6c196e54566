import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile } from '../../../../test/support/people.ts';
import { LIGHT_ROLES } from '../../platform/access.ts';

let t: TestApp;
let leader: Record<string, string>;
let microA: number;
let microB: number;
beforeAll(async () => {
  t = await buildTestApp();
  leader = (await signIn(t.app, 'grid_leader', t.tree.gridA)).headers;
  microA = await aRegion(t.app, t.tree.gridA, 'microgrid', '一号楼微网格');
  microB = await aRegion(t.app, t.tree.gridA, 'microgrid', '二号楼微网格');
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers = leader) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = leader) => t.app.inject({ method: 'GET', url, headers });
const paths = (res: { json: () => { error: { details?: { path: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.path);

describe('named people of grids and micro-grids', () => {
  it('names a person with phone and duties: the list masks the phone, the audited read shows it', async () => {
    const phone = aMobile();
    const res = await post('/api/v1/volunteers', { regionId: microA, kind: 'microgrid_head', name: '周微网格长', phone, duties: '每日巡查一号楼' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ id: string; phone: string }>();
    expect(created).toMatchObject({ regionId: microA, kind: 'microgrid_head', name: '周微网格长', duties: '每日巡查一号楼' });
    expect(created.phone).not.toBe(phone);
    const list = await get(`/api/v1/volunteers?regionId=${t.tree.gridA}`);
    expect(list.json<{ items: { id: string; phone: string }[] }>().items.map((v) => v.id)).toContain(created.id);
    expect(list.body).not.toContain(phone);
    const one = await get(`/api/v1/volunteers/${created.id}`);
    expect(one.json()).toMatchObject({ phone });
    const audits = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'volunteer').where('entity_id', '=', created.id).execute();
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'read']);
    const stored = await t.app.db.selectFrom('region_volunteers').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(phone);
  });

  it('refuses a village, a bad phone, a bad kind, a non-volunteer account and another grid', async () => {
    const village = await post('/api/v1/volunteers', { regionId: t.tree.villageA, kind: 'party_volunteer', name: '甲', phone: aMobile() }, (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers);
    expect(village.statusCode).toBe(422);
    expect(paths(village)).toEqual(['regionId']);
    const badPhone = await post('/api/v1/volunteers', { regionId: microA, kind: 'party_volunteer', name: '甲', phone: '110' });
    expect(badPhone.statusCode).toBe(400);
    expect(paths(badPhone)).toEqual(['phone']);
    expect((await post('/api/v1/volunteers', { regionId: microA, kind: 'boss', name: '甲', phone: aMobile() })).statusCode).toBe(400);
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).user.id;
    const notVolunteer = await post('/api/v1/volunteers', { regionId: microA, kind: 'party_volunteer', name: '甲', phone: aMobile(), userId: worker });
    expect(notVolunteer.statusCode).toBe(422);
    expect(paths(notVolunteer)).toEqual(['userId']);
    expect((await post('/api/v1/volunteers', { regionId: t.tree.gridB, kind: 'party_volunteer', name: '甲', phone: aMobile() })).statusCode).toBe(403);
  });

  it('shows coverage: the micro-grids without a named person, and a stopped person uncovers theirs', async () => {
    const micro = await aRegion(t.app, t.tree.gridA2, 'microgrid', '三号楼微网格');
    const leader2 = (await signIn(t.app, 'grid_leader', t.tree.gridA2)).headers;
    const before = await get(`/api/v1/volunteers/coverage?regionId=${t.tree.gridA2}`, leader2);
    expect(before.json()).toEqual({ microgrids: 1, covered: 0, uncovered: [{ regionId: micro, name: '三号楼微网格', parentName: '东村第二网格' }] });
    const named = await post('/api/v1/volunteers', { regionId: micro, kind: 'building_head', name: '吴楼道长', phone: aMobile() }, leader2);
    expect((await get(`/api/v1/volunteers/coverage?regionId=${t.tree.gridA2}`, leader2)).json()).toMatchObject({ microgrids: 1, covered: 1, uncovered: [] });
    const ended = await t.app.inject({ method: 'DELETE', url: `/api/v1/volunteers/${named.json<{ id: string }>().id}`, headers: leader2 });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await get(`/api/v1/volunteers/coverage?regionId=${t.tree.gridA2}`, leader2)).json()).toMatchObject({ covered: 0 });
  });
});

describe('a volunteer’s light account', () => {
  it('is made by a village secretary, bound to a micro-grid, not by a grid leader', async () => {
    const secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const body = { username: 'vol-zhou', displayName: '周志愿者', role: 'volunteer', password: 'volunteer-pass-1' };
    const atGrid = await post('/api/v1/users', { ...body, regionId: t.tree.gridA }, secretary);
    expect(atGrid.statusCode).toBe(422);
    expect((await post('/api/v1/users', { ...body, regionId: microA }, leader)).statusCode).toBe(403);
    const made = await post('/api/v1/users', { ...body, regionId: microA }, secretary);
    expect(made.statusCode, made.body).toBe(201);
  });

  it('reads its micro-grid’s households and people masked, records a visit, files a finding — and nothing more', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const idNumber = '110101199003078515';
    const phone = aMobile();
    const household = (await post('/api/v1/households', { regionId: microA, address: '一号楼1单元101' }, worker)).json<{ id: string }>().id;
    const person = await post('/api/v1/persons', { regionId: microA, householdId: household, name: '住户甲', category: 'resident', idNumber, phone }, worker);
    expect(person.statusCode, person.body).toBe(201);
    const otherHousehold = (await post('/api/v1/households', { regionId: microB, address: '二号楼1单元101' }, worker)).json<{ id: string }>().id;
    const volunteer = await signIn(t.app, 'volunteer', microA);

    const households = await get(`/api/v1/households?regionId=${microA}`, volunteer.headers);
    expect(households.statusCode, households.body).toBe(200);
    expect(households.json<{ items: { id: string }[] }>().items.map((h) => h.id)).toEqual([household]);
    const people = await get('/api/v1/persons', volunteer.headers);
    expect(people.statusCode).toBe(200);
    expect(people.json<{ items: { name: string }[] }>().items.map((p) => p.name)).toEqual(['住户甲']);
    expect(people.body).not.toContain(idNumber);
    expect(people.body).not.toContain(phone);

    const visit = await post('/api/v1/visits', { householdId: household, outcome: 'verified', checked: [] }, volunteer.headers);
    expect(visit.statusCode, visit.body).toBe(201);
    const finding = await post('/api/v1/volunteer-findings', { category: 'gathering', description: '二号楼下有十多人聚集打牌' }, volunteer.headers);
    expect(finding.statusCode, finding.body).toBe(201);
    const tips = await get(`/api/v1/tips?regionId=${t.tree.gridA}`, worker);
    expect(tips.json<{ items: { description: string }[] }>().items.map((tip) => tip.description)).toContain('二号楼下有十多人聚集打牌');

    // Beyond its micro-grid: a sibling micro-grid, the grid, another grid.
    expect((await get(`/api/v1/households?regionId=${microB}`, volunteer.headers)).statusCode).toBe(403);
    expect((await get(`/api/v1/persons?regionId=${t.tree.gridA}`, volunteer.headers)).statusCode).toBe(403);
    expect((await get(`/api/v1/persons?householdId=${otherHousehold}`, volunteer.headers)).statusCode).toBe(404);
    expect((await post('/api/v1/visits', { householdId: otherHousehold, outcome: 'verified', checked: [] }, volunteer.headers)).statusCode).toBe(404);
    // Inside its micro-grid, every full record is closed to it.
    const personId = person.json<{ id: string }>().id;
    for (const url of [`/api/v1/persons/${personId}`, `/api/v1/households/${household}`, `/api/v1/persons/${personId}/responsible`, `/api/v1/households/${household}/visits`]) {
      expect((await get(url, volunteer.headers)).statusCode, url).toBe(403);
    }
  });

  it('reports who left instead of ending their stay: the grid’s staff get it in the inbox and hand over or record the departure', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const household = (await post('/api/v1/households', { regionId: microA, address: '一号楼2单元202' }, worker)).json<{ id: string }>().id;
    const stayer = (await post('/api/v1/persons', { regionId: microA, householdId: household, name: '留守乙', category: 'resident' }, worker)).json<{ id: string }>().id;
    const leaver = (await post('/api/v1/persons', { regionId: microA, householdId: household, name: '外出丙', category: 'resident' }, worker)).json<{ id: string }>().id;
    const volunteer = await signIn(t.app, 'volunteer', microA);
    const countedBefore = (await get(`/api/v1/persons?regionId=${microA}`, worker)).json<{ items: unknown[] }>().items.length;

    const visit = await post('/api/v1/visits', { householdId: household, outcome: 'updated', confirmedPersonIds: [stayer], leftPersonIds: [leaver], note: '说去杭州打工了' }, volunteer.headers);
    expect(visit.statusCode, visit.body).toBe(201);
    const stored = await t.app.db.selectFrom('persons').select(['left_on', 'household_id']).where('id', '=', leaver).executeTakeFirstOrThrow();
    expect(stored).toEqual({ left_on: null, household_id: household });
    expect((await get(`/api/v1/persons?regionId=${microA}`, worker)).json<{ items: unknown[] }>().items).toHaveLength(countedBefore);
    const inbox = (await get(`/api/v1/tips?regionId=${t.tree.gridA}`, worker)).json<{ items: { description: string; regionId: number; category: string }[] }>().items;
    const report = inbox.find((tip) => tip.description.includes('外出丙'));
    expect(report).toMatchObject({ category: 'other', regionId: t.tree.gridA });
    expect(report?.description).toContain('一号楼2单元202');
    expect(report?.description).toContain('说去杭州打工了');
    expect(report?.description).not.toContain('留守乙');
    // A household found moved out is reported as a whole.
    const movedOut = await post('/api/v1/visits', { householdId: household, outcome: 'moved_out' }, volunteer.headers);
    expect(movedOut.statusCode, movedOut.body).toBe(201);
    const inboxAfter = (await get(`/api/v1/tips?regionId=${t.tree.gridA}`, worker)).json<{ items: { description: string }[] }>().items;
    expect(inboxAfter.some((tip) => tip.description.includes('一号楼2单元202：全户已离开'))).toBe(true);
    // A plain visit reports nothing.
    const before = inboxAfter.length;
    await post('/api/v1/visits', { householdId: household, outcome: 'verified' }, volunteer.headers);
    expect((await get(`/api/v1/tips?regionId=${t.tree.gridA}`, worker)).json<{ items: unknown[] }>().items).toHaveLength(before);
    // The staff act on it with the flow that keeps the history; a volunteer cannot.
    const departure = { leftOn: '2026-01-05', leftTo: '浙江省杭州市' };
    expect((await post(`/api/v1/persons/${leaver}/departure`, departure, volunteer.headers)).statusCode).toBe(403);
    const done = await post(`/api/v1/persons/${leaver}/departure`, departure, worker);
    expect(done.statusCode, done.body).toBe(201);
  });

  it('keeps a refused leaving report whole: a stranger to the household files nothing', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const household = (await post('/api/v1/households', { regionId: microA, address: '一号楼3单元303' }, worker)).json<{ id: string }>().id;
    const other = (await post('/api/v1/households', { regionId: microA, address: '一号楼3单元304' }, worker)).json<{ id: string }>().id;
    const stranger = (await post('/api/v1/persons', { regionId: microA, householdId: other, name: '邻居丁', category: 'resident' }, worker)).json<{ id: string }>().id;
    const volunteer = await signIn(t.app, 'volunteer', microA);
    const tipsBefore = await t.app.db.selectFrom('tips').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await post('/api/v1/visits', { householdId: household, outcome: 'updated', leftPersonIds: [stranger] }, volunteer.headers);
    expect(res.statusCode).toBe(400);
    expect(paths(res)).toEqual(['leftPersonIds.0']);
    const tipsAfter = await t.app.db.selectFrom('tips').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(tipsAfter.n)).toBe(Number(tipsBefore.n));
  });

  it('cannot send anyone on: a visit naming where those who left went is refused (403, leftTo) and saves nothing', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const household = (await post('/api/v1/households', { regionId: microA, address: '一号楼4单元404' }, worker)).json<{ id: string }>().id;
    const leaver = (await post('/api/v1/persons', { regionId: microA, householdId: household, name: '外出戊', category: 'resident' }, worker)).json<{ id: string }>().id;
    const volunteer = await signIn(t.app, 'volunteer', microA);
    const count = async (table: 'visits' | 'tips' | 'handovers') => Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = { visits: await count('visits'), tips: await count('tips'), handovers: await count('handovers') };
    for (const leftTo of [[{ personId: leaver, toRegionId: t.tree.gridB }], [{ personId: leaver, leftTo: '浙江省杭州市', leftOn: '2026-01-05' }]]) {
      const res = await post('/api/v1/visits', { householdId: household, outcome: 'updated', leftPersonIds: [leaver], leftTo }, volunteer.headers);
      expect(res.statusCode, res.body).toBe(403);
      expect(paths(res)).toEqual(['leftTo']);
    }
    expect({ visits: await count('visits'), tips: await count('tips'), handovers: await count('handovers') }).toEqual(before);
    const stored = await t.app.db.selectFrom('persons').select(['left_on', 'left_to', 'household_id']).where('id', '=', leaver).executeTakeFirstOrThrow();
    expect(stored).toEqual({ left_on: null, left_to: null, household_id: household });
    // The same visit from the grid's worker sends the person on: a departure.
    const staff = await post('/api/v1/visits', { householdId: household, outcome: 'updated', leftPersonIds: [leaver], leftTo: [{ personId: leaver, leftTo: '浙江省杭州市', leftOn: '2026-01-05' }] }, worker);
    expect(staff.statusCode, staff.body).toBe(201);
    const departed = await t.app.db.selectFrom('persons').select(['left_on', 'left_to']).where('id', '=', leaver).executeTakeFirstOrThrow();
    expect(departed).toEqual({ left_on: '2026-01-05', left_to: '浙江省杭州市' });
  });

  it('is refused every scoped route that does not open itself to light roles (403), whatever its role list says', async () => {
    expect(LIGHT_ROLES).toEqual(['volunteer']);
    const volunteer = await signIn(t.app, 'volunteer', microA);
    const open: string[] = [];
    for (const { method, url, access } of t.app.routeCatalog) {
      if ('public' in access || 'self' in access) continue;
      const key = `${method} ${url}`;
      if (access.lightRoles) {
        open.push(key);
        continue;
      }
      // Ids in the path are well-formed ids of nothing: the role is refused before any lookup.
      const path = url.replace(/:(\w+)/g, (_, name: string) => (name === 'id' && url.startsWith('/api/v1/regions') ? String(microA) : '00000000-0000-7000-8000-000000000000'));
      const res = await t.app.inject({ method: method as 'GET', url: path, headers: volunteer.headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
      expect(res.statusCode, `${key} answered ${res.statusCode}: ${res.body}`).toBe(403);
    }
    expect(open.sort()).toEqual(['GET /api/v1/households', 'GET /api/v1/persons', 'POST /api/v1/visits', 'POST /api/v1/volunteer-findings']);
  });
});
