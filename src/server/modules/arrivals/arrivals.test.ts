import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, aRegion, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { addDays, dayIn } from '../../platform/time.ts';

let t: TestApp;
let secretary: Record<string, string>;
let secretaryB: Record<string, string>;
let workerA: Record<string, string>;
let workerB: Record<string, string>;
let today: string;
const published: LiveEvent[] = [];

beforeAll(async () => {
  // Generous public limits: this file registers many arrivals from one address.
  t = await buildTestApp({ publicLimitScale: 50 });
  secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
  workerA = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  workerB = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  today = dayIn(t.app.config.timeZone);
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

const post = (url: string, payload: object, headers: Record<string, string> = secretary) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string> = secretary) => t.app.inject({ method: 'GET', url, headers });
const publicPost = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/public/arrivals', payload });

interface Code { id: string; token: string; url: string; status: string; entryCount: number; replacedBy: string | null }
interface Entry { id: string; reference: string; regionId: number; idNumber: string; phone: string; status: string; version: number; personId: string | null; duplicate: { personId: string | null; regionName: string | null } | null }

/** The village's active code, issued once per village. */
const codes = new Map<number, Code>();
async function codeOf(villageId: number, headers = secretary): Promise<Code> {
  const known = codes.get(villageId);
  if (known) return known;
  const res = await post('/api/v1/arrival-codes', { regionId: villageId }, headers);
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json<Code>();
  codes.set(villageId, code);
  return code;
}

const arrival = (token: string, extra: object = {}) => ({
  qrToken: token,
  name: '李返乡',
  idNumber: anIdNumber(),
  phone: aMobile(Math.floor(Math.random() * 1e7)),
  origin: '广东省深圳市',
  arrivedOn: addDays(today, -1),
  address: '东村3组12号',
  gridId: t.tree.gridA,
  ...extra,
});

async function register(extra: object = {}, token?: string) {
  const body = arrival(token ?? (await codeOf(t.tree.villageA)).token, extra);
  const res = await publicPost(body);
  expect(res.statusCode, res.body).toBe(201);
  const receipt = res.json<{ reference: string; status: string; villageName: string }>();
  const row = await t.app.db.selectFrom('arrival_entries').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
  return { body, receipt, row };
}

const entryCount = async () => Number((await t.app.db.selectFrom('arrival_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('arrival codes', () => {
  it('issues one active code per village, with a 128-bit token and the poster address', async () => {
    const code = await codeOf(t.tree.villageA);
    expect(code.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(code.url).toMatch(new RegExp(`/p/arrive/${code.token}$`));
    expect(code.status).toBe('active');
    const again = await post('/api/v1/arrival-codes', { regionId: t.tree.villageA });
    expect(again.statusCode).toBe(409);
    const grid = await post('/api/v1/arrival-codes', { regionId: t.tree.gridA });
    expect(grid.statusCode).toBe(422);
    expect(grid.json().error.details[0].path).toBe('regionId');
    const other = await post('/api/v1/arrival-codes', { regionId: t.tree.villageB });
    expect(other.statusCode).toBe(403);
    const list = await get(`/api/v1/arrival-codes?regionId=${t.tree.villageA}`);
    expect(list.json().items.map((c: Code) => c.id)).toContain(code.id);
    expect((await get('/api/v1/arrival-codes', workerA)).statusCode).toBe(403);
    const audit = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'arrival_code').where('entity_id', '=', code.id).execute();
    expect(audit.map((a) => a.action)).toContain('create');
  });

  it('keeps one active code per village when two are issued at once', async () => {
    const village = await aRegion(t.app, t.tree.townA, 'village', '北村');
    const town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const both = await Promise.all([post('/api/v1/arrival-codes', { regionId: village }, town), post('/api/v1/arrival-codes', { regionId: village }, town)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const active = await t.app.db.selectFrom('arrival_codes').select('id').where('region_id', '=', village).where('status', '=', 'active').execute();
    expect(active).toHaveLength(1);
  });

  it('draws the QR code of the address as SVG', async () => {
    const code = await codeOf(t.tree.villageA);
    const res = await get(`/api/v1/arrival-codes/${code.id}/qr.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    expect(res.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await get(`/api/v1/arrival-codes/${code.id}/qr.svg`, secretaryB)).statusCode).toBe(403);
  });

  it('shows the public the place a token names, and a forged token the same 404 as a revoked one', async () => {
    const code = await codeOf(t.tree.villageA);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/arrivals/codes/${code.token}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ villageName: '东村', townName: '城关镇', countyName: expect.any(String), grids: [{ id: t.tree.gridA, name: '东村第一网格' }, { id: t.tree.gridA2, name: '东村第二网格' }] });
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/public/arrivals/codes/AAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.statusCode).toBe(404);
    expect(forged.json().error.message).toBe('This QR code is not valid any more; ask the village for the current one');
    const post404 = await publicPost(arrival('AAAAAAAAAAAAAAAAAAAAAA'));
    expect(post404.statusCode).toBe(404);
  });

  it('revoke stops the token at once; replace issues a new one that works', async () => {
    const first = await codeOf(t.tree.villageB, secretaryB);
    await register({ gridId: t.tree.gridB }, first.token);
    const revoke = await post(`/api/v1/arrival-codes/${first.id}/revoke`, {}, secretaryB);
    expect(revoke.statusCode, revoke.body).toBe(200);
    expect(revoke.json().status).toBe('revoked');
    const refused = await publicPost(arrival(first.token, { gridId: t.tree.gridB }));
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.message).toBe('This QR code is not valid any more; ask the village for the current one');
    expect((await post(`/api/v1/arrival-codes/${first.id}/revoke`, {}, secretaryB)).statusCode).toBe(409);
    expect((await post(`/api/v1/arrival-codes/${first.id}/replace`, {}, secretaryB)).statusCode).toBe(409);
    // A revoked village gets a new code by create.
    const second = await post('/api/v1/arrival-codes', { regionId: t.tree.villageB }, secretaryB);
    expect(second.statusCode).toBe(201);
    const replaced = await post(`/api/v1/arrival-codes/${second.json().id}/replace`, {}, secretaryB);
    expect(replaced.statusCode, replaced.body).toBe(201);
    const third = replaced.json<Code>();
    expect(third.token).not.toBe(second.json().token);
    const old = await t.app.db.selectFrom('arrival_codes').selectAll().where('id', '=', second.json().id).executeTakeFirstOrThrow();
    expect(old).toMatchObject({ status: 'revoked', replaced_by: third.id });
    expect((await publicPost(arrival(second.json().token, { gridId: t.tree.gridB }))).statusCode).toBe(404);
    expect((await publicPost(arrival(third.token, { gridId: t.tree.gridB }))).statusCode).toBe(201);
    codes.set(t.tree.villageB, third);
    const counted = await t.app.db.selectFrom('arrival_codes').select('entry_count').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(Number(counted.entry_count)).toBe(1);
  });
});

describe('public registration', () => {
  it('saves an entry, answers a short reference, encrypts the numbers and keeps hostile text as written', async () => {
    const hostile = '<script>alert(1)</script>王五';
    const { body, receipt, row } = await register({ name: hostile });
    expect(receipt).toEqual({ reference: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{8}$/), status: 'pending', villageName: '东村' });
    expect(row.name).toBe(hostile);
    expect(row.region_id).toBe(t.tree.gridA);
    expect(row.village_id).toBe(t.tree.villageA);
    expect(row.id_number_enc).not.toContain(body.idNumber);
    expect(row.phone_enc).not.toContain(body.phone);
    expect(published.some((e) => e.type === 'arrival.changed' && e.data?.id === row.id)).toBe(true);
  });

  it('refuses an invalid ID number with the reason and without echoing it; nothing is saved', async () => {
    const before = await entryCount();
    const bad = '339901198503120019';
    const res = await publicPost(arrival((await codeOf(t.tree.villageA)).token, { idNumber: bad }));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('idNumber');
    expect(res.body).not.toContain(bad);
    const phone = await publicPost(arrival((await codeOf(t.tree.villageA)).token, { phone: '12345' }));
    expect(phone.statusCode).toBe(422);
    expect(phone.json().error.details[0].path).toBe('phone');
    expect(phone.body).not.toContain('12345');
    expect(await entryCount()).toBe(before);
  });

  it('refuses an arrival date in the future or too far back, and a grid of another village', async () => {
    const token = (await codeOf(t.tree.villageA)).token;
    const before = await entryCount();
    const future = await publicPost(arrival(token, { arrivedOn: addDays(today, 1) }));
    expect(future.statusCode).toBe(422);
    expect(future.json().error.details[0].path).toBe('arrivedOn');
    const old = await publicPost(arrival(token, { arrivedOn: addDays(today, -31) }));
    expect(old.statusCode).toBe(422);
    const grid = await publicPost(arrival(token, { gridId: t.tree.gridB }));
    expect(grid.statusCode).toBe(422);
    expect(grid.json().error.details[0].path).toBe('gridId');
    expect(await entryCount()).toBe(before);
  });

  it('answers the same receipt when the same ID number is still pending in the village', async () => {
    const { body, receipt } = await register();
    const before = await entryCount();
    const again = await publicPost({ ...body, phone: aMobile(4242) });
    expect(again.statusCode).toBe(201);
    expect(again.json().reference).toBe(receipt.reference);
    expect(await entryCount()).toBe(before);
  });

  it('limits registrations per address and per phone with a 429', async () => {
    const small = await buildTestApp({ publicLimitScale: 0.2 });
    try {
      const sec = (await signIn(small.app, 'village_secretary', small.tree.villageA)).headers;
      const code = (await small.app.inject({ method: 'POST', url: '/api/v1/arrival-codes', headers: sec, payload: { regionId: small.tree.villageA } })).json<Code>();
      const send = (extra: object) => small.app.inject({ method: 'POST', url: '/api/v1/public/arrivals', payload: arrival(code.token, { gridId: small.tree.gridA, ...extra }) });
      // Per phone: 10 × 0.2 = 2 an hour.
      const phone = '13900001111';
      expect((await send({ phone })).statusCode).toBe(201);
      expect((await send({ phone })).statusCode).toBe(201);
      const third = await send({ phone });
      expect(third.statusCode).toBe(429);
      expect(third.json().error.message).toMatch(/phone number/);
      expect(third.body).not.toContain(phone);
      // Per address: 30 × 0.2 = 6 an hour.
      const codes429: number[] = [];
      for (let i = 0; i < 4; i++) codes429.push((await send({ phone: aMobile(7000 + i) })).statusCode);
      expect(codes429.slice(0, 3)).toEqual([201, 201, 201]);
      expect(codes429[3]).toBe(429);
      const entries = await small.app.db.selectFrom('arrival_entries').select('id').execute();
      expect(entries).toHaveLength(5);
    } finally {
      await small.close();
    }
  });
});

describe('the verify queue', () => {
  it('shows a grid worker the entries of their grid only; the village secretary sees the village’s', async () => {
    const inA = (await register()).row;
    const inVillage = (await register({ gridId: undefined })).row;
    const inB = (await register({ gridId: t.tree.gridB }, (await codeOf(t.tree.villageB, secretaryB)).token)).row;
    const ids = async (headers: Record<string, string>, query = '') => (await get(`/api/v1/arrivals?status=pending&limit=500${query}`, headers)).json<{ items: Entry[] }>().items.map((e) => e.id);
    const a = await ids(workerA);
    expect(a).toContain(inA.id);
    expect(a).not.toContain(inB.id);
    expect(a).not.toContain(inVillage.id);
    const b = await ids(workerB);
    expect(b).toContain(inB.id);
    expect(b).not.toContain(inA.id);
    const village = await ids(secretary);
    expect(village).toEqual(expect.arrayContaining([inA.id, inVillage.id]));
    expect(village).not.toContain(inB.id);
    // Out of the subtree an entry does not exist.
    expect((await get(`/api/v1/arrivals/${inB.id}`, workerA)).statusCode).toBe(404);
    expect((await get(`/api/v1/arrivals?regionId=${t.tree.gridB}`, workerA)).statusCode).toBe(403);
  });

  it('lists and reads masked numbers; one entry in full needs a purpose, audited with it', async () => {
    const { body, row } = await register();
    const list = await get('/api/v1/arrivals?status=pending&limit=500', workerA);
    expect(list.body).not.toContain(body.idNumber);
    expect(list.body).not.toContain(body.phone);
    const listed = list.json<{ items: Entry[] }>().items.find((e) => e.id === row.id);
    expect(listed?.idNumber).toBe(row.id_number_masked);
    const one = await get(`/api/v1/arrivals/${row.id}`, workerA);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ idNumber: row.id_number_masked, status: 'pending', duplicate: null });
    expect(one.body).not.toContain(body.idNumber);
    expect(one.body).not.toContain(body.phone);
    const noPurpose = await get(`/api/v1/arrivals/${row.id}?reveal=true`, workerA);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.details).toEqual([{ path: 'purpose', message: 'required to reveal' }]);
    const full = await get(`/api/v1/arrivals/${row.id}?reveal=true&purpose=${encodeURIComponent('核对来人证件')}`, workerA);
    expect(full.statusCode).toBe(200);
    expect(full.json()).toMatchObject({ idNumber: body.idNumber, phone: body.phone });
    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'purpose']).where('entity', '=', 'arrival_entry').where('entity_id', '=', row.id).where('action', 'in', ['read', 'reveal']).orderBy('id').execute();
    expect(audit.map((a) => [a.action, a.purpose])).toEqual([['read', null], ['reveal', '核对来人证件']]);
  });

  it('verify creates the person in the grid; a second decision or a stale version is a 409', async () => {
    const { body, row } = await register();
    const stale = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 2 }, workerA);
    expect(stale.statusCode).toBe(409);
    const res = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 1 }, workerA);
    expect(res.statusCode, res.body).toBe(200);
    const entry = res.json<Entry>();
    expect(entry).toMatchObject({ status: 'verified', version: 2, personId: expect.any(String), duplicate: null });
    const person = await get(`/api/v1/persons/${entry.personId}`, workerA);
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json()).toMatchObject({ name: body.name, regionId: t.tree.gridA, category: 'returnee', origin: body.origin, arrivedOn: body.arrivedOn });
    expect((await post(`/api/v1/arrivals/${row.id}/reject`, { version: 2, reason: 'other' }, workerA)).statusCode).toBe(409);
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('entity', '=', 'arrival_entry').where('entity_id', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toContain('verify');
  });

  it('verify of a village entry needs a grid of that village within the actor’s region', async () => {
    const { row } = await register({ gridId: undefined });
    const none = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 1 }, secretary);
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details[0].path).toBe('gridId');
    const other = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 1, gridId: t.tree.gridB }, secretary);
    expect(other.statusCode).toBe(422);
    const ok = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 1, gridId: t.tree.gridA2, category: 'visitor' }, secretary);
    expect(ok.statusCode, ok.body).toBe(200);
    const person = await t.app.db.selectFrom('persons').selectAll().where('id', '=', ok.json().personId).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ region_id: t.tree.gridA2, category: 'visitor' });
  });

  it('an ID number already registered: flagged, verify is a 409 with nothing saved, link works', async () => {
    const idNumber = anIdNumber('19700101');
    const created = await post('/api/v1/persons', { regionId: t.tree.gridA, name: '张已在', idNumber, category: 'resident' }, workerA);
    expect(created.statusCode, created.body).toBe(201);
    const personId = created.json().id as string;
    const { row } = await register({ idNumber });
    const listed = (await get('/api/v1/arrivals?status=pending&limit=500', workerA)).json<{ items: Entry[] }>().items.find((e) => e.id === row.id);
    expect(listed?.duplicate).toEqual({ personId, regionName: '东村第一网格' });
    const persons = async () => Number((await t.app.db.selectFrom('persons').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await persons();
    const verify = await post(`/api/v1/arrivals/${row.id}/verify`, { version: 1 }, workerA);
    expect(verify.statusCode).toBe(409);
    expect(verify.json().error.code).toBe('DUPLICATE');
    expect(verify.body).not.toContain(idNumber);
    expect(await persons()).toBe(before);
    const still = await t.app.db.selectFrom('arrival_entries').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(still).toMatchObject({ status: 'pending', version: 1, person_id: null });
    // Linking to someone else (another ID number) is refused.
    const otherPerson = await post('/api/v1/persons', { regionId: t.tree.gridA, name: '别人', idNumber: anIdNumber('19710101'), category: 'resident' }, workerA);
    const wrong = await post(`/api/v1/arrivals/${row.id}/link`, { version: 1, personId: otherPerson.json().id }, workerA);
    expect(wrong.statusCode).toBe(422);
    const link = await post(`/api/v1/arrivals/${row.id}/link`, { version: 1, personId }, workerA);
    expect(link.statusCode, link.body).toBe(200);
    expect(link.json()).toMatchObject({ status: 'linked', personId, duplicate: null });
  });

  it('a duplicate outside the reader’s region is flagged without saying who or where', async () => {
    const idNumber = anIdNumber('19660606');
    const created = await post('/api/v1/persons', { regionId: t.tree.gridB, name: '西村人', idNumber, category: 'resident' }, workerB);
    expect(created.statusCode, created.body).toBe(201);
    const { row } = await register({ idNumber });
    const listed = (await get('/api/v1/arrivals?status=pending&limit=500', workerA)).json<{ items: Entry[] }>().items.find((e) => e.id === row.id);
    expect(listed?.duplicate).toEqual({ personId: null, regionName: null });
    // Not visible to the worker: linking to it is refused like a stranger.
    expect((await post(`/api/v1/arrivals/${row.id}/link`, { version: 1, personId: created.json().id }, workerA)).statusCode).toBe(422);
  });

  it('reject records the reason; the summary counts by status and day', async () => {
    const { row } = await register();
    const res = await post(`/api/v1/arrivals/${row.id}/reject`, { version: 1, reason: 'passing_through', note: '只是路过' }, workerA);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'rejected', rejectReason: 'passing_through', note: '只是路过' });
    const sum = await get(`/api/v1/arrivals/summary?regionId=${t.tree.villageA}`);
    expect(sum.statusCode, sum.body).toBe(200);
    const s = sum.json<{ byStatus: Record<string, number>; byDay: { day: string; count: number }[] }>();
    expect(s.byStatus.rejected).toBeGreaterThanOrEqual(1);
    expect(s.byDay).toHaveLength(14);
    expect(s.byDay.at(-1)?.day).toBe(dayIn(t.app.config.timeZone));
    // Every entry of this file was made within the window.
    const total = Object.values(s.byStatus).reduce((a, b) => a + b, 0);
    expect(s.byDay.reduce((sum, d) => sum + d.count, 0)).toBe(total);
  });
});
