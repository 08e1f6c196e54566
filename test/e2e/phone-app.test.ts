// The phone app (/field) as a grid worker meets it: signing in on a phone lands there, on a desk on
// the 工作台 with a tile to open it, and a desk account is sent to the staff app; on the throttled
// profile of a cheap phone on 3G (400 ms round trips, 400 kbit/s, CPU 4× slower) it opens within
// generous bounds, and a household and a person registered offline survive a reload and reach the
// server exactly once when the signal returns.
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, aStaffAccount, apiAs } from './api-client.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, PHONE_UA, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;
let townId: number;
let villageId: number;
const WORKER = { username: 'worker', password: 'lantern-orchard-123' }; // aStandardGrid's worker
const COMMANDER = { username: 'hq', password: 'beacon-harbour-574' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ gridId, townId, villageId } = await aStandardGrid(admin));
  const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
  await aStaffAccount(admin, { ...COMMANDER, displayName: '赵指挥', role: 'commander', regionId: me.region.id });
  for (const n of [1, 2, 3]) await admin.post('/households', { regionId: gridId, address: `东河村 ${n} 号` });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(opts: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, userAgent: PHONE_UA, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: opts.serviceWorkers ?? 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}

/** 3G as bench/phone.ts measures it: 400 ms round trip, 400 kbit/s = 50,000 bytes/s each way. */
const THREE_G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };

/** A cheap phone on 3G, as bench/phone.ts measures it. */
async function throttle(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', THREE_G);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

async function householdsNamed(address: string): Promise<{ id: string }[]> {
  const list = await admin.get<{ items: { id: string; address: string }[] }>(`/households?regionId=${gridId}&limit=500`);
  return list.body.items.filter((h) => h.address === address);
}

describe('the phone app', () => {
  it('lands a grid worker who signs in on a phone on the phone app, from the staff sign-in too', async () => {
    const { context, page } = await phone();
    // The staff app's sign-in, opened on a phone, hands over to the phone's own (light) one.
    await page.goto(`${server.url}/login`);
    await page.waitForURL('**/field/login');
    await screenshot(page, 'phone-app-login-360');
    await page.getByTestId('login-username').fill(WORKER.username);
    await page.getByTestId('login-password').fill(WORKER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/field');
    await page.getByTestId('field-household').first().waitFor();
    // No antd, no staff app: the page loaded only the phone app's scripts.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.some((s) => /\/assets\/field-/.test(s))).toBe(true);
    expect(scripts.filter((s) => /\/assets\/(main|start|Shell|LoginPage)-/.test(s))).toEqual([]);
    // The home page of the staff app, opened on this phone, also goes to the phone app.
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === '/field');
    await context.close();
  });

  it('reopens with the top of the grid and the last pull drawn while the phone\'s IndexedDB has not answered', async () => {
    const { context, page } = await phone();
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-pulled').getByText(/已下载/).waitFor();
    // Kept once the copy's first screen has been drawn (src/field/first-rows.ts).
    await expect.poll(() => page.evaluate(() => localStorage.getItem('gridguard.lastMe.firstRows')?.includes('东河村 1 号') ?? false)).toBe(true);
    await page.close();
    // A phone whose IndexedDB is slow to open: here it never answers.
    const again = await context.newPage();
    await again.addInitScript(() => {
      IDBFactory.prototype.open = function open() {
        return {} as IDBOpenDBRequest;
      };
    });
    await again.goto(`${server.url}/field`);
    await again.getByTestId('field-household').getByText('东河村 1 号').waitFor();
    expect(await again.getByTestId('field-pulled').textContent()).toMatch(/已下载 \d+ 户/);
    expect(await again.getByTestId('field-household').count()).toBeGreaterThanOrEqual(3);
    // Drawn from the kept rows: the copy itself was never read.
    expect(await again.evaluate(() => performance.getEntriesByName('field:copy-read').length)).toBe(0);
    await context.close();
  });

  it('lands a grid worker on a desk on the 工作台, with a tile that opens the phone app', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    expect(new URL(page.url()).pathname).toBe('/');
    const tile = page.getByTestId('home-phone-app');
    await tile.getByText('手机版').waitFor();
    await screenshot(page, 'phone-app-desktop-tile');
    await tile.click();
    await page.waitForURL((url) => url.pathname === '/field');
    await page.getByTestId('field-household').first().waitFor();
    await context.close();
  });

  it('sends a desk account who signs in on the phone app to the staff app', async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/field/login`);
    await page.getByTestId('login-username').fill(COMMANDER.username);
    await page.getByTestId('login-password').fill(COMMANDER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('nav-toggle').waitFor();
    await context.close();
  });

  it('opens within generous bounds on the 3G profile, and registers a household and a person offline exactly once', async () => {
    const { context, page } = await phone({ serviceWorkers: 'allow' });
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(WORKER) });
    const [name = '', value = ''] = (login.headers.get('set-cookie') ?? '').split(';')[0]?.split('=') ?? [];
    await context.addCookies([{ name, value, url: server.url }]);
    const cdp = await throttle(page);
    const started = Date.now();
    await page.goto(`${server.url}/field`, { waitUntil: 'commit' });
    await page.getByTestId('field-household').first().waitFor();
    const coldMs = Date.now() - started;
    // The bench measures it (bench/phone.ts, under 5 s); a shared CI machine gets room.
    expect(coldMs).toBeLessThan(15_000);
    await page.getByTestId('field-pulled').getByText('已下载').waitFor();
    await page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });

    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await page.getByTestId('field-register').click();
    await page.getByTestId('field-address').fill('东河村 99 号');
    await page.getByTestId('field-person-name').fill('钱慢网');
    await page.getByTestId('field-person-id').fill(validIdNumber('301'));
    await page.getByTestId('field-household-save').click();
    await page.waitForURL(/\/field\/h\/[0-9a-f-]{36}$/);
    const householdId = page.url().split('/').pop() ?? '';
    await page.getByTestId('pending-count').getByText('待同步 2').waitFor();

    // A reload with no signal on the slow phone: the shell from the service worker, both waiting.
    await page.reload();
    await page.getByTestId('field-members').getByText('钱慢网').waitFor();
    await page.getByTestId('pending-count').getByText('待同步 2').waitFor();
    expect(await householdsNamed('东河村 99 号')).toHaveLength(0);

    await context.setOffline(false);
    // Back on the slow link (going offline and back replaced the 3G conditions).
    await cdp.send('Network.emulateNetworkConditions', THREE_G);
    await page.getByTestId('pending-count').getByText('待同步 0').waitFor({ timeout: 60_000 });
    expect((await householdsNamed('东河村 99 号')).map((h) => h.id)).toEqual([householdId]);
    const people = await admin.get<{ items: { name: string }[] }>(`/persons?householdId=${householdId}`);
    expect(people.body.items.map((p) => p.name)).toEqual(['钱慢网']);
    await context.close();
  });

  // 39 page loads and six sign-ins: about 95 s on the shared 2-core machine at load ~27, over
  // the suite's 90 s default (it reached the last account's two pages when that timed out).
  it('fits every page at 320, 360 and 414 px without sideways scrolling (screenshots of each)', async () => {
    const household = (await householdsNamed('东河村 1 号'))[0]?.id ?? '';
    const person = await admin.post<{ id: string }>('/persons', { householdId: household, name: '孙隔离', category: 'returnee', origin: '江苏省南京市', arrivedOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) });
    const order = await admin.post<{ id: string }>('/quarantines', { personId: person.id, reason: '外地返乡，按要求居家隔离', startOn: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) });
    const patrol = { username: 'patrol-phone', password: 'willow-signal-926' };
    await aStaffAccount(admin, { ...patrol, displayName: '周巡查', role: 'patrol_member', regionId: townId });
    await admin.post('/patrol-teams', { regionId: villageId, name: '东河村巡查劝导队', kind: 'persuasion', members: 4 });
    const pages: [string, string, string][] = [
      ['home', '/field', 'field-household'],
      ['household', `/field/h/${household}`, 'field-members'],
      ['register', '/field/register', 'field-household-save'],
      ['person', `/field/h/${household}/person`, 'field-person-save'],
      ['visit', `/field/h/${household}/visit`, 'field-visit-save'],
      ['form', `/field/h/${household}/form`, 'form-save'],
      ['sync', '/field/sync', 'field-sync-stats'],
      ['arrivals', '/field/arrivals', 'field-arrivals-refresh'],
      ['quarantine', '/field/quarantine', 'quarantine-order'],
      ['quarantine-check', `/field/quarantine/${order.id}`, 'quarantine-check-form'],
      ['me', '/field/me', 'me-name'],
    ];
    const patrolPages: [string, string, string][] = [
      ['patrol-home', '/field', 'patrol-today'],
      ['patrol-new', '/field/patrol/new', 'patrol-save'],
    ];
    for (const width of [320, 360, 414]) {
      for (const [account, list] of [[WORKER, pages], [patrol, patrolPages]] as const) {
        const context = await browser.newContext({ viewport: { width, height: 740 }, userAgent: PHONE_UA, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
        const page = await context.newPage();
        page.setDefaultTimeout(30_000);
        if (account === WORKER) {
          await page.goto(`${server.url}/field/login`);
          await screenshot(page, `phone-login-${width}`);
          expect((await overflowsHorizontally(page)).overflow, `login at ${width}`).toBe(false);
        }
        await signIn(page, server.url, account.username, account.password);
        for (const [name, url, testId] of list) {
          await page.goto(`${server.url}${url}`);
          await page.getByTestId(testId).first().waitFor();
          expect((await overflowsHorizontally(page)).overflow, `${name} at ${width}`).toBe(false);
          await screenshot(page, `phone-${name}-${width}`);
        }
        await context.close();
      }
    }
  }, 180_000);

  it('switches to English (downloaded only then) and keeps it after a reload', async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/field/login`);
    await page.getByTestId('login-username').fill(WORKER.username);
    await page.getByTestId('login-password').fill(WORKER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/field');
    await page.getByTestId('field-register').getByText('登记新到人员').waitFor();
    const english = () => page.evaluate(() => performance.getEntriesByType('resource').some((e) => /\/assets\/phone-core-en-/.test(e.name)));
    expect(await english()).toBe(false);
    await page.getByTestId('field-menu').click();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('sign-out').getByText('Sign out').waitFor();
    expect(await english()).toBe(true);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-register').getByText('Register arrival').waitFor();
    await page.getByTestId('field-sync-bar').getByText('Online').waitFor();
    await context.close();
  });

  it('lets a grid leader take a clashing edit on the phone', async () => {
    const household = (await householdsNamed('东河村 2 号'))[0]?.id ?? '';
    const person = await admin.post<{ id: string; version: number }>('/persons', { householdId: household, name: '冲突前', category: 'resident' });
    const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: server.adminPassword }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const patch = (name: string) =>
      fetch(`${server.url}/api/v1/persons/${person.id}`, { method: 'PATCH', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ baseVersion: person.version, name }) });
    expect((await patch('甲方')).status).toBe(200);
    // The second edit started from the same version: the server keeps 甲方, 乙方 waits as a clash.
    await patch('乙方');
    await aStaffAccount(admin, { username: 'leader-phone', password: 'meadow-copper-318', displayName: '吴网格长', role: 'grid_leader', regionId: gridId });

    const { context, page } = await phone();
    await signIn(page, server.url, 'leader-phone', 'meadow-copper-318');
    await page.getByTestId('field-conflicts-link').click();
    const row = page.getByTestId('conflict-row').first();
    await row.getByTestId('conflict-proposed').getByText('乙方').waitFor();
    await row.getByTestId('conflict-current').getByText('甲方').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-conflicts-360');
    await row.getByTestId('conflict-take').click();
    await expect.poll(() => page.getByTestId('conflict-row').count()).toBe(0);
    expect((await admin.get<{ name: string }>(`/persons/${person.id}`)).body.name).toBe('乙方');
    await context.close();
  });
});
