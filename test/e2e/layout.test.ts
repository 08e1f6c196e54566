// The phone layout (360 px) has no horizontal overflow; screenshots of the main pages at phone
// and desktop sizes go to screenshots/ for a human to look at.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { FIRST_PASSWORD } from './api-client.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Something to show: a town with a village, and a second account.
  const { context, page } = await newPage(browser);
  await signIn(page, server.url, 'admin', server.adminPassword);
  await page.evaluate(async (firstPassword) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
    const post = (path: string, body: unknown) =>
      fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: number }>);
    const town = await post('/regions', { parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' });
    await post('/regions', { parentId: me.region.id, level: 'town', code: '339901002', name: '东城街道' });
    const village = await post('/regions', { parentId: town.id, level: 'village', code: '339901001001', name: '城南社区' });
    const grid = await post('/regions', { parentId: village.id, level: 'grid', code: '33990100100101', name: '第一网格' });
    await post('/users', { username: 'zhang.wei', displayName: '张伟', role: 'town_officer', regionId: town.id, password: firstPassword });
    await post('/users', { username: 'li.na', displayName: '李娜', role: 'grid_worker', regionId: grid.id, password: firstPassword });
  }, FIRST_PASSWORD);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('layout', () => {
  for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    it(`renders sign-in, territory and users at ${viewport.width}×${viewport.height} without horizontal overflow`, async () => {
      const { context, page } = await newPage(browser, viewport);
      await page.goto(`${server.url}/login`);
      await page.getByTestId('login-title').waitFor();
      await expect.poll(() => page.getByTestId('login-title').textContent()).toContain('示范县');
      await screenshot(page, `${label}-sign-in`);
      expect((await overflowsHorizontally(page)).overflow).toBe(false);

      await signIn(page, server.url, 'admin', server.adminPassword);
      await page.goto(`${server.url}/territory`);
      await page.getByTestId('region-tree').getByText('城关镇').waitFor();
      await page.getByTestId('region-detail').getByText('339901', { exact: true }).waitFor();
      await screenshot(page, `${label}-territory`);
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });

      await page.goto(`${server.url}/users`);
      await page.getByText('张伟').first().waitFor();
      await page.getByText('城关镇').first().waitFor();
      await screenshot(page, `${label}-users`);
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
      await context.close();
    });
  }

  it('opens the navigation drawer on a phone and navigates with it', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.getByTestId('nav-toggle').click();
    await page.getByTestId('nav-menu').getByText('审计日志').click();
    await page.waitForURL('**/audit');
    await page.getByTestId('audit-cards').getByText('城关镇').first().waitFor();
    await screenshot(page, 'phone-audit');
    expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
    await context.close();
  });
});
