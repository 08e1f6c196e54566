// System Chromium through playwright-core, and the steps every browser test repeats.
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const PHONE = { width: 360, height: 740 } as const;
export const DESKTOP = { width: 1920, height: 1080 } as const;
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

/** True when the page is wider than the viewport (a horizontal scrollbar on a phone). */
export async function overflowsHorizontally(page: Page): Promise<{ overflow: boolean; scrollWidth: number; width: number }> {
  return page.evaluate(() => {
    const scrollWidth = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    return { overflow: scrollWidth > window.innerWidth, scrollWidth, width: window.innerWidth };
  });
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
