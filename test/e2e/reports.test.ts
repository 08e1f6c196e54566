// Daily report (每日一上报): a grid worker on a 360-px phone sees the figures pre-filled from the
// records and files a zero report; the village secretary on a desk sees 1 of 2 grids filed, the
// other missing with its worker, and sends the filed report back; the worker sees why, corrects
// and files again; the history then holds three entries. No horizontal overflow on the phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aGridWithWorker, apiAs, aStaffAccount } from './api-client.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
const WORKER = { username: 'wang.grid1', password: 'lantern-orchard-123', displayName: '王一格' };
const WORKER2 = { username: 'zhao.grid2', password: 'lantern-orchard-456', displayName: '赵二格', phone: '13900002222' };
const SECRETARY = { username: 'li.sec', password: 'meadow-copper-1', displayName: '李书记' };

async function patch(baseUrl: string, path: string, body: unknown, as: { username: string; password: string }) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(as) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const r = await fetch(`${baseUrl}/api/v1${path}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
}

/** 城关镇 → 东河村 → two grids, a worker in each, the village secretary; a visit and an arrival today in grid 1. */
async function seed(admin: Api): Promise<void> {
  const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
  const town = await admin.post<{ id: number }>('/regions', { parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' });
  const village = await admin.post<{ id: number }>('/regions', { parentId: town.id, level: 'village', code: '339901001001', name: '东河村' });
  const grid1 = await admin.post<{ id: number }>('/regions', { parentId: village.id, level: 'grid', code: '33990100100101', name: '第一网格' });
  const grid2 = await admin.post<{ id: number }>('/regions', { parentId: village.id, level: 'grid', code: '33990100100102', name: '第二网格' });
  await aStaffAccount(admin, { ...WORKER, role: 'grid_worker', regionId: grid1.id, phone: '13900001111' });
  await aStaffAccount(admin, { ...WORKER2, role: 'grid_worker', regionId: grid2.id });
  await aStaffAccount(admin, { ...SECRETARY, role: 'village_secretary', regionId: village.id });
  const household = await admin.post<{ id: string }>('/households', { regionId: grid1.id, address: '东河路 8 号', isRental: true, landlordName: '王建国', landlordPhone: '13912345678' });
  await admin.post('/persons', {
    householdId: household.id, name: '钱小流', idNumber: validIdNumber('021'), phone: '13800001111', category: 'floating',
    origin: '湖北省武汉市', arrivedOn: '2026-11-20', dwellingRelation: 'tenant',
  });
  await admin.post('/visits', { householdId: household.id, outcome: 'verified', checked: [] });
}

async function openNav(page: Page, label: string, mobile: boolean) {
  if (mobile) await page.getByTestId('nav-toggle').click();
  await page.getByTestId('nav-menu').getByText(label, { exact: true }).click();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiAs(server.url, 'admin', server.adminPassword);
  await seed(admin);
  // A deadline late in the day, so the filing in this test is on time whatever the hour.
  await patch(server.url, '/settings', { reportDeadline: '23:59', reminderTime: '23:00' }, { username: 'admin', password: server.adminPassword });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('daily report', () => {
  it('is filed on a phone, sent back by the village, corrected and filed again', async () => {
    // 1. The worker, on a phone: the figures pre-filled, a zero report filed.
    const phone = await newPage(browser, PHONE);
    const worker = phone.page;
    await signIn(worker, server.url, WORKER.username, WORKER.password);
    // On a phone the worker lands on the phone app; its home opens the daily report (a staff page).
    expect(new URL(worker.url()).pathname).toBe('/field');
    await worker.getByTestId('phone-daily-report').click();
    await worker.waitForURL('**/reports/file');
    await worker.getByTestId('report-status').getByText('今日尚未上报').waitFor();
    await expect.poll(() => worker.getByTestId('report-figure-householdsVisited').inputValue()).toBe('1');
    expect(await worker.getByTestId('report-figure-newArrivals').inputValue()).toBe('1');
    await worker.getByTestId('report-system-newArrivals').getByText('系统统计：1').waitFor();
    expect((await overflowsHorizontally(worker)).overflow).toBe(false);
    await screenshot(worker, 'reports-phone-file');

    await worker.getByTestId('report-zero').click();
    // The switch re-renders the form: wait for it rather than read it at once.
    await expect.poll(() => worker.getByTestId('report-figure-householdsVisited').inputValue()).toBe('0');
    await expect.poll(() => worker.getByTestId('report-figure-householdsVisited').isDisabled()).toBe(true);
    await worker.getByTestId('report-submit').click();
    await worker.getByTestId('report-status').getByText('已按时上报').waitFor();
    await worker.getByTestId('report-history-entry').first().waitFor();
    expect(await worker.getByTestId('report-history-entry').count()).toBe(1);
    expect((await overflowsHorizontally(worker)).overflow).toBe(false);
    await screenshot(worker, 'reports-phone-filed');

    // 2. The village secretary, on a desk: 1 of 2 filed, grid 2 missing with its worker.
    const desk = await newPage(browser, DESKTOP);
    const secretary = desk.page;
    await signIn(secretary, server.url, SECRETARY.username, SECRETARY.password);
    await openNav(secretary, '每日上报', false);
    await secretary.waitForURL('**/reports');
    await expect.poll(() => secretary.getByTestId('tile-grids').locator('.ant-statistic-content').innerText()).toBe('2');
    await expect.poll(() => secretary.getByTestId('tile-onTime').locator('.ant-statistic-content').innerText()).toBe('1');
    await expect.poll(() => secretary.getByTestId('tile-missing').locator('.ant-statistic-content').innerText()).toBe('1');
    await expect.poll(() => secretary.getByTestId('tile-rate').locator('.ant-statistic-content').innerText()).toContain('50');
    const missing = secretary.getByTestId('rollup-missing');
    await missing.getByText('第二网格').waitFor();
    await missing.getByText('赵二格').waitFor();
    expect(await missing.locator(`a[href="tel:${WORKER2.phone}"]`).count()).toBe(1);
    await secretary.getByTestId('rollup-bars').locator('canvas').waitFor();
    await secretary.getByTestId('trend-chart').locator('canvas').waitFor();
    await screenshot(secretary, 'reports-desktop-rollup');

    // The reminder text names the grid, its worker and the deadline.
    await desk.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await missing.getByTestId('reminder-copy').click();
    await expect
      .poll(() => secretary.evaluate(() => navigator.clipboard.readText()))
      .toMatch(/^【每日一上报提醒】东河村第二网格（负责人：赵二格 13900002222）今日（\d+月\d+日）报告尚未上报，请于23:59前完成上报。$/);

    // Open the filed report and send it back.
    await secretary.getByTestId('rollup-filed').getByText('第一网格').click();
    const drawer = secretary.getByTestId('report-drawer');
    await drawer.getByTestId('report-status-tag').getByText('已按时上报').waitFor();
    await drawer.getByTestId('report-return').click();
    await secretary.getByTestId('report-return-reason').fill('走访户数与登记不符，请核实');
    await secretary.getByTestId('report-return-confirm').click();
    await drawer.getByTestId('report-status-tag').getByText('已退回').waitFor();
    await screenshot(secretary, 'reports-desktop-returned');
    await expect.poll(() => secretary.getByTestId('tile-returned').locator('.ant-statistic-content').innerText()).toBe('1');
    // The tiles add up to the grids: the sent-back report is not counted as missing a second time.
    expect(await secretary.getByTestId('tile-missing').locator('.ant-statistic-content').innerText()).toBe('1');

    // 3. The worker sees why, corrects and files again.
    await worker.reload();
    await worker.getByTestId('report-status').getByText('已退回：走访户数与登记不符，请核实').waitFor();
    expect(await worker.getByTestId('report-zero').getAttribute('aria-checked')).toBe('true');
    await worker.getByTestId('report-zero').click();
    await expect.poll(() => worker.getByTestId('report-figure-householdsVisited').inputValue()).toBe('1');
    await worker.getByTestId('report-figure-householdsVisited').fill('2');
    await worker.getByTestId('report-note').fill('补走访一户');
    await screenshot(worker, 'reports-phone-correcting');
    await worker.getByTestId('report-submit').click();
    await worker.getByTestId('report-status').getByText('已按时上报').waitFor();
    await expect.poll(() => worker.getByTestId('report-history-entry').count()).toBe(3);
    const history = await worker.getByTestId('report-history').innerText();
    expect(history).toMatch(/上报[\s\S]*退回[\s\S]*重新上报/);
    expect(history).toContain('退回原因：走访户数与登记不符，请核实');
    expect((await overflowsHorizontally(worker)).overflow).toBe(false);
    await worker.getByTestId('report-history').scrollIntoViewIfNeeded();
    await screenshot(worker, 'reports-phone-history');

    // The secretary's open drawer follows by itself (live events): the corrected figures, three entries.
    await expect.poll(() => secretary.getByTestId('report-drawer').getByTestId('report-history-entry').count(), { timeout: 10_000 }).toBe(3);
    await secretary.getByTestId('report-drawer').getByTestId('report-figures').getByText('补走访一户').waitFor();

    // The worker's page on a desk: the form beside the history.
    const wide = await newPage(browser, DESKTOP);
    await signIn(wide.page, server.url, WORKER.username, WORKER.password);
    await wide.page.goto(`${server.url}/reports/file`);
    await wide.page.getByTestId('report-history-entry').nth(2).waitFor();
    await screenshot(wide.page, 'reports-desktop-file');
    await wide.context.close();

    await phone.context.close();
    await desk.context.close();
  });

  it('shows the roll-up and the reminders on a 360-px phone without horizontal overflow', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('rollup-bars').locator('canvas').waitFor();
    await page.getByTestId('rollup-missing').getByText('第二网格').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'reports-phone-rollup');
    await page.getByTestId('rollup-missing').scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-phone-rollup-missing');
    await page.goto(`${server.url}/reports/reminders`);
    await page.getByTestId('reminder-village').getByText('第二网格').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'reports-phone-reminders');

    // In English too, and a village secretary may file for a missing grid (代报).
    await page.evaluate(() => localStorage.setItem('gridguard.lang', 'en'));
    await page.goto(`${server.url}/reports`);
    await page.getByRole('heading', { name: 'Report roll-up' }).waitFor();
    await page.getByTestId('rollup-missing').getByText('File for the grid').first().click();
    await page.waitForURL(/\/reports\/file\?regionId=\d+&date=/);
    await page.getByTestId('report-status').getByText('Not filed yet today').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'reports-phone-file-for-en');
    // A field error from the server lands on its figure (answer mocked: the form itself refuses negatives).
    await page.route('**/api/v1/daily-reports', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status: 400, json: { error: { code: 'VALIDATION_ERROR', message: 'figures.newArrivals: cannot be negative', details: [{ path: 'figures.newArrivals', message: 'cannot be negative' }] } } })
        : route.continue(),
    );
    await page.getByTestId('report-submit').click();
    await page.locator('.ant-form-item', { has: page.getByTestId('report-figure-newArrivals') }).getByText('cannot be negative').waitFor();
    expect(await page.getByTestId('report-problem').count()).toBe(0);
    await page.unroute('**/api/v1/daily-reports');
    await page.evaluate(() => localStorage.removeItem('gridguard.lang'));
    await context.close();

    await context.close();
  });

  it('drills down from the county to the village and back; the county edits settings and work phones', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/reports`);
    const children = page.getByTestId('rollup-children');
    await children.getByText('城关镇').click();
    await page.getByTestId('rollup-breadcrumb').getByText('城关镇').waitFor();
    await children.getByText('东河村').click();
    await page.getByTestId('rollup-breadcrumb').getByText('东河村').waitFor();
    await page.getByTestId('rollup-missing').getByText('第二网格').waitFor();
    await page.getByTestId('rollup-breadcrumb').getByText('示范县').click();
    await children.getByText('城关镇').waitFor();
    expect(page.url()).not.toContain('regionId=');
    await screenshot(page, 'reports-desktop-county');

    // The Excel of the same region and day.
    const href = (await page.getByTestId('rollup-xlsx').getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/v1\/daily-reports\/rollup\.xlsx\?regionId=\d+&date=\d{4}-\d{2}-\d{2}$/);
    const xlsx = await page.evaluate((url) => fetch(url).then((r) => ({ status: r.status, type: r.headers.get('content-type') })), href);
    expect(xlsx).toEqual({ status: 200, type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

    // Settings: the values saved before, a change saved through the form.
    await page.goto(`${server.url}/settings`);
    await expect.poll(() => page.getByTestId('settings-deadline').inputValue()).toBe('23:59');
    await page.getByTestId('settings-quarantine').fill('21');
    await page.getByTestId('settings-save').click();
    await page.getByText('已保存').waitFor();
    await screenshot(page, 'reports-desktop-settings');
    const saved = await page.evaluate(() => fetch('/api/v1/settings').then((r) => r.json() as Promise<{ quarantineDays: number; reportDeadline: string }>));
    expect(saved).toMatchObject({ quarantineDays: 21, reportDeadline: '23:59' });

    // A work phone on an account: entered in the drawer, shown in the list.
    await page.goto(`${server.url}/users`);
    const row = page.getByTestId('user-table').locator('tr', { hasText: SECRETARY.username });
    await row.getByText('编辑').click();
    await page.getByTestId('user-phone').fill('0571-88886666');
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-table').locator('tr', { hasText: SECRETARY.username }).getByText('0571-88886666').waitFor();
    await page.getByTestId('user-table').locator('tr', { hasText: WORKER.username }).getByText('13900001111').waitFor();
    await context.close();
  });
  it('keeps a report made with no signal on the phone and files it when the network is back', async () => {
    const admin = await apiAs(server.url, 'admin', server.adminPassword);
    const offline = { username: 'sun.grid9', password: 'lantern-orchard-999', displayName: '孙九格' };
    const gridId = await aGridWithWorker(admin, { townCode: '339901009', town: '九里镇', village: '九里村', grid: '九里村第一网格' }, offline);
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, offline.username, offline.password);
    await page.goto(`${server.url}/reports/file`);
    await page.getByTestId('report-status').getByText('今日尚未上报').waitFor();
    await page.getByTestId('report-figure-householdsVisited').fill('3');
    // One bar of signal, then none: the submit cannot reach the server.
    await context.setOffline(true);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-queued').waitFor();
    expect((await admin.get<{ filed: unknown[] }>(`/daily-reports?regionId=${gridId}`)).body.filed).toHaveLength(0);
    // The network returns: the phone's outbox files it by itself, once.
    await context.setOffline(false);
    await expect
      .poll(async () => (await admin.get<{ filed: { regionId: number }[] }>(`/daily-reports?regionId=${gridId}`)).body.filed.length, { timeout: 30_000 })
      .toBe(1);
    const status = (await admin.get<{ filed: { reportId: string }[] }>(`/daily-reports?regionId=${gridId}`)).body;
    const report = (await admin.get<{ figures: Record<string, number>; history: unknown[] }>(`/daily-reports/${status.filed[0]?.reportId}`)).body;
    expect(report.figures.householdsVisited).toBe(3);
    expect(report.history).toHaveLength(1);
    await context.close();
  });
});
