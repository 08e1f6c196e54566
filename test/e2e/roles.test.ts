// Navigation follows the role: a grid worker reads the territory of their grid and nothing else;
// a town officer manages their own town only.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { FIRST_PASSWORD, completeFirstSignIn } from './api-client.ts';

let server: TestServer;
let browser: Browser;

/** Runs API calls as the signed-in admin, inside the page (cookie + CSRF token). */
async function seed(page: Page) {
  await page.evaluate(async (firstPassword) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
    const post = (path: string, body: unknown) =>
      fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: number }>);
    const town = await post('/regions', { parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' });
    await post('/regions', { parentId: me.region.id, level: 'town', code: '339901002', name: '东城街道' });
    const village = await post('/regions', { parentId: town.id, level: 'village', code: '339901001001', name: '城南社区' });
    const grid = await post('/regions', { parentId: village.id, level: 'grid', code: '33990100100101', name: '第一网格' });
    await post('/users', { username: 'officer', displayName: '张镇长', role: 'town_officer', regionId: town.id, password: firstPassword });
    await post('/users', { username: 'worker', displayName: '李网格', role: 'grid_worker', regionId: grid.id, password: firstPassword });
  }, FIRST_PASSWORD);
  await completeFirstSignIn(server.url, 'officer', 'harbour-kettle-123');
  await completeFirstSignIn(server.url, 'worker', 'lantern-orchard-123');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { context, page } = await newPage(browser);
  await signIn(page, server.url, 'admin', server.adminPassword);
  await seed(page);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('navigation by role', () => {
  it('gives a grid worker home, territory (read only, from their grid), households, the daily report, forms, checkpoints, tips, arrivals, hand-overs, verification tasks, responsibility and profile', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'worker', 'lantern-orchard-123');
    const menu = page.getByTestId('nav-menu');
    await menu.getByText('辖区网格').waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['工作台', '辖区网格', '人员查询', '入户排摸', '手机版', '每日上报', '登记表/责任书', '卡口管理', '红白事报备', '居家隔离', '巡查日志', '人员移交', '整改任务', '核查任务', '有奖举报', '扫码登记', '包保责任', '个人中心']);

    await menu.getByText('辖区网格').click();
    const detail = page.getByTestId('region-detail');
    await detail.getByText('只读：您的角色不能修改辖区').waitFor();
    expect(await page.getByTestId('region-create-child').count()).toBe(0);
    expect(await page.getByTestId('region-import').count()).toBe(0);
    await page.getByTestId('region-tree').getByText('第一网格').waitFor();
    expect(await page.getByTestId('region-tree').getByText('示范县').count()).toBe(0);

    await page.goto(`${server.url}/users`);
    await page.getByText('您的账号无权访问此页面').waitFor();
    await context.close();
  });

  it('lets a town officer manage accounts and regions of their town only', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'officer', 'harbour-kettle-123');
    const menu = page.getByTestId('nav-menu');
    await menu.getByText('账号管理').waitFor();
    expect(await menu.getByText('审计日志').count()).toBe(0);

    await page.goto(`${server.url}/territory`);
    await page.getByTestId('region-tree').getByText('城南社区').waitFor();
    expect(await page.getByTestId('region-tree').getByText('东城街道').count()).toBe(0);
    await page.getByTestId('region-create-child').waitFor();

    await page.goto(`${server.url}/users`);
    await page.getByText('李网格').waitFor();
    expect(await page.getByText('系统管理员').count()).toBe(0);
    await context.close();
  });
});
