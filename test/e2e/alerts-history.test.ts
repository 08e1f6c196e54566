// Issue 15 items 4 and 5 in the browser. On a 1920-px screen the admin confirms two selected
// quarantine alerts, then every open one matching the filter, in one action each; a grid worker
// sees the alerts as cards with check boxes on a 360-px phone. A household's page shows its
// change history (address old → new) and a person's (phone masked); the audit log names the
// person with a link to that history.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { DESKTOP, PHONE, chooseSegment, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

let server: TestServer;
let browser: Browser;
let admin: Api;
let householdId = '';
let personId = '';
const WORKER = { username: 'worker', password: 'lantern-orchard-123' };
const PEOPLE = ['钱批一', '钱批二', '钱批三', '钱批四'];
const dayIn = (offset: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86_400_000));

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const { gridId } = await aStandardGrid(admin);
  const household = await admin.post<{ id: string }>('/households', { regionId: gridId, address: '东河村 9 号' });
  householdId = household.id;
  for (const name of PEOPLE) {
    const person = await admin.post<{ id: string }>('/persons', { householdId, name, category: 'resident', phone: '13911112222' });
    if (!personId) personId = person.id;
    const order = await admin.post<{ id: string }>('/quarantines', { personId: person.id, reason: '返乡', startOn: dayIn(0) });
    await admin.post(`/quarantines/${order.id}/checks`, { temperature: 38.1 });
  }
  // The first person's edits, for the history.
  await admin.patch(`/persons/${personId}`, { baseVersion: 1, phone: '13933334444', employer: '县农机站' });
  await admin.patch(`/households/${householdId}`, { baseVersion: 1, address: '东河村 9 号之一' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const openAlerts = async () => (await admin.get<{ items: { id: string }[] }>('/quarantines/alerts?open=true')).body.items.length;

describe('bulk confirmation of quarantine alerts', () => {
  it('shows a worker’s alerts as selectable cards on a phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/quarantine/alerts`);
    const cards = page.getByTestId('quarantine-alert-cards');
    await cards.getByText(PEOPLE[0] as string).waitFor();
    expect(await cards.getByTestId('alert-select').count()).toBe(PEOPLE.length);
    await cards.getByTestId('alert-select').first().check();
    expect(await page.getByTestId('alert-ack-selected').textContent()).toContain('1');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'alerts-bulk-phone');
    await context.close();
  });

  it('confirms the selected alerts, then all matching the filter, each in one request', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/quarantine/alerts`);
    const table = page.getByTestId('quarantine-alert-table');
    await table.getByText(PEOPLE[0] as string).waitFor();
    const rowsShown = table.locator('tbody tr.ant-table-row');
    await rowsShown.nth(0).locator('.ant-checkbox').click();
    await rowsShown.nth(1).locator('.ant-checkbox').click();
    expect(await page.getByTestId('alert-ack-selected').textContent()).toContain('2');
    await screenshot(page, 'alerts-bulk-desktop');
    let bulkRequests = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/quarantines/alerts/ack')) bulkRequests += 1;
    });
    await page.getByTestId('alert-ack-selected').click();
    await page.locator('.ant-modal-confirm-title').getByText('确认所选的 2 条预警？').waitFor();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByText('已确认 2 条预警').first().waitFor();
    await expect.poll(openAlerts).toBe(PEOPLE.length - 2);
    await expect.poll(async () => table.locator('tbody tr.ant-table-row').count()).toBe(PEOPLE.length - 2);

    await page.getByTestId('alert-ack-matching').click();
    await page.locator('.ant-modal-confirm-title').getByText('确认全部符合当前筛选的待处理预警？').waitFor();
    await screenshot(page, 'alerts-bulk-desktop-confirm');
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.getByText(`已确认 ${PEOPLE.length - 2} 条预警`).first().waitFor();
    await expect.poll(openAlerts).toBe(0);
    expect(bulkRequests).toBe(2);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await context.close();
  });
});

describe('change history and the audit log', () => {
  it('shows the household’s and a person’s changes old → new, phones masked, at 1920 px and on a phone', async () => {
    for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, server.url, 'admin', server.adminPassword);
      await page.goto(`${server.url}/households/${householdId}`);
      const card = page.getByTestId('household-history-card');
      await card.getByText('东河村 9 号之一').waitFor();
      expect(await card.textContent()).toContain('地址');
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `history-household-${name}`);
      await page.goto(`${server.url}/households/${householdId}?person=${personId}`);
      const drawer = page.getByTestId('person-history-drawer');
      await drawer.getByText('县农机站').waitFor();
      const text = (await drawer.textContent()) ?? '';
      expect(text).toContain('139****2222');
      expect(text).toContain('139****4444');
      expect(text).not.toContain('13933334444');
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await screenshot(page, `history-person-${name}`);
      await context.close();
    }
  });

  it('names the object of each audit entry and links a person to their history', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/audit`);
    await page.getByTestId('audit-table').getByText('钱批一').first().waitFor();
    // The person's own entries link to their history on the household's page.
    const link = page.locator(`[data-testid="audit-entity-link"][href*="?person=${personId}"]`).first();
    await link.waitFor();
    expect(await page.getByTestId('audit-table').textContent()).toContain('居家隔离单 · ');
    await screenshot(page, 'audit-names-desktop');
    await link.click();
    await page.getByTestId('person-history-drawer').getByText('县农机站').waitFor();
    await context.close();
  });
});

describe('lists and history at office sizes, Chinese and English', () => {
  const SIZES = [
    { width: 1366, height: 768 },
    { width: 1440, height: 900 },
  ] as const;
  for (const size of SIZES)
    for (const lang of ['zh-CN', 'en'] as const)
      it(`${size.width}×${size.height} ${lang}: the alerts list with its place filter and total, the change history and 人员查询`, async () => {
        const { context, page } = await newPage(browser, size);
        if (lang === 'en') await page.addInitScript(() => localStorage.setItem('gridguard.lang', 'en'));
        await signIn(page, server.url, 'admin', server.adminPassword);
        await page.goto(`${server.url}/quarantine/alerts`);
        // Confirmed by the tests above: the list of all of them (the third filter).
        await chooseSegment(page, page.getByTestId('quarantine-alert-filter').locator('.ant-segmented-item').nth(2));
        await page.getByTestId('quarantine-alert-table').getByText(PEOPLE[0] as string).waitFor();
        await page.getByTestId('alerts-place-town').waitFor();
        const total = (await page.getByTestId('alerts-total').textContent()) ?? '';
        expect(total).toMatch(lang === 'en' ? /\d/ : /^共 \d+ 条$/);
        expect((await overflowsHorizontally(page)).overflow).toBe(false);
        await screenshot(page, `alerts-list-${size.width}-${lang}`);

        await page.goto(`${server.url}/households/${householdId}`);
        const card = page.getByTestId('household-history-card');
        await card.getByText('东河村 9 号之一').waitFor();
        await card.scrollIntoViewIfNeeded();
        expect((await overflowsHorizontally(page)).overflow).toBe(false);
        await screenshot(page, `history-household-${size.width}-${lang}`);

        await page.goto(`${server.url}/persons`);
        await page.getByTestId('person-search').locator('input').fill(PEOPLE[0] as string);
        await page.getByTestId('person-search').locator('input').press('Enter');
        await page.getByTestId('person-search-table').getByText(PEOPLE[0] as string).first().waitFor();
        await page.getByTestId('person-search-place-town').waitFor();
        expect((await overflowsHorizontally(page)).overflow).toBe(false);
        await screenshot(page, `persons-${size.width}-${lang}`);
        await context.close();
      });
});
