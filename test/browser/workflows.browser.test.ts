import { createHmac } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.ts';
import { screenshot, watchPageErrors } from './browser.ts';
import { type BrowserSuite, runBrowserTests, startBrowserSuite } from './suite.ts';
import { MEMBER, type WebFixture, publishSeedProfile } from './web-fixture.ts';

const SECRET = 'browser-test-signing-secret';

/**
 * Opens the webhook run's attempt log from the keyboard. The webhook and tag runs of one crossing share
 * their creation time and sit side by side while the log refreshes, so the expander is pressed where it
 * is (Enter on it) rather than clicked at coordinates that may by then belong to the other row.
 */
async function openAttempts(page: Page) {
  const toggle = page
    .locator('tr[data-run-id]', { hasText: 'Webhook' })
    .getByRole('button', { name: /Show attempts/ });
  await toggle.press('Enter');
  await expect
    .poll(() =>
      page
        .locator('tr[data-run-id]', { hasText: 'Webhook' })
        .getByRole('button', { name: /attempts of the delivery/ })
        .getAttribute('aria-expanded'),
    )
    .toBe('true');
}

const CONTACT = 'c_01';

/**
 * An admin builds a workflow in the page (a webhook when the score crosses a threshold upward), a
 * contact crosses it through the API, a real receiver gets the signed POST, and the delivery log shows
 * it succeeded; the list's switch turns it off; a member sees all of it read-only.
 */
describe.runIf(runBrowserTests)('workflows: build one, see it deliver, switch it off', () => {
  let suite: BrowserSuite;
  let fixture: WebFixture;
  let receiver: Receiver;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let profileId = '';
  let workflowId = '';
  let threshold = 0;

  beforeAll(async () => {
    [suite, receiver] = await Promise.all([startBrowserSuite(), startReceiver()]);
    fixture = await suite.server();
    profileId = (await publishSeedProfile(fixture)).id;
    const score = await fixture.api('GET', `/contacts/${CONTACT}/scores/${profileId}`);
    threshold = score.score + 10;
    context = await suite.signedIn(fixture);
    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 120_000);
  afterAll(async () => {
    await suite?.close();
    await receiver?.close();
  });

  it('creates a workflow from the empty list', async () => {
    await page.goto('/conversations');
    await page.getByRole('link', { name: 'Workflows' }).click();
    await page.getByText('No workflows yet').waitFor();
    await page.getByRole('link', { name: 'New workflow' }).click();
    await page.waitForURL('**/workflows/new');

    await page.getByLabel('Name', { exact: true }).fill('Tell the CRM about hot leads');
    // The seeded profile is the only published one, so it is chosen; the default trigger is a crossing.
    await expect
      .poll(() => page.getByLabel('Score profile').first().inputValue())
      .toBe('Lead Engagement Score');
    await page.getByLabel('Threshold').fill(String(threshold));
    await page.getByRole('radio', { name: 'Upward' }).check({ force: true });
    await expect
      .poll(() => page.getByText(`Score of Lead Engagement Score crosses ${threshold} upward`).isVisible())
      .toBe(true);

    // A client-side check first: a URL without a scheme is marked on its field.
    await page.getByLabel('Action 1 URL').fill('receiver.local/hook');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByText('Enter a full URL, like https://hooks.example.com/tally').waitFor();

    await page.getByLabel('Action 1 URL').fill(receiver.url);
    await page.getByLabel('Action 1 signing secret').fill(SECRET);
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.waitForURL(/\/workflows\/(?!new)[^/?]+$/);
    workflowId = new URL(page.url()).pathname.split('/').pop()!;

    const saved = await fixture.api('GET', `/workflows/${workflowId}`);
    expect(saved).toMatchObject({
      name: 'Tell the CRM about hot leads',
      enabled: true,
      trigger: { type: 'score.crossed', profileId, threshold, direction: 'up' },
      conditions: [],
      actions: [{ type: 'webhook', url: receiver.url, secret: SECRET }],
    });
    await screenshot(page, 'workflow-created');
  });

  it('adds conditions and an action, asks before leaving unsaved, and saves them', async () => {
    // The saved workflow's editor replaces the new one after the create; edit only once it is there
    // (typed into the editor being replaced, a condition would be lost with it).
    await page.getByRole('button', { name: 'Save changes' }).waitFor();
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Condition 1 score').fill(String(threshold));
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Condition 2 field').click();
    await page.getByRole('option', { name: 'Tags', exact: true }).click();
    await page.getByLabel('Condition 2 operator').click();
    await page.getByRole('option', { name: 'does not have the tag' }).click();
    await page.getByLabel('Condition 2 value').fill('spam');
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.getByRole('menuitem', { name: 'Add a tag' }).click();
    await page.getByLabel('Action 2 tag').fill('hot');
    await page.getByText('Unsaved changes').waitFor();

    // Leaving by a link asks first; staying keeps the edits.
    await page.getByRole('link', { name: 'Workflows', exact: true }).last().click();
    const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.waitFor();
    await leave.getByRole('button', { name: 'Stay on this page' }).click();
    expect(new URL(page.url()).pathname).toBe(`/workflows/${workflowId}`);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved').waitFor();
    const saved = await fixture.api('GET', `/workflows/${workflowId}`);
    expect(saved.conditions).toEqual([
      { field: 'score', op: 'gte', value: threshold },
      { field: 'tags', op: 'neq', value: 'spam' },
    ]);
    expect(saved.actions).toEqual([
      { type: 'webhook', url: receiver.url, secret: SECRET },
      { type: 'tag.add', tag: 'hot' },
    ]);
    expect(await page.getByText('Unsaved changes').count()).toBe(0);
  });

  it('delivers a signed webhook when a contact crosses the threshold, and logs it', async () => {
    await fixture.api('POST', `/contacts/${CONTACT}/scores/${profileId}/adjustments`, {
      delta: 20,
      note: 'browser test: cross the threshold',
    });
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(1);
    const [delivery] = receiver.received;
    const expected = createHmac('sha256', SECRET).update(delivery!.raw, 'utf8').digest('hex');
    expect(delivery!.headers['x-tally-signature']).toBe(`sha256=${expected}`);
    expect(delivery!.body).toMatchObject({ type: 'score.crossed', profileId });
    expect(delivery!.body.current.score).toBeGreaterThanOrEqual(threshold);

    await page.getByRole('tab', { name: 'Delivery log' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('log');
    const row = page.locator('tr[data-run-id]', { hasText: 'Webhook' });
    // The run is marked succeeded just after the receiver answered: the log polls until it is.
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: 'Refresh the delivery log' }).click();
          return row.getAttribute('data-status');
        },
        { timeout: 15_000 },
      )
      .toBe('succeeded');
    await expect.poll(() => row.getByText('Succeeded').isVisible()).toBe(true);
    await expect.poll(() => row.getByRole('cell').nth(7).textContent()).toMatch(/^200/);
    await expect
      .poll(() => row.getByRole('link', { name: CONTACT }).getAttribute('href'))
      .toContain(`contact=${CONTACT}`);

    // The attempt log, and Redeliver for a finished webhook run.
    await openAttempts(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('run')).not.toBeNull();
    const attempts = page.getByRole('table', { name: 'Attempts, newest first' });
    await expect.poll(() => attempts.getByRole('row').nth(1).textContent()).toContain('200');
    await page.getByRole('button', { name: 'Redeliver' }).waitFor();
    await screenshot(page, 'workflow-delivery-log');

    // The status filter: nothing failed.
    await page.getByText('Failed', { exact: true }).click();
    await page.getByText('No failed deliveries').waitFor();
    expect(new URL(page.url()).searchParams.get('status')).toBe('failed');
  });

  it('turns the workflow off with the switch in the list', async () => {
    await page.getByRole('link', { name: 'Workflows', exact: true }).first().click();
    await page.waitForURL('**/workflows');
    await page.getByText(`Score of Lead Engagement Score crosses ${threshold} upward`).waitFor();
    const toggle = page.getByRole('switch', { name: 'Tell the CRM about hot leads is on' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.click({ force: true });
    await expect
      .poll(async () => (await fixture.api('GET', `/workflows/${workflowId}`)).enabled, { timeout: 10_000 })
      .toBe(false);
    expect(await toggle.isChecked()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows a member the workflows read-only', async () => {
    const member = await suite.signedIn(fixture, { user: MEMBER });
    const memberPage = await member.newPage();
    const memberErrors = watchPageErrors(memberPage);
    await memberPage.goto('/workflows');
    await memberPage.getByText('View only').waitFor();
    await memberPage.getByRole('link', { name: 'Tell the CRM about hot leads' }).waitFor();
    expect(await memberPage.getByRole('switch').count()).toBe(0);
    expect(await memberPage.getByRole('link', { name: 'New workflow' }).count()).toBe(0);

    await memberPage.getByRole('link', { name: 'Tell the CRM about hot leads' }).click();
    await memberPage.getByText('You can read this workflow').waitFor();
    expect(await memberPage.getByRole('button', { name: /Save changes|Delete/ }).count()).toBe(0);
    expect(await memberPage.getByLabel('Name', { exact: true }).getAttribute('readonly')).not.toBeNull();
    await memberPage.getByRole('tab', { name: 'Delivery log' }).click();
    // The webhook's run: other actions (the tag) run once, in a transaction, and log no HTTP attempts.
    await openAttempts(memberPage);
    await memberPage.getByRole('table', { name: 'Attempts, newest first' }).waitFor();
    expect(await memberPage.getByRole('button', { name: 'Redeliver' }).count()).toBe(0);
    expect(memberErrors).toEqual([]);
  });
});
