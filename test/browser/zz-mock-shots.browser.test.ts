// TEMPORARY (not committed): screenshots of the workflow screens against a faked /workflows API.
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  PHONE,
  describeViolations,
  screenshot,
  seriousA11yViolations,
  watchPageErrors,
} from './browser.ts';
import { type BrowserSuite, startBrowserSuite } from './suite.ts';
import { type WebFixture, publishSeedProfile } from './web-fixture.ts';

describe('mock workflow screens', () => {
  let suite: BrowserSuite;
  let fixture: WebFixture;
  let profileId: string;
  beforeAll(async () => {
    suite = await startBrowserSuite();
    fixture = await suite.server();
    profileId = (await publishSeedProfile(fixture)).id;
  }, 120_000);
  afterAll(() => suite?.close());

  function fake(page: Page) {
    const now = Date.now();
    const iso = (m: number) => new Date(now - m * 60000).toISOString();
    const wfs: any[] = [
      {
        id: 'wf_1',
        name: 'Tell the CRM about hot leads',
        description: 'Posts to HubSpot',
        enabled: true,
        trigger: { type: 'score.crossed', profileId, threshold: 50, direction: 'up' },
        conditions: [
          { field: 'score', op: 'lt', value: 200 },
          { field: 'tags', op: 'contains', value: 'vip' },
        ],
        actions: [
          { type: 'webhook', url: 'https://hooks.example.com/tally', secret: 'abcdefghijklmnopqrst' },
          { type: 'tag.add', tag: 'hot' },
        ],
        createdAt: iso(1000),
        updatedAt: iso(100),
      },
      {
        id: 'wf_2',
        name: 'Cool down',
        description: '',
        enabled: false,
        trigger: { type: 'tier.changed', profileId, toTier: 'High' },
        conditions: [],
        actions: [
          { type: 'assign', userId: fixture.userIds.member },
          { type: 'score.adjust', profileId, delta: -5, note: 'x' },
        ],
        createdAt: iso(1000),
        updatedAt: iso(100),
      },
    ];
    const runs = Array.from({ length: 60 }, (_, i) => ({
      id: `run_${i}`,
      decisionId: `dec_${i}`,
      workflowId: 'wf_1',
      contactId: `c_${String((i % 60) + 1).padStart(2, '0')}`,
      profileId,
      trigger: 'score.crossed',
      previous: { score: 45, tier: 'Medium' },
      current: { score: 55, tier: 'High' },
      cause: 'event link.clicked',
      action:
        i % 5 === 4
          ? { type: 'tag.add', tag: 'hot' }
          : { type: 'webhook', url: 'https://hooks.example.com/tally' },
      status: ['succeeded', 'failed', 'queued', 'running', 'succeeded'][i % 5],
      attempts: i % 5 === 1 ? 12 : 1,
      lastStatusCode: i % 5 === 1 ? 500 : i % 5 === 0 ? 200 : null,
      lastError: i % 5 === 1 ? 'the receiver answered 500 Internal Server Error' : null,
      lastDurationMs: i % 5 < 2 ? 85 + i : null,
      nextAttemptAt: i % 5 === 2 ? new Date(now + 5000).toISOString() : null,
      createdAt: iso(i * 13),
      finishedAt: i % 5 < 2 ? iso(i * 13 - 1) : null,
      attemptLog:
        i % 5 === 1
          ? [
              {
                attempt: 2,
                at: iso(5),
                durationMs: 120,
                statusCode: 500,
                error: 'the receiver answered 500',
              },
              { attempt: 1, at: iso(10), durationMs: 10000, statusCode: null, error: 'timed out after 10 s' },
            ]
          : i % 5 === 0
            ? [{ attempt: 1, at: iso(i * 13), durationMs: 85, statusCode: 200, error: null }]
            : [],
    }));
    return page.route('**/api/v1/workflows**', async (route: Route) => {
      const req = route.request();
      const url = new URL(req.url());
      const parts = url.pathname.replace('/api/v1/workflows', '').split('/').filter(Boolean);
      const json = (status: number, body: unknown) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
      if (parts.length === 0) {
        if (req.method() === 'GET') return json(200, { items: wfs, nextCursor: null });
        const body = req.postDataJSON();
        if (body.actions?.[0]?.url?.includes('10.'))
          return json(400, {
            error: {
              code: 'validation',
              message: 'invalid',
              details: [
                { path: 'actions.0.url', message: 'resolves to a private address' },
                { path: 'trigger.threshold', message: 'too big' },
                { path: 'weird', message: 'odd' },
              ],
            },
          });
        const wf = {
          ...body,
          id: 'wf_new',
          description: body.description ?? '',
          createdAt: iso(0),
          updatedAt: iso(0),
        };
        wfs.push(wf);
        return json(201, wf);
      }
      const wf = wfs.find((w) => w.id === parts[0]);
      if (!wf) return json(404, { error: { code: 'not_found', message: 'no such workflow' } });
      if (parts[1] === 'runs') {
        const status = url.searchParams.get('status');
        const list = runs.filter((r) => !status || r.status === status);
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        return json(200, {
          items: list.slice(cursor, cursor + limit),
          nextCursor: cursor + limit < list.length ? String(cursor + limit) : null,
        });
      }
      if (req.method() === 'PATCH') {
        Object.assign(wf, req.postDataJSON(), { updatedAt: new Date().toISOString() });
        return json(200, wf);
      }
      return json(200, wf);
    });
  }

  for (const [size, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    for (const scheme of ['light', 'dark'] as const)
      it(`${size} ${scheme}`, async () => {
        const context = await suite.signedIn(fixture, { viewport, colorScheme: scheme });
        const page = await context.newPage();
        const errors = watchPageErrors(page);
        await fake(page);
        const shots = [
          ['wf-list', '/workflows'],
          ['wf-new', '/workflows/new'],
          ['wf-edit', '/workflows/wf_1'],
          ['wf-tier', '/workflows/wf_2'],
          ['wf-log', '/workflows/wf_1?tab=log'],
          ['wf-log-open', '/workflows/wf_1?tab=log&run=run_1'],
        ];
        for (const [name, path] of shots) {
          await page.goto(path!);
          await page.getByRole('heading', { level: 1 }).first().waitFor();
          await page.waitForLoadState('networkidle');
          await page.waitForTimeout(300);
          await screenshot(page, `${name}-${size}-${scheme}`);
          if (name === 'wf-edit')
            await page.screenshot({
              path: `test-artifacts/screenshots/${name}-${size}-${scheme}-full.png`,
              fullPage: true,
            });
          const v = describeViolations(await seriousA11yViolations(page));
          if (v) console.log(name, size, scheme, v);
          const overflow = (await page.evaluate(
            'document.documentElement.scrollWidth - window.innerWidth',
          )) as number;
          if (overflow > 0) console.log('OVERFLOW', name, size, overflow);
        }
        // server errors placement
        await page.goto('/workflows/new');
        await page.getByLabel('Name', { exact: true }).fill('Bad one');
        await page.getByLabel('Action 1 URL').fill('http://10.0.0.1/hook');
        await page.getByRole('button', { name: 'Create workflow' }).click();
        await page.waitForTimeout(500);
        await page.screenshot({
          path: `test-artifacts/screenshots/wf-errors-${size}-${scheme}.png`,
          fullPage: true,
        });
        expect(errors).toEqual([]);
      }, 180_000);
});
