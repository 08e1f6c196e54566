// The command dashboard at every office and wall size (1366×768 … 3840×2160), in Chinese and
// English, with a county's numbers: no two tiles overlap, no label or number is clipped (cut off
// by its box or ending in an ellipsis), no text runs out of its tile, nothing scrolls.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './api-client.ts';
import { launchBrowser, newPage, screenshot, settled, signIn } from './browser.ts';
import { stubCountyDashboard } from './county-stub.ts';
import { startServer, type TestServer } from './server.ts';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
  { width: 3840, height: 2160 },
] as const;

let server: TestServer;
let browser: Browser;
let county: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const admin = await apiAs(server.url, 'admin', server.adminPassword);
  county = (await admin.get<{ region: { id: number } }>('/auth/me')).body.region.id;
  // A stand-down (解除) of the county: its tag takes a row of the screen (it once ran into the tiles at 1366×768).
  await admin.post('/stand-downs', { regionId: county, endedOn: new Date().toISOString().slice(0, 10), purgeAfterDays: 30, register: 'keep' });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface LayoutProblems {
  overlaps: string[];
  clipped: string[];
  outside: string[];
  scroll: { w: number; h: number };
}

/** Everything the test measures, in the page: boxes of tiles and panels, and every text run. */
function measure(): LayoutProblems {
  const screen = document.querySelector('[data-testid="dashboard"]') as HTMLElement;
  const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
  const intersects = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const inside = (a: DOMRect, b: DOMRect) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

  // Tiles: the header, the stand-downs' row, every panel and every KPI tile.
  const tiles = [...screen.querySelectorAll('.ggd-header, .ggd-stand-downs, .ggd-panel, .ggd-tile')].filter((el) => el.checkVisibility());
  const overlaps: string[] = [];
  for (let i = 0; i < tiles.length; i++)
    for (let j = i + 1; j < tiles.length; j++) {
      const a = tiles[i] as Element;
      const b = tiles[j] as Element;
      if (intersects(a.getBoundingClientRect(), b.getBoundingClientRect())) overlaps.push(`${describe(a)} × ${describe(b)}`);
    }

  // Text runs: every non-blank text node, measured as drawn.
  const clipped: string[] = [];
  const outside: string[] = [];
  const runs: { rect: DOMRect; el: Element }[] = [];
  const walker = document.createTreeWalker(screen, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !(node.textContent ?? '').trim() || !el.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0) continue;
    runs.push({ rect, el });
    // A box that cuts its text: wider content than the box, with overflow hidden or an ellipsis.
    for (let box: Element | null = el; box && box !== screen; box = box.parentElement) {
      const style = getComputedStyle(box);
      const cuts = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (cuts && box instanceof HTMLElement && box.scrollWidth > box.clientWidth + 1 && !box.classList.contains('ggd-ticker')) {
        clipped.push(`${describe(box)} (${box.scrollWidth} > ${box.clientWidth})`);
        break;
      }
      if (box.matches('.ggd-panel, .ggd-tile, .ggd-header, .ggd-stand-downs')) break;
    }
    // Text stays inside its tile and inside the screen.
    const tile = el.closest('.ggd-panel, .ggd-tile, .ggd-header, .ggd-stand-downs');
    if (tile && !inside(rect, tile.getBoundingClientRect())) outside.push(`${describe(el)} outside ${describe(tile)}`);
    if (!inside(rect, new DOMRect(0, 0, window.innerWidth, window.innerHeight))) outside.push(`${describe(el)} outside the screen`);
  }
  // Two texts drawn over each other (e.g. a number running into the next one).
  for (let i = 0; i < runs.length; i++)
    for (let j = i + 1; j < runs.length; j++) {
      const a = runs[i] as { rect: DOMRect; el: Element };
      const b = runs[j] as { rect: DOMRect; el: Element };
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (intersects(a.rect, b.rect)) overlaps.push(`text ${describe(a.el)} × ${describe(b.el)}`);
    }
  return { overlaps, clipped: [...new Set(clipped)], outside, scroll: { w: document.documentElement.scrollWidth - window.innerWidth, h: document.documentElement.scrollHeight - window.innerHeight } };
}

async function openDashboard(page: Page, lang: 'zh-CN' | 'en') {
  if (lang === 'en') await page.addInitScript(() => localStorage.setItem('gridguard.lang', 'en'));
  await stubCountyDashboard(page, county);
  await signIn(page, server.url, 'admin', server.adminPassword);
  await page.goto(`${server.url}/dashboard`);
  await page.getByTestId('kpi-persons-value').waitFor();
  await page.getByTestId('region-map').waitFor();
  await page.getByTestId('stand-down-tags').waitFor();
  await settled(page);
}

describe('command dashboard at every screen size', () => {
  for (const lang of ['zh-CN', 'en'] as const)
    for (const size of SIZES) {
      it(`${size.width}×${size.height} ${lang}: tiles apart, no text clipped, nothing scrolls`, async () => {
        const { context, page } = await newPage(browser, size);
        await openDashboard(page, lang);
        await screenshot(page, `dashboard-${size.width}x${size.height}-${lang}`);
        const problems = await page.evaluate(measure);
        expect(problems.overlaps).toEqual([]);
        expect(problems.clipped).toEqual([]);
        expect(problems.outside).toEqual([]);
        expect(problems.scroll.w).toBeLessThanOrEqual(0);
        expect(problems.scroll.h).toBeLessThanOrEqual(0);
        await context.close();
      });
    }
});
