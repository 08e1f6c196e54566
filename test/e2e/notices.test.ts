// 宣传发布: a town officer, on a 360-px phone, writes a notice with a Markdown list, sees the
// rendered preview and the loudspeaker and social texts, publishes it and copies the social text;
// the public API lists it. A desktop pass shows the table and the chart, and withdraws it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { aPng } from '../support/photos.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let townId: number;
const OFFICER = { username: 'town-officer', password: 'harbour-kettle-123' };
const TITLE = '关于做好返乡人员报备的通知';

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ townId } = await aStandardGrid(admin));
  await aStaffAccount(admin, { ...OFFICER, displayName: '周镇干', role: 'town_officer', regionId: townId });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface PublicList {
  items: { id: string; title: string; excerpt: string; source: string }[];
}
const publicNotices = async () => (await (await fetch(`${server.url}/api/v1/public/notices`)).json()) as PublicList;

describe('notices', () => {
  it('writes and publishes a notice on a phone with a live preview and scripts to copy; the public list shows it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.goto(`${server.url}/notices`);
    await page.getByTestId('notice-create').click();
    await page.waitForURL('**/notices/new');
    await page.getByTestId('notice-title').fill(TITLE);
    await page.getByTestId('notice-source').fill('城关镇人民政府');
    await page.getByTestId('notice-body').fill('## 报备要求\n\n返乡人员请在**抵达后 12 小时内**报备：\n\n- 扫描村口二维码登记\n- 或到村委会登记\n\n<script>alert(1)</script>');

    // The server's rendering: a heading, a list, bold; the script tag shown as text.
    const preview = page.getByTestId('notice-preview');
    await preview.locator('li', { hasText: '扫描村口二维码登记' }).waitFor();
    expect(await preview.locator('strong').textContent()).toBe('抵达后 12 小时内');
    expect(await preview.locator('h2').textContent()).toBe('报备要求');
    expect(await preview.textContent()).toContain('<script>alert(1)</script>');
    expect(await preview.locator('script').count()).toBe(0);
    const loudspeaker = page.getByTestId('notice-loudspeaker');
    await expect.poll(() => loudspeaker.textContent()).toContain(`各位村民（居民）朋友们请注意：\n${TITLE}。`);
    expect(await loudspeaker.textContent()).toContain('扫描村口二维码登记。\n或到村委会登记。');
    expect(await loudspeaker.textContent()).toContain('以上是城关镇人民政府的通知，请大家相互转告。\n\n再播送一遍。');
    expect(await loudspeaker.textContent()).not.toMatch(/[#*<>]|alert/);
    expect(await page.getByTestId('notice-social').textContent()).toBe(`【${TITLE}】报备要求。返乡人员请在抵达后 12 小时内报备：扫描村口二维码登记。或到村委会登记。（来源：城关镇人民政府）`);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.getByTestId('notice-body').scrollIntoViewIfNeeded();
    await screenshot(page, 'notices-phone-edit');
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'notices-phone-preview');

    await page.getByTestId('notice-save').click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    const detail = page.getByTestId('notice-detail');
    await detail.getByText('已发布').waitFor();
    await detail.getByTestId('notice-html').locator('li', { hasText: '或到村委会登记' }).waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'notices-phone-detail');

    // One click copies the social text.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.getByTestId('notice-social-copy').click();
    await page.getByText('已复制').waitFor();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('notice-social').textContent());
    await page.getByTestId('notice-loudspeaker-copy').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('再播送一遍。');
    await page.getByTestId('notice-loudspeaker').scrollIntoViewIfNeeded();
    await screenshot(page, 'notices-phone-scripts');

    // The public API (no account) lists it, without staff names.
    const listed = await publicNotices();
    expect(listed.items.map((i) => i.title)).toContain(TITLE);
    expect(listed.items[0]?.excerpt.startsWith('报备要求。返乡人员请在抵达后 12 小时内报备')).toBe(true);
    expect(JSON.stringify(listed)).not.toContain('周镇干');

    await page.goto(`${server.url}/notices`);
    await page.getByTestId('notice-cards').getByText(TITLE).waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'notices-phone-list');
    await context.close();
  });

  it('shows the table and the chart on a 1920-px screen, and withdraws with a confirmation', async () => {
    const officer = await apiAs(server.url, OFFICER.username, OFFICER.password);
    await officer.post('/notices', { regionId: townId, title: '新冠疫苗加强针接种安排', source: '城关镇卫生院', topic: 'health', body: '| 地点 | 时间 |\n| --- | --- |\n| 镇卫生院 | 8:00-16:30 |', status: 'published' });
    await officer.post('/notices', { regionId: townId, title: '春节防疫倡议（草稿）', source: '城关镇人民政府', topic: 'prevention', body: '1. 就地过年\n2. 红事缓办', status: 'draft' });
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.getByTestId('nav-menu').getByText('宣传发布').click();
    await page.waitForURL('**/notices');
    const table = page.getByTestId('notice-table');
    await table.getByText('新冠疫苗加强针接种安排').waitFor();
    await table.getByText('草稿', { exact: true }).waitFor();
    await page.getByTestId('notice-chart').locator('canvas').waitFor();
    await screenshot(page, 'notices-desktop');

    await table.getByText(TITLE).click();
    await page.getByTestId('notice-detail').getByText('已发布').waitFor();
    await screenshot(page, 'notices-desktop-detail');
    await page.getByTestId('notice-edit').click();
    await page.getByTestId('notice-preview').locator('li').first().waitFor();
    // An image goes up, its Markdown lands in the body, the preview shows it (at its staff URL).
    await page.getByTestId('notice-image-input').setInputFiles({ name: 'poster.png', mimeType: 'image/png', buffer: aPng(60) });
    await expect.poll(() => page.getByTestId('notice-body').inputValue()).toMatch(/!\[\]\(\/api\/v1\/public\/notice-images\/[0-9a-f-]{36}\)/);
    const img = page.getByTestId('notice-preview').locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth).catch(() => 0)).toBe(2);
    await screenshot(page, 'notices-desktop-edit');
    await page.getByTestId('notice-save').click();
    await page.getByTestId('notice-detail').locator('img').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop();
    const shown = (await (await fetch(`${server.url}/api/v1/public/notices/${id}`)).json()) as { html: string };
    const src = /<img src="([^"]+)"/.exec(shown.html)?.[1] ?? '';
    expect(src).toMatch(/^\/api\/v1\/public\/notice-images\//);
    const image = await fetch(`${server.url}${src}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');

    await page.getByTestId('notice-withdraw').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous').click();
    await page.getByTestId('notice-detail').getByText('已撤回').waitFor();
    expect((await publicNotices()).items.map((i) => i.title)).not.toContain(TITLE);
    expect((await publicNotices()).items.map((i) => i.title)).toContain('新冠疫苗加强针接种安排');
    await context.close();
  });
});
