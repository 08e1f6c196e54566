// 扫码登记: a village secretary issues the village's QR code and opens its poster (the QR image
// loads); an arrival registers through the public API with the poster's token; the grid worker
// sees it in the field app's queue on a 360-px phone and verifies it, and the person exists; a
// revoked token is refused at once. Screenshots of the queue, the poster and the field page at
// 360 and 1920 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let secretaryApi: Api;
let gridId: number;
let villageId: number;
const SECRETARY = { username: 'arrival-secretary', password: 'meadow-copper-123' };
const WORKER = { username: 'worker', password: 'lantern-orchard-123' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ villageId, gridId } = await aStandardGrid(admin));
  await aStaffAccount(admin, { ...SECRETARY, displayName: '王书记', role: 'village_secretary', regionId: villageId });
  secretaryApi = await apiAs(server.url, SECRETARY.username, SECRETARY.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Code { id: string; token: string; status: string; regionId: number }
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function registerArrival(token: string, name: string, sequence: string) {
  return fetch(`${server.url}/api/v1/public/arrivals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qrToken: token, name, idNumber: validIdNumber(sequence, '19900215'), phone: `1390000${sequence}1`, origin: '广东省深圳市', arrivedOn: today(), address: '东河村3组12号', gridId }),
  });
}

async function activeCode(): Promise<Code> {
  const list = (await secretaryApi.get<{ items: Code[] }>(`/arrival-codes?status=active`)).body;
  const code = list.items.find((c) => c.regionId === villageId);
  if (!code) throw new Error('no active code');
  return code;
}

async function qrLoaded(page: Page) {
  const img = page.getByTestId('arrival-poster-qr');
  await img.waitFor();
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0)).toBe(true);
}

describe('arrival self-registration', () => {
  it('a village secretary issues a code and opens its poster with the QR code', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.goto(`${server.url}/arrivals?tab=codes`);
    await page.getByTestId('arrival-code-create').click();
    await chooseOption(page, 'arrival-code-village', null, '东河村');
    await page.getByTestId('arrival-code-create-ok').click();
    const table = page.getByTestId('arrival-code-table');
    await table.getByText('东河村').waitFor();
    await table.getByText('使用中').waitFor();
    await table.getByTestId('arrival-code-poster').click();
    await page.waitForURL(/\/arrivals\/codes\/[0-9a-f-]{36}\/poster$/);
    await page.getByTestId('arrival-poster-place').getByText('城关镇 · 东河村').waitFor();
    await page.getByTestId('arrival-poster-sheet').getByRole('heading', { name: '扫码登记' }).waitFor();
    await qrLoaded(page);
    await screenshot(page, 'arrivals-desktop-poster');
    // Printing shows one A4 page: the sheet, no app chrome.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      sider: getComputedStyle(document.querySelector('.ant-layout-sider') ?? document.body).display,
      toolbar: getComputedStyle(document.querySelector('.gg-ap-toolbar') as Element).display,
    }));
    expect(printed.toolbar).toBe('none');
    if (printed.sider !== 'block') expect(printed.sider).toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(1);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'arrivals-print-poster');
    await context.close();

    const { context: phone, page: phonePage } = await newPage(browser, PHONE);
    await signIn(phonePage, server.url, SECRETARY.username, SECRETARY.password);
    await phonePage.goto(`${server.url}/arrivals/codes/${(await activeCode()).id}/poster`);
    await qrLoaded(phonePage);
    expect((await overflowsHorizontally(phonePage)).overflow).toBe(false);
    await screenshot(phonePage, 'arrivals-phone-poster');
    await phone.close();
  });

  it('an arrival registers with the poster’s token; the grid worker verifies it on a phone and the person exists', async () => {
    const code = await activeCode();
    const place = await fetch(`${server.url}/api/v1/public/arrivals/codes/${code.token}`);
    expect(place.status).toBe(200);
    expect(await place.json()).toMatchObject({ villageName: '东河村', townName: '城关镇', grids: [{ id: gridId, name: '东河村第一网格' }] });
    const res = await registerArrival(code.token, '赵返乡', '201');
    expect(res.status).toBe(201);
    const receipt = (await res.json()) as { reference: string };
    expect(receipt.reference).toMatch(/^[0-9A-Z]{8}$/);

    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/field`);
    const link = page.getByTestId('field-arrivals-link');
    await link.waitFor();
    await expect.poll(async () => (await page.getByTestId('field-arrivals-badge').textContent()) ?? '').toContain('1');
    await screenshot(page, 'arrivals-phone-field-home');
    await link.click();
    await page.waitForURL('**/field/arrivals');
    const card = page.getByTestId('field-arrival').filter({ hasText: '赵返乡' });
    await card.waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'arrivals-phone-field');
    // Without a signal the page says the decisions need the network.
    await context.setOffline(true);
    await page.getByTestId('field-arrivals-offline').waitFor();
    await screenshot(page, 'arrivals-phone-field-offline');
    await context.setOffline(false);
    await page.getByTestId('field-arrivals-offline').waitFor({ state: 'detached' });
    await card.click();
    // Masked at first; the full numbers once the worker says why (to check them against the card).
    await page.getByTestId('arrival-id-number').waitFor();
    expect(await page.getByTestId('arrival-id-number').textContent()).toContain('*');
    await screenshot(page, 'arrivals-phone-field-detail-masked');
    await page.getByTestId('arrival-reveal').click();
    await page.getByTestId('reveal-purpose').fill('核对来人身份证');
    await screenshot(page, 'arrivals-phone-field-purpose');
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('arrival-id-number').getByText(validIdNumber('201', '19900215')).waitFor();
    await page.getByTestId('arrival-verify-form').waitFor();
    await screenshot(page, 'arrivals-phone-field-detail');
    await page.getByTestId('arrival-verify-submit').click();
    await page.getByTestId('arrival-detail').getByText('已核实').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('field-arrival').count()).toBe(0);
    await context.close();

    const worker = await apiAs(server.url, WORKER.username, WORKER.password);
    const entries = (await worker.get<{ items: { name: string; status: string; personId: string }[] }>('/arrivals?status=verified')).body.items;
    const verified = entries.find((e) => e.name === '赵返乡');
    expect(verified?.status).toBe('verified');
    const person = await worker.get<{ name: string; regionId: number; category: string; origin: string }>(`/persons/${verified?.personId}`);
    expect(person.status).toBe(200);
    expect(person.body).toMatchObject({ name: '赵返乡', regionId: gridId, category: 'returnee', origin: '广东省深圳市' });
  });

  it('shows the queue as cards on a phone and as a table with the chart on a 1920-px screen', async () => {
    const code = await activeCode();
    expect((await registerArrival(code.token, '钱到家', '202')).status).toBe(201);
    expect((await registerArrival(code.token, '孙回村', '203')).status).toBe(201);
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.getByTestId('nav-menu').getByText('扫码登记').click();
    await page.waitForURL('**/arrivals');
    await page.getByTestId('arrival-table').getByText('钱到家').waitFor();
    await page.getByTestId('arrival-chart').waitFor();
    await screenshot(page, 'arrivals-desktop-queue');
    await page.getByTestId('arrival-table').getByText('孙回村').click();
    await page.getByTestId('arrival-verify-form').waitFor();
    await screenshot(page, 'arrivals-desktop-detail');
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/arrivals?tab=codes`);
    await page.getByTestId('arrival-code-table').getByText('东河村').waitFor();
    await screenshot(page, 'arrivals-desktop-codes');
    await context.close();

    const { context: phone, page: phonePage } = await newPage(browser, PHONE);
    await signIn(phonePage, server.url, SECRETARY.username, SECRETARY.password);
    await phonePage.goto(`${server.url}/arrivals`);
    await phonePage.getByTestId('arrival-cards').getByText('钱到家').waitFor();
    expect((await overflowsHorizontally(phonePage)).overflow).toBe(false);
    await screenshot(phonePage, 'arrivals-phone-queue');
    await phone.close();

    // The grid worker's field page on a desk screen: the same queue, one phone-width column.
    const { context: desk, page: deskPage } = await newPage(browser, DESKTOP);
    await signIn(deskPage, server.url, WORKER.username, WORKER.password);
    await deskPage.goto(`${server.url}/field/arrivals`);
    await deskPage.getByTestId('field-arrival').filter({ hasText: '钱到家' }).waitFor();
    expect(await deskPage.getByTestId('field-arrival').count()).toBe(2);
    await screenshot(deskPage, 'arrivals-desktop-field');
    await desk.close();
  });

  it('a revoked code’s token is refused at once', async () => {
    const code = await activeCode();
    await secretaryApi.post(`/arrival-codes/${code.id}/revoke`, {});
    const refused = await registerArrival(code.token, '周晚到', '204');
    expect(refused.status).toBe(404);
    const body = (await refused.json()) as { error: { message: string } };
    expect(body.error.message).toContain('not valid any more');
    expect((await fetch(`${server.url}/api/v1/public/arrivals/codes/${code.token}`)).status).toBe(404);
  });
});
