// Verification, second half, in the browsers: an enterprise enters a returning worker on the
// public page /p/enterprise with the code its town issued (a made-up code is refused), sees the
// worker's state, in Chinese and English at 360 px; the staff console's enterprise codes, the
// score (考核) by region as a bar chart, and a list's spot-check panel, at 360, 1366, 1440 and
// 1920 px with screenshots.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const WIDTHS = [{ width: 1366, height: 768 }, { width: 1440, height: 900 }, DESKTOP] as const;

let server: TestServer;
let browser: Browser;
let admin: Api;
let townId: number;
let code: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ townId } = await aStandardGrid(admin));
  code = (await admin.post<{ code: string }>('/enterprise-codes', { regionId: townId, enterpriseName: '城关镇电子厂' })).code;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the enterprise page and the staff pages', () => {
  it('an enterprise enters a returning worker with its code and sees the worker’s state', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto(`${server.url}/p`);
    await page.getByTestId('link-enterprise').click();
    await page.getByTestId('ent-code').fill('ABCD-EFGH-JKMN-PQRS');
    await page.getByTestId('ent-signin-submit').click();
    expect(await page.getByTestId('ent-error').textContent()).toContain('登记码无效');
    await page.getByTestId('ent-code').fill(code);
    await page.getByTestId('ent-signin-submit').click();
    await page.getByTestId('ent-view').waitFor();
    expect(await page.getByTestId('ent-view').textContent()).toContain('城关镇电子厂');
    // A worker with a missing field is refused on the page, naming the field.
    await page.getByTestId('ent-0-name').fill('赵返岗');
    await page.getByTestId('ent-submit').click();
    await page.getByTestId('error-ent-0-idNumber').waitFor();
    await page.getByTestId('ent-0-idNumber').fill(validIdNumber('518'));
    await page.getByTestId('ent-0-phone').fill('13900005180');
    await page.getByTestId('ent-0-origin').fill('广东省东莞市');
    await page.getByTestId('ent-0-address').fill('东河村3组8号');
    await page.getByTestId('ent-submit').click();
    await page.getByTestId('ent-sent').waitFor();
    await page.getByTestId('ent-worker-row').filter({ hasText: '赵**' }).waitFor({ timeout: 30_000 });
    const row = await page.getByTestId('ent-worker-row').first().textContent();
    expect(row).toContain('待核查');
    // Masked: the full ID number never comes back to the page.
    expect(await page.content()).not.toContain(validIdNumber('518'));
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'public-enterprise-phone');
    await page.getByTestId('lang-switch').click();
    await page.getByText('Registered workers (1)').waitFor();
    await screenshot(page, 'public-enterprise-phone-en');
    await context.close();
  }, 240_000);

  // One test per width: each signs in and opens the three pages.
  for (const viewport of [...WIDTHS, PHONE]) {
    it(`the console shows the codes, the score chart and a list’s spot checks at ${viewport.width} px`, async () => {
      const lists = (await admin.get<{ items: { id: string; kind: string; status: string }[] }>('/verification-lists')).body.items;
      const list = lists.find((l) => l.kind === 'enterprise');
      expect(list?.status).toBe('done');
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, server.url, 'admin', server.adminPassword);
      const tag = `${viewport.width}`;
      await page.goto(`${server.url}/verification/enterprises`);
      await page.getByTestId('vcode-table').getByText('城关镇电子厂').first().waitFor();
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await screenshot(page, `verification-codes-${tag}`);
      await page.goto(`${server.url}/verification/scores`);
      await page.getByTestId('vscores-chart').waitFor();
      expect(await page.getByTestId('vscores-table').textContent()).toContain('城关镇');
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await screenshot(page, `verification-scores-${tag}`);
      await page.goto(`${server.url}/verification/lists/${list?.id}`);
      await page.getByTestId('vspot').waitFor();
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await page.getByTestId('vspot').scrollIntoViewIfNeeded();
      await screenshot(page, `verification-spot-${tag}`);
      await context.close();
    }, 240_000);
  }

  it('a code is issued in the console and shown once', async () => {
    const { context, page } = await newPage(browser, WIDTHS[0]);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/verification/enterprises`);
    await page.getByTestId('vcode-issue').click();
    await page.getByTestId('vcode-name').fill('东河服装厂');
    await chooseOption(page, 'vcode-town', '城关', '城关镇');
    await page.getByTestId('vcode-issue-ok').click();
    const issued = (await page.getByTestId('vcode-issued').textContent()) ?? '';
    expect(issued).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}/);
    await screenshot(page, 'verification-code-issued-1366');
    await context.close();
  }, 240_000);
});
