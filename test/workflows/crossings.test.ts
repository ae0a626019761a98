import { afterEach, describe, expect, it } from 'vitest';
import { adjust, ingest, publishedProfile, putContact } from '../api/api-helpers.ts';
import {
  createWorkflow,
  deliverAll,
  expectSigned,
  runsOf,
  setupWithReceiver,
  webhook,
} from './workflow-helpers.ts';

let world: Awaited<ReturnType<typeof setupWithReceiver>>;
afterEach(async () => world?.close());

/** Drives c1's score through these values by hand (set adjustments). */
async function walk(scores: number[], profileId: string) {
  for (const value of scores) await adjust(world.api, 'c1', profileId, { set: value });
}

describe('score.crossed', () => {
  it('fires once per crossing, up and down: 49 → 55 → 52 → 48 → 51 crosses 50 up twice and down once', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1', { name: 'Ada' });
    await walk([49], profile.id);
    const up = await createWorkflow(api, {
      name: 'Hot lead',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [webhook(receiver.url)],
    });
    const down = await createWorkflow(api, {
      name: 'Cooling',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'down' },
      actions: [webhook(receiver.url, 'a-shared-secret-of-the-receiver')],
    });
    expect(up.actions[0].secret).toMatch(/^whsec_/); // generated, shown to the admin key
    expect(down.actions[0].secret).toBe('a-shared-secret-of-the-receiver');

    await walk([55, 52, 48, 51], profile.id);
    await deliverAll(api);

    const byWorkflow = (id: string) => receiver.received.filter((r) => r.body.workflowId === id);
    // Deliveries run side by side, so they may arrive in any order.
    const ups = byWorkflow(up.id).sort((a, b) => b.body.previous.score - a.body.previous.score);
    expect(ups.map((r) => [r.body.previous, r.body.current])).toEqual([
      [
        { score: 49, tier: 'Medium' },
        { score: 55, tier: 'High' },
      ],
      [
        { score: 48, tier: 'Medium' },
        { score: 51, tier: 'High' },
      ],
    ]);
    const downs = byWorkflow(down.id);
    expect(downs.map((r) => [r.body.previous.score, r.body.current.score])).toEqual([[52, 48]]);
    expect(receiver.received).toHaveLength(3);

    for (const r of ups) expectSigned(r, up.actions[0].secret);
    expectSigned(downs[0]!, 'a-shared-secret-of-the-receiver');
    const body = ups[0]!.body;
    expect(Object.keys(body).sort()).toEqual(
      [
        'accountId',
        'contact',
        'current',
        'id',
        'occurredAt',
        'previous',
        'profileId',
        'trigger',
        'type',
        'workflowId',
      ].sort(),
    );
    expect(body.type).toBe('score.crossed');
    expect(body.profileId).toBe(profile.id);
    expect(body.contact).toMatchObject({ id: 'c1', name: 'Ada' });
    expect(ups[0]!.headers['x-tally-delivery']).toBe(body.id);
    expect(new Set(receiver.received.map((r) => r.body.id)).size).toBe(3); // one id per decision

    const runs = await runsOf(api, up.id);
    expect(runs.map((r) => [r.status, r.attempts, r.lastStatusCode, r.cause])).toEqual([
      ['succeeded', 1, 200, 'manual'],
      ['succeeded', 1, 200, 'manual'],
    ]);
    expect(runs[0].action).toEqual({ type: 'webhook', url: receiver.url }); // no secret in the log
    expect(runs[0].attemptLog).toHaveLength(1);
    expect(runs[0].attemptLog[0]).toMatchObject({ attempt: 1, statusCode: 200, error: null });
  });

  it('counts a first score as an upward crossing of every threshold it is at or above', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    for (const threshold of [10, 25, 40])
      await createWorkflow(api, {
        name: `At ${threshold}`,
        trigger: { type: 'score.crossed', profileId: profile.id, threshold, direction: 'up' },
        actions: [webhook(receiver.url)],
      });
    // A new contact's first event: 6 opens = 30 points, at or above 10 and 25, below 40.
    await ingest(
      api,
      Array.from({ length: 6 }, (_, i) => ({ id: `e${i}`, contactId: 'new', type: 'email.opened' })),
    );
    await deliverAll(api);
    const thresholds = receiver.received.map((r) => r.body.trigger.threshold).sort((a, b) => a - b);
    expect(thresholds).toEqual([10, 25]);
    // A duplicate delivery of the same events changes nothing and decides nothing.
    await ingest(
      api,
      Array.from({ length: 6 }, (_, i) => ({ id: `e${i}`, contactId: 'new', type: 'email.opened' })),
    );
    await deliverAll(api);
    expect(receiver.received).toHaveLength(2);
  });
});

describe('tier.changed and score.changed', () => {
  it('fires tier.changed on the tier named, and score.changed on every change', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1');
    const toHigh = await createWorkflow(api, {
      trigger: { type: 'tier.changed', profileId: profile.id, toTier: 'High' },
      actions: [webhook(receiver.url)],
    });
    const anyTier = await createWorkflow(api, {
      trigger: { type: 'tier.changed', profileId: profile.id },
      actions: [webhook(receiver.url)],
    });
    const changed = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      conditions: [{ field: 'score', op: 'gte', value: 20 }],
      actions: [webhook(receiver.url)],
    });
    await walk([5, 15, 25, 60, 70], profile.id); // Low, Low, Medium, High, High
    await deliverAll(api);
    const of = (id: string) =>
      receiver.received
        .filter((r) => r.body.workflowId === id)
        .map((r) => r.body.current.score)
        .sort((a, b) => a - b);
    expect(of(toHigh.id)).toEqual([60]);
    expect(of(anyTier.id)).toEqual([5, 25, 60]); // Very low → Low, Low → Medium, Medium → High
    expect(of(changed.id)).toEqual([25, 60, 70]); // the condition: new score ≥ 20
  });

  it('checks contact conditions against the contact at the time of the change', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1', { tags: ['vip'] });
    await putContact(api, 'c2');
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 10, direction: 'up' },
      conditions: [{ field: 'tags', op: 'contains', value: 'vip' }],
      actions: [webhook(receiver.url)],
    });
    for (const contact of ['c1', 'c2']) await adjust(api, contact, profile.id, { set: 12 });
    await deliverAll(api);
    expect(receiver.received.map((r) => r.body.contact.id)).toEqual(['c1']);
  });
});
