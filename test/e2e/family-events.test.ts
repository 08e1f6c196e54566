// 红白事报备: a village secretary, on a 360-px phone, files a wedding, records the guidance
// "postponed" and follows it up; the list and the tiles show it, nothing scrolls sideways.
// A desktop pass takes the 1920-px screenshots.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { chooseToday, chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
const SECRETARY = { username: 'village-secretary', password: 'meadow-copper-123' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { villageId } = await aStandardGrid(admin);
  await aStaffAccount(admin, { ...SECRETARY, displayName: '张书记', role: 'village_secretary', regionId: villageId });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const inDays = (n: number) => {
  const d = new Date(Date.now() + n * 86_400_000);
  return d.toISOString().slice(0, 10);
};

describe('family events', () => {
  it('files a wedding on a phone, records the guidance and the follow-up, and the list shows it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.goto(`${server.url}/family-events`);
    await page.getByTestId('family-event-summary').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);

    await page.getByTestId('family-event-create').click();
    // The secretary's own village is filled in; the kind defaults to a wedding.
    await page.getByTestId('family-event-host').fill('王大明');
    await page.getByTestId('family-event-phone').fill('13812345678');
    // The phone's date picker is tap-only (no keyboard): today's wedding.
    await chooseToday(page, page.getByLabel('拟办日期'));
    await page.getByTestId('family-event-guests').fill('180');
    await page.getByTestId('family-event-place').fill('东河村文化礼堂');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'family-events-phone-file');
    await page.getByTestId('family-event-save').click();

    const cards = page.getByTestId('family-event-cards');
    await cards.getByText('王大明').waitFor();
    expect(await cards.textContent()).toContain('婚事');
    await expect.poll(() => page.getByTestId('family-event-tile-open').textContent()).toContain('1');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'family-events-phone');

    await cards.getByText('王大明').click();
    await page.getByTestId('family-event-detail').getByText('138****5678').waitFor();
    await chooseOption(page, 'family-event-decision', null, '延期举办');
    await page.getByTestId('family-event-guidance').fill('已劝导事主延期至疫情结束后举办');
    await page.getByTestId('family-event-guidance-save').click();
    await page.getByTestId('family-event-follow-up-form').waitFor();
    await page.getByTestId('family-event-history').getByText('劝导', { exact: true }).waitFor();
    await page.getByTestId('family-event-actual-guests').fill('0');
    await page.getByTestId('family-event-follow-up-note').fill('已延期，现场无聚集');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'family-events-phone-detail');
    await page.getByTestId('family-event-follow-up-save').click();
    await page.getByTestId('family-event-history').getByText('回访', { exact: true }).waitFor();
    await page.getByTestId('family-event-detail').getByText('已延期，现场无聚集').waitFor();
    await page.keyboard.press('Escape');

    await expect.poll(async () => (await cards.textContent()) ?? '').toContain('已回访');
    expect(await cards.textContent()).toContain('延期举办');
    await expect.poll(() => page.getByTestId('family-event-tile-followedUp').textContent()).toContain('1');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);

    const listed = (await admin.get<{ items: { status: string; decision: string; hostPhone: string }[] }>('/family-events')).body;
    expect(listed.items).toMatchObject([{ status: 'followed_up', decision: 'postponed', hostPhone: '138****5678' }]);
    await context.close();
  });

  it('shows the table and the chart on a 1920-px screen', async () => {
    const region = (await admin.get<{ items: { regionId: number }[] }>('/family-events')).body.items[0]?.regionId;
    await admin.post('/family-events', { regionId: region, kind: 'funeral', hostName: '李老汉', plannedOn: inDays(2), place: '李家老宅', expectedGuests: 60 });
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.getByTestId('nav-menu').getByText('红白事报备').click();
    await page.waitForURL('**/family-events');
    await page.getByTestId('family-event-table').getByText('李老汉').waitFor();
    await page.getByTestId('family-event-chart').waitFor();
    await screenshot(page, 'family-events-desktop');
    await page.getByTestId('family-event-table').getByText('李老汉').click();
    await page.getByTestId('family-event-guidance-form').waitFor();
    await screenshot(page, 'family-events-desktop-detail');
    await context.close();
  });
});
