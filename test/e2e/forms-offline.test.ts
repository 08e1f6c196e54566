// A registration form filled in and signed at the door with no signal: both go into the phone
// app's outbox (the form first, its signature after it), survive an offline reload, and sync by
// themselves when the signal returns — exactly one signed form on the server, with its PNG.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import { launchBrowser, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { type Api, aGridWithWorker, apiAs as apiAsOn } from './api-client.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let seeded: { householdId: string; personId: string };
const WORKER = { username: 'gw-forms', password: 'field-lantern-pass' };
const ADDRESS = '城北路 9 号';

const apiAs = (username: string, password: string): Promise<Api> => apiAsOn(server.url, username, password);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs('admin', server.adminPassword);
  const gridId = await aGridWithWorker(admin, { townCode: '339901002', town: '城北镇', village: '城北社区', grid: '城北第一网格' }, { ...WORKER, displayName: '钱网格' });
  const household = await admin.post<{ id: string }>('/households', { regionId: gridId, address: ADDRESS, room: '202', isRental: true, landlordName: '孙房东' });
  const first17 = '33990119900101002';
  const person = await admin.post<{ id: string }>('/persons', {
    householdId: household.id, name: '周外来', idNumber: `${first17}${idNumberCheckDigit(first17)}`, category: 'floating',
    origin: '江西省南昌市', arrivedOn: '2026-11-10', travelMode: 'bus', dwellingRelation: 'tenant',
  });
  seeded = { householdId: household.id, personId: person.id };
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A signature drawn with the mouse: two strokes across the canvas. */
async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  for (const s of [[0.15, 0.6, 0.3, 0.3, 0.45, 0.65], [0.6, 0.5, 0.75, 0.3, 0.88, 0.6]]) {
    await page.mouse.move(box.x + box.width * (s[0] ?? 0), box.y + box.height * (s[1] ?? 0));
    await page.mouse.down();
    for (let i = 2; i < s.length; i += 2) await page.mouse.move(box.x + box.width * (s[i] ?? 0), box.y + box.height * (s[i + 1] ?? 0), { steps: 8 });
    await page.mouse.up();
  }
}

describe('forms on the phone with no signal', () => {
  it('creates and signs a registration form offline, keeps both across a reload, and syncs one signed form', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, serviceWorkers: 'allow' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-pulled').getByText('已下载').waitFor();
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });

    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await page.getByTestId('field-household').getByText(ADDRESS).click();
    await page.getByTestId('field-forms').waitFor();
    await screenshot(page, 'phone-field-household-forms');
    await page.getByTestId('field-forms').click();
    await page.waitForURL('**/field/h/*/form');
    // Prefilled from the phone's copy of the person (the server cannot be reached).
    await expect.poll(() => page.getByTestId('form-field-origin').inputValue()).toBe('江西省南昌市');
    expect(await page.getByTestId('form-field-name').inputValue()).toBe('周外来');
    await page.getByTestId('form-field-reason').fill('务工');
    await page.getByTestId('form-save').click();
    await page.waitForURL(/\/field\/forms\/[0-9a-f-]{36}$/);
    const formId = page.url().split('/').pop() ?? '';
    await page.getByTestId('form-unsynced').first().waitFor();
    await page.getByTestId('form-status').getByText('待签字').waitFor();

    await drawSignature(page);
    await page.getByTestId('signature-confirm').click();
    await page.getByTestId('form-signed-local').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-form-signed-offline');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('toast').first().waitFor({ state: 'detached' });
    await screenshot(page, 'phone-form-offline-top');

    // In the field app's pending list, in order, with the address only.
    await page.goto(`${server.url}/field/sync`);
    const pending = page.getByTestId('field-pending').getByTestId('outbox-pending');
    await expect.poll(() => pending.count()).toBe(2);
    expect(await pending.nth(0).innerText()).toContain('登记表');
    expect(await pending.nth(0).innerText()).toContain(ADDRESS);
    expect(await pending.nth(1).innerText()).toContain('登记表签名');
    expect(await pending.nth(1).innerText()).not.toContain('周外来');
    await screenshot(page, 'phone-form-sync-pending');

    // A reload with no signal: the shell from the service worker, both entries from IndexedDB.
    await page.goto(`${server.url}/field/forms/${formId}`);
    await page.reload();
    await page.getByTestId('form-signed-local').waitFor();
    await page.getByTestId('form-detail').getByText('周外来').first().waitFor();
    expect((await admin.get<{ items: unknown[] }>(`/forms?householdId=${seeded.householdId}`)).body.items).toHaveLength(0);

    // Signal again: the outbox sends the form, then its signature; the page shows the server's copy.
    await context.setOffline(false);
    await page.getByTestId('form-status').getByText('已签').waitFor({ timeout: 30_000 });
    await page.getByTestId('form-signature-image').waitFor();

    const forms = await admin.get<{ items: { id: string; personId: string; status: string; signatureMethod: string }[] }>(`/forms?householdId=${seeded.householdId}`);
    const mine = forms.body.items.filter((f) => f.personId === seeded.personId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: formId, status: 'signed', signatureMethod: 'drawn' });
    const image = await admin.get(`/forms/${formId}/signature`);
    expect(image.status).toBe(200);
    expect(image.type).toBe('image/png');
    await page.goto(`${server.url}/field/sync`);
    await page.getByTestId('stat-pending').getByText('0').waitFor();
    await context.close();
  });

  it('never asks the server for a record still waiting in the outbox: no 404 after saving on the phone', async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, serviceWorkers: 'block' });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-pulled').getByText('已下载').waitFor();
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    const reads: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.method() === 'GET' && /^\/api\/v1\/(forms|households|persons)\/[0-9a-f-]{36}/.test(path)) reads.push(path);
    });
    // The outbox's sends wait until the test lets them through: the records stay on the phone only.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Resolved when the outbox has begun sending (its first POST, the household, is held here):
    // the state the assertion below is about — records queued, a send under way, none on the server.
    let sendHeld: () => void = () => undefined;
    const sendStarted = new Promise<void>((resolve) => (sendHeld = resolve));
    await page.route(/\/api\/v1\/(households|persons|forms)$/, async (route) => {
      if (route.request().method() === 'POST') {
        sendHeld();
        await held;
      }
      return route.continue();
    });

    await page.getByTestId('field-register').click();
    await page.getByTestId('field-address').fill('城北路 11 号');
    await page.getByTestId('field-person-name').fill('孙新到');
    await page.getByTestId('field-household-save').click();
    await page.waitForURL(/\/field\/h\/[0-9a-f-]{36}$/);
    await page.getByTestId('field-forms').click();
    await page.getByTestId('form-field-origin').fill('安徽省合肥市');
    await page.getByTestId('form-field-travel').selectOption('bus');
    await page.getByTestId('form-field-reason').fill('务工');
    await page.locator('#form-arrivedOn').fill('2026-11-20');
    await page.getByTestId('form-save').click();
    await page.waitForURL(/\/field\/forms\/[0-9a-f-]{36}$/);
    const formId = page.url().split('/').pop() ?? '';
    await page.getByTestId('form-unsynced').first().waitFor();
    await page.getByTestId('form-status').waitFor();
    await sendStarted;
    // Shown from the phone's copy; the server, which has none of the three yet, was not asked.
    expect(reads).toEqual([]);
    expect(refused).toEqual([]);

    release();
    await page.getByTestId('pending-count').getByText('待同步 0').waitFor({ timeout: 30_000 });
    // Synced: now the page reads the server's copy, which is there.
    await expect.poll(() => reads).toContain(`/api/v1/forms/${formId}`);
    await page.getByTestId('form-status').getByText('待签字').waitFor();
    expect(await page.getByTestId('form-unsynced').count()).toBe(0);
    expect(refused).toEqual([]);
    await context.close();
  });
});
