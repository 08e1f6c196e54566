// The phone's 去向 picker (issue 19) at 360 px: a grid worker visits a household with no signal,
// marks one member left to another grid of the county (picked from the cached destinations the
// verification task's 'left' uses) and another left to a place outside; once the signal returns
// the visit goes through the outbox, the receiving grid finds the hand-over proposed to it, and
// the other person is recorded as departed (where to, when).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStaffAccount, aStandardGrid, apiAs } from './api-client.ts';
import { launchBrowser, overflowsHorizontally, phoneWithoutServiceWorker, screenshot } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;
let otherGrid: number;
let toGridId: string;
let outsideId: string;
const WORKER = { username: 'worker', password: 'lantern-orchard-123' }; // aStandardGrid's worker
const RECEIVER = { username: 'worker2', password: 'harbour-willow-385' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  let villageId: number;
  ({ gridId, villageId } = await aStandardGrid(admin));
  otherGrid = (await admin.post<{ id: number }>('/regions', { parentId: villageId, level: 'grid', code: '33990100100102', name: '东河村第二网格' })).id;
  await aStaffAccount(admin, { ...RECEIVER, displayName: '王网格', role: 'grid_worker', regionId: otherGrid });
  const home = await admin.post<{ id: string }>('/households', { regionId: gridId, address: '东河村 8 号' });
  await admin.post('/persons', { regionId: gridId, householdId: home.id, name: '在家丙', category: 'resident' });
  toGridId = (await admin.post<{ id: string }>('/persons', { regionId: gridId, householdId: home.id, name: '去二网格甲', category: 'resident' })).id;
  outsideId = (await admin.post<{ id: string }>('/persons', { regionId: gridId, householdId: home.id, name: '去杭州乙', category: 'resident' })).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = () => phoneWithoutServiceWorker(browser);

describe('the phone’s 去向 picker', () => {
  it('sends one person left to another grid (a hand-over) and one to a place outside (a departure), recorded offline', async () => {
    const { context, page } = await phone();
    await page.goto(`${server.url}/field/login`);
    await page.getByTestId('login-username').fill(WORKER.username);
    await page.getByTestId('login-password').fill(WORKER.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((url) => url.pathname === '/field');
    await page.getByText('东河村 8 号').waitFor();

    await page.getByText('东河村 8 号').click();
    await page.getByTestId('field-visit').click();
    await page.getByTestId('field-visit-members').waitFor();
    // No signal from here on: the household, its people and the county's grids come from the phone.
    await context.setOffline(true);
    const row = (name: string) => page.getByTestId('field-visit-members').locator('.member', { hasText: name });
    await row('去二网格甲').getByText('已离开').click();
    await row('去杭州乙').getByText('已离开').click();
    // Only those marked left get a picker; the worker's own grid is not offered.
    expect(await page.getByTestId('field-visit-left-to').count()).toBe(2);
    const picker = row('去二网格甲').getByTestId('field-visit-left-region');
    const options = await picker.locator('option').allTextContents();
    expect(options.some((o) => o.includes('东河村第二网格'))).toBe(true);
    expect(options.some((o) => o.includes('东河村第一网格'))).toBe(false);
    await picker.selectOption({ label: options.find((o) => o.includes('东河村第二网格')) ?? '' });
    await row('去二网格甲').getByText('将向该网格发起移交').waitFor();
    await row('去杭州乙').getByTestId('field-visit-left-place').fill('浙江省杭州市西湖区');
    await row('去杭州乙').getByTestId('field-visit-left-on').fill('2026-12-01');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'visit-left-to-360');
    await page.getByTestId('field-visit-save').click();
    await page.waitForURL((url) => url.pathname.startsWith('/field/h/') && !url.pathname.endsWith('/visit'));

    // The signal returns: the outbox sends the visit once.
    await context.setOffline(false);
    await page.goto(`${server.url}/field`);
    await page.getByTestId('field-refresh').click();
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 30_000 }).toContain('0');

    // The receiving grid finds the hand-over proposed to it; the other person departed.
    const receiver = await apiAs(server.url, RECEIVER.username, RECEIVER.password);
    const incoming = (await receiver.get<{ items: { personId: string; status: string }[] }>(`/handovers?regionId=${otherGrid}&direction=in`)).body.items;
    expect(incoming).toEqual([expect.objectContaining({ personId: toGridId, status: 'proposed', toRegionName: '东河村第二网格' })]);
    const departure = await admin.get<{ leftOn: string; leftTo: string }>(`/persons/${outsideId}/departure`);
    expect(departure.body).toMatchObject({ leftOn: '2026-12-01', leftTo: '浙江省杭州市西湖区' });
    await context.close();
  });
});
