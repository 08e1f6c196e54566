// The grid worker's phone app (/field) with no signal: the shell comes from its service worker,
// changes wait in the IndexedDB outbox across a reload, and sync makes exactly one record of each
// — also when the server committed but its answer was lost, and when the page closed mid-send.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import { DESKTOP, launchBrowser, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { type Api, aGridWithWorker, apiAs as apiAsOn } from './api-client.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;
const WORKER = { username: 'gw-e2e', password: 'field-lantern-pass' };

const validId = (sequence: string): string => {
  const first17 = `33990119850312${sequence}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
};

const apiAs = (username: string, password: string): Promise<Api> => apiAsOn(server.url, username, password);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs('admin', server.adminPassword);
  gridId = await aGridWithWorker(admin, { townCode: '339901001', town: '城关镇', village: '城南社区', grid: '城南第一网格' }, { ...WORKER, displayName: '张网格' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(opts: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, serviceWorkers: opts.serviceWorkers ?? 'allow' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { context, page };
}

async function openField(page: Page) {
  await page.goto(`${server.url}/field`);
  await page.getByTestId('field-pulled').getByText('已下载').waitFor();
}

/** Fills the registration form (household, and a person unless `person` is null) and saves it. */
async function registerArrival(page: Page, address: string, person: { name: string; idNumber: string } | null): Promise<string> {
  await page.getByTestId('field-register').click();
  await page.getByTestId('field-address').fill(address);
  await page.getByTestId('field-room').fill('301');
  if (person) {
    await page.getByTestId('field-person-name').fill(person.name);
    await page.getByTestId('field-person-id').fill(person.idNumber);
  } else {
    await page.getByTestId('field-with-person').click();
  }
  await page.getByTestId('field-household-save').click();
  await page.waitForURL(/\/field\/h\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop() ?? '';
}

/** The service worker has installed (its precache is the whole shell) and controls the page. */
async function shellCached(page: Page) {
  await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

const pendingCount = (page: Page) => page.getByTestId('pending-count');

async function recordsOf(householdId: string) {
  const household = await admin.get<{ id: string }>(`/households/${householdId}`);
  const persons = await admin.get<{ items: { id: string; name: string }[] }>(`/persons?householdId=${householdId}`);
  const visits = await admin.get<{ items: { id: string }[] }>(`/households/${householdId}/visits`);
  return { household, persons: persons.body.items, visits: visits.body.items };
}

async function householdsNamed(address: string): Promise<number> {
  const list = await admin.get<{ items: { address: string }[] }>(`/households?regionId=${gridId}&limit=500`);
  return list.body.items.filter((h) => h.address === address).length;
}

describe('offline field app', () => {
  it('asks a returnee where from and when (the shared person rules), and sends both', async () => {
    const { context, page } = await phone();
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await openField(page);
    await page.getByTestId('field-register').click();
    await page.getByTestId('field-address').fill('城南路 36 号');
    await page.getByTestId('field-person-name').fill('周返乡');
    await page.getByTestId('field-person-category').selectOption('returnee');
    // Saving without them is refused on the two fields.
    await page.getByTestId('field-household-save').click();
    await expect.poll(() => page.locator('.field.has-error').count()).toBe(2);
    await page.getByTestId('field-person-origin').fill('湖北省武汉市');
    // Today in the county (the phone's date input takes YYYY-MM-DD).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.getByTestId('field-person-arrived').fill(today);
    await page.getByTestId('field-household-save').click();
    await page.waitForURL(/\/field\/h\/[0-9a-f-]{36}$/);
    const householdId = page.url().split('/').pop() ?? '';
    await pendingCount(page).getByText('待同步 0').waitFor({ timeout: 30_000 });
    const persons = (await admin.get<{ items: { name: string; category: string; origin: string | null; arrivedOn: string | null }[] }>(`/persons?householdId=${householdId}`)).body.items;
    expect(persons).toMatchObject([{ name: '周返乡', category: 'returnee', origin: '湖北省武汉市', arrivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    await context.close();
  });

  it('registers an arrival and a visit offline, keeps them across an offline reload, and syncs exactly one of each', async () => {
    const { context, page } = await phone();
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await openField(page);
    await shellCached(page);

    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await screenshot(page, 'phone-field-offline');
    const householdId = await registerArrival(page, '城南路 18 号', { name: '李小梅', idNumber: validId('101') });
    await page.getByTestId('field-members').getByText('李小梅').waitFor();
    await page.getByTestId('field-visit').click();
    await page.getByTestId('field-visit-outcome').getByText('有变更').click();
    await page.getByTestId('field-visit-checks').getByText('身份证件').click();
    await page.getByTestId('field-visit-members').getByText('在住').click();
    await page.getByTestId('field-visit-present').fill('1');
    await screenshot(page, 'phone-field-visit');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.getByTestId('field-visit-save').click();
    await page.waitForURL(`**/field/h/${householdId}`);
    await pendingCount(page).getByText('待同步 3').waitFor();

    // A reload with no signal: the shell from the service worker, the outbox from IndexedDB.
    await page.reload();
    await page.getByTestId('offline-indicator').waitFor();
    await pendingCount(page).getByText('待同步 3').waitFor();
    await page.getByTestId('field-members').getByText('李小梅').waitFor();
    await screenshot(page, 'phone-field-household-offline');
    expect(await householdsNamed('城南路 18 号')).toBe(0);

    await context.setOffline(false);
    await pendingCount(page).getByText('待同步 0').waitFor({ timeout: 30_000 });
    const records = await recordsOf(householdId);
    expect(records.household.status).toBe(200);
    expect(records.persons.map((p) => p.name)).toEqual(['李小梅']);
    expect(records.visits).toHaveLength(1);
    expect(await householdsNamed('城南路 18 号')).toBe(1);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-household').getByText('城南路 18 号').waitFor();
    await screenshot(page, 'phone-field-home');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'desktop-field-home');
    await context.close();
  });

  it('serves the manifest and both service workers fresh, each answering only its own app, and no API answer from a shell', async () => {
    const sw = await fetch(`${server.url}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const swText = await sw.text();
    // The staff app's navigation falls back to its shell, except for the API and health routes…
    expect(swText).toContain('createHandlerBoundToURL("/index.html")');
    // …the public pages (/p/…) and the phone app (/field/…), which are their own apps.
    expect(swText).toContain('denylist:[/^\\/api(\\/|$)/,/^\\/healthz/,/^\\/p(\\/|$)/,/^\\/field(\\/|$)/]');
    // No runtime caching of anything but the precached shell.
    expect(swText).not.toMatch(/NetworkFirst|CacheFirst|StaleWhileRevalidate/);
    // The phone app's worker: its own shell (field.html and its scripts), none of the staff app's.
    const phoneSw = await fetch(`${server.url}/field-sw.js`);
    expect(phoneSw.headers.get('cache-control')).toBe('no-cache');
    const phoneText = await phoneSw.text();
    expect(phoneText).toContain('"/field.html"');
    expect(phoneText).toMatch(/assets\/field-[\w-]+\.js/);
    expect(phoneText).not.toMatch(/assets\/(main|TerritoryPage|DashboardPage)-/);
    expect(phoneText).not.toMatch(/NetworkFirst|CacheFirst|StaleWhileRevalidate/);
    const page = await fetch(`${server.url}/field`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('/assets/field-');
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({ name: '网格防控平台', short_name: '网格防控', lang: 'zh-CN', start_url: '/field', display: 'standalone' });
    expect((await fetch(`${server.url}/icons/icon-192.png`)).headers.get('content-type')).toBe('image/png');
  });

  it('makes one record when the server committed but the answer was lost', async () => {
    const { context, page } = await phone({ serviceWorkers: 'block' });
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await openField(page);
    const keys: string[] = [];
    await page.route('**/api/v1/households', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (keys.length === 1) {
        await route.fetch(); // the server commits…
        return route.abort('failed'); // …and the phone never hears back
      }
      return route.continue();
    });
    const householdId = await registerArrival(page, '城南路 20 号', null);
    // The first send is lost; the retry after its backoff carries the same key.
    await expect.poll(() => keys.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await pendingCount(page).getByText('待同步 0').waitFor({ timeout: 30_000 });
    expect(new Set(keys).size).toBe(1);
    expect((await recordsOf(householdId)).household.status).toBe(200);
    expect(await householdsNamed('城南路 20 号')).toBe(1);
    await context.close();
  });

  it('makes one record when the page closed while a change was being sent', async () => {
    const { context, page } = await phone({ serviceWorkers: 'block' });
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await openField(page);
    const keys: string[] = [];
    let reachedServer: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (reachedServer = resolve));
    await page.route('**/api/v1/households', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      await route.fetch().catch(() => undefined); // committed on the server; the answer is held
      reachedServer();
    });
    await page.getByTestId('field-register').click();
    await page.getByTestId('field-address').fill('城南路 22 号');
    await page.getByTestId('field-with-person').click();
    await page.getByTestId('field-household-save').click();
    await reached;
    const sending = await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const name = dbs.find((d) => d.name?.startsWith('gridguard-field-'))?.name ?? '';
      return new Promise<string[]>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const all = open.result.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => resolve((all.result as { status: string }[]).map((e) => e.status));
        };
      });
    });
    expect(sending).toContain('sending');
    await page.close();

    const next = await context.newPage();
    next.setDefaultTimeout(20_000);
    await next.route('**/api/v1/households', async (route) => {
      if (route.request().method() === 'POST') keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      return route.continue();
    });
    await next.goto(`${server.url}/field`);
    await next.getByTestId('pending-count').getByText('待同步 0').waitFor({ timeout: 30_000 });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await householdsNamed('城南路 22 号')).toBe(1);
    await context.close();
  });

  it('lists a refused change with the reason until it is edited and retried', async () => {
    // Someone already registered under this ID number (in another household).
    const other = await admin.post<{ id: string }>('/households', { regionId: gridId, address: '城北路 2 号' });
    await admin.post('/persons', { householdId: other.id, name: '赵登记', idNumber: validId('201'), category: 'resident' });
    const { context, page } = await phone();
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await openField(page);
    await shellCached(page);
    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    // The same ID number again: the server refuses it (DUPLICATE), the phone cannot know.
    const householdId = await registerArrival(page, '城南路 24 号', { name: '王大伟', idNumber: validId('201') });
    await page.goto(`${server.url}/field/register`);
    await page.getByTestId('field-person-name').fill('陈新来');
    await screenshot(page, 'phone-field-register');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await context.setOffline(false);
    await page.getByTestId('refused-count').waitFor({ timeout: 30_000 });
    // One more change while offline, so the sync page shows pending and refused together.
    await context.setOffline(true);
    await page.goto(`${server.url}/field/h/${householdId}/visit`);
    await page.getByTestId('field-visit-save').click();
    await page.waitForURL(`**/field/h/${householdId}`);
    await page.goto(`${server.url}/field/sync`);
    await page.getByTestId('refused-reason').getByText('DUPLICATE').waitFor();
    await page.getByTestId('stat-pending').getByText('1').waitFor();
    await screenshot(page, 'phone-field-sync');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);

    await page.getByTestId('refused-edit').click();
    // The server's reason sits on the field it names.
    await page.locator('.has-error .field-error').getByText('该号码已登记过，请核对后修改').waitFor();
    await screenshot(page, 'phone-field-edit-refused');
    await page.getByTestId('field-person-id').fill(validId('102'));
    await page.getByTestId('field-person-save').click();
    await page.waitForURL('**/field/sync');
    await context.setOffline(false);
    await page.getByTestId('stat-pending').getByText('0').waitFor({ timeout: 30_000 });
    await page.getByTestId('stat-refused').getByText('0').waitFor();
    const records = await recordsOf(householdId);
    expect(records.persons.map((p) => p.name)).toEqual(['王大伟']);
    expect(records.visits).toHaveLength(1);
    await context.close();
  });
});
