// 导出 Excel from a list: the households list's button downloads a workbook with the list's rows
// (masked), the progress modal says what came; at 1366 px and on a 360-px phone.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, makeGrid, newPage, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
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

/** Two households in the grid, through the API as the signed-in admin (the drawer has its own test). */
async function twoHouseholds(page: Page, regionId: number) {
  await page.evaluate(async (regionId) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    for (const [address, landlordPhone] of [['城南路 18 号', '13912345678'], ['城南路 20 号', undefined]] as const) {
      await fetch('/api/v1/households', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ regionId, address, isRental: Boolean(landlordPhone), landlordName: landlordPhone ? '王建国' : undefined, landlordPhone }) });
    }
  }, regionId);
}

async function exportFrom(page: Page) {
  await page.getByTestId('export-excel').click();
  const download = page.waitForEvent('download');
  await page.locator('.ant-dropdown:visible').getByText('导出（号码脱敏）').click();
  const file = await download;
  await page.getByTestId('export-progress').getByText(/导出完成/).waitFor();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(String(await file.path())) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: file.suggestedFilename(), rows };
}

describe('list export', () => {
  it('downloads the households list as a workbook, masked, with its progress shown', async () => {
    const { context, page } = await newPage(browser, { width: 1366, height: 768 });
    await signIn(page, server.url, 'admin', server.adminPassword);
    const grid = await makeGrid(page);
    await twoHouseholds(page, grid);
    await page.goto(`${server.url}/households`);
    await page.getByTestId('households-total').getByText('共 2 条').waitFor();
    await screenshot(page, 'desktop-1366-households-export-button');

    const { name, rows } = await exportFrom(page);
    expect(name).toMatch(/^住户名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [header = [], ...data] = rows;
    expect(header.slice(0, 2)).toEqual(['地址', '楼栋']);
    expect(data.map((r) => r[0]).sort()).toEqual(['城南路 18 号', '城南路 20 号']);
    const phone = data.find((r) => r[0] === '城南路 18 号')?.[header.indexOf('房东电话')];
    expect(phone).toBe('139****5678');
    await page.getByTestId('export-expected').getByText('共 2 条').waitFor();
    await screenshot(page, 'desktop-1366-households-export-progress');
    await page.getByTestId('export-close').click();
    await context.close();
  });

  it('fits a 360-px phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/households`);
    await page.getByTestId('export-excel').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-households-export-button');
    const { rows } = await exportFrom(page);
    expect(rows.length).toBe(3);
    await screenshot(page, 'phone-households-export-progress');
    await context.close();
  });
});
