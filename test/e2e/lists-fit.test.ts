// The working lists at a 360-px phone and a 1366-px office screen (issue 15): the quarantine, patrol
// log, tip, inspection and rectification lists do not scroll sideways at 1366 (the patrol-log table
// did by 29 px, the quarantine table by 156 px with a four-level place), and on a phone each card's
// number / place line shows the record number and the town / village / grid place in full — it
// wraps, it is not cut with an ellipsis. A micro-grid volunteer's staff pages (工作台, 个人中心) fit
// both widths and offer only its own work; the phone app's patrol pages are closed to it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, aStaffAccount, aGridWithWorker, apiAs } from './api-client.ts';
import { launchBrowser, newPage, overflowsHorizontally, PHONE, phoneWithoutServiceWorker, screenshot, settled, sidewaysScrollers, signIn, signInOnPhone } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

const OFFICE = { width: 1366, height: 768 } as const;
const OFFICER = { username: 'fit-officer', password: 'copper-meadow-735' };
const VOLUNTEER = { username: 'fit-volunteer', password: 'willow-harbour-264' };
const TOWN = '城关镇';
const VILLAGE = '东河村';
const GRID = '东河村第一网格';
const MICRO = '东河村第一网格宁白公寓3幢微网格';
const TEAM = '东河村巡查劝导队';

let server: TestServer;
let browser: Browser;
let admin: Api;

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await apiAs(server.url, 'admin', server.adminPassword);
  const gridId = await aGridWithWorker(admin, { townCode: '339901001', town: TOWN, village: VILLAGE, grid: GRID }, { username: 'fit-worker', password: 'lantern-copper-318', displayName: '李网格' });
  const villageId = (await admin.get<{ parentId: number }>(`/regions/${gridId}`)).body.parentId;
  const townId = (await admin.get<{ parentId: number }>(`/regions/${villageId}`)).body.parentId;
  const microId = (await admin.post<{ id: number }>('/regions', { parentId: gridId, level: 'microgrid', code: '33990100100101001', name: MICRO })).id;
  await aStaffAccount(admin, { ...OFFICER, displayName: '王镇长', role: 'town_officer', regionId: townId });
  // The inspection's finding goes to the village's secretary.
  await aStaffAccount(admin, { username: 'fit-secretary', password: 'harbour-lantern-592', displayName: '张书记', role: 'village_secretary', regionId: villageId });
  await aStaffAccount(admin, { ...VOLUNTEER, displayName: '周志愿者', role: 'volunteer', regionId: microId });

  // Two orders in the micro-grid: the place is four levels long.
  const household = await admin.post<{ id: string }>('/households', { regionId: microId, address: '宁白公寓3幢1单元101室' });
  for (const name of ['杜春兵', '李佳彤']) {
    const person = await admin.post<{ id: string }>('/persons', { regionId: microId, householdId: household.id, name, category: 'resident' });
    await admin.post('/quarantines', { personId: person.id, reason: '外地返乡未满14天，居家观察并每日两次测温', startOn: today() });
  }
  // A tip from the public in the village.
  const filed = await fetch(`${server.url}/api/v1/public/tips`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: 'gathering', regionId: villageId, description: '文化礼堂门口有一群人聚集打麻将，没有戴口罩', place: '东河村文化礼堂', anonymous: true }),
  });
  expect(filed.status).toBe(201);
  // A patrol log with every figure, and an inspection with a finding (a rectification task).
  const team = await admin.post<{ id: string }>('/patrol-teams', { regionId: villageId, name: TEAM, kind: 'persuasion', members: 6 });
  await admin.post('/patrol-logs', { teamId: team.id, patrolledOn: today(), gatheringsDispersed: 3, peopleDispersed: 25, maskReminders: 140, banquetsFound: 1, places: '村口广场、菜市场、文化礼堂、东河桥头' });
  await admin.post('/inspections', {
    teamId: team.id,
    regionId: villageId,
    checklist: [
      { item: 'quarantine_control', result: 'ok' },
      { item: 'key_persons', result: 'ok' },
      { item: 'outsiders', result: 'issue' },
      { item: 'anomalies', result: 'na' },
    ],
    findings: [{ item: 'outsiders', description: '外来人员未扫码登记' }],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The list pages and what marks their rows loaded, at a desk and on a phone. */
const LISTS = [
  { path: '/quarantine', desk: 'quarantine-table', phone: 'quarantine-cards', number: 'quarantine-number', place: 'quarantine-place', placeText: `${TOWN} / ${VILLAGE} / ${GRID} / ${MICRO}` },
  { path: '/patrols', desk: 'patrol-table', phone: 'patrol-cards', number: null, place: null, placeText: null },
  { path: '/tips', desk: 'tip-table', phone: 'tip-cards', number: 'tip-number', place: 'tip-place', placeText: VILLAGE },
  { path: '/inspections', desk: 'inspection-table', phone: 'inspection-cards', number: 'inspection-number', place: 'inspection-place', placeText: VILLAGE },
  { path: '/rectifications', desk: 'rect-table', phone: 'rect-cards', number: 'rect-number', place: 'rect-place', placeText: VILLAGE },
] as const;

async function openList(page: Page, path: string, marker: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByTestId(marker).locator('tbody tr.ant-table-row, .ant-card').first().waitFor({ timeout: 40_000 });
  await settled(page);
}

describe('the working lists fit the screen', () => {
  it('at 1366 × 768 no list scrolls sideways', async () => {
    const { context, page } = await newPage(browser, OFFICE);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    for (const list of LISTS) {
      await openList(page, list.path, list.desk);
      expect({ list: list.path, scrollers: await sidewaysScrollers(page) }).toEqual({ list: list.path, scrollers: [] });
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
      if (list.place) expect(await page.getByTestId(list.desk).getByTestId(list.place).first().textContent()).toBe(list.placeText);
    }
    await openList(page, '/patrols', 'patrol-table');
    await screenshot(page, 'lists-fit-patrols-1366');
    await openList(page, '/quarantine', 'quarantine-table');
    await screenshot(page, 'lists-fit-quarantine-1366');
    await context.close();
  });

  it('on a 360-px phone each card shows its number and place in full', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, OFFICER.username, OFFICER.password);
    for (const list of LISTS) {
      await openList(page, list.path, list.phone);
      expect({ list: list.path, scrollers: await sidewaysScrollers(page) }).toEqual({ list: list.path, scrollers: [] });
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
      if (!list.number) continue;
      const cards = page.getByTestId(list.phone);
      // Every text box in a card shows all it holds, or says it in a title (a cut reason or description).
      const cut = await cards.evaluate((el) =>
        [...el.querySelectorAll('*')]
          .filter((x) => x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflowX === 'hidden' && !x.closest('[title]'))
          .map((x) => x.textContent),
      );
      expect({ list: list.path, cut }).toEqual({ list: list.path, cut: [] });
      const number = cards.getByTestId(list.number).first();
      expect(await number.textContent()).toMatch(/^[A-Z]{2}-\d{8}-\d{4}$/);
      // The number and the place lie inside the card, whole.
      for (const part of [number, cards.getByTestId(list.place).first()]) {
        const box = await part.evaluate((el) => {
          const card = el.closest('.ant-card')!.getBoundingClientRect();
          const r = el.getBoundingClientRect();
          return { inside: r.left >= card.left && r.right <= card.right, whole: el.scrollWidth <= el.clientWidth || getComputedStyle(el).display === 'inline' };
        });
        expect(box).toEqual({ inside: true, whole: true });
      }
      expect(await cards.getByTestId(list.place).first().textContent()).toContain(list.placeText);
    }
    await openList(page, '/quarantine', 'quarantine-cards');
    await screenshot(page, 'lists-fit-quarantine-360');
    await context.close();
  });
});

describe('a micro-grid volunteer', () => {
  for (const viewport of [PHONE, OFFICE]) {
    it(`lands on its micro-grid's households and finds only its own work at ${viewport.width} px`, async () => {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, server.url, VOLUNTEER.username, VOLUNTEER.password);
      // Its work is the phone app's, at a desk too: the staff app's home sends it there.
      await page.goto(`${server.url}/`);
      await page.waitForURL((url) => url.pathname === '/field');
      await page.getByTestId('field-household').first().waitFor();
      expect(await page.getByTestId('field-household').locator('.item-title').allTextContents()).toEqual(['宁白公寓3幢1单元101室']);
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
      await screenshot(page, `lists-fit-volunteer-home-${viewport.width}`);
      await page.goto(`${server.url}/profile`);
      await page.getByTestId('profile-change-password').waitFor();
      await settled(page);
      expect(await overflowsHorizontally(page)).toMatchObject({ overflow: false });
      expect(await sidewaysScrollers(page)).toEqual([]);
      await screenshot(page, `lists-fit-volunteer-profile-${viewport.width}`);
      await context.close();
    });
  }

  it('meets 无权访问 on the phone app’s patrol pages, not a form it cannot save', async () => {
    const { context, page } = await phoneWithoutServiceWorker(browser);
    await signInOnPhone(page, server.url, VOLUNTEER.username, VOLUNTEER.password);
    await page.getByTestId('field-household').first().waitFor();
    await page.goto(`${server.url}/field/patrol/new`);
    await page.getByText('无权').first().waitFor();
    expect(await page.getByTestId('patrol-team').count()).toBe(0);
    await context.close();
  });
});
