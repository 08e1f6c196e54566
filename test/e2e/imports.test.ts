// The people import page: template, grid, file, mode → upload and job progress → figures, the
// refused rows with their reasons in Chinese, and the refused rows as a workbook to download.
// A spreadsheet bomb: refused at upload, the page says which limit in Chinese ("解压后超过 … MB");
// one whose zip lies about its size fails its job, and the job view says why with the limit.
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn, makeGrid, validIdNumber } from './browser.ts';
import { type TestServer, startServer } from './server.ts';
import { IMPORT_LIMITS } from '../../src/shared/import-limits.ts';
import { sharedStringsBomb } from '../support/bombs.ts';

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



async function peopleWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(['姓名', '身份证号', '地址', '人员类别', '手机号']);
  sheet.addRow(['导入甲', validIdNumber('001', '19900101'), '城南路 1 号', '常住人口', '13900000001']);
  sheet.addRow(['导入乙', validIdNumber('002', '19900101'), '城南路 1 号', '流动人口', null]);
  const wrong = validIdNumber('003', '19900101');
  sheet.addRow(['导入丙', `${wrong.slice(0, 17)}${wrong.endsWith('1') ? '2' : '1'}`, '城南路 2 号', '常住人口', null]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('people import page', () => {
  for (const viewport of ['desktop', 'phone'] as const) {
    it(`imports a workbook with a progress bar and lists the refused row with its reason (${viewport})`, async () => {
      const { context, page } = viewport === 'phone' ? await newPage(browser, PHONE) : await newPage(browser);
      await signIn(page, server.url, 'admin', server.adminPassword);
      if (viewport === 'desktop') await makeGrid(page);
      await page.goto(`${server.url}/households`);
      await page.getByTestId('person-import-open').click();
      await page.waitForURL('**/households/import');
      const template = await page.getByTestId('person-import-template').getAttribute('href');
      const templateStatus = await page.evaluate(async (href) => (await fetch(href ?? '')).status, template);
      expect(templateStatus).toBe(200);

      await chooseOption(page, 'person-import-region', '城南', '城南第一网格');
      await page.locator('input[type=file]').setInputFiles({ name: '人员.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await peopleWorkbook() });
      if (viewport === 'desktop') await screenshot(page, 'desktop-person-import-form');
      await page.getByTestId('person-import-start').click();
      const job = page.getByTestId('person-import-job');
      await job.getByText('已完成').first().waitFor({ timeout: 20_000 });
      await job.getByText('身份证号校验位（最后一位）不符，可能有字符输错').waitFor();
      expect(await job.locator('.ant-statistic').nth(1).innerText()).toContain(viewport === 'desktop' ? '2' : '0');
      const href = await page.getByTestId('person-import-rejected-download').getAttribute('href');
      const download = await page.evaluate(async (h) => {
        const res = await fetch(h ?? '');
        return { status: res.status, type: res.headers.get('content-type'), bytes: (await res.arrayBuffer()).byteLength };
      }, href);
      expect(download.status).toBe(200);
      expect(download.type).toContain('spreadsheetml');
      expect(download.bytes).toBeGreaterThan(1000);
      await screenshot(page, `${viewport}-person-import-result`);
      const overflow = await overflowsHorizontally(page);
      expect(overflow, JSON.stringify(overflow)).toMatchObject({ overflow: false });
      await context.close();
    });
  }
});

async function uploadBomb(page: Page, file: Buffer) {
  await chooseOption(page, 'person-import-region', '城南', '城南第一网格');
  await page.locator('input[type=file]').setInputFiles({ name: '炸弹.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
  await page.getByTestId('person-import-start').click();
}

describe('people import page and spreadsheet bombs', () => {
  it('says in Chinese which limit a bomb passed, at upload and as the job’s error', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await makeGrid(page);
    await page.goto(`${server.url}/households/import`);
    await uploadBomb(page, sharedStringsBomb(30, 100));
    const refused = page.getByTestId('person-import-upload-error');
    await refused.getByText(`解压后超过 ${IMPORT_LIMITS.persons.partMb} MB`, { exact: false }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'desktop-person-import-bomb-refused');

    await page.goto(`${server.url}/households/import`);
    await uploadBomb(page, sharedStringsBomb(30, 100, 50));
    const error = page.getByTestId('person-import-error');
    await error.getByText(`工作簿中有超过 ${IMPORT_LIMITS.persons.cellChars} 个字符的文字`, { exact: false }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'desktop-person-import-bomb-failed');
    await context.close();
  });
});
