// 上报提醒 for a whole county: 1,099 and 5,000 missing grids (a generated region tree answered in
// place of the API) are interactive within a second — towns listed, no long task freezing the
// page — and a town opens within a second, its grids in a virtual table.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signIn } from './browser.ts';
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

/** `count` grids spread over towns of 30 villages, grids numbered within their village. */
function missingGrids(count: number, towns: number) {
  return Array.from({ length: count }, (_, i) => {
    const town = i % towns;
    const village = Math.floor(i / towns) % 30;
    return {
      regionId: 100_000 + i,
      name: `第${i + 1}网格`,
      parentNames: `第${town + 1}镇 第${village + 1}村`,
      responsible: [{ userId: `u${i}`, name: `网格员${i + 1}`, role: 'grid_worker', phone: `1380000${String(i).padStart(4, '0')}` }],
      returned: i % 17 === 0,
    };
  });
}

/** Milliseconds from the reminders' answer reaching the page to the town list drawn, and the longest task meanwhile. */
async function openReminders(page: Page, count: number, towns: number): Promise<{ drawnMs: number; longestTaskMs: number }> {
  await page.addInitScript((towns) => {
    const w = window as unknown as { __longest: number; __answeredAt: number; __drawnAt: number };
    w.__longest = 0;
    w.__answeredAt = Number.POSITIVE_INFINITY;
    // Only tasks after the answer count (loading the app itself is not this page's drawing).
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.startTime + e.duration > w.__answeredAt) w.__longest = Math.max(w.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
    // The moment every town's line is in the page, seen from inside (no polling delay).
    new MutationObserver(() => {
      if (!w.__drawnAt && document.querySelectorAll('[data-testid="reminder-town"]').length === towns) w.__drawnAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
    const original = window.fetch.bind(window);
    window.fetch = async (...args) => {
      const response = await original(...args);
      if (String(args[0] instanceof Request ? args[0].url : args[0]).includes('/daily-reports/reminders')) w.__answeredAt = performance.now();
      return response;
    };
  }, towns);
  const body = JSON.stringify({ date: '2026-12-06', deadline: '2026-12-06T10:00:00.000Z', remindedAt: null, missing: missingGrids(count, towns) });
  await page.route(/\/api\/v1\/daily-reports\/reminders/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await page.goto(`${server.url}/reports/reminders`);
  await page.getByTestId('reminder-town').first().waitFor();
  await expect.poll(() => page.getByTestId('reminder-town').count()).toBe(towns);
  return page.evaluate(() => {
    const w = window as unknown as { __longest: number; __answeredAt: number; __drawnAt: number };
    return { drawnMs: w.__drawnAt - w.__answeredAt, longestTaskMs: w.__longest };
  });
}

// The figures are printed; on a quiet machine they are well under a second (the target).
// CI's machine is shared, so the assertions are a generous bound that still catches the old page,
// which froze for 26–45 s; what keeps it fast is asserted exactly: towns start closed, and an
// opened town draws only the rows in view.
const GENEROUS_MS = 5_000;

describe('上报提醒 at county scale', () => {
  for (const [count, towns] of [
    [1_099, 15],
    [5_000, 40],
  ] as const) {
    it(`${count.toLocaleString()} missing grids in ${towns} towns: interactive at once (towns closed, rows virtualised)`, async () => {
      const { context, page } = await newPage(browser, { width: 1366, height: 768 });
      await signIn(page, server.url, 'admin', server.adminPassword);
      const { drawnMs, longestTaskMs } = await openReminders(page, count, towns);
      console.log(`reminders ${count} grids: drawn ${Math.round(drawnMs)} ms after the answer, longest task ${Math.round(longestTaskMs)} ms`);
      expect(drawnMs).toBeLessThan(GENEROUS_MS);
      expect(longestTaskMs).toBeLessThan(GENEROUS_MS);
      expect(await page.getByTestId('missing-grid').count()).toBe(0); // towns start closed: nothing heavy drawn

      // A town opens at once; its grids are in a virtual table (only the rows in view exist).
      const perTown = Math.ceil(count / towns);
      const started = Date.now();
      await page.getByTestId('reminder-town').nth(0).click();
      await page.getByTestId('missing-grid').first().waitFor();
      const openMs = Date.now() - started;
      console.log(`reminders ${count} grids: a town of ${perTown} opened in ${openMs} ms`);
      expect(openMs).toBeLessThan(GENEROUS_MS);
      const rows = await page.getByTestId('missing-grid').count();
      expect(rows).toBeGreaterThan(5);
      expect(rows).toBeLessThan(perTown);
      // Its "copy all" copies the whole town, not only what is drawn.
      await expect.poll(() => page.getByTestId('reminder-copy-all').nth(1).innerText()).toContain(String(perTown));
      await screenshot(page, `reminders-${count}`);
      await context.close();
    });
  }
});
