// The auditor's audit log puts a suspected enumeration first: a grid worker who has been told
// "already registered in another region" about six different people within the hour shows up
// in a red alert above the log, which filters to the alerts or to that account's lookups.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aGridWithWorker, aStaffAccount, apiAs } from './api-client.ts';
import { launchBrowser, newPage, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiAs(server.url, 'admin', server.adminPassword);
  const home = await aGridWithWorker(admin, { townCode: '339901001', town: '城关镇', village: '东河村', grid: '东河村第一网格' }, { username: 'worker', password: 'river-lantern-451', displayName: '李网格' });
  const other = await aGridWithWorker(admin, { townCode: '339901002', town: '南山乡', village: '南山村', grid: '南山村第一网格' }, { username: 'south', password: 'mountain-kettle-872', displayName: '王网格' });
  const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
  await aStaffAccount(admin, { username: 'auditor', displayName: '赵审计', role: 'auditor', regionId: me.region.id, password: 'ledger-willow-639' });
  const south = await apiAs(server.url, 'south', 'mountain-kettle-872');
  const worker = await apiAs(server.url, 'worker', 'river-lantern-451');
  for (let i = 0; i < 6; i++) {
    const idNumber = validIdNumber(`7${i}0`);
    await south.post('/persons', { regionId: other, name: `南山${i}`, idNumber, category: 'resident' });
    // The worker registers the same ID number in their own grid: refused as "in another region".
    await expect(worker.post('/persons', { regionId: home, name: '试探', idNumber, category: 'floating' })).rejects.toThrow(/409/);
  }
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('audit log', () => {
  it('shows a suspected enumeration in red above the log, and filters to the alerts', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'auditor', 'ledger-willow-639');
    await page.goto(`${server.url}/audit`);
    const banner = page.getByTestId('audit-enumeration-alerts');
    await banner.getByText('疑似批量查询他人信息（1 条告警）').waitFor();
    await banner.getByText(/worker.*6 人/).waitFor();
    await screenshot(page, 'desktop-audit-enumeration-alert');
    await page.getByTestId('audit-alerts-only').click();
    const table = page.getByTestId('audit-table');
    await expect.poll(async () => (await table.locator('tbody tr.ant-table-row').allTextContents()).length).toBe(1);
    expect(await table.locator('tbody tr.ant-table-row').first().textContent()).toContain('疑似批量查询他人信息');
    await context.close();
  });
});
