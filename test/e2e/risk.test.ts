// 风险赋码: the county admin reads the rules, a bad rule is refused on its field, a new rule
// ("visitors are red") is saved, the recompute's progress runs to the end, and the list shows
// the visitor with the rule's label as the reason. Then the page on a 360-px phone.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, settled, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const SHOTS = '/tmp/risk-shots';
let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;
let householdId: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ gridId } = await aStandardGrid(admin));
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await admin.post('/persons', { regionId: gridId, name: '访客张', category: 'visitor' });
  householdId = (await admin.post<{ id: string }>('/households', { regionId: gridId, address: '东河村3组12号' })).id;
  await admin.post('/persons', { householdId, name: '返乡李', category: 'returnee', origin: '湖北省武汉市', arrivedOn: today });
  await admin.post('/persons', { regionId: gridId, name: '常住王', category: 'resident' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function shot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('risk colours', () => {
  it('edits a rule, follows the recompute to the end and lists the person with the reason', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/risk`);
    await page.getByTestId('risk-rule').nth(3).waitFor();
    expect(await page.getByTestId('risk-rule').count()).toBe(4);
    const list = page.getByTestId('risk-persons');
    await list.getByText('返乡李').waitFor();
    expect(await list.textContent()).toContain('14天内来自重点地区');
    expect(await list.textContent()).not.toContain('访客张');

    // A new rule starts as "arrived from an area" with no areas: the server refuses it and the
    // page puts the message on that rule's areas field.
    await page.getByTestId('risk-rule-add').click();
    await page.getByTestId('risk-rule').nth(4).waitFor();
    const rule = page.getByTestId('risk-rule').nth(4);
    await rule.getByTestId('risk-rule-label').fill('外来访客');
    await page.getByTestId('risk-rules-save').click();
    await rule.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await page.getByTestId('risk-job').count()).toBe(0);

    // Made a category rule ("visitors are red"), it is saved and the recompute runs.
    await chooseOption(page, rule.getByTestId('risk-rule-kind'), null, '人员类别');
    await chooseOption(page, rule.getByTestId('risk-rule-colour'), null, '红码');
    await chooseOption(page, rule.getByTestId('risk-rule-categories'), null, '访客');
    await page.keyboard.press('Escape');
    await page.getByTestId('risk-rules-save').click();
    await page.getByTestId('risk-progress').waitFor();
    await page.getByTestId('risk-job-done').waitFor({ timeout: 20_000 });
    await shot(page, 'risk-desktop-1920');
    await list.getByText('访客张').waitFor();
    expect(await list.textContent()).toContain('外来访客');
    expect(await page.getByTestId('risk-region-colour').textContent()).toContain('红码');
    await shot(page, 'risk-desktop-1920-done');

    // What the server holds agrees.
    const people = (await admin.get<{ items: { name: string; colour: string; reasons: string[] }[] }>(`/risk/persons?regionId=${gridId}`)).body.items;
    expect(people.find((p) => p.name === '访客张')).toMatchObject({ colour: 'red', reasons: ['外来访客'] });
    expect(people.find((p) => p.name === '常住王')).toBeUndefined();

    // The household page tags each person with the colour and the reason.
    await page.goto(`${server.url}/households/${householdId}`);
    await page.getByTestId('risk-tag-yellow').waitFor();
    expect(await page.getByTestId('risk-reasons').first().textContent()).toBe('14天内来自重点地区');
    await shot(page, 'risk-household-1920');
    await context.close();
  });

  it('colours the dashboard map by each region’s worst person', async () => {
    const me = (await admin.get<{ region: { id: number } }>('/auth/me')).body;
    const county = me.region.id;
    const towns = (await admin.get<{ items: { id: number; code: string; name: string }[] }>(`/regions?parentId=${county}`)).body.items;
    await admin.post('/regions', { parentId: county, level: 'town', code: '339901002', name: '南山乡' });
    const rect = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
    await admin.post(`/regions/${county}/boundaries`, {
      type: 'FeatureCollection',
      features: [...towns.map((t) => t.code), '339901002'].map((code, i) => ({ type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: rect(120.4 + i * 0.1, 29.0, 120.5 + i * 0.1, 29.2) } })),
    });
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('map-metric').getByText('风险赋码').click();
    await page.getByTestId('region-map').waitFor();
    await shot(page, 'risk-dashboard-map-1920');
    const breakdown = (await admin.get<{ children: { name: string; risk: { colour: string; red: number } }[] }>(`/stats/breakdown?regionId=${county}`)).body.children;
    expect(breakdown.find((c) => c.name === '城关镇')?.risk).toMatchObject({ colour: 'red', red: 1 });
    expect(breakdown.find((c) => c.name === '南山乡')?.risk.colour).toBe('green');
    await context.close();
  });

  it('reads well on a 360-px phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/risk`);
    await page.getByTestId('risk-persons').getByText('访客张').waitFor();
    await page.getByTestId('risk-summary').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'risk-phone-360');
    await context.close();
  });
});
