import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  describeViolations,
  screenshot,
  seriousA11yViolations,
  watchPageErrors,
} from './browser.ts';
import { type BrowserSuite, runBrowserTests, startBrowserSuite } from './suite.ts';
import { type WebFixture, publishSeedProfile } from './web-fixture.ts';

/**
 * Every screen at desktop and phone size in both themes: it renders its heading without a page error,
 * axe-core finds no serious or critical WCAG A/AA violation, and a screenshot is saved
 * (test-artifacts/screenshots/<page>-<size>-<theme>.png).
 */
describe.runIf(runBrowserTests)('every page, desktop and phone, light and dark', () => {
  let suite: BrowserSuite;
  let fixture: WebFixture;
  let profileId: string;
  let workflowId: string;
  let runId: string;

  beforeAll(async () => {
    suite = await startBrowserSuite();
    fixture = await suite.server();
    profileId = (await publishSeedProfile(fixture)).id;
    // A workflow with one run in its delivery log: c_02 crosses its threshold.
    const { score } = await fixture.api('GET', `/contacts/c_02/scores/${profileId}`);
    workflowId = (
      await fixture.api('POST', '/workflows', {
        name: 'Tag hot leads',
        trigger: { type: 'score.crossed', profileId, threshold: score + 1, direction: 'up' },
        conditions: [{ field: 'tags', op: 'neq', value: 'spam' }],
        actions: [{ type: 'tag.add', tag: 'hot' }],
      })
    ).id;
    await fixture.api('POST', `/contacts/c_02/scores/${profileId}/adjustments`, { delta: 5 });
    for (let i = 0; i < 100 && !runId; i++) {
      runId = (await fixture.api('GET', `/workflows/${workflowId}/runs`)).items[0]?.id;
      if (!runId) await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);
  afterAll(() => suite?.close());

  const pages = () => [
    { name: 'conversations', path: '/conversations?sort=score:desc', heading: 'Conversations' },
    {
      name: 'conversation-open',
      path: '/conversations?sort=score:desc&contact=c_12',
      heading: 'Conversations',
    },
    { name: 'contacts', path: '/contacts', heading: 'Contacts' },
    { name: 'insights', path: '/insights', heading: 'Insights' },
    { name: 'scoring', path: '/settings/scoring', heading: 'Manage Scoring' },
    { name: 'profile-editor', path: `/settings/scoring/${profileId}`, heading: null },
    { name: 'api-keys', path: '/settings/api-keys', heading: 'API keys' },
    { name: 'users', path: '/settings/users', heading: 'Users' },
    { name: 'general', path: '/settings/general', heading: 'General' },
    { name: 'workflows', path: '/workflows', heading: 'Workflows' },
    { name: 'workflow-new', path: '/workflows/new', heading: 'New workflow' },
    { name: 'workflow-editor', path: `/workflows/${workflowId}`, heading: 'Tag hot leads' },
    { name: 'workflow-log', path: `/workflows/${workflowId}?tab=log&run=${runId}`, heading: 'Tag hot leads' },
  ];

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    for (const scheme of ['light', 'dark'] as const)
      it(`${size}, ${scheme}`, async () => {
        const context = await suite.signedIn(fixture, { viewport, colorScheme: scheme });
        const page = await context.newPage();
        const errors = watchPageErrors(page);
        for (const target of pages()) {
          await page.goto(target.path);
          const heading = page.getByRole('heading', { level: 1 }).first();
          await heading.waitFor();
          if (target.heading) expect(await heading.textContent(), target.path).toContain(target.heading);
          await page.waitForLoadState('networkidle');
          await screenshot(page, `${target.name}-${size}-${scheme}`);
          // Axe in one theme per size keeps the run short; both themes are covered across sizes.
          if ((size === 'desktop') === (scheme === 'light'))
            expect(
              describeViolations(await seriousA11yViolations(page)),
              `${target.path} (${size}, ${scheme})`,
            ).toBe('');
          // Nothing wider than the screen.
          const overflow = (await page.evaluate(
            'document.documentElement.scrollWidth - window.innerWidth',
          )) as number;
          expect(overflow, `${target.path} scrolls sideways on ${size}`).toBeLessThanOrEqual(0);
        }
        expect(errors).toEqual([]);
      }, 180_000);
});
