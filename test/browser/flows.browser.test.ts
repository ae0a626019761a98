import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContext, screenshot, watchPageErrors } from './browser.ts';
import { type BrowserSuite, runBrowserTests, startBrowserSuite } from './suite.ts';
import { ADMIN, type WebFixture } from './web-fixture.ts';

/**
 * What a new user does, in order, in one browser session: build a profile with one rule of each kind,
 * publish it and watch the progress, work the inbox (sort, filter, save a view, reopen it), open a
 * contact to read why and update its score, then make a smart list and export it. Every number on
 * screen is compared with what the API answers for the same question.
 */
describe.runIf(runBrowserTests)('a new user, from a profile to a saved view, in Chromium', () => {
  let suite: BrowserSuite;
  let fixture: WebFixture;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let profileId = '';

  beforeAll(async () => {
    suite = await startBrowserSuite();
    fixture = await suite.server();
    // Signed in through the page itself, as a person does.
    context = await newContext(suite.browser, fixture.server.url);
    page = await context.newPage();
    errors = watchPageErrors(page);
    await page.goto('/signin');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/conversations');
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await suite?.close();
  });

  /** Contact ids and scores of the first `n` rows of the inbox as shown. */
  async function inboxRows(n: number) {
    const list = page.getByRole('list', { name: 'Conversations' });
    await list.getByRole('listitem').first().waitFor();
    const rows = await list.getByRole('listitem').all();
    const shown: { id: string | null; score: number | null }[] = [];
    for (const row of rows.slice(0, n)) {
      const label =
        (await row
          .getByLabel(/^Score /)
          .first()
          .getAttribute('aria-label')) ?? '';
      const score = /^Score (−?[\d,]+)/.exec(label)?.[1];
      const id = await row.locator('[data-contact-id]').first().getAttribute('data-contact-id');
      shown.push({
        id,
        score: score === undefined ? null : Number(score.replace('−', '-').replace(/,/g, '')),
      });
    }
    return shown;
  }

  /** The same list from the API: each row's contact id and score. */
  async function apiRows(query: string, n: number) {
    const body = await fixture.api('GET', `/conversations?${query}&limit=${n}`);
    return body.items.map((item: any) => ({
      id: item.contact.id as string,
      score: item.score?.score ?? null,
    }));
  }

  async function expectInboxMatches(query: string, n = 8) {
    const expected = await apiRows(query, n);
    await expect.poll(() => inboxRows(Math.min(n, expected.length)), { timeout: 10_000 }).toEqual(expected);
  }

  it('creates a profile with one rule of each kind, publishes it and watches the progress', async () => {
    await page.getByRole('link', { name: 'Manage Scoring' }).click();
    await page.getByRole('button', { name: 'New profile' }).click();
    const create = page.getByRole('dialog');
    await create.getByLabel('Name').fill('Lead Engagement Score');
    await create.getByLabel('Name').press('Enter');
    await page.waitForURL(/\/settings\/scoring\/[^/]+$/);
    profileId = page.url().split('/').pop()!;

    // An event rule: +10 per trigger-link click.
    await page.getByRole('button', { name: 'Add new rule' }).click();
    let form = page.getByRole('dialog', { name: 'Add new rule' });
    await form.getByLabel('Event type').click();
    await page.getByRole('option', { name: 'Trigger link clicked' }).click();
    await form.getByLabel('Points').fill('10');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect.poll(() => page.getByText('+10 when Trigger link clicked').first().isVisible()).toBe(true);

    // An inactivity rule: −5 for every 30 days of silence.
    await page.getByRole('button', { name: 'Add new rule' }).click();
    form = page.getByRole('dialog', { name: 'Add new rule' });
    await form.getByText('Inactivity', { exact: true }).click();
    await form.getByLabel('Days').fill('30');
    await form.getByText('Subtract', { exact: true }).click();
    await form.getByLabel('Points').fill('5');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect
      .poll(() =>
        page
          .getByText(/−5 .*30 days without interaction/)
          .first()
          .isVisible(),
      )
      .toBe(true);

    // A state rule: −20 while all DND channels are on.
    await page.getByRole('button', { name: 'Add new rule' }).click();
    form = page.getByRole('dialog', { name: 'Add new rule' });
    await form.getByText('Contact state', { exact: true }).click();
    await form.getByLabel('Field').click();
    await page.getByRole('option', { name: /all DND channels/i }).click();
    await form.getByText('Subtract', { exact: true }).click();
    await form.getByLabel('Points').fill('20');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await expect
      .poll(() =>
        page
          .getByText(/−20 while all DND channels are on/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await screenshot(page, 'flow-profile-editor');

    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);
    const saved = await fixture.api('GET', `/profiles/${profileId}`);
    expect(saved.draft.rules.map((r: any) => [r.kind, r.points])).toEqual([
      ['event', 10],
      ['inactivity', -5],
      ['state', -20],
    ]);
    expect(saved.draft.rules[0].eventType).toBe('link.clicked');
    expect(saved.draft.rules[1].days).toBe(30);
    expect(saved.draft.rules[2].when).toEqual({ field: 'dnd.all', op: 'eq', value: true });

    await page.getByRole('button', { name: 'Publish' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm publish' }).waitFor();
    await screenshot(page, 'flow-publish-preview');
    await dialog.getByRole('button', { name: 'Confirm publish' }).click();
    // The progress bar runs to the end, then the dialog offers Done.
    const progress = dialog.getByRole('progressbar', { name: 'Publish progress' });
    await progress.waitFor();
    await dialog.getByRole('button', { name: 'Done' }).waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await page
      .getByText(/Published v1/)
      .first()
      .waitFor();
    const published = await fixture.api('GET', `/profiles/${profileId}`);
    expect(published.status).toBe('published');
    expect(published.published.version).toBe(1);
    // Make it the account's primary profile, as the first profile is.
    expect((await fixture.api('GET', '/account')).primaryProfileId).toBe(profileId);
  });

  it('shows scores in the inbox and sorts by score', async () => {
    await page.getByRole('link', { name: 'Conversations' }).first().click();
    await page.getByRole('button', { name: 'Sort' }).click();
    await page.getByRole('menuitem', { name: 'Score high → low' }).click();
    await page.waitForURL(/sort=score%3Adesc|sort=score:desc/);
    await expectInboxMatches('sort=score:desc');
    const shown = await inboxRows(8);
    const scores = shown.map((r) => r.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await screenshot(page, 'flow-inbox-by-score');
  });

  it('filters by score range and channel, saves that as a view and reopens it', async () => {
    await page.getByRole('button', { name: 'Engagement Score' }).click();
    await page.getByLabel('Minimum score').fill('5');
    await page.getByLabel('Maximum score').fill('30');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Last Message Channel' }).click();
    await page
      .getByRole('option', { name: 'SMS' })
      .or(page.getByRole('checkbox', { name: 'SMS' }))
      .first()
      .click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/channel=sms/);
    const query = 'sort=score:desc&scoreMin=5&scoreMax=30&channel=sms';
    await expectInboxMatches(query);
    await screenshot(page, 'flow-inbox-filtered');

    await page.getByRole('button', { name: 'Save as view' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Warm SMS');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    const views = page.getByRole('navigation', { name: 'Views' });
    await views.getByRole('link', { name: 'Warm SMS' }).waitFor();
    const view = (await fixture.api('GET', '/views?scope=conversations')).items.find(
      (v: any) => v.name === 'Warm SMS',
    );
    expect(view).toMatchObject({
      sort: 'score:desc',
      filters: { scoreMin: 5, scoreMax: 30, channel: ['sms'] },
    });

    // Away and back: the view brings its filters and sort.
    await page.goto('/conversations');
    await expectInboxMatches('sort=lastMessageAt:desc');
    await views.getByRole('link', { name: 'Warm SMS' }).click();
    await page.waitForURL(/channel=sms/);
    await expectInboxMatches(query);
    // The address alone is enough (bookmarked or shared).
    await page.reload();
    await expectInboxMatches(query);
  });

  it('opens a contact, reads why, updates the score with a note and sees it in history', async () => {
    const first = (
      await fixture.api('GET', '/conversations?sort=score:desc&scoreMin=5&scoreMax=30&channel=sms&limit=1')
    ).items[0];
    const before = await fixture.api('GET', `/contacts/${first.contact.id}/scores/${profileId}`);
    await page
      .getByRole('list', { name: 'Conversations' })
      .getByRole('listitem')
      .first()
      .getByRole('link')
      .first()
      .click();
    const panel = page.getByRole('region', { name: 'Contact panel' });
    await panel.getByRole('heading', { name: 'Why this score' }).waitFor();
    await expect
      .poll(() => panel.getByLabel('Engagement score').first().textContent())
      .toContain(String(before.score));
    for (const line of before.breakdown) await panel.getByText(line.description).first().waitFor();
    await screenshot(page, 'flow-contact-panel');

    await panel.getByRole('button', { name: 'Update score' }).click();
    const modal = page.getByRole('dialog', { name: 'Update score' });
    await modal.getByText('Add or subtract', { exact: true }).click();
    await modal.getByLabel('Points').fill('7');
    await modal.getByLabel('Note').fill('Called, very interested');
    await modal.getByRole('button', { name: 'Save score' }).click();
    await expect
      .poll(() => panel.getByLabel('Engagement score').first().textContent())
      .toContain(String(before.score + 7));
    await panel.getByText('Called, very interested').first().waitFor();
    const after = await fixture.api('GET', `/contacts/${first.contact.id}/scores/${profileId}`);
    expect(after.score).toBe(before.score + 7);
    expect(after.manual).toBe(before.manual + 7);
    const history = await fixture.api(
      'GET',
      `/contacts/${first.contact.id}/scores/${profileId}/history?limit=1`,
    );
    expect(history.items[0].reason).toMatchObject({ kind: 'manual', note: 'Called, very interested' });
  });

  it('makes a smart list of contacts and exports it as CSV', async () => {
    await page.getByRole('link', { name: 'Contacts' }).first().click();
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
    await page.getByRole('button', { name: 'Engagement Score' }).click();
    await page.getByLabel('Minimum score').fill('10');
    await page.keyboard.press('Escape');
    await page.waitForURL(/scoreMin=10/);
    // The chip shows the filter once the list has taken it.
    await page.getByRole('button', { name: /^Engagement Score: .*10/ }).waitFor();
    await page.getByRole('button', { name: 'Save as smart list' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Engaged leads');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page
      .getByRole('navigation', { name: 'Smart lists' })
      .getByRole('link', { name: 'Engaged leads' })
      .waitFor();
    const list = (await fixture.api('GET', '/views?scope=contacts')).items.find(
      (v: any) => v.name === 'Engaged leads',
    );
    expect(list.filters).toMatchObject({ scoreMin: 10 });
    await screenshot(page, 'flow-smart-list');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: 'Export CSV' })
        .or(page.getByRole('button', { name: 'Export CSV' }))
        .first()
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,name,email,phone,tags,score,tier,lastInteractionAt');
    const expected = (await fixture.api('GET', '/contacts?scoreMin=10&limit=200')).items;
    expect(lines.length - 1).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
