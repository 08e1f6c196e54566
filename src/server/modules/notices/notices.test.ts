import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { multipartForm } from '../../../../test/support/multipart.ts';
import { aPng } from '../../../../test/support/photos.ts';
import type { LiveEvent } from '../../platform/events.ts';
import { noticeViewsOf } from './notice-views.ts';

let t: TestApp;
let officer: Record<string, string>;
const published: LiveEvent[] = [];
beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  t.app.events.subscribe((e) => published.push(e));
});
afterAll(() => t.close());

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> | undefined = officer) =>
  t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const pub = (url: string) => t.app.inject({ method: 'GET', url });
const notice = (extra: object = {}) => ({ regionId: t.tree.townA, title: '关于做好返乡人员报备的通知', source: '城关镇人民政府', topic: 'announcement', body: '## 报备\n\n- 抵达后 24 小时内报备\n- **主动**扫码登记', ...extra });
async function create(extra: object = {}, headers = officer) {
  const res = await send('POST', '/api/v1/notices', notice(extra), headers);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; status: string; publishAt: string | null }>();
}
const publicIds = async (query = '') => (await pub(`/api/v1/public/notices${query}`)).json<{ items: { id: string }[] }>().items.map((i) => i.id);
const ahead = (ms: number) => new Date(Date.now() + ms).toISOString();

describe('notices', () => {
  it('drafts, publishes, schedules and withdraws; the public list shows only what is published and due', async () => {
    const draft = await create();
    expect(draft).toMatchObject({ status: 'draft', publishAt: null, version: 1 });
    const now = await create({ status: 'published', title: '立即发布' });
    expect(now.status).toBe('published');
    expect(Date.parse(now.publishAt ?? '')).toBeLessThanOrEqual(Date.now());
    const later = await create({ status: 'published', publishAt: ahead(3_600_000), title: '定时发布' });
    expect(later.status).toBe('published');
    const ids = await publicIds();
    expect(ids).toContain(now.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(later.id);
    expect((await pub(`/api/v1/public/notices/${draft.id}`)).statusCode).toBe(404);
    expect((await pub(`/api/v1/public/notices/${later.id}`)).statusCode).toBe(404);
    expect((await pub('/api/v1/public/notices/not-an-id')).statusCode).toBe(404);

    // Publish the draft (with a +08:00 time just past): shown, and live views hear of it.
    const pubRes = await send('PATCH', `/api/v1/notices/${draft.id}`, { version: 1, status: 'published', publishAt: '2020-01-01T08:00:00+08:00' });
    expect(pubRes.statusCode, pubRes.body).toBe(200);
    expect(pubRes.json()).toMatchObject({ status: 'published', publishAt: '2020-01-01T00:00:00.000Z', version: 2 });
    expect(await publicIds()).toContain(draft.id);
    expect(published.some((e) => e.type === 'notice.published' && e.data?.id === draft.id)).toBe(true);

    // Bring the schedule forward: shown once due.
    const due = await send('PATCH', `/api/v1/notices/${later.id}`, { version: 1, publishAt: ahead(-1000) });
    expect(due.statusCode, due.body).toBe(200);
    expect(await publicIds()).toContain(later.id);

    const withdrawn = await send('PATCH', `/api/v1/notices/${now.id}`, { version: 1, status: 'withdrawn' });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(await publicIds()).not.toContain(now.id);
    expect((await pub(`/api/v1/public/notices/${now.id}`)).statusCode).toBe(404);

    const audit = await t.app.db.selectFrom('audit_log').select(['action']).where('entity', '=', 'notice').where('entity_id', '=', draft.id).orderBy('at').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'publish']);
    // Public items carry no staff names.
    expect((await pub('/api/v1/public/notices')).body).not.toContain('测试');
    // Staff list, filtered.
    const drafts = await send('GET', '/api/v1/notices?status=withdrawn');
    expect(drafts.json().items.map((n: { id: string }) => n.id)).toEqual([now.id]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const n = await create();
    expect((await send('PATCH', `/api/v1/notices/${n.id}`, { version: 1, title: '新标题' })).statusCode).toBe(200);
    const stale = await send('PATCH', `/api/v1/notices/${n.id}`, { version: 1, title: '旧的改动' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0].path).toBe('version');
    expect((await send('GET', `/api/v1/notices/${n.id}`)).json()).toMatchObject({ title: '新标题', version: 2 });
  });

  it('names the field of bad input', async () => {
    const bad = async (extra: object, path: string) => {
      const res = await send('POST', '/api/v1/notices', notice(extra));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    };
    await bad({ title: '' }, 'title');
    await bad({ title: '长'.repeat(101) }, 'title');
    await bad({ topic: 'gossip' }, 'topic');
    await bad({ body: '   ' }, 'body');
    await bad({ body: 'x'.repeat(20_001) }, 'body');
    await bad({ status: 'withdrawn' }, 'status');
    await bad({ publishAt: 'tomorrow' }, 'publishAt');
    await bad({ source: undefined }, 'source');
    const n = await create();
    const patch = await send('PATCH', `/api/v1/notices/${n.id}`, { title: 'x' });
    expect(patch.json().error.details.map((d: { path: string }) => d.path)).toContain('version');
  });

  it('scopes the public list by region: a village sees its own and those above, not its neighbour’s', async () => {
    const secretaryA = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const secretaryB = (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers;
    const commander = (await signIn(t.app, 'commander', t.tree.county)).headers;
    const inA = await create({ regionId: t.tree.villageA, status: 'published', topic: 'health', title: '东村通知' }, secretaryA);
    const inB = await create({ regionId: t.tree.villageB, status: 'published', topic: 'health', title: '西村通知' }, secretaryB);
    const county = await create({ regionId: t.tree.county, status: 'published', topic: 'policy', title: '全县通知' }, commander);
    const forA = await publicIds(`?regionId=${t.tree.villageA}`);
    const forB = await publicIds(`?regionId=${t.tree.gridB}`);
    expect(forA).toEqual(expect.arrayContaining([inA.id, county.id]));
    expect(forA).not.toContain(inB.id);
    expect(forB).toEqual(expect.arrayContaining([inB.id, county.id]));
    expect(forB).not.toContain(inA.id);
    const forC = await publicIds(`?regionId=${t.tree.townC}`);
    expect(forC).toContain(county.id);
    expect(forC).not.toContain(inA.id);
    expect((await pub('/api/v1/public/notices?regionId=999999')).statusCode).toBe(404);
    expect(await publicIds(`?regionId=${t.tree.villageA}&topic=health`)).toEqual([inA.id]);

    const topics = (r: number) => pub(`/api/v1/public/notices/topics?regionId=${r}`).then((res) => res.json<{ topics: { topic: string; count: number }[] }>().topics);
    const countOf = (list: { topic: string; count: number }[], topic: string) => list.find((x) => x.topic === topic)?.count;
    const tc = await topics(t.tree.townC);
    expect(countOf(tc, 'policy')).toBe(1);
    expect(countOf(tc, 'health')).toBe(0);
    expect(tc.map((x) => x.topic)).toEqual(['announcement', 'policy', 'prevention', 'health', 'story', 'other']);
    expect(countOf(await topics(t.tree.villageA), 'health')).toBe(1);

    // Paging: newest published first, a cursor for the next page.
    const first = (await pub(`/api/v1/public/notices?regionId=${t.tree.villageA}&limit=1`)).json();
    expect(first.items[0].id).toBe(county.id);
    const second = (await pub(`/api/v1/public/notices?regionId=${t.tree.villageA}&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.items[0].id).toBe(inA.id);
    expect((await pub('/api/v1/public/notices?cursor=garbage')).statusCode).toBe(400);
  });

  it('keeps staff to their subtree: another town’s notice does not exist for them', async () => {
    const officerC = (await signIn(t.app, 'town_officer', t.tree.townC)).headers;
    const n = await create();
    expect((await send('GET', `/api/v1/notices/${n.id}`, undefined, officerC)).statusCode).toBe(404);
    expect((await send('PATCH', `/api/v1/notices/${n.id}`, { version: 1, status: 'published' }, officerC)).statusCode).toBe(404);
    const list = await send('GET', '/api/v1/notices', undefined, officerC);
    expect(list.json().items.map((x: { id: string }) => x.id)).not.toContain(n.id);
    expect((await send('POST', '/api/v1/notices', notice(), officerC)).statusCode).toBe(403);
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    expect((await send('POST', '/api/v1/notices', notice({ regionId: t.tree.gridA }), worker)).statusCode).toBe(403);
    expect((await send('GET', '/api/v1/notices', undefined, worker)).statusCode).toBe(200);
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    expect((await send('GET', '/api/v1/notices', undefined, auditor)).statusCode).toBe(403);
    expect((await send('GET', '/api/v1/notices', undefined, {})).statusCode).toBe(401);
  });

  it('counts views in memory and stores them on flush', async () => {
    const n = await create({ status: 'published', title: '阅读计数' });
    for (let i = 1; i <= 4; i++) {
      const res = await pub(`/api/v1/public/notices/${n.id}`);
      expect(res.json().views).toBe(i);
    }
    const stored = async () => Number((await t.app.db.selectFrom('notices').select('views').where('id', '=', n.id).executeTakeFirstOrThrow()).views);
    expect(await stored()).toBe(0);
    await noticeViewsOf(t.app).flush();
    expect(await stored()).toBe(4);
    expect((await pub(`/api/v1/public/notices/${n.id}`)).json().views).toBe(5);
    await Promise.all(Array.from({ length: 10 }, () => pub(`/api/v1/public/notices/${n.id}`)));
    await noticeViewsOf(t.app).flush();
    expect(await stored()).toBe(15);
    const sum = (await send('GET', '/api/v1/notices/summary')).json();
    expect(sum.topics.find((x: { topic: string }) => x.topic === 'announcement').views).toBeGreaterThanOrEqual(15);
    expect(sum.byStatus.published).toBeGreaterThan(0);
    const item = (await pub('/api/v1/public/notices')).json().items.find((x: { id: string }) => x.id === n.id);
    expect(item.views).toBe(15);
    expect((await send('GET', `/api/v1/notices/${n.id}`)).json().views).toBe(15);
  });

  it('stores the pending views when the app closes', async () => {
    const other = await buildTestApp({ publicLimitScale: 100 });
    try {
      const headers = (await signIn(other.app, 'town_officer', other.tree.townA)).headers;
      const made = await other.app.inject({ method: 'POST', url: '/api/v1/notices', headers, payload: { ...notice({ regionId: other.tree.townA }), status: 'published' } });
      const id = made.json<{ id: string }>().id;
      for (let i = 0; i < 3; i++) expect((await other.app.inject({ method: 'GET', url: `/api/v1/public/notices/${id}` })).statusCode).toBe(200);
      await other.app.close();
      const row = await other.database.db.selectFrom('notices').select('views').where('id', '=', id).executeTakeFirstOrThrow();
      expect(Number(row.views)).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('renders hostile Markdown safe in the public answer, and gives plain scripts', async () => {
    const body = '# 标题\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[点我](javascript:alert(3))\n\n![x](data:image/png;base64,AAAA)\n\n- 第一条\n- 第二条';
    const n = await create({ status: 'published', body });
    const res = (await pub(`/api/v1/public/notices/${n.id}`)).json<{ html: string; excerpt: string }>();
    expect(res.html).not.toMatch(/<script|<img|<[a-z][^>]*\son\w+=|href="javascript|src="data/i);
    expect(res.html).toContain('&lt;script&gt;');
    expect(res.html).toContain('<li>第一条</li>');
    expect(res.excerpt.startsWith('标题。')).toBe(true);
    const staff = (await send('GET', `/api/v1/notices/${n.id}`)).json();
    expect(staff.scripts.loudspeaker).toContain('第一条。');
    expect(staff.scripts.loudspeaker).not.toMatch(/[<>#]|javascript/);
    expect(staff.scripts.loudspeaker).toContain('再播送一遍。');
    expect(Array.from(staff.scripts.social as string).length).toBeLessThanOrEqual(140);
    const preview = await send('POST', '/api/v1/notices/preview', { title: '预览', source: '村委', body: '- 甲\n- <b>乙</b>' });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().html).toContain('<li>&lt;b&gt;乙&lt;/b&gt;</li>');
    expect(preview.json().scripts.social).toBe('【预览】甲。乙。（来源：村委）');
  });

  it('takes real images only, strips their GPS, and serves them publicly once published', async () => {
    const n = await create();
    const upload = (files: { data: Buffer; name: string }[]) => {
      const form = multipartForm({}, files.map((f) => ({ field: 'photos', ...f })));
      return t.app.inject({ method: 'POST', url: `/api/v1/notices/${n.id}/images`, headers: { ...officer, ...form.headers }, payload: form.payload });
    };
    const fake = await upload([{ data: Buffer.from('<svg onload=alert(1)>'), name: 'x.png' }]);
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.details[0].path).toBe('photos[0]');
    const withGps = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 17/1 30/1' } })
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const ok = await upload([{ data: aPng(90), name: 'a.png' }, { data: withGps, name: 'b.jpg' }]);
    expect(ok.statusCode, ok.body).toBe(201);
    const images = ok.json<{ id: string; url: string; markdown: string }[]>();
    expect(images).toHaveLength(2);
    expect(images[0]?.markdown).toBe(`![](${images[0]?.url})`);
    const url = images[1]?.url ?? '';
    expect(url).toMatch(/^\/api\/v1\/public\/notice-images\//);

    // Staff see it at once; the public only once the notice is published.
    const staffImg = await send('GET', `/api/v1/notices/${n.id}/images/${images[1]?.id}`);
    expect(staffImg.statusCode).toBe(200);
    expect((await pub(url)).statusCode).toBe(404);
    const body = `图片：\n\n${images.map((i) => i.markdown).join('\n')}`;
    const detail = await send('PATCH', `/api/v1/notices/${n.id}`, { version: 1, body, status: 'published' });
    expect(detail.statusCode, detail.body).toBe(200);
    const served = await pub(url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(served.headers['cache-control']).toContain('public');
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(40);
    expect((await pub(`/api/v1/public/notices/${n.id}`)).json().html).toContain(`<img src="${url}"`);
    expect((await send('GET', `/api/v1/notices/${n.id}`)).json().html).toContain(`/api/v1/notices/${n.id}/images/${images[1]?.id}`);

    const tooMany = await upload(Array.from({ length: 8 }, (_, i) => ({ data: aPng(i), name: `${i}.png` })));
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.json().error.details[0].path).toBe('photos');
    expect((await send('GET', `/api/v1/notices/${n.id}`)).json().images).toHaveLength(2);

    await send('PATCH', `/api/v1/notices/${n.id}`, { version: 2, status: 'withdrawn' });
    expect((await pub(url)).statusCode).toBe(404);
  });
});
