import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, newAccount, waitUntil } from '../helpers/server-process.ts';
import { createPostgresDatabase } from '../helpers/test-database.ts';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.ts';

/**
 * Two `tally serve` processes on one PostgreSQL database share the delivery queue: every decision is
 * delivered, by one process or the other, exactly once (no crash here), and each holds its own bound.
 */
const CONTACTS = 400;
let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let receiver: Receiver;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  receiver = await startReceiver({ delayMs: 50 });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await receiver?.close();
  await database?.drop();
});

describe('webhook deliveries shared by two processes on PostgreSQL', () => {
  it('delivers every decision of a publish once, split between the processes', async () => {
    for (let i = 0; i < 2; i++)
      servers.push(
        new ServerProcess({
          DATABASE_URL: database.url,
          TALLY_WEBHOOK_ALLOW_PRIVATE: 'true',
          TALLY_WEBHOOK_CONCURRENCY: '4',
          TALLY_WORKFLOW_POLL_MS: '50',
          TALLY_SWEEP_INTERVAL_MS: '200',
        }),
      );
    await Promise.all(servers.map((s) => s.start()));
    const [first, second] = servers as [ServerProcess, ServerProcess];
    const key = await newAccount(first);
    const profile = (
      await first.request('POST', '/api/v1/profiles', key, {
        name: 'Engagement',
        rules: [{ kind: 'event', eventType: 'email.opened', points: 50 }],
      })
    ).body;
    for (let start = 0; start < CONTACTS; start += 200) {
      const events = Array.from({ length: 200 }, (_, i) => ({
        id: `e${start + i}`,
        contactId: `c${String(start + i).padStart(4, '0')}`,
        type: 'email.opened',
      }));
      expect((await second.request('POST', '/api/v1/events', key, { events })).body.accepted).toBe(200);
    }
    const wf = await first.request('POST', '/api/v1/workflows', key, {
      name: 'Hot',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [{ type: 'webhook', url: receiver.url }],
    });
    expect(wf.status, JSON.stringify(wf.body)).toBe(201);
    expect((await second.request('POST', `/api/v1/profiles/${profile.id}/publish`, key)).status).toBe(202);

    await waitUntil(
      'every delivery',
      async () => (receiver.received.length >= CONTACTS ? true : undefined),
      60_000,
    );
    await new Promise((r) => setTimeout(r, 500)); // any duplicate would arrive by now
    const ids = receiver.received.map((r) => r.body.id);
    expect(ids).toHaveLength(CONTACTS);
    expect(new Set(ids).size).toBe(CONTACTS);
    expect(new Set(receiver.received.map((r) => r.body.contact.id)).size).toBe(CONTACTS);
    // Each process holds at most 4 open; more than 4 at once means both were delivering.
    expect(receiver.maxOpen).toBeGreaterThan(4);
    expect(receiver.maxOpen).toBeLessThanOrEqual(8);
    const runs = await waitUntil(
      'the log to settle',
      async () => {
        const res = await first.request(
          'GET',
          `/api/v1/workflows/${wf.body.id}/runs?status=succeeded&limit=200`,
          key,
        );
        return res.body.items.length === 200 ? res.body.items : undefined;
      },
      60_000,
    );
    expect(runs.every((r: any) => r.attempts === 1)).toBe(true);
  }, 120_000);
});
