// 巡查日志: a patrol member logs a patrol in the phone app on a 360-px phone — figures with the
// steppers, a photo from the camera input, shrunk on the phone — and the day's list shows it; a
// town officer's desktop list and 14-day chart too.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPng } from '../support/photos.ts';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
const MEMBER = { username: 'patrol-member', password: 'river-saddle-123' };
const OFFICER = { username: 'town-officer', password: 'harbour-kettle-123' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { townId, villageId } = await aStandardGrid(admin);
  await aStaffAccount(admin, { ...MEMBER, displayName: '赵队员', role: 'patrol_member', regionId: townId });
  await aStaffAccount(admin, { ...OFFICER, displayName: '王镇长', role: 'town_officer', regionId: townId });
  await admin.post('/patrol-teams', { regionId: villageId, name: '东河村巡查劝导队', kind: 'persuasion', members: 6 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('patrol logs', () => {
  it('a patrol member logs a patrol with a photo in the phone app on a 360-px phone; the day’s list shows it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, MEMBER.username, MEMBER.password);
    expect(new URL(page.url()).pathname).toBe('/field');
    await page.getByTestId('patrol-today').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);

    await page.getByTestId('patrol-create').click();
    await page.waitForURL('**/field/patrol/new');
    // The only team of the region is chosen already.
    await expect.poll(() => page.getByTestId('patrol-team').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')).toContain('东河村巡查劝导队');
    await page.getByTestId('patrol-gatheringsDispersed-plus').click();
    await page.getByTestId('patrol-gatheringsDispersed-plus').click();
    await page.getByTestId('patrol-peopleDispersed-input').fill('15');
    await page.getByTestId('patrol-maskReminders-input').fill('12');
    await page.getByTestId('patrol-places').fill('村口广场、菜市场');
    await page.getByTestId('patrol-note').fill('劝散打牌人员，提醒戴口罩');
    // The camera input (capture="environment"); the photo is redrawn as a JPEG before it goes up.
    expect(await page.getByTestId('patrol-photo-input').getAttribute('capture')).toBe('environment');
    await page.getByTestId('patrol-photo-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: aPng() });
    await page.getByTestId('patrol-photo-thumb').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'patrols-phone-form');
    await page.getByTestId('patrol-save').click();
    await page.getByText('巡查已记录', { exact: true }).waitFor();

    await page.waitForURL((url) => url.pathname === '/field');
    const card = page.getByTestId('patrol-card').filter({ hasText: '东河村' });
    await card.waitFor();
    expect(await card.textContent()).toContain('劝散 2');
    expect(await card.textContent()).toContain('1 张照片');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'patrols-phone');

    // The stored log, and its photo served back.
    const logs = (await admin.get<{ items: { gatheringsDispersed: number; peopleDispersed: number; maskReminders: number; photos: string[] }[] }>('/patrol-logs')).body.items;
    expect(logs).toMatchObject([{ gatheringsDispersed: 2, peopleDispersed: 15, maskReminders: 12 }]);
    expect(logs[0]?.photos).toHaveLength(1);
    const photo = await admin.get(`/patrol-logs/photos/${logs[0]?.photos[0]}`);
    expect(photo.status).toBe(200);
    expect(photo.type).toBe('image/jpeg');
    await context.close();
  });

  it('shows the logs and the chart to a town officer on a 1920 desktop', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.getByTestId('nav-menu').getByText('巡查日志').click();
    await page.waitForURL('**/patrols');
    await page.getByTestId('patrol-table').getByText('村口广场、菜市场').waitFor();
    await page.getByTestId('patrol-chart').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByText(/次巡查/).textContent()).toContain('劝散 2 处');
    await screenshot(page, 'patrols-desktop');
    await context.close();
  });
});
