// Forms (登记表/责任书): a grid worker fills in the floating-population registration form for a
// person from the household page, the person signs on the canvas, and the print view is one
// A4 page without the app around it; on a 360-px phone the signature pad fits the screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import { DESKTOP, launchBrowser, newPage, overflowsHorizontally, PHONE, screenshot, signIn } from './browser.ts';
import { startServer, type TestServer } from './server.ts';
import { FIRST_PASSWORD, completeFirstSignIn } from './api-client.ts';

let server: TestServer;
let browser: Browser;
let seeded: { householdId: string; personId: string };

const idNumber = (() => {
  const first17 = '33990119920405001';
  return `${first17}${idNumberCheckDigit(first17)}`;
})();

/** As the admin: a grid, a grid worker, a rented household and a floating person in it. */
async function seed(page: Page, id: string) {
  const seededIds = await page.evaluate(async ({ idNumber, firstPassword }) => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
    const post = (path: string, body: unknown) =>
      fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ id: string & number }>,
      );
    const town = await post('/regions', { parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' });
    const village = await post('/regions', { parentId: town.id, level: 'village', code: '339901001001', name: '城南社区' });
    const grid = await post('/regions', { parentId: village.id, level: 'grid', code: '33990100100101', name: '城南第一网格' });
    await post('/users', { username: 'worker', displayName: '李网格', role: 'grid_worker', regionId: grid.id, password: firstPassword });
    const household = await post('/households', { regionId: grid.id, address: '城南路 18 号', room: '501', isRental: true, landlordName: '王建国', landlordPhone: '13912345678' });
    const person = await post('/persons', {
      householdId: household.id, name: '赵小流', idNumber, phone: '13800001111', category: 'floating',
      origin: '湖北省武汉市', arrivedOn: '2026-11-20', travelMode: 'train', employer: '城南纺织厂', dwellingRelation: 'tenant',
    });
    return { householdId: household.id as string, personId: person.id as string };
  }, { idNumber: id, firstPassword: FIRST_PASSWORD });
  await completeFirstSignIn(server.url, 'worker', 'lantern-orchard-123');
  return seededIds;
}

/** A signature drawn with the mouse: two strokes across the canvas. */
async function drawSignature(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  const strokes = [
    [0.15, 0.6, 0.3, 0.3, 0.45, 0.65, 0.55, 0.35],
    [0.6, 0.5, 0.7, 0.3, 0.8, 0.6, 0.88, 0.4],
  ];
  for (const s of strokes) {
    await page.mouse.move(box.x + box.width * (s[0] ?? 0), box.y + box.height * (s[1] ?? 0));
    await page.mouse.down();
    for (let i = 2; i < s.length; i += 2) {
      await page.mouse.move(box.x + box.width * (s[i] ?? 0), box.y + box.height * (s[i + 1] ?? 0), { steps: 8 });
    }
    await page.mouse.up();
  }
}

/** A signature drawn with a finger: raw touch events through the DevTools protocol. */
async function drawWithFinger(page: Page) {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('no signature pad');
  const cdp = await page.context().newCDPSession(page);
  const at = (fx: number, fy: number) => [{ x: box.x + box.width * fx, y: box.y + box.height * fy }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0.15, 0.6) });
  for (let i = 1; i <= 12; i += 1) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(0.15 + i * 0.06, 0.6 - Math.sin(i / 2) * 0.3) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const { context, page } = await newPage(browser);
  await signIn(page, server.url, 'admin', server.adminPassword);
  seeded = await seed(page, idNumber);
  await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('forms', () => {
  it('fills in a registration form from the household, signs it on the canvas and prints one A4 page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.url, 'worker', 'lantern-orchard-123');
    await page.goto(`${server.url}/households/${seeded.householdId}`);
    await page.getByTestId('form-create-from-household').click();
    await page.waitForURL('**/forms/new?**');
    // Prefilled from the person's record.
    await expect.poll(() => page.getByTestId('form-field-origin').inputValue()).toBe('湖北省武汉市');
    expect(await page.getByTestId('form-field-name').inputValue()).toBe('赵小流');
    await page.getByTestId('form-field-reason').fill('务工');
    await page.getByTestId('form-save').click();
    await page.waitForURL(/\/forms\/[0-9a-f-]{36}$/);
    const detail = page.getByTestId('form-detail');
    await detail.getByTestId('form-status').getByText('待签字').waitFor();

    // Confirming an empty pad says so; then the person signs.
    await page.getByTestId('signature-confirm').click();
    await page.getByText('请先在框内签名').waitFor();
    await drawSignature(page);
    await page.getByTestId('signature-confirm').click();
    await detail.getByTestId('form-status').getByText('已签').waitFor();
    await page.getByTestId('form-signature-image').waitFor();
    // The worker's signature goes through the outbox: the image element appears with the server's answer and loads after it.
    await expect.poll(() => page.getByTestId('form-signature-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await screenshot(page, 'desktop-form-detail-signed');

    // The print view: the county's heading, the signature in its box.
    await page.getByTestId('form-print').click();
    await page.waitForURL(/\/print$/);
    const sheet = page.getByTestId('print-sheet');
    await sheet.getByRole('heading', { name: '示范县流动人口排查登记表' }).waitFor();
    // Masked until the worker says why the paper form needs the full numbers (audited with the purpose).
    await page.getByTestId('print-masked-note').waitFor();
    expect(await sheet.textContent()).not.toContain(idNumber);
    // The address keeps its words (501室), and 登记网格员 names the worker who registered the form.
    expect(await sheet.textContent()).toContain('城南路 18 号 501室');
    expect(await page.getByTestId('print-officer').textContent()).toBe('李网格');
    await screenshot(page, 'desktop-form-print-masked');
    await page.getByTestId('print-reveal').click();
    await page.getByTestId('reveal-purpose').fill('打印登记表存档');
    await page.getByTestId('reveal-submit').click();
    await sheet.getByText(idNumber).waitFor();
    await page.getByTestId('print-masked-note').waitFor({ state: 'detached' });
    const signature = page.getByTestId('print-signbox').getByTestId('print-signature');
    await expect.poll(() => signature.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.getByTestId('nav-menu').isVisible()).toBe(true);
    expect(await page.getByTestId('print-button').isVisible()).toBe(true);
    await screenshot(page, 'desktop-form-print-view');

    // On a 360-px phone the sheet takes the screen's width: nothing cut off at the right.
    await page.setViewportSize(PHONE);
    await expect.poll(() => sheet.evaluate((el) => Math.round(el.getBoundingClientRect().right))).toBeLessThanOrEqual(PHONE.width);
    expect(await sheet.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-form-print-view');
    await page.setViewportSize(DESKTOP);

    // Printed: no navigation, no toolbar, only the sheet.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('nav-menu').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    await page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(page, 'print-form-registration');
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await context.close();
  });

  it('lists the forms, and on a 360-px phone the signature pad fits the screen', async () => {
    const desk = await newPage(browser);
    await signIn(desk.page, server.url, 'worker', 'lantern-orchard-123');
    // A rental letter awaiting the landlord's signature, made through the API.
    const letterId = await desk.page.evaluate(async (householdId) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/forms', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ kind: 'rental_responsibility', householdId }),
      });
      return ((await res.json()) as { id: string }).id;
    }, seeded.householdId);
    await desk.page.getByTestId('nav-menu').getByText('登记表/责任书').click();
    await desk.page.waitForURL('**/forms');
    const table = desk.page.getByTestId('forms-table');
    await table.getByText('租房责任书').waitFor();
    await table.getByText('流动人口登记').waitFor();
    await screenshot(desk.page, 'desktop-forms-list');

    // The letter's print view carries the duties text.
    await desk.page.goto(`${server.url}/forms/${letterId}/print`);
    await desk.page.getByRole('heading', { name: '示范县出租房屋治安管理责任书' }).waitFor();
    await desk.page.getByText('24 小时内').waitFor();
    await desk.page.emulateMedia({ media: 'print' });
    await desk.page.setViewportSize({ width: 794, height: 1123 });
    await screenshot(desk.page, 'print-form-rental-letter');
    await desk.context.close();

    // A phone with a touch screen: the signature is drawn with a finger.
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 2 });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await signIn(page, server.url, 'worker', 'lantern-orchard-123');
    // Filling in a form fits the phone too.
    await page.goto(`${server.url}/forms/new?householdId=${seeded.householdId}`);
    await expect.poll(() => page.getByTestId('form-field-origin').inputValue()).toBe('湖北省武汉市');
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-form-create');
    await page.goto(`${server.url}/forms`);
    await page.getByTestId('forms-cards').getByText('王建国').waitFor();
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await screenshot(page, 'phone-forms-list');

    await page.getByTestId('forms-cards').getByText('王建国').click();
    await page.getByTestId('form-sign').waitFor();
    const pad = page.getByTestId('signature-pad');
    await pad.scrollIntoViewIfNeeded();
    const box = await pad.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.x ?? -1).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(PHONE.width);
    expect(box?.width ?? 0).toBeGreaterThan(280);
    expect((await overflowsHorizontally(page)).overflow).toBe(false);
    await drawWithFinger(page);
    await page.getByTestId('signature-clear').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('signature-clear').isEnabled()).toBe(true);
    await screenshot(page, 'phone-form-sign');
    await page.getByTestId('signature-confirm').click();
    await page.getByTestId('form-status').getByText('已签').waitFor();
    await context.close();
  });
});
