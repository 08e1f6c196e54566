// System Chromium through playwright-core, and the steps every browser test repeats.
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1920, height: 1080 } as const;
/** An Android phone's Chrome: the phone app's sign-in lands a grid worker on /field for it. */
export const PHONE_UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';

/** A 360-px phone (Chinese, China's time) without a service worker, as a chat app's in-app browser. */
export async function phoneWithoutServiceWorker(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: PHONE, userAgent: PHONE_UA, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page };
}
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../screenshots');

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  // Every context, also those a test makes itself, reports what the Content-Security-Policy blocked.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchCsp(await newContext(options));
  return browser;
}

// Anything the server's Content-Security-Policy blocks is a bug (a script, style, image or
// connection the app needs): each test fails on the violations its pages reported.
const CSP_MARK = 'gridguard-csp-violation:';
const cspViolations: string[] = [];
/** The violations reported so far, taken (a test that provokes one on purpose checks it here). */
export const takeCspViolations = (): string[] => cspViolations.splice(0);
afterEach(() => {
  const found = takeCspViolations();
  if (found.length) throw new Error(`Content-Security-Policy violations:\n${found.join('\n')}`);
});

async function watchCsp(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript((mark) => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`${mark} ${e.effectiveDirective} blocked ${e.blockedURI} in ${e.documentURI} (${e.sourceFile}:${e.lineNumber})`);
    });
  }, CSP_MARK);
  context.on('console', (message) => {
    if (message.text().startsWith(CSP_MARK)) cspViolations.push(message.text().slice(CSP_MARK.length).trim());
  });
  return context;
}

export async function newPage(browser: Browser, viewport: { width: number; height: number } = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** The two sign-in pages: the staff app's, and the phone app's (where a phone is sent from /login). */
const isSignInPage = (url: URL) => url.pathname.startsWith('/login') || url.pathname.startsWith('/field/login');

export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !isSignInPage(url));
  // The phone's sign-in leaves with a page load: let it finish before the test navigates.
  await page.waitForLoadState('load');
}

/** Signs in on the phone app's own sign-in page and waits until its home (/field) has loaded. */
export async function signInOnPhone(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/field/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => url.pathname === '/field');
  await page.waitForLoadState('load');
}

/** True when the page is wider than the viewport (a horizontal scrollbar on a phone). */
export async function overflowsHorizontally(page: Page): Promise<{ overflow: boolean; scrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    return { overflow: scrollWidth > window.innerWidth, scrollWidth, width: window.innerWidth };
  });
}

/**
 * The visible boxes that scroll sideways inside the page (a table wider than its card, which the
 * page-level check above does not see), each as "test id of the nearest marked ancestor, class,
 * width/scroll width". Empty when nothing does.
 */
export async function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => {
        const style = getComputedStyle(el);
        const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
        return scrolls && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && el.checkVisibility();
      })
      .map((el) => `${el.closest('[data-testid]')?.getAttribute('data-testid') ?? '?'} .${[...el.classList].join('.')} ${el.clientWidth}/${el.scrollWidth}`),
  );
}

/**
 * Until the page is still: its fonts loaded, no finite animation or transition running (antd's
 * motion; spinners run forever and do not count) and every visible chart drawn to the end of its
 * animation (EChart's data-chart-state).
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForFunction(() => {
    const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
    const drawing = [...document.querySelectorAll('[data-chart-state]')].some((el) => el.getAttribute('data-chart-state') !== 'finished' && el.checkVisibility());
    return !moving && !drawing;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await settled(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** A valid ID number of an invented person born on `birth` (YYYYMMDD) with a 3-digit sequence. */
export function validIdNumber(sequence: string, birth = '19850312'): string {
  const first17 = `339901${birth}${sequence}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

/** 城关镇 → 城南社区 → 城南第一网格 through the API, as the admin signed in on `page`; the grid's id. */
export async function makeGrid(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string; region: { id: number } };
    const post = (path: string, body: unknown) =>
      fetch(`/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) }).then(
        (r) => r.json() as Promise<{ id: number }>,
      );
    const town = await post('/regions', { parentId: me.region.id, level: 'town', code: '339901001', name: '城关镇' });
    const village = await post('/regions', { parentId: town.id, level: 'village', code: '339901001001', name: '城南社区' });
    const grid = await post('/regions', { parentId: village.id, level: 'grid', code: '33990100100101', name: '城南第一网格' });
    return grid.id;
  });
}

// ---------------------------------------------------------------------------------------------
// Choosing in Ant Design's pop-ups. Under load a click can land on a dropdown that is still
// opening, or on an option list that is being re-rendered (search results arriving), and be lost
// without an error: the form then saves its default. Every choice is therefore checked on the
// field itself and repeated until it took.

/** A select given by its test id, or a locator of it or of an element around it. */
type SelectTarget = string | Locator;

/** The root `.ant-select` of a select: antd 6 puts data-testid on it; a wrapper is searched. */
function selectRoot(page: Page, target: SelectTarget): Locator {
  const given = typeof target === 'string' ? page.getByTestId(target) : target;
  return given.locator('xpath=self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")]').or(given.locator('.ant-select').first()).first();
}

/**
 * What the select shows as chosen, without its placeholder. antd 6 renders a single select's label
 * straight inside `.ant-select-content` (there is no `.ant-select-selection-item` any more; that
 * class is only a multiple select's tags), and the label is the option's own node (a region's name,
 * level tag and code), so it contains the option's text.
 */
async function shownChoice(root: Locator): Promise<string> {
  return root.evaluate((el) => {
    const tags = [...el.querySelectorAll('.ant-select-selection-item')];
    if (tags.length) return tags.map((t) => t.textContent ?? '').join(' | ');
    const content = el.querySelector('.ant-select-content-has-value');
    if (!content) return '';
    const copy = content.cloneNode(true) as Element;
    for (const extra of copy.querySelectorAll('.ant-select-placeholder, input')) extra.remove();
    return copy.textContent ?? '';
  });
}

const matches = (text: string, want: string | RegExp) => (typeof want === 'string' ? text.includes(want) : want.test(text));

/** Polls `check` every 100 ms for up to `ms`; true as soon as it holds. */
async function holdsWithin(page: Page, ms: number, check: () => Promise<boolean>): Promise<boolean> {
  for (const end = Date.now() + ms; ; ) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await page.waitForTimeout(100);
  }
}

/**
 * Chooses the option containing `option` (the first such, or the last) in a select, typing `typed`
 * into its search first when given, and returns once the select shows the option. The dropdown is
 * the select's own (found through the input's aria-controls), not whichever dropdown is visible: a
 * closing one of an earlier select may still be.
 */
export async function chooseOption(page: Page, target: SelectTarget, typed: string | null, option: string | RegExp, which: 'first' | 'last' = 'first'): Promise<void> {
  const root = selectRoot(page, target);
  const input = root.locator('input[role="combobox"]');
  let seen = '';
  for (let attempt = 1; attempt <= 4; attempt++) {
    if ((await input.getAttribute('aria-expanded')) !== 'true') await root.click();
    await holdsWithin(page, 5_000, async () => Boolean(await input.getAttribute('aria-controls')));
    const listId = await input.getAttribute('aria-controls');
    if (!listId) continue;
    if (typed) await input.fill(typed);
    const options = page.locator(`.ant-select-dropdown:has([id="${listId}"]) .ant-select-item-option`).filter({ hasText: option });
    const wanted = which === 'first' ? options.first() : options.last();
    // The option may not be there yet (a search answers over the network); a wait that fails is retried.
    if (await wanted.click({ timeout: 10_000 }).then(() => true, () => false)) {
      if (await holdsWithin(page, 3_000, async () => matches((seen = await shownChoice(root)), option))) return;
    }
    // Close it (and clear its search) before trying again.
    if ((await input.getAttribute('aria-expanded')) === 'true') await input.press('Escape');
  }
  throw new Error(`the select ${String(target)} did not take the option ${String(option)}: it shows "${seen}"`);
}

/**
 * Sets a date picker to today by tapping (the phone's picker has no keyboard) and returns once the
 * field holds a date. Like a select's dropdown, the picker's can still be opening when tapped.
 */
export async function chooseToday(page: Page, field: Locator): Promise<void> {
  const input = field.locator('xpath=self::input').or(field.locator('input').first()).first();
  for (let attempt = 1; attempt <= 4; attempt++) {
    if (await input.inputValue()) return;
    await input.click();
    await page
      .locator('.ant-picker-dropdown:visible .ant-picker-today-btn, .ant-picker-dropdown:visible .ant-picker-cell-today')
      .first()
      .click({ timeout: 5_000 })
      .catch(() => undefined);
    if (await holdsWithin(page, 2_000, async () => Boolean(await input.inputValue()))) return;
  }
  throw new Error('the date picker did not take today');
}

/**
 * Clicks an option of an Ant Design Segmented (given by an element inside it) until it is the
 * selected one. A lost click leaves the previous choice's list, which can pass a test's next check.
 */
export async function chooseSegment(page: Page, option: Locator): Promise<void> {
  const item = option.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-segmented-item ")][1]');
  const selected = () => item.evaluate((el) => el.classList.contains('ant-segmented-item-selected'));
  for (let attempt = 1; attempt <= 4; attempt++) {
    if (await selected()) return;
    await option.click();
    if (await holdsWithin(page, 3_000, selected)) return;
  }
  throw new Error('the segmented option was not selected');
}
