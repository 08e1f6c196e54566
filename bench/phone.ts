// The phone app on a cheap phone over 3G (issue 16): Chromium at 360×740 with a phone's user
// agent, the network throttled through the DevTools protocol to 400 ms round trips and
// 400 kbit/s each way (Network.emulateNetworkConditions) and the CPU slowed 4× (Emulation.
// setCPUThrottlingRate), against the real server on a demo county, signed in as grid worker
// gw0001. Per run, in a fresh browser profile:
//   cold     — nothing on the phone (no cache, no service worker, no data): /field until the
//              worker's households are on screen; with the compressed JavaScript it downloaded;
//   warm     — the same phone later (shell cached by the service worker, the grid in IndexedDB);
//   warm, no service worker — a chat app's in-app browser: only the HTTP cache;
//   offline  — network off: until the grid and the time of the last pull are on screen.
// Targets: cold < 5 s, warm < 1.5 s. Prints each figure and the medians of the runs.
//
//   npm run build && npx tsx bench/phone.ts [--people 20000] [--runs 3] [--postgres] [--trace]
//   (--trace prints each request of the first cold open and when it started and ended)
import fs from 'node:fs';
import nodePath from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT, startDemoServer } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, median } from './lib/harness.ts';

export const bench = { name: 'phone', target: 5000 };

const argv = process.argv.slice(2);
const opts = {
  postgres: argv.includes('--postgres'),
  people: Number(argValue(argv, '--people') ?? 20_000),
  runs: Number(argValue(argv, '--runs') ?? 3),
  worker: argValue(argv, '--worker') ?? 'gw0001',
};
deadline(30 * 60_000, 'the phone benchmark');
if (!fs.existsSync(nodePath.join(ROOT, 'dist/web/field.html'))) {
  console.error('dist/web/field.html is missing: run `npm run build` first (the server serves the built phone app)');
  process.exit(1);
}

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
/** 3G as the issue measures it: 400 ms round trip, 400 kbit/s = 50,000 bytes/s each way. */
const THREE_G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const HOUSEHOLDS = '[data-testid="field-household"]';

const server = await startDemoServer({ name: 'phone', postgres: opts.postgres, people: opts.people });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
});

/** The session cookie of the worker, as after signing in (sign-in itself is not what is timed). */
async function sessionCookie(): Promise<{ name: string; value: string }> {
  const res = await fetch(`${server.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: opts.worker, password: 'gridguard-demo' }) });
  if (!res.ok) throw new Error(`sign-in of ${opts.worker}: ${res.status}`);
  const [pair] = (res.headers.get('set-cookie') ?? '').split(';');
  const [name = '', value = ''] = (pair ?? '').split('=');
  return { name, value };
}

async function phoneContext(serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PHONE_UA, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers });
  const cookie = await sessionCookie();
  await context.addCookies([{ ...cookie, url: server.base }]);
  return context;
}

/** A new tab on the throttled profile; counts the compressed bytes of the JavaScript it downloads. */
async function throttledPage(context: BrowserContext, network: typeof THREE_G | null = THREE_G): Promise<{ page: Page; jsBytes: () => number; apiCalls: () => string[] }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const scripts = new Set<string>();
  const calls: string[] = [];
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
    const url = new URL(e.request.url);
    if (url.pathname.startsWith('/api/')) calls.push(url.pathname + url.search);
  });
  cdp.on('Network.responseReceived', (e: { requestId: string; type: string; response: { fromDiskCache?: boolean; fromServiceWorker?: boolean } }) => {
    if (e.type === 'Script' && !e.response.fromDiskCache && !e.response.fromServiceWorker) scripts.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
  });
  return { page, jsBytes: () => bytes, apiCalls: () => calls };
}

/** Opens /field and waits for the households; milliseconds from the navigation's start. */
async function openGrid(page: Page, also?: string): Promise<number> {
  const started = Date.now();
  await page.goto(`${server.base}/field`, { waitUntil: 'commit', timeout: 60_000 });
  await page.waitForSelector(HOUSEHOLDS, { timeout: 60_000 });
  if (also) await page.getByTestId(also).getByText(/已下载/).waitFor({ timeout: 60_000 });
  return Date.now() - started;
}

interface Run {
  coldMs: number;
  jsKb: number;
  warmMs: number;
  warmNoSwMs: number;
  offlineMs: number;
  households: number;
  coldCalls: string;
}

async function oneRun(): Promise<Run> {
  // Cold, then warm and offline on the same phone.
  const context = await phoneContext('allow');
  const cold = await throttledPage(context);
  const coldMs = await openGrid(cold.page);
  const households = await cold.page.locator(HOUSEHOLDS).count();
  if (argv.includes('--trace')) {
    // Where the cold open's time went: each request's start and end, from the navigation's start.
    const entries = await cold.page.evaluate(() =>
      performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation')).map((e) => ({ name: e.name.replace(location.origin, ''), start: Math.round(e.startTime), end: Math.round((e as PerformanceResourceTiming).responseEnd), size: (e as PerformanceResourceTiming).encodedBodySize })),
    );
    const marks = await cold.page.evaluate(() => performance.getEntriesByType('mark').map((e) => ({ name: e.name, start: Math.round(e.startTime), end: Math.round(e.startTime), size: 0 })));
    for (const e of [...entries, ...marks].sort((a, b) => a.start - b.start)) console.log(`  ${String(e.start).padStart(5)} → ${String(e.end).padStart(5)} ms  ${String(e.size).padStart(7)} B  ${e.name}`);
    console.log(`  households on screen at ${await cold.page.evaluate(() => Math.round(performance.now()))} ms (page clock)`);
  }
  const jsKb = cold.jsBytes() / 1024;
  // Each read once: a preloaded address read again by the app would show twice.
  const coldCalls = cold.apiCalls().join(', ');
  // Let the service worker install its shell and the first pull finish (unthrottled time).
  await cold.page.getByTestId('field-pulled').getByText(/已下载/).waitFor({ timeout: 120_000 });
  await cold.page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await cold.page.close();

  const warm = await throttledPage(context);
  const warmMs = await openGrid(warm.page);
  await warm.page.getByTestId('field-pulled').getByText(/已下载/).waitFor({ timeout: 60_000 });
  await warm.page.close();

  await context.setOffline(true);
  const offline = await throttledPage(context, null);
  const offlineMs = await openGrid(offline.page, 'field-pulled');
  await context.close();

  // A chat app's in-app browser: no service worker, only the HTTP cache and IndexedDB.
  const inApp = await phoneContext('block');
  const first = await throttledPage(inApp);
  await openGrid(first.page, 'field-pulled');
  await first.page.close();
  const again = await throttledPage(inApp);
  const warmNoSwMs = await openGrid(again.page);
  await inApp.close();
  return { coldMs, jsKb, warmMs, warmNoSwMs, offlineMs, households, coldCalls };
}

const runs: Run[] = [];
try {
  for (let i = 0; i < opts.runs; i++) {
    const run = await oneRun();
    runs.push(run);
    console.log(
      `run ${i + 1}: cold ${run.coldMs} ms (${run.jsKb.toFixed(1)} KB of compressed JavaScript, ${run.households} households) · warm ${run.warmMs} ms · warm without a service worker ${run.warmNoSwMs} ms · offline ${run.offlineMs} ms`,
    );
    console.log(`  requests to the API until the households showed (cold): ${run.coldCalls}`);
  }
} finally {
  await browser.close();
  await server.child.stop();
}
const m = (k: Exclude<keyof Run, 'coldCalls'>) => Math.round(median(runs.map((r) => r[k])));
console.log(`\nphone app on 3G (400 ms RTT, 400 kbit/s), CPU 4× slower, 360×740, ${server.dialect}, ${opts.people.toLocaleString()}-person demo county, ${opts.worker}; medians of ${runs.length}:`);
console.log(`  cold open until the households show   ${m('coldMs')} ms   (target < 5000), JavaScript ${median(runs.map((r) => r.jsKb)).toFixed(1)} KB compressed`);
console.log(`  warm reopen (service worker)          ${m('warmMs')} ms   (target < 1500)`);
console.log(`  warm reopen (no service worker)       ${m('warmNoSwMs')} ms`);
console.log(`  offline reopen (grid + last pull)     ${m('offlineMs')} ms`);
emitResult({ bench: bench.name, variant: server.dialect, coldMs: m('coldMs'), jsKb: Number(median(runs.map((r) => r.jsKb)).toFixed(1)), warmMs: m('warmMs'), warmNoSwMs: m('warmNoSwMs'), offlineMs: m('offlineMs'), households: m('households'), target: 'cold < 5000 ms, warm < 1500 ms' });
