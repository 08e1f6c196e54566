// 个人信息查阅复制 and 更正请求 in the staff console: the access request's dialog on the person
// search page (purpose required; the xlsx downloads, the ID number never in the URL), and the
// correction requests on the person drawer; at 1366 px and on a 360-px phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, makeGrid, newPage, PHONE, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
// One person per viewport: a second person with the same ID number is refused as a duplicate.
let gridId: number | undefined;
const idNumbers = { 'desk-1366': validIdNumber('213'), 'phone-360': validIdNumber('214') } as const;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function seed(page: Page, gridId: number, idNumber: string): Promise<string> {
  return page.evaluate(
    async ({ gridId, idNumber }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const post = (path: string, body: unknown) =>
        fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then(async (r) => {
          if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
          return r.json() as Promise<{ id: string }>;
        });
      const home = await post('/households', { regionId: gridId, address: '查阅路8号' });
      await post('/persons', { householdId: home.id, name: '赵查阅', category: 'resident', idNumber, phone: '13912340000' });
      return home.id;
    },
    { gridId, idNumber },
  );
}

describe('access request and correction requests', () => {
  for (const [label, viewport] of [['desk-1366', { width: 1366, height: 900 }], ['phone-360', PHONE]] as const) {
    it(`produces the person's workbook with a purpose and records a correction (${label})`, async () => {
      const idNumber = idNumbers[label];
      const { context, page } = await newPage(browser, viewport);
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await signIn(page, server.url, 'admin', server.adminPassword);
      // One grid for both viewports (makeGrid's codes are made once per server).
      gridId ??= await makeGrid(page);
      const householdId = await seed(page, gridId, idNumber);

      await page.goto(`${server.url}/persons`);
      await page.getByTestId('access-request').click();
      // The dialog's test id sits on antd's wrapper, which counts as hidden: wait on its field.
      await page.getByTestId('access-id-number').waitFor();
      await page.getByTestId('access-id-number').fill(idNumber);
      // No purpose: refused in the form, nothing produced.
      const produce = page.locator('.ant-modal-footer .ant-btn-primary');
      await produce.click();
      await page.locator('.ant-modal .ant-form-item-explain-error').first().waitFor();
      await page.getByTestId('access-purpose').fill('本人书面申请 2026-001');
      await screenshot(page, `${label}-access-request`);
      const download = page.waitForEvent('download');
      await produce.click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
      expect(urls.some((u) => u.includes(idNumber))).toBe(false);

      await page.goto(`${server.url}/households/${householdId}`);
      await page.getByTestId('person-edit').first().click();
      const card = page.getByTestId('corrections-card');
      await card.scrollIntoViewIfNeeded();
      await page.getByTestId('correction-add').click();
      await page.getByTestId('correction-asked').fill('手机号应为 13912349999');
      await page.getByTestId('correction-save').click();
      await card.getByText('待处理').waitFor();
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `${label}-corrections`);
      await context.close();
    });
  }
});
