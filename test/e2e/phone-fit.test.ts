// Pages a walk at 360 px found scrolling sideways inside their cards or cut short (issues 15, 19,
// 21): on a 360-px phone the retention settings, the HQ responsibility view, a village's child
// regions and the dashboard's metric buttons fit the screen, with nothing scrolling sideways
// inside them; the responsibility view's person opens the person search with the name typed in
// (and not in the URL); the access request names a mistyped ID number under its field.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, settled, sidewaysScrollers, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const PERSON = '孙适屏';

let server: TestServer;
let browser: Browser;
let admin: Api;
let villageId = 0;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const standard = await aStandardGrid(admin);
  villageId = standard.villageId;
  await admin.post('/regions', { parentId: villageId, level: 'grid', code: '33990100100102', name: '东河村第二网格' });
  // A person under home quarantine with none of the five responsible people named.
  const household = await admin.post<{ id: string }>('/households', { regionId: standard.gridId, address: '东河村 12 号' });
  const person = await admin.post<{ id: string }>('/persons', { householdId: household.id, name: PERSON, category: 'resident' });
  await admin.post('/quarantines', { personId: person.id, reason: '密切接触者', startOn: today() });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function fitsThePhone(page: Page): Promise<void> {
  await settled(page);
  expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
  expect(await sidewaysScrollers(page)).toEqual([]);
}

describe('pages that fit a 360-px phone', () => {
  it('retention settings: every kind’s days field on screen, nothing scrolling sideways', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/settings/retention`);
    await page.locator('[data-testid^="retention-days-"]').first().waitFor();
    await page.getByTestId('retention-preview').waitFor();
    await page.getByTestId('stand-downs').waitFor();
    await fitsThePhone(page);
    const fields = page.locator('[data-testid^="retention-days-"]');
    expect(await fields.count()).toBeGreaterThan(5);
    for (const box of await fields.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().right))) expect(box).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'phone-fit-retention');
    await context.close();
  });

  it('HQ responsibility view: the place filter says 全部, the person opens the search with the name', async () => {
    const { context, page } = await newPage(browser, PHONE);
    const urls: string[] = [];
    page.on('request', (r) => urls.push(decodeURIComponent(r.url())));
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/responsibility`);
    const incomplete = page.getByTestId('responsibility-incomplete');
    await incomplete.getByText(PERSON).waitFor();
    expect(await page.getByTestId('responsibility-place-town').textContent()).toContain('全部');
    expect(await page.getByTestId('responsibility-no-carriers').textContent()).toContain('包保责任人');
    await fitsThePhone(page);
    await screenshot(page, 'phone-fit-responsibility');

    await incomplete.getByText(PERSON).click();
    await page.waitForURL('**/persons');
    await page.getByTestId('person-search-cards').getByText(PERSON).waitFor();
    expect(page.url()).not.toContain(PERSON);
    await context.close();
  });

  it('a village’s child regions in two columns', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/territory?region=${villageId}`);
    await page.getByTestId('region-detail').getByText('东河村第二网格').waitFor();
    await fitsThePhone(page);
    await context.close();
  });

  it('the dashboard’s metric buttons show their whole names', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/dashboard`);
    const labels = page.getByTestId('map-metric').locator('.ant-segmented-item-label');
    await labels.first().waitFor();
    await settled(page);
    const cut = await labels.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth).map((el) => el.textContent));
    expect(cut).toEqual([]);
    expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
    await context.close();
  });

  it('the access request names a mistyped ID number under its field', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/persons`);
    await page.getByTestId('access-request').click();
    // A valid number with its last character changed: the check digit no longer matches.
    const valid = validIdNumber('215');
    await page.getByTestId('access-id-number').fill(`${valid.slice(0, 17)}${valid.endsWith('1') ? '2' : '1'}`);
    await page.getByTestId('access-purpose').fill('本人书面申请 2026-002');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const explain = page.locator('.ant-modal .ant-form-item-explain-error').first();
    await explain.waitFor();
    expect(await explain.textContent()).toContain('校验位');
    expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
    await context.close();
  });
});
