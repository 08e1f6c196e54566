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
//   npm run build && npx tsx bench/phone.ts [--people 20000] [--runs 3] [--postgres] [--trace] [--compare DIR] [--profile cold|warm|warmNoSw|offline]
//   (--trace prints, for every open, the navigation's phases and each request and when it started and ended;
//   --profile records a CPU profile and a timeline of one open of the first run (bench/lib/page-profile.ts);
//   --compare DIR measures another build of the web apps, e.g. main's dist/web, run by run
//   alternately with this one — a second server on its own copy of the county serving DIR —
//   so that both meet the same load, and prints both sets of medians and their ratios)
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core';
import { ROOT, startDemoServer } from './lib/demo-server.ts';
import { argValue, countyTimeZone, deadline, emitResult, median } from './lib/harness.ts';
import { mainThreadTimeline, navigationStart, startCpuProfile, stopCpuProfile, TIMELINE_CATEGORIES, type TimelineEvent } from './lib/page-profile.ts';

export const bench = { name: 'phone', target: 5000 };

const argv = process.argv.slice(2);
const opts = {
  postgres: argv.includes('--postgres'),
  compare: argValue(argv, '--compare'),
  people: Number(argValue(argv, '--people') ?? 20_000),
  runs: Number(argValue(argv, '--runs') ?? 3),
  worker: argValue(argv, '--worker') ?? 'gw0001',
  profile: (argValue(argv, '--profile') ?? '').split(',').filter(Boolean),
};
// About 4 minutes per run of each build on a loaded machine (load 30-50), half an hour at least.
deadline(Math.max(30, opts.runs * (opts.compare ? 2 : 1) * 5 + 6) * 60_000, 'the phone benchmark');
if (!fs.existsSync(nodePath.join(ROOT, 'dist/web/field.html'))) {
  console.error('dist/web/field.html is missing: run `npm run build` first (the server serves the built phone app)');
  process.exit(1);
}

const PHONE_UA = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
/** 3G as the issue measures it: 400 ms round trip, 400 kbit/s = 50,000 bytes/s each way. */
const THREE_G = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const HOUSEHOLDS = '[data-testid="field-household"]';

const server = await startDemoServer({ name: 'phone', postgres: opts.postgres, people: opts.people });
/** The build measured against this one (--compare): the same server code serving another dist/web. */
const baseline = opts.compare
  ? await startDemoServer({ name: 'phone-baseline', postgres: opts.postgres, people: opts.people, env: { GRIDGUARD_WEB_ROOT: nodePath.resolve(opts.compare) } })
  : null;
type Server = typeof server;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
});

/** The session cookie of the worker, as after signing in (sign-in itself is not what is timed). */
async function sessionCookie(server: Server): Promise<{ name: string; value: string }> {
  const res = await fetch(`${server.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: opts.worker, password: 'gridguard-demo' }) });
  if (!res.ok) throw new Error(`sign-in of ${opts.worker}: ${res.status}`);
  const [pair] = (res.headers.get('set-cookie') ?? '').split(';');
  const [name = '', value = ''] = (pair ?? '').split('=');
  return { name, value };
}

async function phoneContext(server: Server, serviceWorkers: 'allow' | 'block'): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, userAgent: PHONE_UA, locale: 'zh-CN', timezoneId: countyTimeZone(), serviceWorkers });
  const cookie = await sessionCookie(server);
  await context.addCookies([{ ...cookie, url: server.base }]);
  return context;
}

/** A new tab on the throttled profile; counts the compressed bytes of the JavaScript it downloads. */
async function throttledPage(context: BrowserContext, network: typeof THREE_G | null = THREE_G): Promise<{ page: Page; cdp: CDPSession; jsBytes: () => number; apiCalls: () => string[] }> {
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
  return { page, cdp, jsBytes: () => bytes, apiCalls: () => calls };
}

/** What one open of /field took: see the header. */
interface Open {
  /** From the tap (navigation start, the page's own clock) until the first household was painted. */
  paintMs: number;
  /** The bench's own clock, from asking for the page until it saw the households in the page. */
  wallMs: number;
  /** CPU time of the page's main thread until then, unthrottled (the trace's thread clock). */
  cpuMs: number;
}

/**
 * When the first household row (and the time of the last pull) were painted: their Element Timing
 * entries (Home.tsx marks both), on the page's clock from the navigation's start — what the worker
 * sees, without the bench's own round trips to the browser. The later of the two.
 */
async function paintedAt(page: Page, names: string[]): Promise<number> {
  return page.evaluate(
    (wanted) =>
      new Promise<number>((resolve, reject) => {
        const seen = new Map<string, number>();
        const timer = setTimeout(() => reject(new Error(`no Element Timing entry for ${wanted.filter((n) => !seen.has(n)).join(', ')}`)), 30_000);
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number; loadTime: number })[]) {
            if (wanted.includes(e.identifier)) seen.set(e.identifier, e.renderTime || e.loadTime);
          }
          if (seen.size < wanted.length) return;
          clearTimeout(timer);
          resolve(Math.round(Math.max(...seen.values())));
        }).observe({ type: 'element', buffered: true });
      }),
    names,
  );
}

/** The main-thread CPU time of the page's renderer in a trace: its top-level tasks' thread time. */
function mainThreadCpuMs(events: TraceEvent[]): number {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  const perThread = new Map<string, { cpu: number; until: number }>();
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  for (const e of tasks.sort((a, b) => a.ts - b.ts)) {
    const key = `${e.pid}:${e.tid}`;
    const thread = perThread.get(key) ?? { cpu: 0, until: 0 };
    // Only the outermost tasks: a nested run loop's tasks are inside their parent's time.
    if (e.ts >= thread.until) {
      thread.cpu += e.tdur ?? 0;
      thread.until = e.ts + (e.dur ?? 0);
    }
    perThread.set(key, thread);
  }
  // The page being measured is the busiest renderer (a closed tab's process may still report).
  return Math.round(Math.max(0, ...[...perThread.values()].map((t) => t.cpu)) / 1000);
}

type TraceEvent = TimelineEvent;

/**
 * Until the page shows a household. Asked with a one-line expression through the DevTools protocol,
 * not Playwright's waitForSelector: that injects Playwright's selector engine (a few hundred KB of
 * script) into the page, and a throttled main thread compiled and ran it during the very open being
 * timed (half a second of a warm open in a profile).
 */
async function householdsShown(cdp: CDPSession, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const expression = `document.querySelector(${JSON.stringify(HOUSEHOLDS)}) !== null`;
  while (Date.now() < until) {
    // Between the navigation's commit and the new document's scripts there may be no context yet.
    const answer = await cdp.send('Runtime.evaluate', { expression, returnByValue: true }).catch(() => null);
    if (answer?.result.value === true) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no ${HOUSEHOLDS} after ${timeoutMs} ms`);
}

/** Profiles only the first run's opens that --profile names. */
const profiled = new Set<string>();

/** Opens /field and waits for the households (and `also`'s 已下载 text); `name` is the open's key in OPENS. */
async function openGrid(server: Server, page: Page, cdp: CDPSession, name: keyof typeof OPENS, also?: string): Promise<Open> {
  const profile = opts.profile.includes(name) && !profiled.has(name);
  if (profile) {
    profiled.add(name);
    // A page of the same site first (when there is a network): the navigation to /field then
    // stays in this renderer, whose profiler is the one started here (the service worker's scope
    // is /field only).
    if (name !== 'offline') await page.goto(`${server.base}/healthz`, { waitUntil: 'load', timeout: 60_000 });
    await startCpuProfile(cdp);
  }
  const events: TraceEvent[] = [];
  const collect = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: profile ? TIMELINE_CATEGORIES : 'toplevel', transferMode: 'ReportEvents' });
  const started = Date.now();
  await page.goto(`${server.base}/field`, { waitUntil: 'commit', timeout: 60_000 });
  await householdsShown(cdp);
  const wallMs = Date.now() - started;
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  if (also) await page.getByTestId(also).getByText(/已下载/).waitFor({ timeout: 60_000 });
  const paintMs = await paintedAt(page, also ? ['field-grid', also] : ['field-grid']);
  if (profile) {
    // Kept after the bench ends, to open in DevTools.
    const file = nodePath.join(fs.mkdtempSync(nodePath.join(os.tmpdir(), 'gg-phone-profile-')), `${name}.cpuprofile`);
    const navigation = navigationStart(events, '/field');
    console.log(`${OPENS[name]} open, profiled (households painted at ${paintMs} ms):`);
    for (const line of await stopCpuProfile(cdp, file, navigation ? navigation.ts + paintMs * 1000 : Infinity)) console.log(`  ${line}`);
    console.log('  main thread, tasks of 8 ms or more (ms from the navigation\'s start):');
    for (const line of navigation ? mainThreadTimeline(events, navigation) : ['(no navigation to /field in the trace)']) console.log(line);
  }
  return { paintMs, wallMs, cpuMs: mainThreadCpuMs(events) };
}

/**
 * Where an open's time went (--trace): the navigation's phases (service worker start, response,
 * DOM), each request's start and end (and whether the service worker answered it), the paint
 * entries and the app's marks, from the navigation's start on the page's clock.
 */
async function printTimeline(page: Page, open: Open): Promise<void> {
  const entries = await page.evaluate(() => {
    const rows: { name: string; start: number; end: number; size: number }[] = [];
    const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
    if (nav) {
      // No named functions in here: tsx's helpers for them do not exist in the page.
      const phases: [string, number][] = [
        ['service worker start', nav.workerStart],
        ['fetch start', nav.fetchStart],
        ['response start', nav.responseStart],
        ['response end', nav.responseEnd],
        ['DOM interactive', nav.domInteractive],
        ['DOMContentLoaded end', nav.domContentLoadedEventEnd],
        ['load end', nav.loadEventEnd],
      ];
      for (const [name, at] of phases) if (at > 0) rows.push({ name: `(navigation) ${name}`, start: Math.round(at), end: Math.round(at), size: 0 });
    }
    for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
      rows.push({ name: `${e.name.replace(location.origin, '')}${e.workerStart > 0 ? ' (via service worker)' : ''}${e.transferSize === 0 && e.encodedBodySize > 0 ? ' (cache)' : ''}`, start: Math.round(e.startTime), end: Math.round(e.responseEnd), size: e.encodedBodySize });
    }
    for (const e of performance.getEntriesByType('paint')) rows.push({ name: e.name, start: Math.round(e.startTime), end: Math.round(e.startTime), size: 0 });
    for (const e of performance.getEntriesByType('mark')) rows.push({ name: `mark ${e.name}`, start: Math.round(e.startTime), end: Math.round(e.startTime), size: 0 });
    return rows;
  });
  for (const e of entries.sort((a, b) => a.start - b.start)) console.log(`  ${String(e.start).padStart(5)} → ${String(e.end).padStart(5)} ms  ${String(e.size).padStart(7)} B  ${e.name}`);
  console.log(`  households painted at ${open.paintMs} ms (page clock)`);
}

interface Run {
  cold: Open;
  jsKb: number;
  warm: Open;
  warmNoSw: Open;
  offline: Open;
  households: number;
  coldCalls: string;
}

async function oneRun(server: Server): Promise<Run> {
  // Cold, then warm and offline on the same phone.
  const context = await phoneContext(server, 'allow');
  const first = await throttledPage(context);
  const cold = await openGrid(server, first.page, first.cdp, 'cold');
  if (argv.includes('--trace')) await printTimeline(first.page, cold);
  const jsKb = first.jsBytes() / 1024;
  // Each read once: a preloaded address read again by the app would show twice.
  const coldCalls = first.apiCalls().join(', ');
  // Let the service worker install its shell and the first pull finish (unthrottled time).
  await first.page.getByTestId('field-pulled').getByText(/已下载/).waitFor({ timeout: 120_000 });
  // Counted after the pull: the first screen shows the list's top rows (Home.tsx) and the rest
  // once it has been painted, when the pull begins too.
  const households = await first.page.locator(HOUSEHOLDS).count();
  await first.page.waitForFunction(async () => Boolean((await navigator.serviceWorker.ready).active) && navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
  await first.page.close();

  const again = await throttledPage(context);
  const warm = await openGrid(server, again.page, again.cdp, 'warm');
  if (argv.includes('--trace')) {
    console.log('warm open:');
    await printTimeline(again.page, warm);
  }
  await again.page.getByTestId('field-pulled').getByText(/已下载/).waitFor({ timeout: 60_000 });
  await again.page.close();

  await context.setOffline(true);
  const noSignal = await throttledPage(context, null);
  const offline = await openGrid(server, noSignal.page, noSignal.cdp, 'offline', 'field-pulled');
  if (argv.includes('--trace')) {
    console.log('offline open:');
    await printTimeline(noSignal.page, offline);
  }
  await context.close();

  // A chat app's in-app browser: no service worker, only the HTTP cache and IndexedDB.
  const inApp = await phoneContext(server, 'block');
  const inAppFirst = await throttledPage(inApp);
  await openGrid(server, inAppFirst.page, inAppFirst.cdp, 'cold', 'field-pulled');
  await inAppFirst.page.close();
  const inAppAgain = await throttledPage(inApp);
  const warmNoSw = await openGrid(server, inAppAgain.page, inAppAgain.cdp, 'warmNoSw');
  if (argv.includes('--trace')) {
    console.log('warm open without a service worker:');
    await printTimeline(inAppAgain.page, warmNoSw);
  }
  await inApp.close();
  return { cold, jsKb, warm, warmNoSw, offline, households, coldCalls };
}

const OPENS = { cold: 'cold', warm: 'warm', warmNoSw: 'warm without a service worker', offline: 'offline' } as const;
const show = (o: Open) => `${o.paintMs} ms (wall ${o.wallMs}, main-thread CPU ${o.cpuMs})`;

const runs: Run[] = [];
const baselineRuns: Run[] = [];
function report(label: string, run: Run): void {
  console.log(`${label} (load average ${os.loadavg()[0]?.toFixed(1)}): ${run.jsKb.toFixed(1)} KB of compressed JavaScript, ${run.households} households`);
  for (const [key, name] of Object.entries(OPENS)) console.log(`  ${name.padEnd(30)} ${show(run[key as keyof typeof OPENS])}`);
  console.log(`  requests to the API until the households showed (cold): ${run.coldCalls}`);
}
try {
  for (let i = 0; i < opts.runs; i++) {
    // With --compare, the two builds take turns (which goes first alternates too).
    const order: [Server, Run[], string][] = [[server, runs, `run ${i + 1}`]];
    if (baseline) order.splice(i % 2, 0, [baseline, baselineRuns, `baseline run ${i + 1}`]);
    for (const [target, into, label] of order) {
      if (baseline && argv.includes('--trace')) console.log(`${label}, cold open's requests:`);
      const run = await oneRun(target);
      into.push(run);
      report(label, run);
    }
  }
} finally {
  await browser.close();
  await server.child.stop();
  await baseline?.child.stop();
}
const m = (of: Run[], key: keyof typeof OPENS, figure: keyof Open) => Math.round(median(of.map((r) => r[key][figure])));
const line = (of: Run[], key: keyof typeof OPENS) => `${String(m(of, key, 'paintMs')).padStart(5)} ms   wall ${String(m(of, key, 'wallMs')).padStart(5)} ms   main-thread CPU ${String(m(of, key, 'cpuMs')).padStart(4)} ms`;
function summary(of: Run[], title: string): void {
  console.log(`\n${title}: phone app on 3G (400 ms RTT, 400 kbit/s), CPU 4× slower, 360×740, ${server.dialect}, ${opts.people.toLocaleString()}-person demo county, ${opts.worker}; medians of ${of.length}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}:`);
  console.log(`  cold open until the households show   ${line(of, 'cold')}   (target < 5000), JavaScript ${median(of.map((r) => r.jsKb)).toFixed(1)} KB compressed`);
  console.log(`  warm reopen (service worker)          ${line(of, 'warm')}   (target < 1500)`);
  console.log(`  warm reopen (no service worker)       ${line(of, 'warmNoSw')}`);
  console.log(`  offline reopen (grid + last pull)     ${line(of, 'offline')}`);
}
summary(runs, 'this build');
if (baseline) {
  summary(baselineRuns, `baseline (${opts.compare})`);
  console.log('\nthis build / baseline, medians of the paint times:');
  for (const [key, name] of Object.entries(OPENS)) {
    const k = key as keyof typeof OPENS;
    console.log(`  ${name.padEnd(30)} ${(m(runs, k, 'paintMs') / m(baselineRuns, k, 'paintMs')).toFixed(2)}  (main-thread CPU ${(m(runs, k, 'cpuMs') / m(baselineRuns, k, 'cpuMs')).toFixed(2)})`);
  }
}
emitResult({
  bench: bench.name,
  variant: server.dialect,
  coldMs: m(runs, 'cold', 'paintMs'),
  jsKb: Number(median(runs.map((r) => r.jsKb)).toFixed(1)),
  warmMs: m(runs, 'warm', 'paintMs'),
  warmNoSwMs: m(runs, 'warmNoSw', 'paintMs'),
  offlineMs: m(runs, 'offline', 'paintMs'),
  warmCpuMs: m(runs, 'warm', 'cpuMs'),
  offlineCpuMs: m(runs, 'offline', 'cpuMs'),
  households: runs[0]?.households ?? 0,
  loadAverage: os.loadavg()[0],
  target: 'cold < 5000 ms, warm < 1500 ms',
  ...(baseline ? { baselineColdMs: m(baselineRuns, 'cold', 'paintMs'), baselineWarmMs: m(baselineRuns, 'warm', 'paintMs'), baselineWarmNoSwMs: m(baselineRuns, 'warmNoSw', 'paintMs'), baselineOfflineMs: m(baselineRuns, 'offline', 'paintMs') } : {}),
});
