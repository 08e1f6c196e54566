// Passwords in the browser: an account whose password an admin set is sent to choose its own
// before anything else (and kept there), a weak choice is explained in Chinese with a strength
// meter while typing; a grid worker changes their password from the phone's user menu.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PASSWORD, type Api, aStandardGrid, apiAs } from './api-client.ts';
import { PHONE, launchBrowser, newPage, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let townId: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ townId } = await aStandardGrid(admin));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const loginStatus = async (username: string, password: string) =>
  (await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) })).status;

describe('changing a password', () => {
  it('sends an account whose password an admin set to choose its own first, and explains a weak one', async () => {
    await admin.post('/users', { username: 'new.member', displayName: '钱队员', role: 'patrol_member', regionId: townId, password: FIRST_PASSWORD });
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'new.member', FIRST_PASSWORD);
    await page.waitForURL('**/password');
    await page.getByTestId('password-forced').waitFor();
    // Nowhere else to go until it is done.
    await page.goto(`${server.url}/patrols`);
    await page.waitForURL('**/password');

    const field = page.locator('.ant-form-item').filter({ has: page.getByTestId('password-new') });
    await page.getByTestId('password-current').fill(FIRST_PASSWORD);
    await page.getByTestId('password-new').fill('1234567890');
    await expect.poll(() => page.getByTestId('password-strength').getAttribute('data-score')).toBe('0');
    await field.getByText('太容易被猜到').waitFor();
    await page.getByTestId('password-new').fill('new.member-2024');
    await field.getByText('不能包含用户名').waitFor();
    await page.getByTestId('password-new').fill('quiet-river-lantern-8');
    await expect.poll(async () => Number(await page.getByTestId('password-strength').getAttribute('data-score'))).toBeGreaterThanOrEqual(3);
    await page.getByTestId('password-confirm').fill('quiet-river-lantern-8');
    await page.getByTestId('password-submit').click();
    // A patrol member on a phone goes back to the phone app, where the work is.
    await page.getByText('密码已修改').waitFor();
    await page.getByTestId('password-back-to-phone').click();
    await page.waitForURL((url) => url.pathname === '/field');

    expect(await loginStatus('new.member', FIRST_PASSWORD)).toBe(401);
    await page.goto(`${server.url}/patrols`);
    await page.getByTestId('nav-toggle').waitFor();
    expect(new URL(page.url()).pathname).toBe('/patrols');
    await context.close();
  });

  it('lets a grid worker change their password from the phone’s user menu, and says so when the current one is wrong', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'worker', 'lantern-orchard-123');
    // The phone app: 我的 → 修改密码 opens the staff app's page.
    await page.waitForURL((url) => url.pathname === '/field');
    await page.getByTestId('field-menu').click();
    await page.getByTestId('menu-change-password').click();
    await page.waitForURL('**/password');
    expect(await page.getByTestId('password-forced').count()).toBe(0);

    await page.getByTestId('password-current').fill('not-my-password-1');
    await page.getByTestId('password-new').fill('copper-meadow-river-5');
    await page.getByTestId('password-confirm').fill('copper-meadow-river-5');
    await page.getByTestId('password-submit').click();
    await page.locator('.ant-form-item').filter({ has: page.getByTestId('password-current') }).getByText('当前密码不正确').waitFor();

    await page.getByTestId('password-current').fill('lantern-orchard-123');
    await page.getByTestId('password-submit').click();
    await page.getByText('密码已修改').waitFor();
    await page.getByTestId('password-back-to-phone').waitFor();
    expect(await loginStatus('worker', 'lantern-orchard-123')).toBe(401);
    expect(await loginStatus('worker', 'copper-meadow-river-5')).toBe(200);
    await context.close();
  });
});
