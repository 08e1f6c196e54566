// The Content-Security-Policy holds in a real browser: a script injected into the staff console
// does not run (and is reported), while the console, the public pages and the API docs work
// under it with nothing blocked (browser.ts fails any test whose pages report a violation).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, signIn, takeCspViolations } from './browser.ts';
import { startServer, type TestServer } from './server.ts';

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

describe('content security policy in the browser', () => {
  it('refuses a script injected into the staff console, and reports it', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-title').waitFor();
    // Each refusal is reported on the console (browser.ts); the context's own listener records it first.
    const reportOf = (prefix: string) => context.waitForEvent('console', (m) => m.text().includes(prefix));
    const scriptReported = reportOf('script-src-elem blocked inline');
    const imageReported = reportOf('img-src blocked https://example.invalid');
    const ran = await page.evaluate(() => {
      // An inline script inserted into the page runs as it is appended, if it runs at all.
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      const image = document.createElement('img');
      image.src = 'https://example.invalid/exfiltrate.png';
      document.body.append(image);
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    expect(ran).toBe(false);
    await Promise.all([scriptReported, imageReported]);
    const reported = takeCspViolations();
    expect(reported.some((v) => v.startsWith('script-src-elem blocked inline '))).toBe(true);
    expect(reported.some((v) => v.startsWith('img-src blocked https://example.invalid'))).toBe(true);
    await context.close();
  });

  it('shows the API docs to a signed-in account with nothing blocked, and not to anyone else', async () => {
    const { context, page } = await newPage(browser);
    const anonymous = await page.goto(`${server.url}/api/docs`);
    expect(anonymous?.status()).toBe(401);
    await signIn(page, server.url, 'admin', server.adminPassword);
    await page.goto(`${server.url}/api/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock-summary-path', { hasText: '/api/v1/auth/login' }).first().waitFor();
    await screenshot(page, 'api-docs-signed-in');
    await context.close();
  });
});
