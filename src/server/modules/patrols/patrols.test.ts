import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aPng } from '../../../../test/support/photos.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readDayCounters } from '../stats/counters.ts';

let t: TestApp;
let secretary: Record<string, string>;
let officer: Record<string, string>;
let member: Record<string, string>;
let villageTeam: string;
let townTeam: string;
let today: string;
const published: LiveEvent[] = [];

const post = (url: string, payload: object, headers = secretary) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers = secretary) => t.app.inject({ method: 'GET', url, headers });
const upload = (file: Buffer, headers = member) => {
  const body = multipart(file, {}, 'photo.png');
  return t.app.inject({ method: 'POST', url: '/api/v1/patrol-logs/photos', headers: { ...headers, ...body.headers }, payload: body.payload });
};
const count = async (table: 'patrol_logs' | 'patrol_log_photos' | 'photos') =>
  Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await buildTestApp();
  today = dayIn(t.app.config.timeZone);
  secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  member = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
  t.app.events.subscribe((e) => published.push(e));
  villageTeam = (await post('/api/v1/patrol-teams', { regionId: t.tree.villageA, name: '东村巡查劝导队', kind: 'persuasion' })).json().id;
  townTeam = (await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇巡查队', kind: 'persuasion' }, officer)).json().id;
});
afterAll(() => t.close());

describe('patrol photos', () => {
  it('stores the same bytes once and refuses what is not a JPEG or PNG, or too big', async () => {
    const png = aPng(10);
    const first = await upload(png);
    expect(first.statusCode, first.body).toBe(201);
    const again = await upload(png);
    expect(again.json().sha256).toBe(first.json().sha256);
    expect(await count('photos')).toBe(1);
    const text = await upload(Buffer.from('not an image at all, just text pretending'));
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details[0].path).toBe('file');
    const big = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1_048_576 + 10)]));
    expect(big.statusCode).toBe(413);
    expect(await count('photos')).toBe(1);
    const gridWorker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await upload(png, gridWorker)).statusCode).toBe(403);
  });
});

describe('patrol logs', () => {
  it('logs a patrol once with its photo, bumps the day counters and tells live views', async () => {
    const sha = (await upload(aPng(20))).json().sha256 as string;
    const id = '01932f6e-1c2a-7def-8a00-0000000000e1';
    const body = { id, teamId: townTeam, regionId: t.tree.villageB, patrolledOn: today, startedAt: '2024-01-01T08:00:00Z', endedAt: '2024-01-01T18:00:00+08:00', gatheringsDispersed: 2, peopleDispersed: 15, maskReminders: 30, banquetsFound: 1, places: '村口广场、祠堂', note: '劝散打牌人员', photos: [sha] };
    const first = await post('/api/v1/patrol-logs', body, member);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ id, teamName: '城关镇巡查队', regionName: '西村', patrolledOn: today, gatheringsDispersed: 2, photos: [sha], endedAt: '2024-01-01T10:00:00.000Z' });
    const again = await post('/api/v1/patrol-logs', body, member);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(id);
    expect((await post('/api/v1/patrol-logs', { ...body, maskReminders: 31 }, member)).statusCode).toBe(409);
    expect(await count('patrol_logs')).toBe(1);
    const counters = (await readDayCounters(t.app.db, [t.tree.county, t.tree.villageB, t.tree.villageA], today, today));
    expect(counters.get(t.tree.county)?.get(today)).toEqual({ 'patrols.logs': 1, 'patrols.gatherings': 2, 'patrols.people_dispersed': 15, 'patrols.mask_reminders': 30, 'patrols.banquets': 1 });
    expect(counters.get(t.tree.villageA)?.get(today)).toBeUndefined();
    expect(published.some((e) => e.type === 'patrol_log.changed' && e.data?.id === id)).toBe(true);
    const audit = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'patrol_log').where('entity_id', '=', id).execute();
    expect(audit).toHaveLength(1);

    // The photo is served to the town and village B, not to village A (no log of theirs shows it).
    const photo = await get(`/api/v1/patrol-logs/photos/${sha}`, officer);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg'); // every photo is kept re-encoded as a JPEG
    const secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    expect((await get(`/api/v1/patrol-logs/photos/${sha}`, secretaryB)).statusCode).toBe(200);
    expect((await get(`/api/v1/patrol-logs/photos/${sha}`, secretary)).statusCode).toBe(404);
    expect((await get(`/api/v1/patrol-logs/${id}`, secretary)).statusCode).toBe(403);
    expect((await get(`/api/v1/patrol-logs/${id}`, secretaryB)).json().photos).toEqual([sha]);
  });

  it('names the field of bad figures, a future day, times out of order and a region outside the team', async () => {
    const before = { logs: await count('patrol_logs'), published: published.length };
    const bad = async (extra: object, status: number, path: string, headers = secretary) => {
      const res = await post('/api/v1/patrol-logs', { teamId: villageTeam, patrolledOn: today, ...extra }, headers);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ gatheringsDispersed: -1 }, 400, 'gatheringsDispersed');
    await bad({ peopleDispersed: 2.5 }, 400, 'peopleDispersed');
    await bad({ photos: ['abc'] }, 400, 'photos.0');
    await bad({ photos: ['0'.repeat(64)] }, 422, 'photos.0');
    await bad({ patrolledOn: addDays(today, 1) }, 422, 'patrolledOn');
    await bad({ startedAt: '2024-01-01T10:00:00Z', endedAt: '2024-01-01T09:00:00Z' }, 422, 'endedAt');
    await bad({ regionId: t.tree.gridA }, 422, 'regionId');
    await bad({ teamId: townTeam, regionId: t.tree.villageA }, 403, 'teamId');
    await bad({ teamId: townTeam, regionId: t.tree.townC }, 403, 'regionId', officer);
    const sha = (await upload(aPng(30))).json().sha256 as string;
    await bad({ photos: [sha, sha] }, 422, 'photos.1');
    expect(await count('patrol_logs')).toBe(before.logs);
    expect(await count('patrol_log_photos')).toBe(1);
    expect(published.length).toBe(before.published);
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    expect((await post('/api/v1/patrol-logs', { teamId: villageTeam, patrolledOn: today }, auditor)).statusCode).toBe(403);
    expect((await get('/api/v1/patrol-logs', auditor)).statusCode).toBe(403);
    const gridWorker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await post('/api/v1/patrol-logs', { teamId: villageTeam, patrolledOn: today }, gridWorker)).statusCode).toBe(403);
  });

  it('answers a resent request with the same Idempotency-Key with the first answer', async () => {
    const headers = { ...member, 'idempotency-key': 'patrol-log-retry-1' };
    const body = { teamId: townTeam, regionId: t.tree.villageA, patrolledOn: addDays(today, -3), maskReminders: 2 };
    const first = await post('/api/v1/patrol-logs', body, headers);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post('/api/v1/patrol-logs', body, headers);
    expect(again.json().id).toBe(first.json().id);
    expect((await t.app.db.selectFrom('patrol_logs').select('id').where('patrolled_on', '=', addDays(today, -3)).execute())).toHaveLength(1);
    await t.app.db.deleteFrom('patrol_logs').where('id', '=', first.json().id).execute();
    const counters = await readDayCounters(t.app.db, [t.tree.villageA], addDays(today, -3), addDays(today, -3));
    expect(counters.get(t.tree.villageA)?.get(addDays(today, -3))).toMatchObject({ 'patrols.logs': 1, 'patrols.mask_reminders': 2 });
  });

  it('lists a subtree newest day first, pages, filters and totals per day', async () => {
    const yesterday = addDays(today, -1);
    for (const [day, gatherings] of [[yesterday, 1], [today, 3], [today, 4]] as const) {
      const res = await post('/api/v1/patrol-logs', { teamId: villageTeam, patrolledOn: day, gatheringsDispersed: gatherings, maskReminders: 5 });
      expect(res.statusCode, res.body).toBe(201);
    }
    const own = (await get('/api/v1/patrol-logs')).json();
    expect(own.items.map((l: { patrolledOn: string }) => l.patrolledOn)).toEqual([today, today, yesterday]);
    expect(own.items.every((l: { regionId: number }) => l.regionId === t.tree.villageA)).toBe(true);
    const page1 = (await get('/api/v1/patrol-logs?limit=2', officer)).json();
    expect(page1.items).toHaveLength(2);
    const page2 = (await get(`/api/v1/patrol-logs?limit=2&cursor=${page1.nextCursor}`, officer)).json();
    expect(page2.items).toHaveLength(2);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((l: { id: string }) => l.id)).size).toBe(4);
    const byDay = (await get(`/api/v1/patrol-logs?regionId=${t.tree.villageA}&from=${yesterday}&to=${yesterday}`, officer)).json();
    expect(byDay.items).toHaveLength(1);
    const byTeam = (await get(`/api/v1/patrol-logs?teamId=${townTeam}`, officer)).json();
    expect(byTeam.items).toHaveLength(1);
    expect((await get(`/api/v1/patrol-logs?teamId=${townTeam}`)).statusCode).toBe(403);

    const daily = await get(`/api/v1/patrol-logs/daily?regionId=${t.tree.townA}`, officer);
    expect(daily.statusCode, daily.body).toBe(200);
    const days = daily.json().days as { day: string; logs: number; gatheringsDispersed: number; maskReminders: number }[];
    expect(days).toHaveLength(14);
    expect(days.at(-1)).toMatchObject({ day: today, logs: 3, gatheringsDispersed: 9, maskReminders: 40 });
    expect(days.at(-2)).toMatchObject({ day: yesterday, logs: 1, gatheringsDispersed: 1 });
    const village = (await get('/api/v1/patrol-logs/daily')).json();
    expect(village.days.at(-1)).toMatchObject({ logs: 2, gatheringsDispersed: 7 });
    expect((await get(`/api/v1/patrol-logs/daily?from=${today}&to=${yesterday}`)).statusCode).toBe(422);
  });
});
