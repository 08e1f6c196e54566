// Editing households and people, the duplicate-ID merge and the grid leader's edit conflicts
// (编辑冲突), on a desk and on a 360-px phone: a new phone shows masked, a duplicate ID number in
// another household of the grid offers the merge and moves the person, and a grid leader takes the
// value of a stale edit.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { FIRST_PASSWORD, completeFirstSignIn } from './api-client.ts';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const validId = (sequence: string): string => {
  const first17 = `33990119900101${sequence}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
};

/** Calls the API from the signed-in page (session cookie + CSRF token). */
function api<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as never };
    },
    { method, path, body },
  );
}

interface Setup { gridId: number; oldHome: string; newHome: string; personId: string; idNumber: string }

/** A grid with two households, a person in the first, and a grid leader account of the grid. */
async function setUp(page: Page, n: number): Promise<Setup> {
  const me = await api<{ region: { id: number } }>(page, 'GET', '/auth/me');
  const town = await api<{ id: number }>(page, 'POST', '/regions', { parentId: me.json.region.id, level: 'town', code: `33990100${n}`, name: `第${n}镇` });
  const village = await api<{ id: number }>(page, 'POST', '/regions', { parentId: town.json.id, level: 'village', code: `33990100${n}001`, name: `第${n}村` });
  const grid = await api<{ id: number }>(page, 'POST', '/regions', { parentId: village.json.id, level: 'grid', code: `33990100${n}00101`, name: `第${n}网格` });
  const gridId = grid.json.id;
  const oldHome = (await api<{ id: string }>(page, 'POST', '/households', { regionId: gridId, address: `老屋路 ${n} 号` })).json.id;
  const newHome = (await api<{ id: string }>(page, 'POST', '/households', { regionId: gridId, address: `新家路 ${n} 号` })).json.id;
  const idNumber = validId(`${n}01`);
  const person = await api<{ id: string }>(page, 'POST', '/persons', { householdId: oldHome, name: `张${n}`, idNumber, phone: '13900001111', category: 'resident' });
  expect(person.status).toBe(201);
  const leader = await api(page, 'POST', '/users', { username: `leader${n}`, displayName: `网格长${n}`, role: 'grid_leader', regionId: gridId, password: FIRST_PASSWORD });
  expect(leader.status).toBe(201);
  await completeFirstSignIn(server.url, `leader${n}`, 'leader-meadow-2024');
  return { gridId, oldHome, newHome, personId: person.json.id, idNumber };
}

for (const [label, viewport, n] of [['desktop', DESKTOP, 1], ['phone', PHONE, 2]] as const) {
  describe(`editing households and people (${label})`, () => {
    it('edits a phone (masked), merges a duplicate ID into another household, and a grid leader resolves a clash', async () => {
      const { context, page } = await newPage(browser, viewport);
      await signIn(page, server.url, 'admin', server.adminPassword);
      const s = await setUp(page, n);

      // 1. Edit the phone: the input starts empty (never the masked value); the list shows the new number masked.
      await page.goto(`${server.url}/households/${s.oldHome}`);
      const list = page.getByTestId('person-list');
      await list.getByText('139****1111').waitFor();
      await page.getByTestId('person-edit').first().click();
      const phone = page.getByTestId('person-phone');
      expect(await phone.inputValue()).toBe('');
      await page.getByTestId('person-phone-current').getByText('当前 139****1111，不修改请留空').waitFor();
      await phone.fill('139****1111');
      await page.getByTestId('person-save').click();
      await page.getByText('不能保存带 * 的号码，请输入完整号码').waitFor();
      await phone.fill('13900002222');
      await screenshot(page, `${label}-person-edit`);
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await page.getByTestId('person-save').click();
      await list.getByText('139****2222').waitFor();

      // The household: let to a landlord, whose phone shows masked.
      await page.getByTestId('household-edit').click();
      await page.getByTestId('household-address').fill(`老屋路 ${n} 号之一`);
      await page.getByTestId('household-rental').click();
      await page.getByTestId('household-landlord').fill('房东甲');
      await page.getByTestId('household-landlord-phone').fill('13900003333');
      if (n === 1) await screenshot(page, `${label}-household-edit`);
      await page.getByTestId('household-save').click();
      const detail = page.getByTestId('household-detail');
      await detail.getByRole('heading', { name: `老屋路 ${n} 号之一` }).waitFor();
      // Also in the household's change history (old → new, masked): the first is the detail's own line.
      await detail.getByText('139****3333').first().waitFor();

      // 2. The same ID number typed into the other household: the merge dialog, then the move.
      await page.goto(`${server.url}/households/${s.newHome}`);
      await page.getByTestId('household-detail').getByRole('heading', { name: `新家路 ${n} 号` }).waitFor();
      await page.getByTestId('person-create').click();
      await page.getByTestId('person-name').fill(`张${n}新`);
      await page.getByTestId('person-id-number').fill(s.idNumber);
      await page.getByTestId('person-save').click();
      const dialog = page.getByTestId('merge-dialog');
      await dialog.getByTestId('merge-existing-address').getByText(`老屋路 ${n} 号之一`).waitFor();
      await dialog.getByText(`第${n}网格`).waitFor();
      await dialog.getByTestId('merge-field-name').waitFor();
      expect(await dialog.textContent()).not.toContain(s.idNumber);
      await screenshot(page, `${label}-merge-dialog`);
      expect((await overflowsHorizontally(page)).overflow).toBe(false);
      await page.getByTestId('merge-confirm').click();
      await page.getByTestId('person-list').getByText(`张${n}新`).waitFor();
      await page.getByTestId('person-list').getByText('139****2222').waitFor();
      await page.goto(`${server.url}/households/${s.oldHome}`);
      await page.getByTestId('person-list').getByText('暂无人员').waitFor();

      // 3. Two edits from the same version: someone renames the person while this drawer is open;
      // saving another name keeps the server's and says so, naming the field.
      await page.goto(`${server.url}/households/${s.newHome}`);
      await page.getByTestId('person-edit').first().click();
      const person = await api<{ version: number }>(page, 'GET', `/persons/${s.personId}`);
      expect((await api(page, 'PATCH', `/persons/${s.personId}`, { baseVersion: person.json.version, name: `甲${n}` })).status).toBe(200);
      await page.getByTestId('person-name').fill(`乙${n}`);
      await page.getByTestId('person-save').click();
      const clashes = page.getByTestId('edit-clashes');
      await clashes.getByText('姓名').waitFor();
      await screenshot(page, `${label}-edit-clash`);
      expect((await api<{ name: string }>(page, 'GET', `/persons/${s.personId}`)).json.name).toBe(`甲${n}`);
      await context.close();

      // The grid leader sees the count, the clash, and takes the proposed value.
      const leader = await newPage(browser, viewport);
      await signIn(leader.page, server.url, `leader${n}`, 'leader-meadow-2024');
      await leader.page.goto(`${server.url}/households`);
      await leader.page.getByTestId('conflicts-count').getByText('1').first().waitFor();
      await screenshot(leader.page, `${label}-households-badge`);
      await leader.page.getByTestId('conflicts-link').click();
      await leader.page.waitForURL('**/households/conflicts');
      const row = leader.page.getByTestId('conflict-row').first();
      await row.getByTestId('conflict-proposed').getByText(`乙${n}`).waitFor();
      await row.getByTestId('conflict-current').getByText(`甲${n}`).waitFor();
      await row.getByText('姓名').first().waitFor();
      await row.getByText('系统管理员').first().waitFor();
      await screenshot(leader.page, `${label}-edit-conflicts`);
      expect((await overflowsHorizontally(leader.page)).overflow).toBe(false);
      await row.getByTestId('conflict-take').click();
      await leader.page.getByText('没有待处理的编辑冲突').waitFor();
      const after = await api<{ name: string }>(leader.page, 'GET', `/persons/${s.personId}`);
      expect(after.json.name).toBe(`乙${n}`);
      await leader.context.close();
    });
  });
}

describe('a duplicate ID number outside the account’s region', () => {
  it('says it is registered in another region, shows no details and offers no merge', async () => {
    // leader1 (grid 1, town 1) types the ID number of the person registered in town 2 above.
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page, server.url, 'leader1', 'leader-meadow-2024');
    const homes = await api<{ items: { id: string }[] }>(page, 'GET', '/households');
    const home = homes.json.items[0];
    expect(home).toBeDefined();
    await page.goto(`${server.url}/households/${home?.id ?? ''}`);
    await page.getByTestId('person-create').click();
    await page.getByTestId('person-name').fill('外区人员');
    await page.getByTestId('person-id-number').fill(validId('201'));
    await page.getByTestId('person-save').click();
    const warning = page.getByTestId('duplicate-elsewhere');
    await warning.getByText('已在其他辖区登记', { exact: true }).waitFor();
    await warning.getByText(/请联系镇（街道）/).waitFor();
    expect(await page.getByTestId('merge-dialog').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain('张2');
    await screenshot(page, 'phone-duplicate-elsewhere');
    await context.close();
  });
});

describe('English', () => {
  it('shows the edit and conflict texts in English', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.evaluate(() => localStorage.setItem('gridguard.lang', 'en'));
    await page.goto(`${server.url}/households/conflicts`);
    await page.getByText('Edit conflicts').first().waitFor();
    await page.getByText('No open edit conflicts').waitFor();
    await screenshot(page, 'desktop-edit-conflicts-en');
    await context.close();
  });
});
