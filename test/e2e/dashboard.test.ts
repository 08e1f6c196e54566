// The command dashboard (指挥大屏) on a wall screen and a phone: the tiles show the API's
// figures, the map draws the uploaded boundaries, nothing scrolls at 1920×1080, and a checkpoint
// removed through the API updates the screen without a reload (server-sent events).
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, apiAs } from './api-client.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let county: number;
let villages: { id: number; name: string }[] = [];

// server.ts insists on dist/web/index.html even when GRIDGUARD_WEB_ROOT points at another build.
function ensureWebRootMarker() {
  const webRoot = process.env.GRIDGUARD_WEB_ROOT;
  const marker = path.resolve(import.meta.dirname, '../../dist/web/index.html');
  if (webRoot && !fs.existsSync(marker)) {
    fs.mkdirSync(path.dirname(marker), { recursive: true });
    fs.copyFileSync(path.join(webRoot, 'index.html'), marker);
  }
}

/** A closed rectangle ring from (lon0, lat0) to (lon1, lat1), counter-clockwise. */
const rect = (lon0: number, lat0: number, lon1: number, lat1: number) => [
  [
    [lon0, lat0],
    [lon1, lat0],
    [lon1, lat1],
    [lon0, lat1],
    [lon0, lat0],
  ],
];

async function post(pathname: string, body: unknown) {
  return admin.post<{ id: number & string }>(pathname, body);
}

/** Three towns with villages and grids, people in them, boundaries for the towns, two checkpoints. */
async function seedCounty() {
  const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
  county = me.region.id;
  const towns = [
    { code: '339901001', name: '城关镇' },
    { code: '339901002', name: '南山乡' },
    { code: '339901003', name: '东湖街道' },
  ];
  const townIds: number[] = [];
  for (const [t, town] of towns.entries()) {
    const townId = (await post('/regions', { parentId: county, level: 'town', code: town.code, name: town.name })).id;
    townIds.push(townId);
    for (let v = 1; v <= 2; v++) {
      const villageName = `${town.name.slice(0, 2)}${v === 1 ? '东村' : '西村'}`;
      const village = await post('/regions', { parentId: townId, level: 'village', code: `${town.code}00${v}`, name: villageName });
      villages.push({ id: village.id, name: villageName });
      const grid = await post('/regions', { parentId: village.id, level: 'grid', code: `${town.code}00${v}001`, name: `${villageName}第一网格` });
      for (let h = 0; h < t + v; h++) {
        const household = await post('/households', { regionId: grid.id, address: `${villageName}${h + 1}号` });
        await post('/persons', { householdId: household.id, name: `居民${h}`, category: 'resident' });
        await post('/persons', { householdId: household.id, name: `租客${h}`, category: 'tenant', keyPerson: h === 0, ...(h === 0 ? { keyPersonReason: '测试' } : {}) });
      }
    }
  }
  // Boundaries: the county's outline, and its towns side by side, imported by code.
  const res = await fetch(`${server.url}/api/v1/regions/${county}/boundary`, { method: 'PUT', headers: await writeHeaders(), body: JSON.stringify({ type: 'Polygon', coordinates: rect(120.4, 29.0, 120.7, 29.2) }) });
  expect(res.status).toBe(200);
  const collection = {
    type: 'FeatureCollection',
    features: towns.map((town, i) => ({ type: 'Feature', properties: { code: town.code }, geometry: { type: 'Polygon', coordinates: rect(120.4 + i * 0.1, 29.0, 120.5 + i * 0.1, 29.2) } })),
  };
  const imported = await post(`/regions/${county}/boundaries`, collection);
  expect(imported).toMatchObject({ saved: 3 });
  // Two checkpoints, one removed already.
  for (const [i, village] of villages.slice(0, 2).entries()) {
    const checkpoint = await post('/checkpoints', { regionId: village.id, name: `${village.name}路口卡口`, place: '村口' });
    if (i === 0) await post(`/checkpoints/${checkpoint.id}/removal`, { note: '撤卡', overrideReason: '测试：网格员与巡查队已在岗' });
  }
}

let headersCache: Record<string, string> | null = null;
async function writeHeaders(): Promise<Record<string, string>> {
  if (headersCache) return headersCache;
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.adminPassword }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  headersCache = { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken };
  return headersCache;
}

interface Summary {
  households: number;
  persons: { total: number };
  keyPersons: number;
  checkpoints: { total: number; removed: number };
  reports: { filed: number; missing: number };
  familyEvents: { total: number };
  risk: { red: number };
}
const summary = async () => (await admin.get<Summary>('/stats/summary')).body;
const text = (page: Page, testId: string) => page.getByTestId(testId).innerText();

/** Non-background pixels of the map's canvas: a drawn map has thousands. */
async function paintedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="region-map"] canvas') as HTMLCanvasElement | null;
    if (!canvas) return 0;
    const ctx = canvas.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4 * 7) if ((data[i] ?? 0) > 0) n++;
    return n;
  });
}

beforeAll(async () => {
  ensureWebRootMarker();
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  await seedCounty();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('command dashboard', () => {
  it('shows the API’s figures and the map on a 1920×1080 screen without scrolling, and updates live', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/dashboard`);
    const s = await summary();
    await expect.poll(() => text(page, 'kpi-persons-value')).toBe(s.persons.total.toLocaleString());
    expect(await text(page, 'kpi-households-value')).toBe(String(s.households));
    expect(await text(page, 'kpi-key-persons-value')).toBe(String(s.keyPersons));
    expect(await text(page, 'kpi-family-events-value')).toBe(String(s.familyEvents.total));
    expect(await text(page, 'kpi-risk-red')).toBe(String(s.risk.red));
    expect(await text(page, 'kpi-checkpoints-value')).toMatch(new RegExp(`^${s.checkpoints.removed}\\s*/\\s*${s.checkpoints.total}$`));
    expect(await page.getByTestId('kpi-reports-missing').innerText()).toContain(String(s.reports.missing));
    await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(2_000);
    await expect.poll(() => page.getByTestId('live-state').first().getAttribute('data-state')).toBe('live');
    const scroll = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth, ih: window.innerHeight, iw: window.innerWidth }));
    expect(scroll.h).toBeLessThanOrEqual(scroll.ih);
    expect(scroll.w).toBeLessThanOrEqual(scroll.iw);

    // Live: a checkpoint removed through the API moves the tile without a reload.
    const village = villages[1] as { id: number; name: string };
    const checkpoints = (await admin.get<{ items: { id: string; regionId: number; status: string }[] }>(`/checkpoints?regionId=${village.id}`)).body;
    const open = checkpoints.items.find((c) => c.status === 'open');
    expect(open).toBeDefined();
    await post(`/checkpoints/${open?.id}/removal`, { note: '撤卡', overrideReason: '测试：网格员与巡查队已在岗' });
    await expect.poll(() => text(page, 'kpi-checkpoints-value'), { timeout: 8_000 }).toMatch(new RegExp(`^${s.checkpoints.removed + 1}\\s*/\\s*${s.checkpoints.total}$`));
    await expect.poll(() => page.getByTestId('event-ticker').innerText()).toContain(village.name);
    await screenshot(page, 'dashboard-desktop');

    // Drill down: a click on the middle town shows its villages (no boundaries there: bars).
    const box = await page.getByTestId('region-map').boundingBox();
    if (!box) throw new Error('no map');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(() => page.getByTestId('breadcrumb').innerText()).toContain('南山乡');
    await page.getByTestId('no-boundaries').waitFor();
    await expect.poll(() => text(page, 'dashboard-title')).toContain('南山乡');
    await screenshot(page, 'dashboard-desktop-town');

    // On a 360-px phone: the note takes its own line above the bars, and every panel's title
    // and buttons share its head without overlapping; nothing overflows to the right.
    await page.setViewportSize({ width: 360, height: 740 });
    const boxOf = async (testId: string) => {
      const b = await page.getByTestId(testId).boundingBox();
      if (!b) throw new Error(`no ${testId}`);
      return b;
    };
    await expect.poll(async () => (await boxOf('no-boundaries')).y + (await boxOf('no-boundaries')).height <= (await boxOf('region-bars')).y + 1).toBe(true);
    const heads = await page.locator('.ggd-panel-head').evaluateAll((els) =>
      els.flatMap((head) => {
        const title = head.querySelector('h3')?.getBoundingClientRect();
        const extra = head.querySelector('.ggd-panel-extra')?.getBoundingClientRect();
        if (!title || !extra || extra.width === 0) return [];
        const apart = title.right <= extra.left + 1 || title.bottom <= extra.top + 1;
        return apart ? [] : [head.querySelector('h3')?.textContent ?? ''];
      }),
    );
    expect(heads).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, 'dashboard-phone-town');
    await page.setViewportSize({ width: 1920, height: 1080 });

    // The admin uploads the villages' boundaries from the note; the map replaces the bars.
    const villagesOfTown = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '339901002001' }, geometry: { type: 'Polygon', coordinates: rect(120.5, 29.0, 120.6, 29.1) } },
        { type: 'Feature', properties: { name: '南山西村' }, geometry: { type: 'Polygon', coordinates: rect(120.5, 29.1, 120.6, 29.2) } },
      ],
    };
    await page.getByTestId('no-boundaries').getByTestId('boundary-upload').click();
    await page.locator('input[type=file]').setInputFiles({ name: 'villages.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(villagesOfTown)) });
    await expect.poll(() => page.locator('.ant-modal .ant-table-row').count()).toBe(2);
    await screenshot(page, 'dashboard-upload');
    await page.locator('.ant-modal-close').click();
    await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(2_000);
    await context.close();
  });

  it('stacks the same data on a 360-px phone without horizontal overflow', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/dashboard`);
    const s = await summary();
    await expect.poll(() => text(page, 'kpi-persons-value')).toBe(s.persons.total.toLocaleString());
    await expect.poll(() => paintedPixels(page), { timeout: 10_000 }).toBeGreaterThan(500);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'dashboard-phone');
    await page.evaluate(() => window.scrollTo(0, 900));
    await screenshot(page, 'dashboard-phone-charts');
    await context.close();
  });
});
