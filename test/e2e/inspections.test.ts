// 不定期督查 end to end: the admin sets up a town inspection team with a member linked to a patrol
// member's account and generates a schedule for a town of two villages; the patrol member, on a
// 360-px phone, records a visit with one finding; the village secretary (the task's owner) finds
// the task under 整改任务, cannot close it without a photo, adds one and closes it.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPng } from '../support/photos.ts';
import { type Api, aStandardGrid, apiAs, aStaffAccount } from './api-client.ts';
import { DESKTOP, PHONE, chooseOption as pick, launchBrowser, newPage, overflowsHorizontally, settled, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

/** A search answers over the network: on a loaded machine that takes longer than expect.poll's 1 s default. */
const SEARCHED = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let admin: Api;
let townId = 0;
let villageId = 0;
const MEMBER = { username: 'patrol-member', password: 'river-saddle-123', displayName: '赵队员' };
const SECRETARY = { username: 'dh-secretary', password: 'meadow-copper-123', displayName: '孙书记' };
const TEAM = '城关镇督查一组';
const FINDING = '重点人员台账未及时更新';
const SHOTS = process.env.INSPECTIONS_SHOTS ?? path.resolve(import.meta.dirname, '../../screenshots');

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** A task as the list answers it, for states the test cannot wait for (overdue, escalated). */
function aTask(over: Record<string, unknown>) {
  return {
    id: '00000000-0000-4000-8000-000000000000', number: `ZG-20261101-000${String(over.id) === 'a' ? 1 : 2}`, inspectionId: 'i', findingId: 'f', item: 'key_persons', description: `逾期任务 ${String(over.id)}`,
    regionId: 1, regionName: '东河村', ownerUserId: null, ownerName: '孙书记', deadline: '2026-11-01', status: 'open', overdue: false,
    escalationLevel: 0, escalatedToRegionId: null, escalatedToRegionName: null, escalatedAt: null, evidenceText: null, evidencePhotos: [],
    closedAt: null, closedBy: null, createdAt: '2026-10-29T01:00:00.000Z', ...over,
  };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const grid = await aStandardGrid(admin);
  townId = grid.townId;
  villageId = grid.villageId;
  await admin.post('/regions', { parentId: townId, level: 'village', code: '339901001002', name: '西山村' });
  await aStaffAccount(admin, { ...MEMBER, role: 'patrol_member', regionId: townId });
  await aStaffAccount(admin, { ...SECRETARY, role: 'village_secretary', regionId: grid.villageId });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('unannounced inspections and rectification tasks', () => {
  it('the admin creates a town inspection team with a linked member and generates a day-and-night schedule', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.getByTestId('nav-menu').getByText('巡查队伍').click();
    await page.waitForURL('**/patrol-teams');
    await page.getByTestId('team-create').click();
    await pick(page, 'team-region', '城关镇', '城关镇');
    await page.getByTestId('team-name').fill(TEAM);
    await page.getByTestId('team-leader').fill('周队长');
    await page.getByTestId('team-save').click();
    await page.getByTestId('team-table').getByText(TEAM).click();
    await page.waitForURL(/\/patrol-teams\/[0-9a-f-]{36}$/);
    await page.getByTestId('team-info').getByText('镇督查队').waitFor();

    await page.getByTestId('member-add').click();
    await page.getByTestId('member-name').fill(MEMBER.displayName);
    await pick(page, 'member-role', null, '民警');
    await page.getByTestId('member-phone').fill('0571-88001234');
    await pick(page, 'member-account', '赵', MEMBER.username);
    await page.getByTestId('member-save').click();
    const row = page.getByTestId('member-table').locator('tr').filter({ hasText: MEMBER.displayName });
    await row.waitFor();
    expect(await row.textContent()).toContain('民警');
    expect(await row.textContent()).toContain('0571-88001234');
    await shot(page, 'inspections-desktop-team');

    const teams = (await admin.get<{ items: { id: string; name: string }[] }>('/patrol-teams')).body.items;
    const team = teams.find((x) => x.name === TEAM);
    expect(team).toBeDefined();
    const members = (await admin.get<{ items: { name: string; role: string; userName: string | null }[] }>(`/patrol-teams/${team?.id}/members`)).body.items;
    expect(members).toMatchObject([{ name: MEMBER.displayName, role: 'police', userName: MEMBER.displayName }]);

    await page.getByTestId('nav-menu').getByText('不定期督查').click();
    await page.waitForURL('**/inspections');
    await page.getByTestId('inspection-confidential').waitFor();
    await page.getByTestId('inspection-plan').click();
    await page.waitForURL('**/inspections/plan');
    await pick(page, 'plan-team', null, TEAM);
    await page.getByTestId('plan-visits').fill('2');
    await page.getByTestId('plan-generate').click();
    await page.getByText('督查计划已生成：2 个村、4 次督查').waitFor();
    await page.getByTestId('schedule-chart').locator('canvas').first().waitFor();
    await expect.poll(() => page.getByTestId('schedule-village').count()).toBe(2);
    expect(await page.getByTestId('schedule-villages').textContent()).toContain('东河村');
    expect(await page.getByTestId('schedule-villages').textContent()).toContain('西山村');
    expect(await page.getByTestId('schedule-night').textContent()).toMatch(/夜间督查（20:00–06:00）：\d \/ 4 次/);
    await shot(page, 'inspections-desktop-plan');

    const visits = (await admin.get<{ items: { status: string; regionName: string }[] }>(`/inspections?teamId=${team?.id}`)).body.items;
    expect(visits).toHaveLength(4);
    expect(visits.every((v) => v.status === 'scheduled')).toBe(true);
    await context.close();
  });

  it('the patrol member records a visit with one finding on a 360-px phone, in the phone app', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, MEMBER.username, MEMBER.password);
    // A patrol member signing in on a phone lands on the phone app: the visits due are on its home.
    expect(new URL(page.url()).pathname).toBe('/field');
    const due = page.getByTestId('inspection-upcoming-row').filter({ hasText: '东河村' }).first();
    await due.waitFor();
    expect(await page.getByTestId('inspection-upcoming-row').count()).toBe(4);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'inspections-phone-list');

    await due.getByTestId('inspection-start').click();
    await page.waitForURL(/\/field\/inspections\/[0-9a-f-]{36}\/record$/);
    await page.getByTestId('record-visit').getByText('东河村').waitFor();
    for (const item of ['quarantine_control', 'outsiders']) await page.getByTestId(`check-${item}`).getByText('正常', { exact: true }).click();
    await page.getByTestId('check-anomalies').getByText('不涉及', { exact: true }).click();
    await page.getByTestId('check-key_persons').getByText('有问题', { exact: true }).click();
    // An item with a problem needs its finding described before the button works.
    await expect.poll(() => page.getByTestId('record-missing').textContent()).toContain('至少需要填写一个问题');
    expect(await page.getByTestId('record-submit').isDisabled()).toBe(true);
    await page.getByTestId('check-key_persons').getByTestId('finding-description').fill(FINDING);
    await page.getByTestId('check-key_persons-note').fill('抽查 3 户，1 户外出人员未登记');
    await page.getByTestId('record-summary').fill('夜间督查，整体较好');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'inspections-phone-record');
    await page.getByTestId('record-submit').click();

    // The visit is done: the page shows what was recorded.
    await page.getByTestId('detail-finding').getByText(FINDING).waitFor();
    expect(await page.getByTestId('detail-checklist').textContent()).toContain('有问题');
    await page.getByTestId('inspection-status-done').first().waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'inspections-phone-detail');
    await context.close();
  });

  it('the village secretary cannot close the task without a photo, then closes it with one', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, SECRETARY.username, SECRETARY.password);
    // The task pages listen for live events; the server subscribes the stream as it answers it.
    const listening = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/events');
    await page.goto(`${server.url}/rectifications`);
    const card = page.getByTestId('rect-card').filter({ hasText: FINDING });
    await card.waitFor();
    expect(await card.textContent()).toContain(SECRETARY.displayName);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'rectifications-phone-list');

    await card.click();
    await page.getByTestId('rect-detail').waitFor();
    await page.getByTestId('rect-close').click();
    await page.getByTestId('rect-close-text').fill('已补登外出人员信息，台账已更新');
    await expect.poll(() => page.getByTestId('rect-close-missing').textContent()).toBe('请至少上传 1 张整改照片');
    expect(await page.getByTestId('rect-close-save').isDisabled()).toBe(true);
    await page.getByTestId('evidence-photo-input').setInputFiles({ name: 'evidence.png', mimeType: 'image/png', buffer: aPng() });
    await page.getByTestId('evidence-photo-thumb').waitFor();
    await expect.poll(() => page.getByTestId('rect-close-missing').count()).toBe(0);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'rectifications-phone-close');
    await page.getByTestId('rect-close-save').click();
    await page.getByText('整改已提交', { exact: true }).waitFor();

    const photo = page.getByTestId('rect-evidence').locator('img').first();
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(2);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await shot(page, 'rectifications-phone-detail');

    const tasks = (await admin.get<{ items: { status: string; description: string; evidencePhotos: string[] }[] }>('/rectifications')).body.items;
    expect(tasks).toMatchObject([{ status: 'closed', description: FINDING }]);
    expect(tasks[0]?.evidencePhotos).toHaveLength(1);

    // A new finding recorded elsewhere shows up in the open list by itself (live events).
    await page.getByText('返回整改任务').click();
    await page.getByTestId('rect-view-open').waitFor();
    expect((await listening).status()).toBe(200);
    const teams = (await admin.get<{ items: { id: string; name: string }[] }>('/patrol-teams')).body.items;
    await admin.post('/inspections', {
      teamId: teams.find((x) => x.name === TEAM)?.id,
      regionId: villageId,
      checklist: [
        { item: 'quarantine_control', result: 'ok' },
        { item: 'key_persons', result: 'ok' },
        { item: 'outsiders', result: 'issue' },
        { item: 'anomalies', result: 'na' },
      ],
      findings: [{ item: 'outsiders', description: '外来人员未扫码登记' }],
    });
    await page.getByTestId('rect-card').filter({ hasText: '外来人员未扫码登记' }).waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('shows the lists on a 1920 desktop and the team pages on a phone', async () => {
    const desk = await newPage(browser, DESKTOP);
    await signIn(desk.page, server.url, 'admin', server.adminPassword);
    // An ad-hoc visit: team and village picked, everything in order.
    await desk.page.goto(`${server.url}/inspections`);
    await desk.page.getByTestId('inspection-adhoc').click();
    await desk.page.waitForURL('**/inspections/record');
    await pick(desk.page, 'record-team', null, TEAM);
    await pick(desk.page, 'record-village', '西山', '西山村');
    for (const item of ['quarantine_control', 'key_persons', 'outsiders', 'anomalies']) await desk.page.getByTestId(`check-${item}`).getByText('正常', { exact: true }).click();
    await shot(desk.page, 'inspections-desktop-adhoc');
    await desk.page.getByTestId('record-submit').click();
    await desk.page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
    await desk.page.getByTestId('inspection-detail').getByText('临时').waitFor();
    await desk.page.getByText('未发现问题').waitFor();
    await desk.page.getByText('返回督查列表').click();
    await desk.page.getByTestId('inspection-table').getByText('东河村').first().waitFor();
    await expect.poll(() => desk.page.getByTestId('inspection-tile-done').textContent()).toContain('3');
    // Short numbers in place of ids; the search box finds one.
    const inspectionNumbers = await desk.page.getByTestId('inspection-table').getByTestId('inspection-number').allTextContents();
    expect(inspectionNumbers.length).toBeGreaterThan(0);
    for (const n of inspectionNumbers) expect(n).toMatch(/^JC-\d{8}-\d{4}$/);
    const search = desk.page.getByTestId('inspection-search').locator('input');
    await search.fill(inspectionNumbers[0] as string);
    await search.press('Enter');
    await expect.poll(() => desk.page.getByTestId('inspection-table').getByTestId('inspection-number').allTextContents(), SEARCHED).toEqual([inspectionNumbers[0]]);
    await search.fill('');
    // Cleared: the whole list again (it may have grown meanwhile: the ad-hoc visit arrives live).
    await expect.poll(() => desk.page.getByTestId('inspection-table').getByTestId('inspection-number').count(), SEARCHED).toBeGreaterThanOrEqual(inspectionNumbers.length);
    await shot(desk.page, 'inspections-desktop-list');
    await desk.page.goto(`${server.url}/rectifications`);
    await desk.page.getByTestId('rect-view-closed').click();
    await desk.page.getByTestId('rect-table').getByText(FINDING).waitFor();
    expect(await desk.page.getByTestId('rect-table').getByTestId('rect-number').first().textContent()).toMatch(/^ZG-\d{8}-\d{4}$/);
    await shot(desk.page, 'rectifications-desktop-list');
    await desk.page.getByTestId('rect-table').getByText(FINDING).click();
    await desk.page.getByTestId('rect-evidence').waitFor();
    await shot(desk.page, 'rectifications-desktop-detail');
    await desk.page.route('**/api/v1/rectifications?*', (route) =>
      route.fulfill({ json: { items: [aTask({ id: 'a', overdue: true, escalationLevel: 1, escalatedToRegionName: '城关镇' }), aTask({ id: 'b', overdue: true, escalationLevel: 2, escalatedToRegionName: '示范县' })], nextCursor: null } }),
    );
    await desk.page.goto(`${server.url}/rectifications`);
    await desk.page.getByTestId('rect-table').getByText('已升级至城关镇').waitFor();
    await desk.page.getByTestId('rect-table').getByText('已升级至示范县').waitFor();
    expect(await desk.page.getByTestId('rect-overdue').count()).toBe(2);
    const red = await desk.page.getByTestId('rect-table').getByText('2026-11-01').first().evaluate((el) => getComputedStyle(el).color);
    expect(red).toBe('rgb(207, 19, 34)');
    await shot(desk.page, 'rectifications-desktop-overdue');
    await desk.page.unroute('**/api/v1/rectifications?*');
    await desk.page.goto(`${server.url}/patrol-teams`);
    await desk.page.getByTestId('team-table').getByText(TEAM).waitFor();
    await shot(desk.page, 'patrol-teams-desktop');
    await desk.context.close();

    const phone = await newPage(browser, PHONE);
    await signIn(phone.page, server.url, 'admin', server.adminPassword);
    await phone.page.goto(`${server.url}/patrol-teams`);
    await phone.page.getByTestId('team-card').filter({ hasText: TEAM }).waitFor();
    expect((await overflowsHorizontally(phone.page)).overflow).toBe(false);
    await shot(phone.page, 'patrol-teams-phone');
    await phone.page.getByTestId('team-card').filter({ hasText: TEAM }).click();
    const card = phone.page.getByTestId('member-card').filter({ hasText: MEMBER.displayName });
    await card.waitFor();
    expect((await overflowsHorizontally(phone.page)).overflow).toBe(false);
    await shot(phone.page, 'patrol-teams-phone-detail');
    // Deactivating a member asks first, then the card says so.
    await card.getByTestId('member-toggle').click();
    await phone.page.locator('.ant-popconfirm:visible').getByRole('button').last().click();
    await expect.poll(() => card.getByTestId('member-toggle').textContent()).toMatch(/恢\s?复/);
    const teams = (await admin.get<{ items: { id: string; name: string }[] }>('/patrol-teams')).body.items;
    const teamId = teams.find((x) => x.name === TEAM)?.id;
    const members = (await admin.get<{ items: { active: boolean }[] }>(`/patrol-teams/${teamId}/members`)).body.items;
    expect(members).toMatchObject([{ active: false }]);
    await phone.page.goto(`${server.url}/inspections/plan`);
    await phone.page.getByTestId('schedule-view-button').first().click();
    await phone.page.getByTestId('schedule-chart').locator('canvas').first().waitFor();
    expect((await overflowsHorizontally(phone.page)).overflow).toBe(false);
    await shot(phone.page, 'inspections-phone-plan');
    await phone.context.close();
  }, 180_000); // Nine pages at two sizes: more than the default 90 s on a loaded machine.
});
