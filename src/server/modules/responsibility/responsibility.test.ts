import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { bestPlan, fullScans, planText } from '../../../../test/support/query-plans.ts';
import { aMobile } from '../../../../test/support/people.ts';
import { dayIn } from '../../platform/time.ts';
import { activeOrderPersonsQuery } from '../quarantine/quarantine.queries.ts';
import { redOrYellowPersonsQuery } from '../risk/risk.queries.ts';
import { insertRegion } from '../regions/regions.queries.ts';
import { underControlSummary } from './responsibility.queries.ts';
import { endPersonResponsibility } from './responsibility.service.ts';
import { rebuildResponsibilityCounters } from './responsibility-counters.ts';

let t: TestApp;
let worker: Record<string, string>;
let today: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  today = dayIn(t.app.config.timeZone);
});
afterAll(() => t.close());

const put = (id: string, payload: unknown, headers = worker) => t.app.inject({ method: 'PUT', url: `/api/v1/persons/${id}/responsible`, headers, payload: payload as object });
const get = (url: string, headers = worker) => t.app.inject({ method: 'GET', url, headers });
const paths = (res: { json: () => { error: { details?: { path: string }[] } } }) => (res.json().error.details ?? []).map((d) => d.path);
async function aPerson(regionId = t.tree.gridA, name = '张三') {
  const { headers } = await signIn(t.app, 'grid_worker', regionId);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers, payload: { regionId, name, category: 'resident' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}
async function quarantined(regionId = t.tree.gridA) {
  const personId = await aPerson(regionId, '隔离人');
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/quarantines', headers: (await signIn(t.app, 'grid_worker', regionId)).headers, payload: { personId, reason: '返乡', startOn: today } });
  expect(res.statusCode, res.body).toBe(201);
  return { personId, orderId: res.json<{ id: string }>().id };
}

describe('五包一: a person’s responsible people', () => {
  it('sets accounts and contacts, answers them, and reports the roles a person under control still lacks', async () => {
    const { personId } = await quarantined();
    const cadre = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const phone = aMobile();
    const res = await put(personId, {
      members: [
        { role: 'grid_worker', userId: (await signIn(t.app, 'grid_worker', t.tree.gridA)).user.id },
        { role: 'village_cadre', userId: cadre.user.id },
        { role: 'family', name: '李四', phone },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<{ members: { role: string; name: string; phone?: string; userId?: string }[]; required: boolean; missingRoles: string[] }>();
    expect(body.members.map((m) => m.role)).toEqual(['grid_worker', 'village_cadre', 'family']);
    expect(body.members[1]).toMatchObject({ userId: cadre.user.id, name: '测试village_secretary' });
    expect(body.members[2]).toMatchObject({ name: '李四', phone });
    expect(body).toMatchObject({ required: true, missingRoles: ['police', 'doctor'] });

    const read = await get(`/api/v1/persons/${personId}/responsible`);
    expect(read.json()).toEqual(body);
    // The contact's phone is stored encrypted, the read is audited and the audit says roles only.
    const stored = await t.app.db.selectFrom('responsible_members').selectAll().where('person_id', '=', personId).execute();
    expect(JSON.stringify(stored)).not.toContain(phone);
    const audits = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', personId).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['set_responsible', 'read_responsible']));
    expect(JSON.stringify(audits)).not.toContain(phone);
    expect(JSON.stringify(audits)).not.toContain('李四');
  });

  it('keeps the history: a member left out ends with its dates, one kept keeps its start', async () => {
    const personId = await aPerson();
    const phone = aMobile();
    const first = await put(personId, { members: [{ role: 'family', name: '王五', phone }, { role: 'police', name: '民警赵', phone: aMobile() }] });
    expect(first.statusCode, first.body).toBe(200);
    const since = first.json<{ members: { role: string; since: string }[] }>().members[0]?.since;
    const second = await put(personId, { members: [{ role: 'family', name: '王五', phone }] });
    expect(second.json<{ members: { since: string }[] }>().members).toEqual([expect.objectContaining({ role: 'family', since })]);
    const rows = await t.app.db.selectFrom('responsible_members').select(['role', 'from_at', 'to_at', 'end_reason']).where('person_id', '=', personId).orderBy('role').execute();
    expect(rows).toEqual([
      expect.objectContaining({ role: 'family', to_at: null }),
      expect.objectContaining({ role: 'police', to_at: expect.anything(), end_reason: 'replaced' }),
    ]);
    // A person not under control has nothing required.
    expect(second.json()).toMatchObject({ required: false, missingRoles: [] });
  });

  it('refuses an account outside the person’s county, a bad role, a bad phone, half a contact and both kinds at once', async () => {
    const personId = await aPerson();
    const now = new Date().toISOString();
    const otherCounty = await insertRegion(t.app.db, { parent_id: null, level: 'county', code: '339902', name: '邻县', depth: 1, active: 1, created_at: now, updated_at: now }, '/');
    const outsider = await signIn(t.app, 'grid_worker', await aRegion(t.app, otherCounty.id, 'town', '邻县镇'));
    const outside = await put(personId, { members: [{ role: 'family', name: '甲', phone: aMobile() }, { role: 'police', userId: outsider.user.id }] });
    expect(outside.statusCode).toBe(422);
    expect(paths(outside)).toEqual(['members.1.userId']);

    const auditor = await signIn(t.app, 'auditor', t.tree.county);
    expect(paths(await put(personId, { members: [{ role: 'police', userId: auditor.user.id }] }))).toEqual(['members.0.userId']);
    const unknown = await put(personId, { members: [{ role: 'police', userId: '0190c0de-0000-7000-8000-000000000000' }] });
    expect(unknown.statusCode).toBe(422);

    const badRole = await put(personId, { members: [{ role: 'landlord', name: '甲', phone: aMobile() }] });
    expect(badRole.statusCode).toBe(400);
    expect(paths(badRole)).toEqual(['members.0.role']);

    const badPhone = await put(personId, { members: [{ role: 'family', name: '甲', phone: '12345' }] });
    expect(badPhone.statusCode).toBe(400);
    expect(paths(badPhone)).toEqual(['members.0.phone']);
    expect(badPhone.body).not.toContain('12345');
    const masked = await put(personId, { members: [{ role: 'family', name: '甲', phone: '138****0000' }] });
    expect(masked.statusCode).toBe(400);

    expect(paths(await put(personId, { members: [{ role: 'family', name: '甲' }] }))).toEqual(['members.0.phone']);
    expect(paths(await put(personId, { members: [{ role: 'family', userId: outsider.user.id, name: '甲' }] }))).toEqual(['members.0.userId']);
    const twice = { role: 'family', name: '甲', phone: '13800138000' };
    expect(paths(await put(personId, { members: [twice, twice] }))).toEqual(['members.1']);
    expect((await put(personId, { members: [], extra: 1 })).statusCode).toBe(400);
    expect((await put(personId, { members: Array.from({ length: 21 }, () => twice) })).statusCode).toBe(400);
    const malformed = await t.app.inject({ method: 'PUT', url: `/api/v1/persons/${personId}/responsible`, headers: { ...worker, 'content-type': 'application/json' }, payload: '{"members": [' });
    expect(malformed.statusCode).toBe(400);
    // Nothing half-saved: the refused writes left the person without members.
    expect(await t.app.db.selectFrom('responsible_members').select('id').where('person_id', '=', personId).execute()).toEqual([]);
  });

  it('is private outside the subtree, refuses odd id spellings and read-only or unlisted roles', async () => {
    const personId = await aPerson(t.tree.gridB);
    const res = await get(`/api/v1/persons/${personId}/responsible`);
    expect(res.statusCode).toBe(404);
    expect((await put(personId, { members: [] })).statusCode).toBe(404);
    expect((await get(`/api/v1/persons/${personId.toUpperCase()}/responsible`)).statusCode).toBe(400);
    expect((await get('/api/v1/persons/1/responsible')).statusCode).toBe(400);
    const auditor = await signIn(t.app, 'auditor', t.tree.county);
    expect((await get(`/api/v1/persons/${personId}/responsible`, auditor.headers)).statusCode).toBe(200);
    expect((await put(personId, { members: [] }, auditor.headers)).statusCode).toBe(403);
    const patrol = await signIn(t.app, 'patrol_member', t.tree.townA);
    expect((await get(`/api/v1/persons/${personId}/responsible`, patrol.headers)).statusCode).toBe(403);
  });

  it('keeps one whole set when several edits of the same person race', async () => {
    const personId = await aPerson();
    const sets = Array.from({ length: 6 }, (_, i) => [
      { role: 'family', name: `家属${i}`, phone: aMobile() },
      { role: 'police', name: `民警${i}`, phone: aMobile() },
    ]);
    const answers = await Promise.all(sets.map((members) => put(personId, { members })));
    expect(answers.map((a) => a.statusCode)).toEqual(sets.map(() => 200));
    const current = await t.app.db.selectFrom('responsible_members').select(['name']).where('person_id', '=', personId).where('to_at', 'is', null).orderBy('role').execute();
    // Exactly one request's pair, never a mix of two or a pile of all.
    expect(current).toHaveLength(2);
    const suffix = current[0]?.name?.slice(-1);
    expect(current.map((m) => m.name)).toEqual([`家属${suffix}`, `民警${suffix}`]);
    const all = await t.app.db.selectFrom('responsible_members').select('id').where('person_id', '=', personId).execute();
    expect(all).toHaveLength(12);
  });

  it('ends a person’s members for a hand-over, history kept', async () => {
    const personId = await aPerson();
    await put(personId, { members: [{ role: 'family', name: '钱六', phone: aMobile() }] });
    const ended = await t.app.db.transaction().execute((tx) => endPersonResponsibility(tx, personId, { by: null, reason: 'handover', fromRegionId: t.tree.gridA }));
    expect(ended).toBe(1);
    expect((await get(`/api/v1/persons/${personId}/responsible`)).json()).toMatchObject({ members: [] });
    const rows = await t.app.db.selectFrom('responsible_members').select(['end_reason']).where('person_id', '=', personId).execute();
    expect(rows).toEqual([{ end_reason: 'handover' }]);
  });
});

describe('the HQ view of responsibility', () => {
  it('counts who carries how many and lists persons under control with a role missing, in the subtree only', async () => {
    const region = await aRegion(t.app, t.tree.villageB, 'grid', '西村第二网格');
    const leader = await signIn(t.app, 'village_secretary', t.tree.villageB);
    const a = await quarantined(region);
    const b = await quarantined(region);
    const doctorPhone = aMobile();
    for (const p of [a, b]) {
      const res = await put(p.personId, { members: [{ role: 'doctor', name: '村医孙', phone: doctorPhone }] }, leader.headers);
      expect(res.statusCode, res.body).toBe(200);
    }
    const load = await get(`/api/v1/responsibility/load?regionId=${region}`, leader.headers);
    expect(load.statusCode, load.body).toBe(200);
    const body = load.json<{ carriers: { name: string; persons: number; phone: string }[]; underControl: number; incompleteCount: number; incomplete: { personId: string; missingRoles: string[] }[] }>();
    expect(body.carriers).toEqual([expect.objectContaining({ name: '村医孙', persons: 2, roles: ['doctor'] })]);
    expect(body.carriers[0]?.phone).not.toBe(doctorPhone); // masked in the list
    expect(body.underControl).toBe(2);
    expect(body.incompleteCount).toBe(2);
    expect(body.incomplete[0]?.missingRoles).toEqual(['grid_worker', 'village_cadre', 'police', 'family']);
    expect((await get(`/api/v1/responsibility/load?regionId=${region}`)).statusCode).toBe(403);
  });

  it('keeps who carries how many in counters, with every change, that agree with a recount from the members', async () => {
    const region = await aRegion(t.app, t.tree.villageB, 'grid', '西村第三网格');
    const leader = await signIn(t.app, 'village_secretary', t.tree.villageB);
    const [a, b, c] = [await quarantined(region), await quarantined(region), await quarantined(region)];
    const police = aMobile(4_101);
    const family = aMobile(4_102);
    // One contact in two roles of one person counts that person once; replaced, ended and re-added members move the counts.
    for (const p of [a, b, c]) expect((await put(p.personId, { members: [{ role: 'police', name: '民警周', phone: police }, { role: 'grid_worker', userId: leader.user.id }] }, leader.headers)).statusCode).toBe(200);
    expect((await put(a.personId, { members: [{ role: 'police', name: '民警周', phone: police }, { role: 'family', name: '民警周', phone: police }] }, leader.headers)).statusCode).toBe(200);
    expect((await put(b.personId, { members: [{ role: 'family', name: '家属吴', phone: family }] }, leader.headers)).statusCode).toBe(200);
    await t.app.db.transaction().execute((tx) => endPersonResponsibility(tx, c.personId, { by: null, reason: 'handover', fromRegionId: region }));
    const body = (await get(`/api/v1/responsibility/load?regionId=${region}`, leader.headers)).json<{ carriers: { name: string; persons: number; roles: string[]; userId: string | null }[] }>();
    expect(body.carriers).toHaveLength(2);
    expect(body.carriers).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: '民警周', persons: 1, roles: ['police', 'family'] }),
      expect.objectContaining({ name: '家属吴', persons: 1, roles: ['family'] }),
    ]));
    const counted = async () =>
      (await t.app.db.selectFrom('region_counters').select(['region_id', 'metric', 'value']).where('metric', 'like', 'responsibility.%').orderBy('region_id').orderBy('metric').execute())
        .map((r) => ({ ...r, value: Number(r.value) }))
        .filter((r) => r.value !== 0);
    const kept = await counted();
    expect(kept.length).toBeGreaterThan(0);
    const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.county).executeTakeFirstOrThrow();
    await rebuildResponsibilityCounters(t.app.db, path);
    expect(await counted()).toEqual(kept);
  });
});

describe('a region moved into another county', () => {
  it('ends the members of its people; a move inside the county keeps them', async () => {
    const { endMembersOfMovedRegion } = await import('./responsibility.service.ts');
    const personId = await aPerson();
    await put(personId, { members: [{ role: 'family', name: '孙七', phone: aMobile() }] });
    const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', t.tree.gridA).executeTakeFirstOrThrow();
    const inCounty = { regionId: t.tree.gridA, fromPath: path.replace(/\/\d+\/$/, '/999/'), toPath: path };
    await t.app.db.transaction().execute((tx) => endMembersOfMovedRegion(tx, inCounty));
    expect((await get(`/api/v1/persons/${personId}/responsible`)).json<{ members: unknown[] }>().members).toHaveLength(1);
    const fromOtherCounty = { regionId: t.tree.gridA, fromPath: `/999${path.slice(path.indexOf('/', 1))}`, toPath: path };
    await t.app.db.transaction().execute((tx) => endMembersOfMovedRegion(tx, fromOtherCounty));
    expect((await get(`/api/v1/persons/${personId}/responsible`)).json<{ members: unknown[] }>().members).toHaveLength(0);
    const rows = await t.app.db.selectFrom('responsible_members').select('end_reason').where('person_id', '=', personId).execute();
    expect(rows).toEqual([{ end_reason: 'region_moved' }]);
  });
});

describe('a person edited into another region', () => {
  it('ends the members of the old region; an edit that keeps the region keeps them', async () => {
    const personId = await aPerson();
    await put(personId, { members: [{ role: 'family', name: '郑八', phone: aMobile() }] });
    const leader = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    let version = 1;
    const patch = async (payload: object) => {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/persons/${personId}`, headers: leader, payload: { baseVersion: version, ...payload } });
      version += 1;
      return res;
    };
    const kept = await patch({ origin: '杭州' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await get(`/api/v1/persons/${personId}/responsible`, leader)).json<{ members: unknown[] }>().members).toHaveLength(1);
    const moved = await patch({ regionId: t.tree.gridA2 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await get(`/api/v1/persons/${personId}/responsible`, leader)).json<{ members: unknown[] }>().members).toHaveLength(0);
    const rows = await t.app.db.selectFrom('responsible_members').select('end_reason').where('person_id', '=', personId).execute();
    expect(rows).toEqual([{ end_reason: 'region_changed' }]);
  });
});

describe('what an alert tells the responsible people', () => {
  it('gives a fever to the monitoring staff, "please check on them" to everyone else, and contacts’ phones to staff for a text', async () => {
    const { personId, orderId } = await quarantined();
    const gridWorker = await signIn(t.app, 'grid_worker', t.tree.gridA);
    const micro = await aRegion(t.app, t.tree.gridA, 'microgrid', '消息微网格');
    const volunteer = await signIn(t.app, 'volunteer', micro);
    const cadre = await signIn(t.app, 'village_secretary', t.tree.villageA);
    const familyPhone = aMobile();
    const set = await put(personId, {
      members: [
        { role: 'grid_worker', userId: gridWorker.user.id },
        { role: 'village_cadre', userId: cadre.user.id },
        { role: 'family', userId: volunteer.user.id },
        { role: 'family', name: '家属周', phone: familyPhone },
      ],
    });
    expect(set.statusCode, set.body).toBe(200);
    const check = await t.app.inject({ method: 'POST', url: `/api/v1/quarantines/${orderId}/checks`, headers: worker, payload: { temperature: 38.6, symptoms: ['cough'] } });
    expect(check.statusCode, check.body).toBe(201);

    const mine = async (headers: Record<string, string>) => (await get('/api/v1/responsible/messages', headers)).json<{ items: { alertKind: string | null; audience: string; personName: string; id: string }[] }>().items;
    expect(await mine(gridWorker.headers)).toEqual([expect.objectContaining({ audience: 'health', alertKind: 'fever', personName: '隔离人' })]);
    const forVolunteer = await mine(volunteer.headers);
    expect(forVolunteer).toEqual([expect.objectContaining({ audience: 'check_on', alertKind: null, personName: '隔离人' })]);
    const volunteerBody = (await get('/api/v1/responsible/messages', volunteer.headers)).body;
    for (const health of ['fever', '38.6', 'cough']) expect(volunteerBody).not.toContain(health);
    // A village cadre carries the person but does not monitor its health.
    expect(await mine(cadre.headers)).toEqual([expect.objectContaining({ audience: 'check_on', alertKind: null })]);
    const read = await t.app.inject({ method: 'POST', url: `/api/v1/responsible/messages/${forVolunteer[0]?.id}/read`, headers: volunteer.headers });
    expect(read.json()).toMatchObject({ readAt: expect.any(String) });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/responsible/messages/${forVolunteer[0]?.id}/read`, headers: gridWorker.headers })).statusCode).toBe(404);

    const alert = await t.app.db.selectFrom('quarantine_alerts').select('id').where('order_id', '=', orderId).executeTakeFirstOrThrow();
    const forStaff = await get(`/api/v1/quarantines/alerts/${alert.id}/messages`);
    expect(forStaff.statusCode, forStaff.body).toBe(200);
    const contact = forStaff.json<{ items: { contactName: string | null; contactPhone: string | null; audience: string }[] }>().items.find((m) => m.contactName);
    expect(contact).toMatchObject({ contactName: '家属周', contactPhone: familyPhone, audience: 'check_on' });
    expect((await get(`/api/v1/quarantines/alerts/${alert.id}/messages`, (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers)).statusCode).toBe(404);

    // The order's page shows its person's members, contacts' phones masked.
    const order = await get(`/api/v1/quarantines/${orderId}`);
    const members = order.json<{ responsible: { role: string; phone?: string }[] }>().responsible;
    expect(members.map((m) => m.role)).toEqual(['grid_worker', 'village_cadre', 'family', 'family']);
    expect(order.body).not.toContain(familyPhone);
  });

  it('tells them of a missed check too', async () => {
    const { raiseMissedChecks } = await import('../quarantine/missed-check.job.ts');
    const { personId, orderId } = await quarantined();
    await put(personId, { members: [{ role: 'doctor', name: '村医钱', phone: aMobile() }] });
    expect(await raiseMissedChecks(t.app.db, today, () => {})).toBeGreaterThan(0);
    const alert = await t.app.db.selectFrom('quarantine_alerts').select('id').where('order_id', '=', orderId).where('kind', '=', 'missed_check').executeTakeFirstOrThrow();
    const messages = await get(`/api/v1/quarantines/alerts/${alert.id}/messages`);
    expect(messages.json<{ items: unknown[] }>().items).toEqual([expect.objectContaining({ contactName: '村医钱', audience: 'check_on' })]);
  });
});

describe('the coloured persons in the HQ view (migration 0043)', () => {
  const levelsOf = async (personId: string) => {
    const row = await t.app.db.selectFrom('person_risk').select(['county_id', 'town_id', 'village_id']).where('person_id', '=', personId).executeTakeFirstOrThrow();
    return [row.county_id, row.town_id, row.village_id];
  };
  const colour = (personId: string, regionId: number, c = 'red') =>
    t.app.db
      .insertInto('person_risk')
      .values({ person_id: personId, region_id: regionId, colour: c, reasons: '[]', computed_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ region_id: regionId, colour: c }))
      .execute();

  it('are counted by their level columns, which follow a recompute into another region and a region moved with its subtree', async () => {
    const { county, townA, townC, villageB, gridB } = t.tree;
    const village = await aRegion(t.app, townA, 'village', '红码村');
    const grid = await aRegion(t.app, village, 'grid', '红码村网格');
    const leader = await signIn(t.app, 'town_officer', townA);
    const red = await aPerson(grid, '红码人');
    const yellow = await aPerson(grid, '黄码人');
    await colour(red, grid);
    await colour(yellow, grid, 'yellow');
    expect(await levelsOf(red)).toEqual([county, townA, village]);
    expect((await put(red, { members: [{ role: 'family', name: '家属陈', phone: aMobile() }] }, leader.headers)).statusCode).toBe(200);
    const view = async (regionId: number) => (await get(`/api/v1/responsibility/load?regionId=${regionId}`, leader.headers)).json<{ underControl: number; incompleteCount: number; incomplete: { personId: string; regionId: number; missingRoles: string[] }[] }>();
    const atVillage = await view(village);
    expect(atVillage).toMatchObject({ underControl: 2, incompleteCount: 2 });
    expect(atVillage.incomplete.find((p) => p.personId === red)).toMatchObject({ regionId: grid, missingRoles: ['grid_worker', 'village_cadre', 'police', 'doctor'] });

    // The daily recompute's upsert gives a coloured person another region: its levels follow.
    await colour(yellow, gridB, 'yellow');
    expect(await levelsOf(yellow)).toEqual([county, townA, villageB]);
    expect(await view(village)).toMatchObject({ underControl: 1, incompleteCount: 1 });

    // The village moves to town C: its coloured persons are town C's, not town A's.
    const { headers } = await signIn(t.app, 'admin', county);
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/regions/${village}`, headers, payload: { parentId: townC } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await levelsOf(red)).toEqual([county, townC, village]);
    const inTown = (townPath: string) => redOrYellowPersonsQuery(t.app.db, townPath).execute();
    expect((await inTown(`/${county}/${townC}/`)).map((r) => r.person_id)).toEqual([red]);
    expect((await inTown(`/${county}/${townA}/`)).map((r) => r.person_id)).not.toContain(red);
  });

  it('are read at county and town level by one range of a level index: no whole-table scan of the colours or the members', async () => {
    for (const path of [`/${t.tree.county}/`, `/${t.tree.county}/${t.tree.townA}/`]) {
      const db = t.database.db;
      for (const query of [redOrYellowPersonsQuery(db, path), underControlSummary(db, activeOrderPersonsQuery(db, path).unionAll(redOrYellowPersonsQuery(db, path)), 5, 100)]) {
        const plan = await bestPlan(db, query);
        expect(fullScans(plan, ['person_risk', 'responsible_members']), `${path}:\n${planText(plan)}`).toEqual([]);
        expect(planText(plan), path).toMatch(/person_risk_in_(county|town)/);
      }
    }
  });
});
