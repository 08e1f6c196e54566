// 卡口管理: a town officer registers a checkpoint, tries to remove it while the village has no
// patrol team (the missing list shows), removes it with an override reason, and the summary
// reads 1 / 1. On a 360-px phone the page does not scroll sideways.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
const OFFICER = { username: 'town-officer', password: 'harbour-kettle-123' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { townId } = await aStandardGrid(admin);
  await aStaffAccount(admin, { ...OFFICER, displayName: '王镇长', role: 'town_officer', regionId: townId });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('checkpoints', () => {
  it('registers a checkpoint, shows what is missing, removes it with an override, and counts 1 / 1', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.getByTestId('nav-menu').getByText('卡口管理').click();
    await page.waitForURL('**/checkpoints');
    await expect.poll(() => page.getByTestId('checkpoint-summary').textContent()).toContain('已撤除 0 / 0');

    await page.getByTestId('checkpoint-create').click();
    await chooseOption(page, 'checkpoint-region', '东河村', '东河村');
    await page.getByTestId('checkpoint-name').fill('东河村路口卡口');
    await page.getByTestId('checkpoint-place').fill('东河村主入口');
    await page.getByTestId('checkpoint-lng').fill('120.123456');
    await page.getByTestId('checkpoint-lat').fill('30.654321');
    await page.getByTestId('checkpoint-save').click();
    await page.getByTestId('checkpoint-table').getByText('东河村路口卡口').waitFor();
    await expect.poll(() => page.getByTestId('checkpoint-summary').textContent()).toContain('已撤除 0 / 1');

    await page.getByTestId('checkpoint-table').getByText('东河村路口卡口').click();
    await page.getByTestId('checkpoint-history').getByText('设立').waitFor();
    await screenshot(page, 'checkpoints-desktop-detail');
    await page.getByTestId('checkpoint-remove').click();
    const missing = page.getByTestId('coverage-missing');
    await missing.waitFor();
    expect(await missing.textContent()).toContain('东河村：本村及所在镇均无在岗巡查队');
    await page.getByTestId('removal-note').fill('交通恢复，撤除卡口');
    await page.getByTestId('checkpoint-remove-confirm').click();
    // Without an override reason the form refuses.
    await page.getByText('请填写强制撤除理由').waitFor();
    await screenshot(page, 'checkpoints-desktop-coverage');
    await page.getByTestId('removal-override').fill('劝导队本周组建，村干部临时巡查');
    await page.getByTestId('checkpoint-remove-confirm').click();
    await page.getByText('卡口已撤除', { exact: true }).waitFor();
    await expect.poll(() => page.getByTestId('checkpoint-summary').textContent()).toContain('已撤除 1 / 1');
    await page.getByTestId('checkpoint-history').getByText('强制撤除：劝导队本周组建，村干部临时巡查').waitFor();

    const detail = (await admin.get<{ items: { status: string; overrideReason: string | null }[] }>('/checkpoints')).body;
    expect(detail.items).toMatchObject([{ status: 'removed', overrideReason: '劝导队本周组建，村干部临时巡查' }]);
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('checkpoint-detail').waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '撤除记录' }).click();
    await page.getByTestId('checkpoint-history-list').getByText('东河村路口卡口').first().waitFor();
    await page.getByRole('tab', { name: '卡口清单' }).click();
    await screenshot(page, 'checkpoints-desktop');
    await context.close();
  });

  it('creates a patrol team and fits a 360-px phone without sideways scrolling', async () => {
    await admin.post('/checkpoints', { regionId: (await admin.get<{ items: { regionId: number }[] }>('/checkpoints')).body.items[0]?.regionId, name: '东河村北口卡口', place: '东河村北口', staffOnDuty: 3 });
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.goto(`${server.url}/checkpoints`);
    await page.getByTestId('checkpoint-cards').getByText('东河村北口卡口').waitFor();
    await expect.poll(() => page.getByTestId('checkpoint-summary').textContent()).toContain('已撤除 1 / 2');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'checkpoints-phone');

    await page.getByRole('tab', { name: '巡查队' }).click();
    await page.getByTestId('team-create').click();
    await chooseOption(page, 'team-region', '东河村', '东河村');
    await page.getByTestId('team-name').fill('东河村巡查劝导队');
    await page.getByTestId('team-save').click();
    await page.getByTestId('team-cards').getByText('东河村巡查劝导队').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'checkpoints-phone-teams');

    // With the patrol team in place the check is all green.
    await page.getByRole('tab', { name: '卡口清单' }).click();
    await page.getByTestId('checkpoint-cards').getByText('东河村北口卡口').click();
    await page.getByTestId('checkpoint-remove').click();
    await page.getByTestId('coverage-ok').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'checkpoints-phone-remove');
    await page.getByTestId('removal-note').fill('条件具备，撤除');
    await page.getByTestId('checkpoint-remove-confirm').click();
    await page.getByText('卡口已撤除', { exact: true }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('checkpoint-summary').textContent()).toContain('已撤除 2 / 2');
    await context.close();
  });
});
