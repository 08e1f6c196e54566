// 压实责任: on a 360-px phone a grid worker sets a quarantined person's responsible people (an
// account and a family contact) and sees the roles still missing; on a 1366-px screen the admin
// names a micro-grid's building head on the territory page and sees coverage, reads the HQ view
// (who carries how many, who lacks a role), sees them on the printed notice, and after a fever
// alert copies the prepared text for the family contact, which never says why.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const OFFICE = { width: 1366, height: 768 } as const;
const WORKER = { username: 'worker', password: 'lantern-orchard-123' };
const PERSON = '钱晓包';
const FAMILY_PHONE = '13912345678';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId = 0;
let microId = 0;
let orderId = '';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ gridId } = await aStandardGrid(admin));
  microId = (await admin.post<{ id: number }>('/regions', { parentId: gridId, level: 'microgrid', code: '3399010010010101', name: '一号楼微网格' })).id;
  await admin.post('/regions', { parentId: gridId, level: 'microgrid', code: '3399010010010102', name: '二号楼微网格' });
  const household = await admin.post<{ id: string }>('/households', { regionId: gridId, address: '东河村 9 号' });
  const person = await admin.post<{ id: string }>('/persons', { householdId: household.id, name: PERSON, category: 'returnee', origin: '湖北省武汉市', arrivedOn: today() });
  orderId = (await admin.post<{ id: string }>('/quarantines', { personId: person.id, reason: '自武汉返乡', startOn: today() })).id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('responsibility by name', () => {
  it('sets a quarantined person’s responsible people on a phone', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/quarantine/${orderId}`);
    await page.getByTestId('responsible-card').waitFor();
    expect(await page.getByTestId('responsible-missing').textContent()).toContain('网格员');

    await page.getByTestId('responsible-edit').click();
    await page.getByTestId('responsible-add').click();
    await chooseOption(page, page.getByTestId('responsible-role').last(), null, '网格员');
    await page.getByTestId('responsible-row').last().getByText('系统账号').click();
    await chooseOption(page, page.getByTestId('responsible-account').last(), null, '（本人）');
    await page.getByTestId('responsible-add').click();
    await chooseOption(page, page.getByTestId('responsible-role').last(), null, '家属', 'last');
    await page.getByTestId('responsible-name').last().fill('钱家属');
    await page.getByTestId('responsible-phone').last().fill('12345');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'responsibility-phone-editor');
    // A bad mobile is refused naming the member's field, and nothing is saved.
    await page.getByTestId('responsible-save').click();
    await page.getByTestId('responsible-problem').waitFor();
    expect(await page.getByTestId('responsible-problem').textContent()).toContain('手机');
    await page.getByTestId('responsible-phone').last().fill(FAMILY_PHONE);
    await page.getByTestId('responsible-save').click();
    await page.getByTestId('responsible-members').waitFor();
    const members = await page.getByTestId('responsible-members').textContent();
    expect(members).toContain('钱家属');
    expect(members).toContain('李网格');
    expect(await page.getByTestId('responsible-missing').textContent()).toContain('民警');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'responsibility-phone-card');
    await context.close();
  });

  it('names a building head, shows coverage and the HQ view, and prepares the text for a contact', async () => {
    const { context, page } = await newPage(browser, OFFICE);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/territory?region=${microId}`);
    await page.getByTestId('volunteers-section').waitFor();
    await page.getByTestId('volunteer-add').click();
    await chooseOption(page, 'volunteer-kind', null, '楼道长');
    await page.getByTestId('volunteer-name').fill('孙楼长');
    await page.getByTestId('volunteer-phone').fill('13800001111');
    await page.getByTestId('volunteer-duties').fill('每日巡查一号楼，提醒住户戴口罩');
    await page.getByTestId('volunteer-save').click();
    await page.getByTestId('volunteers-list').getByText('孙楼长').waitFor();
    expect(await page.getByTestId('volunteers-list').textContent()).not.toContain('13800001111');
    await screenshot(page, 'responsibility-1366-volunteers');

    await page.goto(`${server.url}/territory?region=${gridId}`);
    await page.getByTestId('coverage-text').waitFor();
    expect(await page.getByTestId('coverage-text').textContent()).toContain('1 / 2');
    expect(await page.getByTestId('coverage-uncovered').textContent()).toContain('二号楼微网格');

    await page.goto(`${server.url}/responsibility`);
    await page.getByTestId('responsibility-carriers').waitFor();
    expect(await page.getByTestId('responsibility-incomplete').textContent()).toContain(PERSON);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'responsibility-1366-hq');

    // The 居家隔离告知书 prints the person's responsible people by role and name.
    await page.goto(`${server.url}/quarantine/${orderId}/notice`);
    const printed = await page.getByTestId('quarantine-notice-responsible').textContent();
    expect(printed).toContain('家属：钱家属');
    expect(printed).toContain('网格员：李网格');

    await admin.post(`/quarantines/${orderId}/checks`, { temperature: 38.4, symptoms: ['cough'] });
    await page.goto(`${server.url}/quarantine/alerts`);
    await page.getByTestId('alert-messages-open').first().click();
    const text = await page.getByTestId('alert-message-text').first().textContent();
    expect(text).toContain('钱家属');
    expect(text).toContain(PERSON);
    for (const health of ['38.4', '发热', '咳嗽']) expect(text).not.toContain(health);
    expect(await page.getByTestId('alert-message-contact').first().textContent()).toContain(FAMILY_PHONE);
    await screenshot(page, 'responsibility-1366-alert-text');
    await context.close();
  });

  it('shows the grid worker who carries the person the fever on the 工作台 of the staff console', async () => {
    const { context, page } = await newPage(browser, OFFICE);
    await signIn(page, server.url, WORKER.username, WORKER.password);
    await page.goto(`${server.url}/`);
    const reminders = page.getByTestId('my-reminders');
    await reminders.waitFor();
    expect(await reminders.textContent()).toContain(PERSON);
    expect(await reminders.textContent()).toContain('发热');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'responsibility-1366-reminders');
    await context.close();
  });
});
