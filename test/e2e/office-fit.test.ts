// The office screens (issues 15 and 19): the county HQ, the auditor, a town officer and a village
// secretary open every page of their menu at 1366×768, the commonest office screen, and nothing
// scrolls sideways, neither the page nor a table inside its card. The list pages another walk owns
// (households, quarantine, tips, inspections, patrols, family events, forms) are left to
// their own tests. And 微网格覆盖 gives the count of micro-grids without a named person with the first
// few, the rest behind 展开全部 N 个 (it listed every one, screens long on a county).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStaffAccount, aStandardGrid, apiAs } from './api-client.ts';
import { launchBrowser, newPage, overflowsHorizontally, screenshot, settled, sidewaysScrollers, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const OFFICE = { width: 1366, height: 768 } as const;
const PASSWORD = 'office-window-lantern-42';
/** Menu entries whose pages are the list pages' walk, or not pages of this app. */
const NOT_HERE = ['/households', '/persons', '/quarantine', '/tips', '/inspections', '/rectifications', '/patrols', '/patrol-teams', '/family-events', '/forms', '/field', '/profile', '/dashboard'];
/** Pages reached from a page rather than the menu. */
const SUB_PAGES: Record<string, string[]> = { commander: ['/reports/reminders', '/settings/retention'], town: ['/reports/reminders'] };
const UNCOVERED = 9;

let server: TestServer;
let browser: Browser;
let admin: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { townId, villageId, gridId } = await aStandardGrid(admin);
  const county = (await admin.get<{ region: { id: number } }>('/auth/me')).body.region.id;
  for (let i = 1; i <= UNCOVERED; i++) {
    await admin.post('/regions', { parentId: gridId, level: 'microgrid', code: `33990100100101${String(i).padStart(2, '0')}`, name: `${i}号楼微网格` });
  }
  await aStaffAccount(admin, { username: 'hq', password: PASSWORD, displayName: '周指挥', role: 'commander', regionId: county, phone: '13900000001' });
  await aStaffAccount(admin, { username: 'checker', password: PASSWORD, displayName: '吴审计', role: 'auditor', regionId: county });
  await aStaffAccount(admin, { username: 'town', password: PASSWORD, displayName: '郑镇长', role: 'town_officer', regionId: townId, phone: '13900000002' });
  await aStaffAccount(admin, { username: 'secretary', password: PASSWORD, displayName: '王书记', role: 'village_secretary', regionId: villageId, phone: '13900000003' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Until the page shows content: no spinner or loading skeleton for half a second. */
async function loaded(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(document.querySelector('main.ant-layout-content')?.textContent?.trim()));
  for (let quiet = 0; quiet < 3; ) {
    const busy = await page.evaluate(() => [...document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active')].some((el) => el.checkVisibility()));
    quiet = busy ? 0 : quiet + 1;
    await page.waitForTimeout(200);
  }
  await settled(page);
}

async function menuPaths(page: Page): Promise<string[]> {
  await page.getByTestId('nav-menu').waitFor();
  const keys = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="nav-menu"] li.ant-menu-item')].map((li) => {
      const id = li.getAttribute('data-menu-id') ?? '';
      return id.slice(id.indexOf('/'));
    }),
  );
  return keys.filter((p) => p.startsWith('/') && !NOT_HERE.includes(p));
}

describe('office screens at 1366×768', () => {
  for (const username of ['hq', 'checker', 'town', 'secretary']) {
    it(`${username}: no page of the menu scrolls sideways`, { timeout: 400_000 }, async () => {
      const { context, page } = await newPage(browser, OFFICE);
      await signIn(page, server.url, username, PASSWORD);
      const paths = [...(await menuPaths(page)), ...(SUB_PAGES[username === 'hq' ? 'commander' : username] ?? [])];
      expect(paths.length).toBeGreaterThan(username === 'checker' ? 3 : 8);
      const problems: string[] = [];
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        await loaded(page);
        const scrollers = await sidewaysScrollers(page);
        const overflow = await overflowsHorizontally(page);
        if (scrollers.length) problems.push(`${path}: ${scrollers.join('; ')}`);
        if (overflow.overflow) problems.push(`${path}: the page is ${overflow.scrollWidth} px wide in ${overflow.width}`);
      }
      await context.close();
      expect(problems).toEqual([]);
    });
  }

  it('微网格覆盖 shows the count and the first few, the rest behind 展开全部', async () => {
    const { context, page } = await newPage(browser, OFFICE);
    await signIn(page, server.url, 'hq', PASSWORD);
    await page.goto(`${server.url}/responsibility`);
    const count = page.getByTestId('coverage-uncovered-count');
    await count.waitFor();
    expect(await count.textContent()).toContain(`${UNCOVERED} 个`);
    const tags = page.getByTestId('coverage-uncovered').locator('.ant-tag');
    expect(await tags.count()).toBe(6);
    const toggle = page.getByTestId('coverage-toggle');
    expect(await toggle.textContent()).toContain(`展开全部 ${UNCOVERED} 个`);
    await screenshot(page, 'office-coverage-collapsed-1366');
    await toggle.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="coverage-uncovered"] .ant-tag').length === n, UNCOVERED);
    expect(await toggle.textContent()).toContain('收起');
    await context.close();
  });
});
