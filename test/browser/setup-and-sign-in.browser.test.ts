import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PHONE,
  describeViolations,
  newContext,
  screenshot,
  seriousA11yViolations,
  watchPageErrors,
} from './browser.ts';
import { type BrowserSuite, runBrowserTests, startBrowserSuite } from './suite.ts';
import { ADMIN, type WebFixture } from './web-fixture.ts';

describe.runIf(runBrowserTests)('first start and sign-in, in Chromium', () => {
  let suite: BrowserSuite;
  let browser: Browser;
  let empty: WebFixture;
  let seeded: WebFixture;

  beforeAll(async () => {
    suite = await startBrowserSuite();
    browser = suite.browser;
    [empty, seeded] = await Promise.all([suite.server({ empty: true }), suite.server()]);
  }, 120_000);
  afterAll(() => suite?.close());

  it('an empty installation offers to create the first admin, who lands signed in', async () => {
    const context = await newContext(browser, empty.server.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/conversations');
    await page.waitForURL('**/setup');
    await expect.poll(() => page.getByRole('heading', { name: 'Set up Tally' }).isVisible()).toBe(true);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await screenshot(page, 'setup-desktop-light');
    await page.getByLabel('Workspace name').fill('Acme Dental');
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@acme.test');
    await page.getByRole('textbox', { name: 'Password' }).fill('short');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    // The server's rule, shown on the field.
    await expect.poll(() => page.getByText('must be at least 10 characters').isVisible()).toBe(true);
    await page.getByRole('textbox', { name: 'Password' }).fill('a long enough password');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.waitForURL('**/settings/scoring');
    const session: any = await page.evaluate(() => fetch('/api/v1/session').then((r) => r.json()));
    expect(session.user).toMatchObject({ name: 'Grace Hopper', email: 'grace@acme.test', role: 'admin' });
    expect(session.account.name).toBe('Acme Dental');
    // Setup is done: the page now sends people to sign in.
    const fresh = await (await newContext(browser, empty.server.url)).newPage();
    await fresh.goto('/setup');
    await fresh.waitForURL('**/signin');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('signs in (wrong password refused), keeps the address asked for, signs out', async () => {
    const context = await newContext(browser, seeded.server.url);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto('/contacts?sort=score:desc');
    await page.waitForURL(/\/signin\?next=/);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await screenshot(page, 'signin-desktop-light');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('do not match');
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/contacts?sort=score:desc');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toBe('Contacts');
    await page.getByRole('button', { name: `Account menu for ${ADMIN.name}` }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/signin');
    expect(await page.evaluate(() => fetch('/api/v1/session').then((r) => r.status))).toBe(401);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the sign-in page works on a phone in the dark theme', async () => {
    const context = await newContext(browser, seeded.server.url, { viewport: PHONE, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto('/signin');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(describeViolations(await seriousA11yViolations(page))).toBe('');
    await screenshot(page, 'signin-phone-dark');
    const box = await page.getByRole('button', { name: 'Sign in' }).boundingBox();
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    await context.close();
  });
});
