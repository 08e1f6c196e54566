// Sign-in: the county's name in the title, the error for a wrong password, the language switch.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, signIn } from './browser.ts';
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

describe('sign-in page', () => {
  it('shows the county name from /public/meta in Chinese by default', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForURL('**/login');
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe('示范县网格防控平台');
    await context.close();
  });

  it('says what is wrong when the password is wrong, and stays on the page', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('switches to English, and keeps English after a reload and sign-in', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('login-submit').textContent()).toMatch(/Sign in/);
    await page.reload();
    await expect.poll(() => page.getByTestId('login-title').textContent()).toBe('示范县 GridGuard');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.getByTestId('nav-menu').getByText('Territory').waitFor();
    expect(await page.getByTestId('sign-out').textContent()).toContain('Sign out');
    await context.close();
  });

  it('signs in as admin, shows name, role and region in the header, and signs out', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'admin', server.adminPassword);
    expect(await page.getByTestId('header-region').textContent()).toContain('示范县');
    expect(await page.locator('.ant-layout-header').textContent()).toContain('系统管理员');
    const menu = page.getByTestId('nav-menu');
    for (const label of ['工作台', '辖区网格', '账号管理', '审计日志', '个人中心']) await menu.getByText(label).waitFor();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/login');
    // The session is gone on the server too: a protected page sends us back to sign-in.
    await page.goto(`${server.url}/territory`);
    await page.waitForURL('**/login?next=%2Fterritory');
    await context.close();
  });

  it('after 5 failures says in Chinese how many minutes to wait (from Retry-After), and in English when switched', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    const error = page.getByTestId('login-error');
    const attempt = async (n: number) => {
      await page.getByTestId('login-username').fill('somebody');
      await page.getByTestId('login-password').fill(`wrong-${n}`);
      const answered = page.waitForResponse('**/api/v1/auth/login');
      await page.getByTestId('login-submit').click();
      return (await answered).status();
    };
    const statuses: number[] = [];
    for (let n = 1; n <= 6; n++) statuses.push(await attempt(n));
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    await expect.poll(() => error.textContent()).toBe('登录失败次数过多，请 1 分钟后再试');
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    expect(await attempt(7)).toBe(429);
    await expect.poll(() => error.textContent()).toBe('Too many failed sign-ins; try again in 1 min');
    await context.close();
  });
});
