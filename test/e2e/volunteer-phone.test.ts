// A micro-grid volunteer's light account on the phone app at 360 px: it lands on its micro-grid's
// households (masked, another micro-grid's not there), records a visit whose "left" becomes a
// report for the grid's staff (nobody's stay ends), files 发现问题 with no signal that reaches the
// staff inbox once the signal returns, and finds every other page of the phone app closed.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStaffAccount, aStandardGrid, apiAs } from './api-client.ts';
import { launchBrowser, overflowsHorizontally, phoneWithoutServiceWorker, screenshot, signInOnPhone, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;
let microA: number;
let leaverId: string;
const VOLUNTEER = { username: 'vol-a', password: 'willow-lantern-482' };
const WORKER = { username: 'worker', password: 'lantern-orchard-123' }; // aStandardGrid's worker
const ID_NUMBER = validIdNumber('517');

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ gridId } = await aStandardGrid(admin));
  microA = (await admin.post<{ id: number }>('/regions', { parentId: gridId, level: 'microgrid', code: '33990100100101001', name: '一号楼微网格' })).id;
  const microB = (await admin.post<{ id: number }>('/regions', { parentId: gridId, level: 'microgrid', code: '33990100100101002', name: '二号楼微网格' })).id;
  const home = await admin.post<{ id: string }>('/households', { regionId: microA, address: '一号楼1单元101' });
  await admin.post('/persons', { regionId: microA, householdId: home.id, name: '住户甲', category: 'resident', idNumber: ID_NUMBER });
  leaverId = (await admin.post<{ id: string }>('/persons', { regionId: microA, householdId: home.id, name: '外出乙', category: 'resident' })).id;
  await admin.post('/households', { regionId: microA, address: '一号楼1单元102' });
  await admin.post('/households', { regionId: microB, address: '二号楼2单元201' });
  await aStaffAccount(admin, { ...VOLUNTEER, displayName: '周志愿者', role: 'volunteer', regionId: microA });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const phone = () => phoneWithoutServiceWorker(browser);

const signInAsVolunteer = (page: Page) => signInOnPhone(page, server.url, VOLUNTEER.username, VOLUNTEER.password);

describe('a micro-grid volunteer on the phone app', () => {
  it('sees its micro-grid’s households masked, visits one and reports who left, files 发现问题 offline', async () => {
    const { context, page } = await phone();
    await signInAsVolunteer(page);
    await expect.poll(() => page.getByTestId('field-household').count()).toBe(2);
    const addresses = await page.getByTestId('field-household').locator('.item-title').allTextContents();
    expect(addresses.sort()).toEqual(['一号楼1单元101', '一号楼1单元102']);
    expect(await page.locator('h1').textContent()).toContain('我的微网格');
    // Its work: 发现问题 and the sync page; nothing to register, no staff links.
    expect(await page.getByTestId('field-register').count()).toBe(0);
    expect(await page.getByTestId('field-tasks-link').count()).toBe(0);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'volunteer-home-360');

    await page.getByText('一号楼1单元101').click();
    await page.getByTestId('field-members').waitFor();
    const members = await page.getByTestId('field-members').textContent();
    expect(members).toContain('住户甲');
    expect(members).not.toContain(ID_NUMBER);
    expect(await page.getByTestId('field-add-person').count()).toBe(0);
    expect(await page.getByTestId('field-forms').count()).toBe(0);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'volunteer-household-360');

    await page.getByTestId('field-visit').click();
    await page.getByTestId('volunteer-left-hint').waitFor();
    const leaverRow = page.getByTestId('field-visit-members').locator('.member', { hasText: '外出乙' });
    await leaverRow.getByText('已离开').click();
    await page.getByTestId('field-visit-note').fill('说去杭州打工了');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'volunteer-visit-360');
    await page.getByTestId('field-visit-save').click();
    await page.waitForURL((url) => url.pathname.startsWith('/field/h/') && !url.pathname.endsWith('/visit'));

    // No signal: 发现问题 is saved on the phone and waits.
    await page.goto(`${server.url}/field`);
    await page.getByTestId('volunteer-finding-link').click();
    await page.getByTestId('finding-description').waitFor();
    await context.setOffline(true);
    await page.getByTestId('finding-description').fill('短');
    await page.getByTestId('finding-save').click();
    await page.getByTestId('error-finding-description').waitFor();
    await page.getByTestId('finding-category').getByText('聚集').click();
    await page.getByTestId('finding-description').fill('二号楼下有十多人聚集打牌');
    await page.getByTestId('finding-place').fill('二号楼北侧空地');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'volunteer-finding-360');
    await page.getByTestId('finding-save').click();
    await page.waitForURL((url) => url.pathname === '/field');
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toContain('1');
    await screenshot(page, 'volunteer-finding-offline-360');
    await context.setOffline(false);
    await page.getByTestId('field-refresh').click();
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 30_000 }).toContain('0');

    // The staff inbox holds both reports; the person who left is still there until staff act.
    const worker = await apiAs(server.url, WORKER.username, WORKER.password);
    const tips = (await worker.get<{ items: { description: string; category: string }[] }>(`/tips?regionId=${gridId}`)).body.items;
    expect(tips.find((tip) => tip.description === '二号楼下有十多人聚集打牌')).toMatchObject({ category: 'gathering' });
    expect(tips.some((tip) => tip.description.includes('外出乙') && tip.description.includes('说去杭州打工了'))).toBe(true);
    const stillHere = (await worker.get<{ items: { id: string }[] }>(`/persons?regionId=${microA}`)).body.items.map((p) => p.id);
    expect(stillHere).toContain(leaverId);
    await context.close();
  });

  it('finds every other page of the phone app closed, and the staff app sends it to the phone app', async () => {
    const { context, page } = await phone();
    await signInAsVolunteer(page);
    for (const path of ['/field/register', '/field/arrivals', '/field/tasks', '/field/quarantine', '/field/conflicts']) {
      await page.goto(`${server.url}${path}`);
      await page.getByText('无权').first().waitFor();
    }
    await screenshot(page, 'volunteer-forbidden-360');
    // The staff console's home, even on a desk, is nothing for a volunteer: it opens the phone app.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === '/field');
    await context.close();
  });
});
