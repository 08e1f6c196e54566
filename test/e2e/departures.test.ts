// 离开辖区 end to end: from the household page a person under quarantine is recorded as gone to
// a neighbouring county (GRIDGUARD_NEIGHBOUR_COUNTIES); the 协查函 opens on its own page, reads
// the same after a reload (the server makes it again) and prints without the app around it; a
// second person leaves for a free place from a 360-px phone. Screenshots at 1366 and 360 px.
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, PHONE, launchBrowser, newPage, overflowsHorizontally, settled, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const SHOTS = process.env.DEPARTURE_SHOTS ?? path.resolve(import.meta.dirname, '../../screenshots');
const LAPTOP = { width: 1366, height: 768 } as const;
let server: TestServer;
let browser: Browser;
let admin: Api;
let householdId = '';
let underQuarantine = '';

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  // The server inherits the environment: one configured neighbour GridGuard does not run.
  process.env.GRIDGUARD_NEIGHBOUR_COUNTIES = '330783:东阳市';
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const grid = await aStandardGrid(admin);
  householdId = (await admin.post<{ id: string }>('/households', { regionId: grid.gridId, address: '东河村18号' })).id;
  underQuarantine = (await admin.post<{ id: string }>('/persons', { householdId, name: '赵外出', category: 'resident' })).id;
  await admin.post('/persons', { householdId, name: '钱外出', category: 'resident' });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await admin.post('/quarantines', { personId: underQuarantine, startOn: today, reason: '密接' });
});
afterAll(async () => {
  delete process.env.GRIDGUARD_NEIGHBOUR_COUNTIES;
  await browser?.close();
  await server?.stop();
});

/** Opens the departure dialog of the named person on the household page. */
async function openDeparture(page: Page, name: string): Promise<void> {
  await page.goto(`${server.url}/households/${householdId}`);
  const row = page.getByTestId('person-list').locator('.ant-list-item').filter({ hasText: name });
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  await row.getByTestId('person-departure').click();
  await expect.poll(() => page.getByTestId('departure-place').isVisible(), { timeout: 15_000 }).toBe(true);
}

describe('a departure in the browser', () => {
  it('records a departure to a neighbouring county and prints its 协查函, at 1366 px', async () => {
    const { context, page } = await newPage(browser, LAPTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await openDeparture(page, '赵外出');
    await page.getByTestId('departure-where').getByText('邻县（市、区）').click();
    await chooseOption(page, 'departure-county', null, '东阳市');
    await page.getByTestId('departure-place').fill('横店镇');
    await shot(page, 'departure-dialog-1366');
    await page.getByTestId('departure-submit').click();
    // The letter opens to print.
    await expect.poll(() => page.getByTestId('departure-notice-sheet').isVisible(), { timeout: 15_000 }).toBe(true);
    const sheet = page.getByTestId('departure-notice-sheet');
    await expect.poll(() => sheet.textContent()).toContain('东阳市疫情防控工作指挥部');
    expect(await sheet.textContent()).toContain('赵外出');
    expect(await sheet.textContent()).toContain('前往贵县横店镇');
    expect(await sheet.textContent()).toContain('风险赋码为黄码');
    expect(page.url()).toContain(`/persons/${underQuarantine}/departure`);
    await shot(page, 'departure-notice-1366');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    // Read again later: the same letter, made by the server from what the departure kept.
    const first = await sheet.textContent();
    await page.reload();
    await expect.poll(() => page.getByTestId('departure-notice-sheet').textContent(), { timeout: 15_000 }).toBe(first);
    // On paper: the sheet alone.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('departure-print').isVisible()).toBe(false);
    expect(await page.getByTestId('departure-notice-sheet').isVisible()).toBe(true);
    await shot(page, 'departure-notice-print');
    await page.emulateMedia({ media: 'screen' });
    // The person has left the household's list of residents' counts: the API says where to.
    const departure = await admin.get<{ leftTo: string; neighbour: { name: string } }>(`/persons/${underQuarantine}/departure`);
    expect(departure.body).toMatchObject({ leftTo: '横店镇', neighbour: { name: '东阳市' } });
    await context.close();
  });

  it('records a departure to a free place from a phone, and shows the letter at 360 px', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await openDeparture(page, '钱外出');
    await page.getByTestId('departure-place').fill('浙江省杭州市西湖区');
    await shot(page, 'departure-dialog-360');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.getByTestId('departure-submit').click();
    // No letter for a place that is no neighbouring county: the dialog closes, the person leaves the household.
    await expect.poll(() => page.getByTestId('departure-modal').isVisible(), { timeout: 15_000 }).toBe(false);
    await expect.poll(() => page.getByTestId('person-list').textContent(), { timeout: 15_000 }).not.toContain('钱外出');
    await page.goto(`${server.url}/persons/${underQuarantine}/departure`);
    await expect.poll(() => page.getByTestId('departure-notice-sheet').isVisible(), { timeout: 15_000 }).toBe(true);
    await shot(page, 'departure-notice-360');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await context.close();
  });
});
