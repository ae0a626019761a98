import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, newAccount, waitUntil } from '../helpers/server-process.ts';
import { type Receiver, startReceiver } from '../helpers/webhook-receiver.ts';

/**
 * A real `tally serve` killed -9 while a webhook is in flight (the receiver holds the request open)
 * delivers it after restart: the same decision id, a second attempt, and the log says succeeded.
 */
const servers: ServerProcess[] = [];
let receiver: Receiver | null = null;
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await receiver?.close();
});

describe('webhook delivery across a crash', () => {
  it('a server killed mid-delivery delivers after restart', async () => {
    receiver = await startReceiver({ replies: ['hang'] });
    const server = new ServerProcess({
      TALLY_WEBHOOK_ALLOW_PRIVATE: 'true',
      TALLY_WORKFLOW_POLL_MS: '100',
      TALLY_SWEEP_INTERVAL_MS: '100',
    });
    servers.push(server);
    await server.start();
    const key = await newAccount(server);
    const profile = (
      await server.request('POST', '/api/v1/profiles', key, {
        name: 'Engagement',
        rules: [{ kind: 'event', eventType: 'email.opened', points: 25 }],
      })
    ).body;
    const published = await server.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);
    expect(published.status).toBe(202);
    await waitUntil('the publish', async () => {
      const job = (await server.request('GET', `/api/v1/jobs/${published.body.job.id}`, key)).body;
      return job.status === 'succeeded' ? job : undefined;
    });
    const wf = await server.request('POST', '/api/v1/workflows', key, {
      name: 'Hot',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [{ type: 'webhook', url: receiver.url }],
    });
    expect(wf.status, JSON.stringify(wf.body)).toBe(201);
    const events = [1, 2].map((n) => ({ id: `open-${n}`, contactId: 'c1', type: 'email.opened' }));
    expect((await server.request('POST', '/api/v1/events', key, { events })).body.accepted).toBe(2);

    await waitUntil('the first attempt', async () => (receiver!.received.length >= 1 ? true : undefined));
    await server.kill(); // the receiver never answered it
    await server.start();

    const run = await waitUntil('the delivery after restart', async () => {
      const runs = (await server.request('GET', `/api/v1/workflows/${wf.body.id}/runs`, key)).body.items;
      return runs[0]?.status === 'succeeded' ? runs[0] : undefined;
    });
    expect(receiver.received).toHaveLength(2);
    const [first, second] = receiver.received;
    expect(second!.raw).toBe(first!.raw);
    expect(second!.body.id).toBe(run.decisionId);
    expect(second!.body.current).toEqual({ score: 50, tier: 'High' });
    expect(run).toMatchObject({ attempts: 2, lastStatusCode: 200 });
    expect(run.attemptLog.map((a: any) => [a.attempt, a.statusCode, a.error?.split(':')[0] ?? null])).toEqual(
      [
        [2, 200, null],
        [1, null, 'interrupted'],
      ],
    );
    const runs = (await server.request('GET', `/api/v1/workflows/${wf.body.id}/runs`, key)).body.items;
    expect(runs).toHaveLength(1); // one decision, never a second one for the same change
  }, 60_000);
});
