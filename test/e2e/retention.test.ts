// 数据保留与解除 (/settings/retention) at 1366 px and on a 360-px phone: the kinds' days, the
// audit log's own retention (set here, refused below its minimum by the field itself), the dry
// run and the stand-downs, with nothing wider than the screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api-client.ts';
import { launchBrowser, newPage, PHONE, screenshot, settled, signIn } from './browser.ts';
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

describe('retention settings page', () => {
  for (const [label, viewport, days] of [
    ['desk-1366', { width: 1366, height: 900 }, 1500],
    ['phone-360', PHONE, 1600],
  ] as const) {
    it(`sets the audit log's retention and fits the screen (${label})`, async () => {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, server.url, 'admin', server.adminPassword);
      await page.goto(`${server.url}/settings/retention`);
      const auditDays = page.getByTestId('retention-audit-days');
      await auditDays.waitFor();
      await page.getByTestId('retention-preview').waitFor();
      await settled(page);
      await screenshot(page, `retention-${label}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(wide).toBeLessThanOrEqual(0);
      // Nor wider than its card: the kinds' table once fitted only by scrolling sideways inside it.
      const scrollsSideways = await page.getByTestId('retention-policies').evaluate((root) =>
        [root, ...root.querySelectorAll('*')]
          .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`),
      );
      expect(scrollsSideways).toEqual([]);

      // Below the minimum the field itself holds at the minimum (366 days).
      await auditDays.fill('100');
      await auditDays.blur();
      expect(await auditDays.inputValue()).toBe('366');
      await auditDays.fill(String(days));
      await auditDays.blur();
      await page.getByTestId('retention-audit').scrollIntoViewIfNeeded();
      await screenshot(page, `retention-audit-${label}`);
      await page.getByTestId('retention-save').click();
      await page.locator('.ant-message-success').waitFor();
      const admin = await apiAs(server.url, 'admin', server.adminPassword);
      const saved = await admin.get<{ audit: { days: number; setByCounty: boolean } }>('/retention');
      expect(saved.body.audit).toMatchObject({ days, setByCounty: true });
      await context.close();
    });
  }
});
