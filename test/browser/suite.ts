// What every browser test file starts from: a fresh build of the web app, one Chromium, and servers on
// that build, all closed together.
import type { Browser, BrowserContext } from 'playwright-core';
import { expect } from 'vitest';
import { type DESKTOP, browserRequired, hasChromium, launchBrowser, newContext } from './browser.ts';
import { ADMIN, type WebFixture, buildWebApp, removeDir, startWebFixture } from './web-fixture.ts';

/** Browser tests run where Chromium is, and must run where CI asks for them. */
export const runBrowserTests = hasChromium || browserRequired;
if (!runBrowserTests)
  console.warn('Browser tests SKIPPED: no Chromium at /usr/bin/chromium (apt-get install -y chromium).');

export interface BrowserSuite {
  browser: Browser;
  /** A server on this suite's build: seeded, or `empty` for the first-admin setup. */
  server(options?: { empty?: boolean }): Promise<WebFixture>;
  /** A browser context signed in (through the API) on `fixture`. */
  signedIn(
    fixture: WebFixture,
    options?: { viewport?: typeof DESKTOP; colorScheme?: 'light' | 'dark'; user?: typeof ADMIN },
  ): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startBrowserSuite(): Promise<BrowserSuite> {
  expect(hasChromium, 'TALLY_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing').toBe(true);
  const [webDir, browser] = await Promise.all([buildWebApp(), launchBrowser()]);
  const fixtures: WebFixture[] = [];
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async server(options = {}) {
      const fixture = await startWebFixture(webDir, options);
      fixtures.push(fixture);
      return fixture;
    },
    async signedIn(fixture, options = {}) {
      const context = await newContext(browser, fixture.server.url, options);
      contexts.push(context);
      const user = options.user ?? ADMIN;
      const res = await context.request.post('/api/v1/session', {
        data: { email: user.email, password: user.password },
      });
      expect(res.status()).toBe(200);
      return context;
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await browser.close();
      await Promise.all(fixtures.map((f) => f.stop()));
      removeDir(webDir);
    },
  };
}
