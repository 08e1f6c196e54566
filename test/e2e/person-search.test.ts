// 人员查询 and the list tools: find people by a surname, an address, a whole ID number and a whole
// mobile number (masked, the number never in the URL), each with its total; filter households
// town → village → grid and read the total; on a desk (1920 and 1366 px) and on a 360-px phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, makeGrid, newPage, overflowsHorizontally, PHONE, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
const idNumber = validIdNumber('071');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Two households with three people in the grid, through the API as the signed-in admin. */
async function seedPeople(page: Page, gridId: number) {
  await page.evaluate(
    async ({ gridId, idNumber }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const post = (path: string, body: unknown) =>
        fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then(
          (r) => r.json() as Promise<{ id: string }>,
        );
      const east = await post('/households', { regionId: gridId, address: '城南路18号' });
      const west = await post('/households', { regionId: gridId, address: '城南路20号' });
      await post('/persons', { householdId: east.id, name: '王建国', category: 'resident', idNumber, phone: '13912345678' });
      await post('/persons', { householdId: east.id, name: '王小梅', category: 'resident' });
      await post('/persons', { householdId: west.id, name: '李强', category: 'tenant' });
    },
    { gridId, idNumber },
  );
}

async function searchFor(page: Page, text: string) {
  const box = page.getByTestId('person-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
}

describe('person search and list tools', () => {
  it('finds people by surname, address, ID number and mobile number, masked, with totals and nothing typed in the URL', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    const gridId = await makeGrid(page);
    await seedPeople(page, gridId);

    await page.getByTestId('nav-menu').getByText('人员查询').click();
    await page.waitForURL('**/persons');
    await searchFor(page, '王');
    const table = page.getByTestId('person-search-table');
    await table.getByText('王建国').waitFor();
    await table.getByText('王小梅').waitFor();
    expect(await table.getByText('李强').count()).toBe(0);
    await page.getByTestId('person-search-summary').getByText('按姓名查到').waitFor();
    await page.getByTestId('person-search-summary').getByText('已显示 2 人').waitFor();
    await page.getByTestId('person-search-total').getByText('共 2 条').waitFor();

    await searchFor(page, '城南路20号');
    await page.getByTestId('person-search-summary').getByText('按住址查到').waitFor();
    await table.getByText('李强').waitFor();
    await page.getByTestId('person-search-total').getByText('共 1 条').waitFor();
    await searchFor(page, '城南路');
    await page.getByTestId('person-search-total').getByText('共 3 条').waitFor();

    await searchFor(page, idNumber);
    await page.getByTestId('person-search-summary').getByText('按身份证号查到').waitFor();
    await table.getByText('王建国').waitFor();
    await table.getByText(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`).waitFor();
    await table.getByText('139****5678').waitFor();
    expect(await table.innerText()).not.toContain(idNumber.slice(6, 14));
    expect(page.url()).not.toContain(idNumber.slice(6, 14));
    await screenshot(page, 'desktop-person-search');

    // A mobile number as people type it, with spaces: found whole by its keyed hash, masked.
    await searchFor(page, '139 1234 5678');
    await page.getByTestId('person-search-summary').getByText('按手机号查到').waitFor();
    await page.getByTestId('person-search-total').getByText('共 1 条').waitFor();
    await table.getByText('王建国').waitFor();
    await table.getByText('139****5678').waitFor();
    expect(await table.innerText()).not.toContain('13912345678');
    expect(page.url()).not.toContain('1234');
    await page.setViewportSize({ width: 1366, height: 768 });
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'desktop-1366-person-search');
    await page.setViewportSize({ width: 1920, height: 1080 });

    // A row opens the person's household.
    await table.getByText('王建国').click();
    await page.waitForURL(/\/households\/[0-9a-f-]{36}$/);
    await context.close();
  });

  it('filters households town → village → grid and shows the total', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/households`);
    await page.getByTestId('households-total').getByText('共 2 条').waitFor();
    await chooseOption(page, 'households-place-town', null, '城关镇');
    await page.waitForURL(/regionId=\d+/);
    await chooseOption(page, 'households-place-village', null, '城南社区');
    await page.getByTestId('households-place-grid').waitFor();
    await page.getByTestId('households-total').getByText('共 2 条').waitFor();
    await screenshot(page, 'desktop-households-region-filter');
    // A link with the filter rebuilds the chain of selects.
    await page.reload();
    await page.getByTestId('households-place-village').getByText('城南社区').waitFor();
    await context.close();
  });

  it('fits a 360-px phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/persons`);
    await searchFor(page, '王');
    await page.getByTestId('person-search-cards').getByText('王建国').waitFor();
    await page.getByTestId('person-search-total').getByText('共 2 条').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-person-search');
    await page.goto(`${server.url}/households`);
    await page.getByTestId('households-total').getByText('共 2 条').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-households-region-filter');
    await context.close();
  });
});
