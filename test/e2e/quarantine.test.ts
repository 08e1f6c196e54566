// 居家隔离: a grid worker, on a 360-px phone, orders home quarantine for a person registered in
// the grid, records a normal check and a fever check (the red warning before saving, the alert
// after), acknowledges the alert on the alerts page, and is told clearly that a second order for
// the same person is refused. On a 1920-px screen the admin sees the order in the list and prints
// the notice with the person's name and dates.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/** A search answers over the network: on a loaded machine that takes longer than expect.poll's 1 s default. */
const SEARCHED = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let admin: Api;
let householdId = '';
const WORKER = { username: 'worker', password: 'lantern-orchard-123' };
const PERSON = '赵晓隔';

const dayIn = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { gridId } = await aStandardGrid(admin);
  const household = await admin.post<{ id: string }>('/households', { regionId: gridId, address: '东河村 8 号' });
  householdId = household.id;
  await admin.post('/persons', { householdId: household.id, name: PERSON, category: 'returnee', origin: '湖北省武汉市', arrivedOn: dayIn(0) });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface AlertRow { kind: string; personName: string; acknowledgedAt: string | null }

describe('home quarantine', () => {
  it('orders quarantine on a phone, records a normal and a fever check, and acknowledges the alert', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/quarantine`);
    await page.getByTestId('quarantine-summary').waitFor();

    await page.getByTestId('quarantine-create').click();
    await chooseOption(page, 'quarantine-person', PERSON, PERSON);
    await page.getByTestId('quarantine-reason').fill('自武汉返乡，按要求居家隔离');
    await page.getByTestId('quarantine-place').fill('东河村 8 号（本人住所）');
    // The county's 14 days, the first included, are shown and filled in.
    expect(await page.getByTestId('quarantine-default-end').textContent()).toContain(dayIn(13));
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'quarantine-phone-create');
    await page.getByTestId('quarantine-save').click();

    await page.getByTestId('quarantine-detail').waitFor();
    expect(await page.getByTestId('quarantine-person-name').textContent()).toBe(PERSON);
    await page.getByTestId('quarantine-today-missing').waitFor();
    expect(await page.getByTestId('quarantine-info').textContent()).toContain(`${dayIn(0)} ~ ${dayIn(13)}`);

    // A mistyped temperature is refused with the range, not clamped to it.
    await page.getByTestId('quarantine-temperature').fill('33.5');
    await page.getByTestId('quarantine-check-save').click();
    await page.getByTestId('quarantine-check-form').getByText('体温须在 34.0–43.0 ℃ 之间').waitFor();
    expect(await page.getByTestId('quarantine-temperature').inputValue()).toBe('33.5');
    await page.getByTestId('quarantine-temperature').fill('36.5');
    await page.getByTestId('quarantine-check-save').click();
    await page.getByTestId('quarantine-check-ok').waitFor();
    await page.getByTestId('quarantine-today-done').waitFor();

    await page.getByTestId('quarantine-temperature').fill('38.2');
    await page.getByTestId('quarantine-fever-warning').waitFor();
    await page.getByTestId('quarantine-check-save').click();
    const raised = page.getByTestId('quarantine-check-alert');
    await raised.waitFor();
    expect(await raised.textContent()).toContain('38.2');
    await page.getByTestId('quarantine-temperature-chart').waitFor();
    await expect.poll(async () => (await page.getByTestId('quarantine-checks').textContent()) ?? '').toContain('38.2');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'quarantine-phone-detail');

    await page.goto(`${server.url}/quarantine/alerts`);
    const cards = page.getByTestId('quarantine-alert-cards');
    await cards.getByText(PERSON).waitFor();
    expect(await cards.textContent()).toContain('发热');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'quarantine-phone-alerts');
    await cards.getByTestId('quarantine-ack').click();
    // Open alerts only: the acknowledged one leaves the list.
    await page.getByTestId('quarantine-alert-cards').waitFor({ state: 'detached' });
    const alerts = (await admin.get<{ items: AlertRow[] }>('/quarantines/alerts')).body.items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'fever', personName: PERSON });
    expect(alerts[0]?.acknowledgedAt).toBeTruthy();

    // A second order for the same person: refused, and said in words.
    await page.goto(`${server.url}/quarantine`);
    await page.getByTestId('quarantine-cards').getByText(PERSON).waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'quarantine-phone-list');
    await page.getByTestId('quarantine-create').click();
    await chooseOption(page, 'quarantine-person', PERSON, PERSON);
    await page.getByTestId('quarantine-reason').fill('重复下达');
    await page.getByTestId('quarantine-save').click();
    await page.locator('.ant-drawer .ant-alert-error').getByText('已有进行中的居家隔离').waitFor();
    await context.close();
  });

  it('lists the order on a 1920-px screen, prints the notice with the name and dates, extends and releases it', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/quarantine`);
    const table = page.getByTestId('quarantine-table');
    await table.getByText(PERSON).waitFor();
    await expect.poll(async () => (await page.getByTestId('quarantine-tile-active').textContent()) ?? '').toContain('1');
    await page.getByTestId('quarantine-region-chart').waitFor();
    // The order's short number in place of its id, found by the search box.
    const number = (await table.getByTestId('quarantine-number').first().textContent()) ?? '';
    expect(number).toMatch(/^GL-\d{8}-\d{4}$/);
    await page.getByTestId('quarantine-search').locator('input').fill(number);
    await page.getByTestId('quarantine-search').locator('input').press('Enter');
    await expect.poll(() => table.getByTestId('quarantine-number').allTextContents(), SEARCHED).toEqual([number]);
    await page.getByTestId('quarantine-search').locator('input').fill('GL-19990101');
    await page.getByTestId('quarantine-search').locator('input').press('Enter');
    await expect.poll(() => table.getByTestId('quarantine-number').count(), SEARCHED).toBe(0);
    await page.getByTestId('quarantine-search').locator('input').fill('');
    await table.getByText(PERSON).waitFor();
    await screenshot(page, 'quarantine-desktop-list');

    await table.getByText(PERSON).click();
    await page.getByTestId('quarantine-temperature-chart').waitFor();
    await page.getByTestId('quarantine-history').getByText('下达隔离').waitFor();
    expect(await page.getByTestId('quarantine-detail').getByTestId('quarantine-number').textContent()).toBe(number);
    await screenshot(page, 'quarantine-desktop-detail');

    await page.getByTestId('quarantine-notice-link').click();
    const sheet = page.getByTestId('quarantine-notice-sheet');
    await sheet.waitFor();
    expect(await page.getByTestId('quarantine-notice-person').textContent()).toBe(PERSON);
    const period = await page.getByTestId('quarantine-notice-period').textContent();
    expect(period).toContain(dayIn(0));
    expect(period).toContain(dayIn(13));
    expect(await sheet.textContent()).toContain('居家隔离告知书');
    expect(await sheet.textContent()).toContain('李网格');
    await screenshot(page, 'quarantine-desktop-notice');
    // On paper: the sheet only, no print button.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('quarantine-print').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Extend by a week, then release: the history says so and the check form goes away.
    await page.goBack();
    await page.getByTestId('quarantine-extend').click();
    await page.getByTestId('quarantine-extend-reason').fill('同住人员出现症状，延长观察');
    await page.getByTestId('quarantine-action-ok').click();
    await page.getByTestId('quarantine-history').getByText(`截止日期 ${dayIn(13)} → ${dayIn(20)}`).waitFor();
    await page.getByTestId('quarantine-release').click();
    await page.getByTestId('quarantine-action-note').fill('经评估解除隔离');
    await page.getByTestId('quarantine-action-ok').click();
    await page.getByTestId('quarantine-history').getByText('解除隔离', { exact: true }).waitFor();
    expect(await page.getByTestId('quarantine-check-form').count()).toBe(0);
    expect(await page.getByTestId('quarantine-release').count()).toBe(0);

    // From a household's person row the drawer opens with the person chosen.
    await page.goto(`${server.url}/households/${householdId}`);
    await page.getByTestId('person-list').getByTestId('person-quarantine').click();
    await page.locator('.ant-drawer').getByText(PERSON).waitFor();
    await context.close();
  });
});
