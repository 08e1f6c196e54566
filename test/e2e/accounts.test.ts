// Accounts and tokens through the UI: create with a region picked by search, a duplicate name
// refused on its field, disable; only the roles below one's own offered, each with regions of its
// level; an API token created (shown once) and revoked.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, launchBrowser, newPage, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { aStaffAccount, apiAs } from './api-client.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { context, page } = await newPage(browser);
  await signIn(page, server.url, 'admin', server.adminPassword);
  await page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
    await fetch('/api/v1/regions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' }),
    });
  });
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accounts', () => {
  it('creates a town officer in a town, refuses the same username again, and disables it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/users`);

    const create = async () => {
      await page.getByTestId('user-create').click();
      const drawer = page.getByRole('dialog');
      await page.getByTestId('user-username').fill('wang.fang');
      await page.getByTestId('user-display-name').fill('王芳');
      await page.getByTestId('user-password').fill('plum-orchard-2024');
      await chooseOption(page, drawer.locator('.ant-form-item').filter({ hasText: '角色' }).locator('.ant-select'), null, '镇/街道干部');
      // The region picker now offers towns only: a town officer is bound to a town.
      await drawer.getByText('镇/街道干部须绑定到镇/街道').waitFor();
      await chooseOption(page, drawer.locator('.ant-form-item').filter({ hasText: '所属辖区' }).locator('.ant-select'), '城关', '城关镇');
      await page.getByTestId('user-save').click();
      return drawer;
    };
    await create();
    const table = page.getByTestId('user-table');
    await table.getByRole('cell', { name: '王芳' }).waitFor();
    await table.getByRole('row').filter({ hasText: '王芳' }).getByText('城关镇').waitFor();

    const drawer = await create();
    await drawer.getByText('已被占用').waitFor();
    await drawer.getByRole('button', { name: /取\s*消/ }).click();

    await table.getByRole('row').filter({ hasText: '王芳' }).getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByTestId('user-toggle-active').click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '停用账号' }).click();
    await table.getByRole('row').filter({ hasText: '王芳' }).getByText('已停用').waitFor();
    await context.close();
  });

  it('offers a town officer only the roles below its own', async () => {
    const admin = await apiAs(server.url, 'admin', server.adminPassword);
    const town = (await admin.get<{ items: { id: number; name: string }[] }>(`/regions?q=${encodeURIComponent('城关镇')}`)).body.items[0];
    await aStaffAccount(admin, { username: 'zhou.town', password: 'harbour-kettle-123', displayName: '周镇长', role: 'town_officer', regionId: town?.id ?? 0 });
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'zhou.town', 'harbour-kettle-123');
    await page.goto(`${server.url}/users`);
    await page.getByTestId('user-create').click();
    await page.getByRole('dialog').locator('.ant-form-item').filter({ hasText: '角色' }).locator('.ant-select').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['村/社区书记', '网格长', '网格员', '巡查队员', '微网格志愿者']);
    await context.close();
  });

  it('creates an API token, shows it once, lists it, and revokes it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/profile`);
    await page.getByTestId('token-create').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input').first().fill('数据对接脚本');
    await dialog.getByRole('button', { name: /新\s*建/ }).click();
    const secret = await page.getByTestId('token-secret').textContent();
    expect(secret).toMatch(/^\S{20,}$/);
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();

    const row = page.getByRole('row').filter({ hasText: '数据对接脚本' });
    await row.getByText('有效').waitFor();
    // Once the dialog is gone the secret is not on the page any more; the list never carries it.
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(secret ?? '');
    await row.getByRole('button', { name: /吊\s*销/ }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: /吊\s*销/ }).click();
    await row.getByText('已吊销').waitFor();
    await context.close();
  });
});
