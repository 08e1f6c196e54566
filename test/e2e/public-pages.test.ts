// The public pages (/p/…), no account, on a 360-px phone: file a tip with a photo and follow it
// by its tracking code; hostile text stays text; a flood of tips gets the friendly 429; a lost
// signal keeps the form; notices list and read; arrival self-registration by QR token, and the
// page a revoked or made-up token shows. A desktop pass takes the 1920-px screenshots.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let territory: { townId: number; villageId: number; gridId: number };
let countyId: number;

const HOSTILE = '<img src=x onerror=alert(1)>';
const CODE_RE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  territory = await aStandardGrid(admin);
  countyId = (await admin.get<{ region: { id: number } }>('/auth/me')).body.region.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A phone page that records any alert/confirm/prompt a script might raise. */
async function phonePage(viewport: { width: number; height: number } = PHONE): Promise<{ page: Page; dialogs: string[]; close: () => Promise<void> }> {
  const { context, page } = await newPage(browser, viewport);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs, close: () => context.close() };
}

async function pickTown(page: Page): Promise<void> {
  // The single county is chosen for the person; the towns follow.
  await page.getByTestId('region-town').selectOption({ label: '城关镇' });
  await page.getByTestId('region-village').waitFor();
}

describe('public pages', () => {
  it('home: four service tiles and the notices, readable at 360 px and on a desk', async () => {
    const { page, close } = await phonePage();
    await page.goto(`${server.url}/p`);
    await page.getByTestId('tile-tip').waitFor();
    expect(await page.getByTestId('tile-tip').textContent()).toContain('我要举报');
    expect(await page.getByTestId('tile-track').textContent()).toContain('查询举报进度');
    await page.getByTestId('tile-arrive').click();
    expect(await page.getByTestId('arrive-help').textContent()).toContain('二维码');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    // The public pages load no staff-console code (antd's class names would show up).
    expect(await page.locator('[class^="ant-"]').count()).toBe(0);
    await screenshot(page, 'public-home-phone');
    // English on demand, and back.
    await page.getByTestId('lang-switch').click();
    await page.getByText('Report a problem').first().waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText('我要举报').first().waitFor();
    await close();

    const desk = await phonePage(DESKTOP);
    await desk.page.goto(`${server.url}/p`);
    await desk.page.getByTestId('tile-tip').waitFor();
    await screenshot(desk.page, 'public-home-desk');
    await desk.close();
  });

  it('files a tip with a photo and hostile text, gets a tracking code and follows it (受理)', async () => {
    const { page, dialogs, close } = await phonePage();
    await page.goto(`${server.url}/p/tips/new`);
    await page.getByTestId('tip-form').waitFor();

    // Nothing filled in: the form says what is missing, next to the fields.
    await page.getByTestId('tip-submit').click();
    await page.getByTestId('error-regionId').waitFor();
    expect(await page.getByTestId('tip-error').textContent()).toContain('请检查');

    await page.getByTestId('tip-category-gathering').check();
    await pickTown(page);
    await page.getByTestId('region-village').selectOption({ label: '东河村' });
    await page.getByTestId('tip-place').fill('东河村文化礼堂门口');
    const description = `${HOSTILE} 礼堂门口二十多人聚集打牌，未戴口罩`;
    await page.getByTestId('tip-description').fill(description);
    expect(await page.getByTestId('tip-description-count').textContent()).toContain(`${description.length} / 2000`);
    const png = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: { r: 200, g: 90, b: 40 } } })
      .png()
      .toBuffer();
    await page.getByTestId('tip-photo-input').setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: png });
    await page.locator('.thumb img').first().waitFor();
    // The thumbnail is the blob that goes up: redrawn on the phone at 1600 px (a JPEG without
    // the original's metadata).
    const shrunk = await page.locator('.thumb img').first().evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return { width: img.naturalWidth, height: img.naturalHeight };
    });
    expect(shrunk).toEqual({ width: 1600, height: 1200 });
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'public-tip-form-phone');

    const upload = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/tips') && r.method() === 'POST');
    await page.getByTestId('tip-submit').click();
    const request = await upload;
    expect(request.headers()['idempotency-key']).toMatch(/^pub-[0-9a-f]{32}$/);
    expect(request.headers()['content-type']).toContain('multipart/form-data');

    const code = ((await page.getByTestId('tracking-code').textContent()) ?? '').trim();
    expect(code).toMatch(CODE_RE);
    expect(page.url()).not.toContain(code);
    await screenshot(page, 'public-tip-done-phone');

    // Stored as written, one tip, with its photo.
    const tips = (await admin.get<{ items: { description: string; photoCount: number }[] }>('/tips')).body.items;
    const mine = tips.filter((x) => x.description === description);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.photoCount).toBe(1);

    // Follow it: the code travels in sessionStorage, not in the address.
    await page.getByTestId('tip-track-now').click();
    await page.getByTestId('tip-status').waitFor();
    expect(page.url()).toBe(`${server.url}/p/tips/track`);
    expect(await page.getByTestId('tip-status-current').textContent()).toContain('受理');
    expect(await page.getByTestId('step-received').textContent()).toContain('受理');
    expect(await page.getByTestId('tip-timeline').textContent()).toContain('评价');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'public-tip-track-phone');

    // Typed by hand, in lower case and without dashes, on a fresh page.
    const fresh = await phonePage();
    await fresh.page.goto(`${server.url}/p/tips/track`);
    await fresh.page.getByTestId('track-code').fill(code.replace(/-/g, '').toLowerCase());
    await fresh.page.getByTestId('track-submit').click();
    await fresh.page.getByTestId('tip-status').waitFor();
    // An unknown code says so.
    await fresh.page.getByRole('button', { name: '查询其他查询码' }).click();
    await fresh.page.getByTestId('track-code').fill('0000-0000-0000-0000');
    await fresh.page.getByTestId('track-submit').click();
    expect(await fresh.page.getByTestId('track-error').textContent()).toContain('没有找到');
    // A code in the address is moved out of it at once.
    await fresh.page.goto(`${server.url}/p/tips/track/${code}`);
    await fresh.page.getByTestId('tip-status').waitFor();
    expect(fresh.page.url()).toBe(`${server.url}/p/tips/track`);
    await fresh.close();

    const desk = await phonePage(DESKTOP);
    await desk.page.goto(`${server.url}/p/tips/new`);
    await desk.page.getByTestId('region-town').waitFor();
    await screenshot(desk.page, 'public-tip-form-desk');
    await desk.page.goto(`${server.url}/p/tips/track/${code}`);
    await desk.page.getByTestId('tip-status').waitFor();
    await screenshot(desk.page, 'public-tip-track-desk');
    await desk.close();

    expect(dialogs).toEqual([]);
    await close();
  });

  it('names a refused photo, keeps the form when the signal drops, and a double tap files once', async () => {
    const { page, close } = await phonePage();
    await page.goto(`${server.url}/p/tips/new`);
    await page.getByTestId('tip-category-no_mask').check();
    await pickTown(page);
    await page.getByTestId('tip-description').fill('菜市场里多人未戴口罩');
    // Not anonymous: the phone is checked on the phone before anything is sent.
    await page.getByTestId('tip-anonymous').uncheck();
    await page.getByTestId('tip-phone').fill('12345');
    await page.getByTestId('tip-submit').click();
    expect(await page.getByTestId('error-tip-phone').textContent()).toContain('手机号码不正确');
    await page.getByTestId('tip-anonymous').check();
    // A "photo" that is no image: the server judges it by content and the page names it.
    await page.getByTestId('tip-photo-input').setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
    await page.locator('.thumb').first().waitFor();
    await page.getByTestId('tip-submit').click();
    expect(await page.getByTestId('tip-error').textContent()).toContain('第1张照片不是可识别的图片');
    expect(await page.locator('.thumb.has-error').count()).toBe(1);
    await screenshot(page, 'public-tip-bad-photo-phone');
    await page.getByRole('button', { name: '删除第1张照片' }).click();
    expect(await page.locator('.thumb').count()).toBe(0);
    const keys: string[] = [];
    let failNext = true;
    await page.route('**/api/v1/public/tips', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (failNext) {
        failNext = false;
        await route.abort('internetdisconnected');
      } else await route.continue();
    });
    await page.getByTestId('tip-submit').click();
    expect(await page.getByTestId('tip-error').textContent()).toContain('网络不好');
    expect(await page.getByTestId('tip-description').inputValue()).toBe('菜市场里多人未戴口罩');
    await screenshot(page, 'public-tip-network-phone');
    // The retry carries the same key: had the first one arrived, it would not be filed twice.
    await page.getByTestId('tip-submit').dblclick();
    await page.getByTestId('tracking-code').waitFor();
    expect(new Set(keys).size).toBe(1);
    const tips = (await admin.get<{ items: { description: string }[] }>('/tips')).body.items;
    expect(tips.filter((x) => x.description === '菜市场里多人未戴口罩')).toHaveLength(1);
    await close();
  });

  it('a flood of tips from one address gets the friendly 429', async () => {
    // Use up this address's tips for the hour (10) with plain requests, then file in the page.
    let status = 0;
    for (let i = 0; i < 15 && status !== 429; i++) {
      const r = await fetch(`${server.url}/api/v1/public/tips`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'other', regionId: territory.townId, description: `限流测试第${i + 1}条举报` }),
      });
      status = r.status;
    }
    expect(status).toBe(429);

    const { page, close } = await phonePage();
    await page.goto(`${server.url}/p/tips/new`);
    await page.getByTestId('tip-category-banquet').check();
    await pickTown(page);
    await page.getByTestId('tip-description').fill('东河村有人违规操办酒席');
    await page.getByTestId('tip-submit').click();
    const message = (await page.getByTestId('tip-error').textContent()) ?? '';
    expect(message).toMatch(/提交太频繁，请 \d+ 分钟后再试/);
    expect(await page.getByTestId('tip-description').inputValue()).toBe('东河村有人违规操办酒席');
    await screenshot(page, 'public-tip-429-phone');
    await close();
  });

  it('lists notices by topic and reads one; hostile text shows as text', async () => {
    const notice = await admin
      .post<{ id: string }>('/notices', {
        regionId: countyId,
        title: `关于做好返乡人员登记的通知 ${HOSTILE}`,
        source: '县联防联控指挥部',
        topic: 'announcement',
        body: `## 登记须知\n\n返乡人员请**扫码登记**。\n\n${HOSTILE}<script>alert(2)</script>`,
        status: 'published',
      })
      .catch((err: unknown) => {
        throw new Error(`the staff notices API is not there yet: ${String(err)}`);
      });
    await admin.post('/notices', { regionId: countyId, title: '勤洗手、戴口罩、常通风', source: '县卫健局', topic: 'prevention', body: '正确佩戴口罩。', status: 'published' });

    const { page, dialogs, close } = await phonePage();
    await page.goto(`${server.url}/p/notices`);
    const list = page.getByTestId('notice-list');
    await list.getByText('勤洗手、戴口罩、常通风').waitFor();
    expect(await list.textContent()).toContain(HOSTILE);
    await page.getByTestId('notice-topics').getByRole('button', { name: /防控知识/ }).click();
    await expect.poll(async () => (await list.textContent()) ?? '').not.toContain('返乡人员登记');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'public-notices-phone');
    await page.getByTestId('notice-topics').getByRole('button', { name: '全部' }).click();
    await list.getByText(/返乡人员登记/).click();
    await page.getByTestId('notice-body').getByText('登记须知').waitFor();
    expect(page.url()).toBe(`${server.url}/p/notices/${notice.id}`);
    // The raw HTML in the body arrives escaped: shown as text, no element made of it.
    expect(await page.getByTestId('notice-body').textContent()).toContain(HOSTILE);
    expect(await page.locator('[data-testid="notice-body"] img[src="x"], [data-testid="notice-body"] script').count()).toBe(0);
    expect(await page.getByTestId('notice-view').locator('h1').textContent()).toContain(HOSTILE);
    await screenshot(page, 'public-notice-phone');
    // Home shows the latest.
    await page.goto(`${server.url}/p`);
    await page.getByTestId('notice-list').getByText('勤洗手、戴口罩、常通风').waitFor();
    expect(dialogs).toEqual([]);
    await close();

    const desk = await phonePage(DESKTOP);
    await desk.page.goto(`${server.url}/p/notices`);
    await desk.page.getByTestId('notice-list').waitFor();
    await screenshot(desk.page, 'public-notices-desk');
    await desk.page.goto(`${server.url}/p/notices/${notice.id}`);
    await desk.page.getByTestId('notice-body').waitFor();
    await screenshot(desk.page, 'public-notice-desk');
    await desk.page.goto(`${server.url}/p`);
    await desk.page.getByTestId('notice-list').waitFor();
    await screenshot(desk.page, 'public-home-desk');
    await desk.close();
  });

  it('arrival self-registration: a forged token gets the invalid-code page; a real one registers', async () => {
    const { page, close } = await phonePage();
    await page.goto(`${server.url}/p/arrive/forged-token-123`);
    expect(await page.getByTestId('arrive-invalid').textContent()).toContain('此二维码已失效，请向村里索取最新二维码');
    await screenshot(page, 'public-arrive-invalid-phone');

    const code = await admin.post<{ token: string }>('/arrival-codes', { regionId: territory.villageId });
    await page.goto(`${server.url}/p/arrive/${code.token}`);
    expect(await page.getByTestId('arrive-place').textContent()).toContain('东河村');
    await page.getByTestId('arrive-name').fill('王小明');
    // A mistyped check digit is caught on the phone, before anything is sent.
    const id = validIdNumber('123');
    const wrong = `${id.slice(0, 17)}${id.endsWith('1') ? '2' : '1'}`;
    await page.getByTestId('arrive-idNumber').fill(wrong);
    await page.getByTestId('arrive-phone').fill('13912345678');
    await page.getByTestId('arrive-origin').fill('湖北省武汉市江岸区');
    await page.getByTestId('arrive-address').fill('东河村3组12号');
    await page.getByTestId('arrive-grid').selectOption({ label: '东河村第一网格' });
    await page.getByTestId('arrive-submit').click();
    expect(await page.getByTestId('error-arrive-idNumber').textContent()).toContain('校验位');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'public-arrive-form-phone');
    await page.getByTestId('arrive-idNumber').fill(id);
    await page.getByTestId('arrive-submit').click();
    await page.getByTestId('arrive-done').waitFor();
    expect(await page.getByTestId('arrive-done').textContent()).toContain('登记成功，请等待网格员核实');
    expect(((await page.getByTestId('arrive-reference').textContent()) ?? '').trim()).not.toBe('');
    // Nothing personal lingers on the phone.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('王小明');
    expect(stored).not.toContain(id);
    expect(stored).not.toContain('13912345678');
    await screenshot(page, 'public-arrive-done-phone');

    // Revoked: stops working at once.
    const codes = (await admin.get<{ items: { id: string; token: string }[] }>(`/arrival-codes?regionId=${territory.villageId}`)).body.items;
    const row = codes.find((c) => c.token === code.token);
    if (row) {
      await admin.post(`/arrival-codes/${row.id}/revoke`, {});
      await page.goto(`${server.url}/p/arrive/${code.token}`);
      await page.getByTestId('arrive-invalid').waitFor();
    }
    await close();

    const desk = await phonePage(DESKTOP);
    const fresh = await admin.post<{ token: string }>('/arrival-codes', { regionId: territory.villageId });
    await desk.page.goto(`${server.url}/p/arrive/${fresh.token}`);
    await desk.page.getByTestId('arrive-form').waitFor();
    await screenshot(desk.page, 'public-arrive-form-desk');
    await desk.close();
  });
});
