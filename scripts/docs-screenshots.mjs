// The README's screenshots (docs/img/), taken from a running demo server in headless Chromium and
// squeezed under 200 KB each. Start a small demo first, then run this:
//   PORT=3107 DATA_DIR=/tmp/gg-shots GRIDGUARD_DEMO_PEOPLE=20000 npm start
//   node scripts/docs-screenshots.mjs [http://127.0.0.1:3107]
// Chinese text needs a CJK font on the machine (Debian: apt-get install fonts-wqy-microhei).
import { chromium } from 'playwright-core';
import sharp from 'sharp';

const base = process.argv[2] ?? 'http://127.0.0.1:3107';
const phone = { isMobile: true, hasTouch: true, userAgent: 'Mozilla/5.0 (Linux; Android 12; Pixel 5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36' };
const shots = [
  { name: 'dashboard', user: 'commander', viewport: { width: 1920, height: 1080 }, path: '/dashboard', ready: '[data-testid=kpi-households-value]', width: 1280 },
  { name: 'tips', user: 'town01', viewport: { width: 1440, height: 900 }, path: '/tips', ready: '.ant-table-row', width: 1280 },
  { name: 'phone', user: 'gw0001', viewport: { width: 360, height: 740 }, path: '/field', ready: 'input', width: 360, device: phone },
];

// The browser's clock reads the county's zone as the server is configured (GRIDGUARD_TIME_ZONE).
const { timeZone } = await (await fetch(`${base}/api/v1/public/meta`)).json();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const shot of shots) {
    const context = await browser.newContext({ viewport: shot.viewport, locale: 'zh-CN', timezoneId: timeZone, ...shot.device });
    // Signing in through the API puts the session cookie in the browser context.
    const login = await context.request.post(`${base}/api/v1/auth/login`, { data: { username: shot.user, password: 'gridguard-demo' } });
    if (!login.ok()) throw new Error(`${shot.user} could not sign in: ${login.status()}`);
    const page = await context.newPage();
    await page.goto(`${base}${shot.path}`, { waitUntil: 'networkidle', timeout: 120_000 });
    await page.waitForSelector(shot.ready, { timeout: 60_000 });
    // Charts animate in after their data arrives.
    await page.waitForTimeout(3000);
    const png = await page.screenshot();
    const out = `docs/img/${shot.name}.png`;
    const info = await sharp(png).resize({ width: shot.width }).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toFile(out);
    console.log(`${out}: ${info.width}×${info.height}, ${Math.round(info.size / 1024)} KB`);
    await context.close();
  }
} finally {
  await browser.close();
}
