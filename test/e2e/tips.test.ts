// 有奖举报, staff side: tips filed through the public API (one with two photos and a phone, its
// duplicate, one with hostile text) are worked by a village secretary through the loop — a stale
// page gets "已被他人更新，已刷新" — grouped again as duplicates, rewarded (proposed by the
// secretary, approved by the town officer, paid against the reporter's tracking code); the
// reporter's tracking page shows the answer and the paid reward and no staff name; the hostile
// text renders as text; the ledger shows the amount. Screenshots at 360 and 1920 px.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { chooseOption, DESKTOP, PHONE, launchBrowser, newPage, overflowsHorizontally, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/** A search answers over the network: on a loaded machine that takes longer than expect.poll's 1 s default. */
const SEARCHED = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let admin: Api;
let ids: { townId: number; villageId: number; gridId: number };
const SECRETARY = { username: 'village-secretary', password: 'meadow-copper-123', displayName: '张书记' };
const OFFICER = { username: 'town-officer', password: 'harbour-kettle-123', displayName: '王镇长' };
const HOSTILE = '<img src=x onerror=alert(1)> 网格里有人聚集';
const HOSTILE_PLACE = '<script>alert(2)</script>';
const REPLY = '您好，经核查情况属实，已劝散聚集人员并进行防疫宣传。感谢您的监督！';
let trackingCode = '';
let tipId = '';

async function fileTip(body: Record<string, unknown>, photos: Buffer[] = []): Promise<string> {
  let init: RequestInit;
  if (photos.length) {
    const form = new FormData();
    form.append('data', JSON.stringify(body));
    for (const [i, photo] of photos.entries()) form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `photo${i}.jpg`);
    init = { method: 'POST', body: form };
  } else {
    init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
  const r = await fetch(`${server.url}/api/v1/public/tips`, init);
  if (r.status !== 201) throw new Error(`filing: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { trackingCode: string }).trackingCode;
}

/** A staff session for the few steps the test takes behind the page's back (PATCH is not in Api). */
async function patchAs(user: { username: string; password: string }, path: string, body: unknown): Promise<Response> {
  const login = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return fetch(`${server.url}/api/v1${path}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: JSON.stringify(body) });
}

const photo = (r: number, g: number, b: number) => sharp({ create: { width: 800, height: 600, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  ids = await aStandardGrid(admin);
  await aStaffAccount(admin, { ...SECRETARY, role: 'village_secretary', regionId: ids.villageId });
  await aStaffAccount(admin, { ...OFFICER, role: 'town_officer', regionId: ids.townId });
  trackingCode = await fileTip(
    { category: 'gathering', regionId: ids.villageId, description: '东河村文化礼堂门口二十多人聚集打牌，大多没戴口罩', place: '东河村文化礼堂', phone: '13812345678' },
    [await photo(200, 60, 60), await photo(60, 120, 200)],
  );
  // The same place, another reporter: the server groups it with the first.
  await fileTip({ category: 'gathering', regionId: ids.villageId, description: '礼堂门口又有一群人在打麻将', place: '东河村文化礼堂', anonymous: true });
  await fileTip({ category: 'other', regionId: ids.gridId, description: HOSTILE, place: HOSTILE_PLACE, anonymous: true });
  const listed = (await admin.get<{ items: { id: string; photoCount: number }[] }>('/tips')).body.items;
  tipId = listed.find((t) => t.photoCount === 2)?.id ?? '';
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`tip-action-${action}`).click();
  await page.getByTestId('tip-action-form').waitFor();
  if (fill) await fill();
  await page.getByTestId('tip-action-ok').click();
}

const statusText = (page: Page) => page.getByTestId('tip-detail').getByTestId('tip-status').first().textContent();

describe('tips, staff side', () => {
  it('lists the tips with their duplicates and photos, and works one through the loop on a desk', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.getByTestId('nav-menu').getByText('有奖举报').click();
    await page.waitForURL('**/tips');
    const table = page.getByTestId('tip-table');
    await table.getByText('东河村文化礼堂门口二十多人聚集打牌').waitFor();
    await expect.poll(() => page.getByTestId('tip-tile-open').textContent()).toContain('3');
    expect(await table.getByTestId('tip-group-badge').allTextContents()).toEqual(['2 条相同', '2 条相同']);
    expect((await table.getByTestId('tip-photo-count').allTextContents()).map((s) => s.trim())).toEqual(['2']);
    // Hostile text is listed as the characters it is.
    await table.getByText(HOSTILE).waitFor();
    await page.getByTestId('tip-chart').waitFor();
    await screenshot(page, 'tips-desktop-inbox');

    // One row per group of duplicates.
    await page.getByTestId('tip-filter-grouped').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(2);
    await page.getByTestId('tip-filter-grouped').click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(3);

    // Each tip has a short number in place of its id, and the search box finds one by it.
    const numbers = await table.getByTestId('tip-number').allTextContents();
    expect(numbers).toHaveLength(3);
    for (const n of numbers) expect(n).toMatch(/^JB-\d{8}-\d{4}$/);
    const wanted = numbers[1] as string;
    await page.getByTestId('tip-search').locator('input').fill(wanted.slice(-9).toLowerCase());
    await page.getByTestId('tip-search').locator('input').press('Enter');
    await expect.poll(() => table.getByTestId('tip-number').allTextContents(), SEARCHED).toEqual([wanted]);
    await page.getByTestId('tip-search').locator('input').fill('');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), SEARCHED).toBe(3);

    await table.getByText('东河村文化礼堂门口二十多人聚集打牌').click();
    await page.waitForURL(`**/tips/${tipId}`);
    const detail = page.getByTestId('tip-detail');
    await detail.getByTestId('tip-reporter').getByText('138****5678').waitFor();
    expect(await detail.getByTestId('tip-title-number').textContent()).toMatch(/^JB-\d{8}-\d{4}$/);
    expect(await detail.getByTestId('tip-info').textContent()).not.toContain(tipId);
    expect(await detail.getByTestId('tip-place').textContent()).toBe('东河村文化礼堂');
    await detail.getByTestId('tip-group').getByText('礼堂门口又有一群人在打麻将').waitFor();
    await page.getByTestId('tip-history').getByText('群众举报').waitFor();
    // Two thumbnails; a click enlarges one.
    const thumbs = page.getByTestId('tip-photos').locator('img');
    await expect.poll(() => thumbs.count()).toBe(2);
    await expect.poll(() => thumbs.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(800);
    await thumbs.first().click();
    await page.locator('.ant-image-preview img').first().waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.ant-image-preview').first().waitFor({ state: 'hidden' });
    // A secretary handles but does not supervise.
    expect(await page.getByTestId('tip-action-supervise').count()).toBe(0);
    expect(await page.getByTestId('tip-action-evaluate').count()).toBe(0);

    // Someone else takes it out of its group while the page is open: the page's version is stale.
    const before = (await admin.get<{ version: number }>(`/tips/${tipId}`)).body.version;
    expect((await patchAs({ username: 'admin', password: server.adminPassword }, `/tips/${tipId}`, { action: 'ungroup', version: before })).status).toBe(200);
    await act(page, 'assess', () => page.getByTestId('tip-action-note').fill('情况具体，属本村辖区，安排网格员核查'));
    await page.locator('.ant-message').getByText('已被他人更新，已刷新').waitFor();
    await expect.poll(() => detail.getByTestId('tip-group-badge').count()).toBe(0);

    await act(page, 'assess', () => page.getByTestId('tip-action-note').fill('情况具体，属本村辖区，安排网格员核查'));
    await expect.poll(() => statusText(page)).toBe('分析研判');
    await page.getByTestId('tip-history').getByText('张书记').first().waitFor();

    // Group it again with the other report of the same place.
    await act(page, 'group', async () => {
      await chooseOption(page, 'tip-group-with', null, '礼堂门口又有一群人在打麻将');
    });
    await detail.getByTestId('tip-group-badge').getByText('2 条相同').waitFor();

    await act(page, 'handle', async () => {
      await page.getByTestId('tip-substantiated').getByText('属实', { exact: true }).click();
      await page.getByTestId('tip-action-taken').fill('网格员到场劝散聚集人员 23 人，对组织者批评教育并发放口罩');
    });
    await expect.poll(() => statusText(page)).toBe('处置');

    await page.getByTestId('tip-action-answer').click();
    // The reply is what the reporter reads: the form says so, and offers the usual text.
    await page.getByTestId('tip-reply-hint').getByText('不得写入工作人员姓名').waitFor();
    expect(await page.getByTestId('tip-reply').inputValue()).toContain('属实');
    await page.getByTestId('tip-reply').fill(REPLY);
    await page.getByTestId('tip-action-ok').click();
    await expect.poll(() => statusText(page)).toBe('反馈');
    await page.getByTestId('tip-reply-text').getByText(REPLY).waitFor();

    await act(page, 'propose_reward', () => page.getByTestId('tip-reward-amount').fill('200'));
    await page.getByTestId('tip-reward').getByText('奖励待审批 ¥200.00').waitFor();
    // The proposer cannot approve.
    expect(await page.getByTestId('tip-action-approve_reward').count()).toBe(0);
    await screenshot(page, 'tips-desktop-detail');
    await context.close();
  });

  it('lets the town officer approve the reward, and the secretary pay it on a phone against the tracking code', async () => {
    const officer = await newPage(browser, DESKTOP);
    await signIn(officer.page, server.url, OFFICER.username, OFFICER.password);
    await officer.page.goto(`${server.url}/tips/${tipId}`);
    await act(officer.page, 'approve_reward', () => officer.page.getByTestId('tip-action-note').fill('同意'));
    await officer.page.getByTestId('tip-reward').getByText('奖励已批准 ¥200.00').waitFor();
    await officer.context.close();

    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.goto(`${server.url}/tips`);
    const cards = page.getByTestId('tip-cards');
    await cards.getByText('东河村文化礼堂门口二十多人聚集打牌').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'tips-phone-inbox');
    await cards.scrollIntoViewIfNeeded();
    await screenshot(page, 'tips-phone-inbox-cards');
    await cards.getByText('东河村文化礼堂门口二十多人聚集打牌').click();
    await page.getByTestId('tip-action-pay_reward').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'tips-phone-detail');

    // A code of another tip is refused next to the field; the reporter's own code pays.
    await act(page, 'pay_reward', async () => {
      await page.getByTestId('tip-pay-code').fill('ABCD-EFGH-JKMN-PQRS');
      await page.getByTestId('tip-pay-reference').fill('WX20261129001');
    });
    await page.getByTestId('tip-action-form').getByText('不是这条举报的查询码').waitFor();
    // Typed back loosely: lower case, no dashes.
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'tips-phone-pay');
    await page.getByTestId('tip-pay-code').fill(trackingCode.replace(/-/g, '').toLowerCase());
    await page.getByTestId('tip-action-ok').click();
    await page.getByTestId('tip-reward').getByText('奖励已发放 ¥200.00').waitFor();
    expect(await page.getByTestId('tip-reward').textContent()).toContain('WX20261129001');
    await act(page, 'evaluate');
    await expect.poll(() => statusText(page)).toBe('评价');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await page.getByTestId('tip-outcome').scrollIntoViewIfNeeded();
    await screenshot(page, 'tips-phone-detail-outcome');
    await context.close();

    // The reporter sees the answer and the paid reward — and no staff name, no phone.
    const r = await fetch(`${server.url}/api/v1/public/tips/${trackingCode}`);
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(JSON.parse(text)).toMatchObject({ number: expect.stringMatching(/^JB-\d{8}-\d{4}$/), status: 'evaluated', reply: REPLY, substantiated: true, reward: { status: 'paid', amount: 200 } });
    for (const secret of ['张书记', '王镇长', '5678', 'WX20261129001']) expect(text).not.toContain(secret);
  });

  it('shows hostile text as text and runs nothing', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    await page.goto(`${server.url}/tips`);
    await page.getByTestId('tip-table').getByText(HOSTILE).click();
    const detail = page.getByTestId('tip-detail');
    await detail.getByTestId('tip-description').waitFor();
    expect(await detail.getByTestId('tip-description').textContent()).toBe(HOSTILE);
    expect(await detail.getByTestId('tip-place').textContent()).toBe(HOSTILE_PLACE);
    expect(await detail.getByTestId('tip-description').locator('img').count()).toBe(0);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    // Routed up from the grid to the village (the picker offers the secretary's own regions).
    await act(page, 'route', async () => {
      // The village itself, not its grids (东河村第一网格…).
      await chooseOption(page, 'tip-route-region', '东河村', /^(?!.*网格)东河村/);
      await page.getByTestId('tip-action-note').fill('非网格内事项，由村里统一处理');
    });
    await expect.poll(() => statusText(page)).toBe('流转交办');
    await expect.poll(() => detail.getByTestId('tip-info').textContent()).toContain('所属区域东河村举报时间');
    expect(await detail.getByTestId('tip-info').textContent()).not.toContain('东河村第一网格');
    // Nothing the text carried became an element, so nothing of it can run later either (the
    // strict CSP would block it too, and browser.ts fails the test on any violation).
    expect(await page.locator('[onerror], [onload], script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('sums the paid reward on the ledger, and the dashboard tile is live', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    await page.goto(`${server.url}/tips`);
    await page.getByTestId('tip-ledger-link').click();
    await page.waitForURL('**/tips/ledger');
    await expect.poll(() => page.getByTestId('tip-ledger-total-paid').textContent()).toContain('¥200.00');
    const table = page.getByTestId('tip-ledger-table');
    await table.getByText('东河村').waitFor();
    expect(await page.getByTestId('tip-ledger-grand-total').textContent()).toContain('¥200.00');
    await page.getByTestId('tip-ledger-chart').waitFor();
    await screenshot(page, 'tips-desktop-ledger');

    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.getByTestId('kpi-tips-value').textContent()).toBe('3');
    expect(await page.getByTestId('kpi-tips').locator('.ggd-pending').count()).toBe(0);
    await context.close();

    const phone = await newPage(browser, PHONE);
    await signIn(phone.page, server.url, SECRETARY.username, SECRETARY.password);
    await phone.page.goto(`${server.url}/tips/ledger`);
    await expect.poll(() => phone.page.getByTestId('tip-ledger-total-paid').textContent()).toContain('¥200.00');
    await phone.page.getByTestId('tip-ledger-table').getByText('东河村').waitFor();
    expect((await overflowsHorizontally(phone.page)).overflow).toBe(false);
    await screenshot(phone.page, 'tips-phone-ledger');
    await phone.page.getByTestId('tip-ledger-table').scrollIntoViewIfNeeded();
    await screenshot(phone.page, 'tips-phone-ledger-table');
    await phone.context.close();
  });
});
