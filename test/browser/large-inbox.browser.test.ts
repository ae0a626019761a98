import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, watchPageErrors } from './browser.ts';
import { type BrowserSuite, runBrowserTests, startBrowserSuite } from './suite.ts';
import { type WebFixture, publishSeedProfile } from './web-fixture.ts';

const CONVERSATIONS = 100_000;
const CHANNELS = ['sms', 'email', 'whatsapp', 'live_chat'];

/**
 * The inbox with 100,000 conversations: it pages through the cursor as the user scrolls, keeps only the
 * rows in view in the page, and shows the same rows in the same order as the API.
 */
describe.runIf(runBrowserTests)('an inbox of 100,000 conversations', () => {
  let suite: BrowserSuite;
  let fixture: WebFixture;
  let context: BrowserContext;

  beforeAll(async () => {
    suite = await startBrowserSuite();
    fixture = await suite.server();
    // 100,000 contacts, each with one message, in batches of 1,000, four at a time.
    const now = Date.now();
    const batches = Array.from({ length: CONVERSATIONS / 1000 }, (_, b) =>
      Array.from({ length: 1000 }, (_, i) => {
        const n = b * 1000 + i;
        return {
          id: `m-${n}`,
          contactId: `big_${String(n).padStart(6, '0')}`,
          type: 'message.received',
          occurredAt: new Date(now - n * 1000).toISOString(),
          properties: { channel: CHANNELS[n % CHANNELS.length], text: `Message number ${n}` },
        };
      }),
    );
    const send = async (events: unknown[]) => {
      const result = await fixture.api('POST', '/events', { events });
      expect(result.accepted).toBe(events.length);
    };
    for (let i = 0; i < batches.length; i += 4) await Promise.all(batches.slice(i, i + 4).map(send));
    await publishSeedProfile(fixture);
    context = await suite.signedIn(fixture);
  }, 240_000);
  afterAll(() => suite?.close());

  it('scrolls deep through cursor pages while the page holds only the rows in view', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const pagesFetched: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/conversations') pagesFetched.push(request.url());
    });
    await page.goto('/conversations');
    const list = page.locator('ul[aria-label="Conversations"]');
    await list.locator('li').first().waitFor();
    const scroller = list.locator('xpath=..');

    // Scroll to the bottom again and again: each time the next cursor page arrives.
    const target = 1_500;
    let loaded = 0;
    const started = Date.now();
    while (loaded < target) {
      await scroller.evaluate((el) => {
        el.scrollTop = el.scrollHeight;
      });
      await page.waitForFunction((seen) => {
        const items = (globalThis as any).document.querySelectorAll(
          'ul[aria-label="Conversations"] li[aria-posinset]',
        );
        return Number(items[items.length - 1]?.getAttribute('aria-posinset') ?? 0) > seen;
      }, loaded);
      loaded = Number(await list.locator('li[aria-posinset]').last().getAttribute('aria-posinset'));
      // Only the rows in view (plus a few) are in the page, however many have loaded.
      expect(await list.locator('li').count()).toBeLessThan(80);
    }
    const seconds = (Date.now() - started) / 1000;
    // Pages of 50 were fetched as needed, not the whole inbox.
    expect(pagesFetched.length).toBeGreaterThanOrEqual(Math.floor(target / 50));
    expect(pagesFetched.length).toBeLessThan(CONVERSATIONS / 50 / 10);
    expect(seconds, `reaching row ${loaded} took ${seconds} s`).toBeLessThan(60);

    // The rows shown at the bottom are the API's rows at those positions (latest first).
    const shown = await list.locator('li[aria-posinset]').evaluateAll((items) =>
      items.map((li) => ({
        at: Number(li.getAttribute('aria-posinset')),
        id: li.querySelector('[data-contact-id]')?.getAttribute('data-contact-id'),
      })),
    );
    for (const { at, id } of shown.filter((row) => row.id))
      expect(id).toBe(`big_${String(at - 1).padStart(6, '0')}`);
    await screenshot(page, 'large-inbox-deep');
    expect(errors).toEqual([]);
  }, 180_000);
});
