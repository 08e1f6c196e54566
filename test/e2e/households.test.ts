// Household investigation (排摸): register a household through the drawer, add a person (masked in
// the list), record a visit and see it in the timeline; on a desk and on a 360-px phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseToday, chooseOption, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn, makeGrid, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});


/** town → village → grid through the API, as the signed-in admin. */

describe('households', () => {
  it('registers a household, adds a person (masked), records a visit and shows it in the timeline', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await makeGrid(page);

    await page.getByTestId('nav-menu').getByText('入户排摸').click();
    await page.waitForURL('**/households');
    await page.getByTestId('household-table').getByText('暂无住户').waitFor();

    await page.getByTestId('household-create').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText('登记住户').first().waitFor();
    await chooseOption(page, 'household-region', '城南', '城南第一网格');
    await page.getByTestId('household-address').fill('城南路 18 号');
    await page.getByTestId('household-room').fill('501');
    await page.getByTestId('household-rental').click();
    await page.getByTestId('household-landlord').fill('王建国');
    await screenshot(page, 'desktop-household-create');
    await page.getByTestId('household-save').click();

    // Saved: the page opens the new household.
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    const detail = page.getByTestId('household-detail');
    await detail.getByRole('heading', { name: '城南路 18 号' }).waitFor();
    await detail.getByText('出租户').first().waitFor();
    await detail.getByText('未走访').first().waitFor();

    // Add a person with a valid ID number; the list shows it masked.
    const idNumber = validIdNumber('001');
    await page.getByTestId('person-create').click();
    await page.getByTestId('person-name').fill('李小梅');
    await page.getByTestId('person-id-number').fill(idNumber);
    await chooseOption(page, 'person-category', null, '返乡人员');
    await page.getByLabel('来源地').fill('湖北省武汉市');
    await chooseToday(page, page.getByLabel('抵达日期'));
    await page.getByTestId('person-save').click();
    const people = page.getByTestId('person-list');
    await people.getByText('李小梅').waitFor();
    const masked = `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
    await people.getByText(masked, { exact: false }).waitFor();
    expect(await people.textContent()).not.toContain(idNumber);
    await people.getByText('返乡人员').waitFor();

    // The same ID number again is refused, on the field.
    await page.getByTestId('person-create').click();
    await page.getByTestId('person-name').fill('李小梅二');
    await page.getByTestId('person-id-number').fill(idNumber);
    await page.getByTestId('person-save').click();
    await page.getByRole('dialog').locator('.ant-form-item-has-error').getByText(/该身份证号已登记/).waitFor();
    // The merge dialog (households-edit.test.ts) offers "same person"; here the user goes back.
    await page.getByTestId('merge-cancel').click();
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    // Reveal with a purpose: the full number shows in the modal, not in the page URL.
    await people.getByTestId('person-reveal').click();
    await page.getByTestId('reveal-purpose').fill('核实身份信息');
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('reveal-result').getByText(idNumber).waitFor();
    expect(page.url()).not.toContain('purpose');
    await page.getByRole('dialog').getByRole('button', { name: /关\s*闭/ }).first().click();

    // Record a visit.
    await page.getByTestId('visit-create').click();
    const visit = page.getByRole('dialog');
    await visit.getByText('有变更').click();
    await visit.getByText('身份证件').click();
    await visit.getByText('健康状况').click();
    await page.getByTestId('visit-members').getByText('在住').click();
    await page.getByTestId('visit-present').fill('1');
    await page.getByTestId('visit-note').fill('新登记返乡人员一名');
    await screenshot(page, 'desktop-household-visit');
    await page.getByTestId('visit-save').click();
    const history = page.getByTestId('visit-history');
    await history.locator('.ant-timeline').getByText('有变更').waitFor();
    await history.getByText('身份证件、健康状况').waitFor();
    await history.getByText('新登记返乡人员一名').waitFor();
    await expect.poll(async () => (await detail.textContent())?.includes('未走访')).toBe(false);
    await screenshot(page, 'desktop-household-detail');

    // Back in the list the household shows its member and today's visit.
    await page.goto(`${server.url}/households`);
    const table = page.getByTestId('household-table');
    await table.getByText('城南路 18 号').waitFor();
    await table.getByText('501室').waitFor();
    await screenshot(page, 'desktop-households');
    // "Not visited for 7 days" leaves it out.
    await chooseOption(page, 'household-days', null, '7天');
    await table.getByText('暂无住户').waitFor();
    await context.close();
  });

  it('shows cards and the household on a 360-px phone without sideways scrolling', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/households`);
    const cards = page.getByTestId('household-cards');
    await cards.getByText('城南路 18 号').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-households');
    await cards.getByText('城南路 18 号').click();
    await page.getByTestId('person-list').getByText('李小梅').waitFor();
    await page.getByTestId('visit-history').locator('.ant-timeline').getByText('有变更').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-household-detail');
    await page.getByTestId('visit-create').click();
    await page.getByTestId('visit-members').waitFor();
    await screenshot(page, 'phone-household-visit');
    await context.close();
  });
});
