// 核查名单 end to end in the browsers: the county uploads a small list in the console (preview,
// column mapping, take-in with its bar), assigns the name the router could not place from the
// pool to a grid, the grid worker finds the task in the phone app and records the outcome with
// no signal (queued, then sent when the signal is back), the county accepts it, and the list's
// progress shows it — chart and table. Screenshots at 360 and 1366 px.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs } from './api-client.ts';
import { chooseOption, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn, validIdNumber } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { aPng } from '../support/photos.ts';

const LAPTOP = { width: 1366, height: 768 } as const;
const WORKER = { username: 'worker', password: 'lantern-orchard-123' };
const PERSON = '陈核查';

let server: TestServer;
let browser: Browser;
let admin: Api;
let gridId: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ({ gridId } = await aStandardGrid(admin));
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The upper level's list: its own headers and order, an address no region matches (→ the pool). */
const LIST_CSV = `序号,姓名,公民身份号码,联系电话,居住地址,来源地,车次\n1,${PERSON},${validIdNumber('471')},13900004711,外省某市某区某路,武汉,G1234\n`;

interface Task {
  id: string;
  name: string;
  regionId: number;
  status: string;
  outcome: string | null;
}
const tasksNamed = async (name: string): Promise<Task[]> => (await admin.get<{ items: Task[] }>('/verification-tasks?limit=500')).body.items.filter((x) => x.name === name);

describe('verification lists in the browsers', () => {
  it('upload → pool assign → outcome offline on the phone → review → progress', async () => {
    // 1. The county uploads the list with its column-mapping step.
    const { context: desk, page } = await newPage(browser, LAPTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/verification`);
    await page.getByTestId('vlist-upload').click();
    await page.locator('input[type=file]').setInputFiles({ name: '铁路到达.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST_CSV) });
    await page.getByTestId('vupload-source').fill('市指挥部铁路推送');
    await page.getByTestId('vupload-preview').click();
    await page.getByTestId('vupload-step2').waitFor();
    // The suggested mapping found the file's own header names.
    await expect.poll(() => page.getByTestId('vupload-map-idNumber').textContent()).toContain('公民身份号码');
    await expect.poll(() => page.getByTestId('vupload-rows').textContent()).not.toContain(validIdNumber('471'));
    await page.getByTestId('vupload-name').fill('12月6日铁路到达');
    await screenshot(page, 'desktop-verification-upload');
    await page.getByTestId('vupload-start').click();
    await page.waitForURL(/\/verification\/lists\/[0-9a-f-]{36}$/);
    await page.getByTestId('vlist-status').getByText('已完成').waitFor({ timeout: 30_000 });
    const [task] = await tasksNamed(PERSON);
    expect(task).toBeDefined();

    // 2. The router found no grid: the county assigns it from the pool, by hand.
    await page.getByTestId('vlist-open-pool').click();
    await page.getByTestId('vtask-table').getByText(PERSON).waitFor();
    await page.getByTestId('vtask-table').locator('.ant-checkbox-input').last().check();
    await page.getByTestId('vtask-assign').click();
    await chooseOption(page, 'vassign-region', '东河村第一', '东河村第一网格');
    await page.getByTestId('vassign-ok').click();
    await expect.poll(async () => (await tasksNamed(PERSON))[0]?.regionId).toBe(gridId);

    // 3. The grid worker's phone: the task is there, the outcome recorded with no signal.
    const phoneContext = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(20_000);
    await signIn(phone, server.url, WORKER.username, WORKER.password);
    await phone.goto(`${server.url}/field`);
    await phone.getByTestId('field-pulled').getByText('已下载').waitFor();
    await phone.getByTestId('field-tasks-link').click();
    await phone.getByTestId('field-task').getByText(PERSON).waitFor();
    expect(await phone.getByTestId('field-task').textContent()).not.toContain(validIdNumber('471'));
    await screenshot(phone, 'phone-verification-tasks');
    expect((await overflowsHorizontally(phone)).overflow).toBe(false);

    await phoneContext.setOffline(true);
    await phone.getByTestId('offline-indicator').waitFor();
    await phone.getByTestId('field-task').click();
    await phone.getByTestId('task-facts').waitFor();
    // Saved without an outcome: the form names what is missing.
    await phone.getByTestId('task-save').click();
    await phone.getByTestId('error-outcome').waitFor();
    await phone.getByTestId('task-outcome').getByText('已离开').click();
    await phone.getByTestId('task-save').click();
    await phone.getByTestId('error-movedTo').waitFor();
    await phone.getByTestId('task-outcome').getByText('查无此人').click();
    await phone.getByTestId('task-note').fill('三次上门无人，邻居称未见此人');
    await phone.getByTestId('task-photo-input').setInputFiles({ name: 'door.png', mimeType: 'image/png', buffer: aPng(90) });
    await phone.getByTestId('task-photos').locator('img').waitFor();
    await screenshot(phone, 'phone-verification-outcome');
    expect((await overflowsHorizontally(phone)).overflow).toBe(false);
    await phone.getByTestId('task-save').click();
    await phone.waitForURL(/\/field\/tasks$/);
    await phone.getByTestId('task-queued').waitFor();
    // The outcome and its photo wait in the outbox.
    await phone.getByTestId('pending-count').getByText('待同步 2').waitFor();
    expect((await tasksNamed(PERSON))[0]?.status).toBe('open');

    await phoneContext.setOffline(false);
    await phone.getByTestId('pending-count').getByText('待同步 0').waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await tasksNamed(PERSON))[0]).toMatchObject({ status: 'checked', outcome: 'not_found' });
    const photos = await admin.get<{ items: { sha256: string }[] }>(`/verification-tasks/${task?.id}/photos`);
    expect(photos.body.items).toHaveLength(1);
    // The phone's copy takes the server's answer: no longer queued, now 待审核.
    await phone.getByTestId('field-task').getByText('待审核').waitFor();
    await phoneContext.close();

    // The command screen shows the open list's progress: checked, waiting for review.
    await page.goto(`${server.url}/dashboard`);
    await page.getByTestId('verification-chart').waitFor();
    await screenshot(page, 'desktop-verification-dashboard');

    // 4. The county reviews it, and the list's progress shows it.
    await page.goto(`${server.url}/verification/tasks?status=checked`);
    await page.getByTestId('vtask-table').getByText(PERSON).click();
    await page.getByTestId('vtask-why').waitFor();
    expect(await page.getByTestId('vtask-why').textContent()).toContain('东河村第一网格');
    await page.getByTestId('vtask-accept').click();
    await expect.poll(async () => (await tasksNamed(PERSON))[0]?.status).toBe('accepted');
    await page.keyboard.press('Escape');

    const listId = (await admin.get<{ items: { id: string }[] }>('/verification-lists')).body.items[0]?.id;
    await page.goto(`${server.url}/verification/lists/${listId}`);
    await page.getByTestId('vprogress-chart').waitFor();
    const row = page.getByTestId('vprogress-table').locator('tr', { hasText: '城关镇' });
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('1');
    await screenshot(page, 'desktop-verification-list');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.setViewportSize(PHONE);
    await page.getByTestId('vprogress-chart').waitFor();
    await screenshot(page, 'phone-verification-list');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await desk.close();
  });
});
