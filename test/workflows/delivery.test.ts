import { afterEach, describe, expect, it } from 'vitest';
import {
  DAY,
  client,
  adjust,
  createProfile,
  expectError,
  ingest,
  publish,
  publishedProfile,
  putContact,
  setup,
} from '../api/api-helpers.ts';
import { startReceiver } from '../helpers/webhook-receiver.ts';
import { createWorkflow, deliverAll, runsOf, setupWithReceiver, webhook } from './workflow-helpers.ts';

let world: Awaited<ReturnType<typeof setupWithReceiver>>;
afterEach(async () => world?.close());

const SECOND = 1000;

/** One workflow with a webhook that fires when c1 reaches 50. */
async function crossingWorkflow() {
  const { api, receiver } = world;
  const profile = await publishedProfile(api);
  await putContact(api, 'c1');
  const wf = await createWorkflow(api, {
    trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
    actions: [webhook(receiver.url)],
  });
  await adjust(api, 'c1', profile.id, { set: 50 });
  return { profile, wf };
}

describe('webhook delivery', () => {
  it('retries after 500s, first after about 5 s then doubling, with the same id and body each time', async () => {
    world = await setupWithReceiver({ replies: [500, 503] });
    const { api, receiver } = world;
    const { wf } = await crossingWorkflow();
    const start = api.h.clock.now();

    await deliverAll(api);
    let [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: 500 });
    expect(run.lastError).toContain('HTTP 500');
    const first = Date.parse(run.nextAttemptAt) - start;
    expect(first).toBeGreaterThanOrEqual(4 * SECOND);
    expect(first).toBeLessThanOrEqual(6 * SECOND);

    await deliverAll(api); // not due yet
    expect(receiver.received).toHaveLength(1);

    api.h.clock.set(Date.parse(run.nextAttemptAt));
    await deliverAll(api);
    [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'queued', attempts: 2, lastStatusCode: 503 });
    const second = Date.parse(run.nextAttemptAt) - api.h.clock.now();
    expect(second).toBeGreaterThanOrEqual(8 * SECOND);
    expect(second).toBeLessThanOrEqual(12 * SECOND);

    api.h.clock.set(Date.parse(run.nextAttemptAt));
    await deliverAll(api);
    [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200, lastError: null });
    expect(run.nextAttemptAt).toBeNull();
    expect(run.attemptLog.map((a: any) => [a.attempt, a.statusCode])).toEqual([
      [3, 200],
      [2, 503],
      [1, 500],
    ]);
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.raw)).size).toBe(1); // the exact same bytes
    expect(receiver.received.map((r) => r.headers['x-tally-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(receiver.received.map((r) => r.headers['x-tally-delivery'])).size).toBe(1);
  });

  it('counts a receiver that does not answer in time as a failed attempt, and retries it', async () => {
    world = await setupWithReceiver({ replies: ['hang'], env: { TALLY_WEBHOOK_TIMEOUT_MS: '300' } });
    const { api, receiver } = world;
    const { wf } = await crossingWorkflow();
    await deliverAll(api);
    let [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'queued', attempts: 1, lastStatusCode: null });
    expect(run.lastError).toContain('timed out after 300 ms');
    expect(run.attemptLog[0].durationMs).toBeGreaterThanOrEqual(290);
    api.h.clock.advance(6 * SECOND);
    await deliverAll(api);
    [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, lastStatusCode: 200 });
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up after 24 hours, and a redeliver sends the same decision again', async () => {
    world = await setupWithReceiver({ replies: [500, 500, 500] });
    const { api, receiver } = world;
    const { wf } = await crossingWorkflow();
    await deliverAll(api);
    // Just inside the 24-hour window: tried once more, fails, and the next try (~10 s) would be past it.
    api.h.clock.advance(24 * 3600 * SECOND - 2 * SECOND);
    await deliverAll(api);
    let [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 2, lastStatusCode: 500 });
    expect(run.finishedAt).not.toBeNull();
    expect(run.nextAttemptAt).toBeNull();
    expect((await runsOf(api, wf.id, '&status=failed')).map((r) => r.id)).toEqual([run.id]);
    expect(await runsOf(api, wf.id, '&status=succeeded')).toEqual([]);

    const redelivered = await api.post(`/workflows/${wf.id}/runs/${run.id}/redeliver`);
    expect(redelivered.status, JSON.stringify(redelivered.body)).toBe(202);
    expect(redelivered.body).toMatchObject({ id: run.id, status: 'queued' });
    expectError(await api.post(`/workflows/${wf.id}/runs/${run.id}/redeliver`), 409, 'conflict');
    await deliverAll(api); // the receiver's third reply: 500 again; a redelivery's delays start again at ~5 s
    [run] = await runsOf(api, wf.id);
    const retryIn = Date.parse(run.nextAttemptAt) - api.h.clock.now();
    expect(retryIn).toBeGreaterThanOrEqual(4 * SECOND);
    expect(retryIn).toBeLessThanOrEqual(6 * SECOND);
    api.h.clock.advance(6 * SECOND);
    await deliverAll(api);
    [run] = await runsOf(api, wf.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 4 });
    expect(new Set(receiver.received.map((r) => r.body.id)).size).toBe(1);
    expect(receiver.received).toHaveLength(4);
    expectError(await api.post(`/workflows/${wf.id}/runs/nope/redeliver`), 404, 'not_found');
  });

  it('sends a publish that moves many contacts with bounded concurrency', async () => {
    world = await setupWithReceiver({ delayMs: 40, env: { TALLY_WEBHOOK_CONCURRENCY: '3' } });
    const { api, receiver } = world;
    const profile = await createProfile(api, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 50 }],
    });
    await ingest(
      api,
      Array.from({ length: 25 }, (_, i) => ({ id: `e${i}`, contactId: `c${i}`, type: 'email.opened' })),
    );
    const wf = await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [webhook(receiver.url)],
    });
    await publish(api, profile.id);
    await deliverAll(api);
    expect(receiver.received).toHaveLength(25);
    expect(new Set(receiver.received.map((r) => r.body.contact.id)).size).toBe(25);
    expect(receiver.maxOpen).toBe(3);
    const runs = await runsOf(api, wf.id);
    expect(runs.every((r) => r.status === 'succeeded' && r.cause === 'publish')).toBe(true);
  });

  it('applyToExisting fires once for contacts that already meet the trigger and conditions', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    for (const [id, value, tags] of [
      ['c1', 60, ['vip']],
      ['c2', 55, []],
      ['c3', 10, ['vip']],
      ['c4', 80, ['vip']],
    ] as const) {
      await putContact(api, id, { tags: [...tags] });
      await adjust(api, id, profile.id, { set: value });
    }
    const wf = await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      conditions: [{ field: 'tags', op: 'contains', value: 'vip' }],
      actions: [webhook(receiver.url)],
      applyToExisting: true,
    });
    // A job walks the profile's scores in chunks (it does not hold up the request or other writers).
    expect(wf.applyingToExisting).toMatchObject({ type: 'workflow.backfill', status: 'queued' });
    await api.h.tally.runner.runOnce();
    const job = (await api.get(`/jobs/${wf.applyingToExisting.id}`)).body;
    expect(job).toMatchObject({ status: 'succeeded', progress: { done: 4, total: 4 } });
    expect((await api.get(`/workflows/${wf.id}`)).body.applyingToExisting).toBeUndefined();
    await deliverAll(api);
    expect(receiver.received.map((r) => r.body.contact.id).sort()).toEqual(['c1', 'c4']);
    expect(receiver.received[0]!.body.previous).toEqual({ score: null, tier: null });
    expect((await runsOf(api, wf.id)).map((r) => r.cause)).toEqual(['existing', 'existing']);
  });
});

describe('fair shares', () => {
  it("one account's hanging receiver does not hold back another account's deliveries", async () => {
    world = await setupWithReceiver({
      replies: Array(6).fill('hang'),
      env: { TALLY_WEBHOOK_CONCURRENCY: '2', TALLY_WEBHOOK_TIMEOUT_MS: '400' },
    });
    const { api, receiver: hanging } = world;
    const healthy = await startReceiver();
    try {
      const profileA = await publishedProfile(api);
      await createWorkflow(api, {
        trigger: { type: 'score.changed', profileId: profileA.id },
        actions: [webhook(hanging.url)],
      });
      for (let n = 1; n <= 6; n++) await putContact(api, `a${n}`); // six first scores: six runs for A
      const otherKey = await api.h.account('Other');
      const other = client(api.h, otherKey);
      const profileB = await publishedProfile(other);
      await createWorkflow(other, {
        trigger: { type: 'score.changed', profileId: profileB.id },
        actions: [webhook(healthy.url)],
      });
      api.h.clock.advance(1000); // B's run is the newest due
      await putContact(other, 'b1');
      await api.h.tally.deliveries.runOnce();
      expect(hanging.received.length).toBeGreaterThanOrEqual(4);
      expect(healthy.received).toHaveLength(1);
      // Oldest first would send all six of A's before B's; with A at its share, B goes third.
      expect(healthy.received[0]!.at).toBeLessThan(hanging.received[3]!.at);
    } finally {
      await healthy.close();
    }
  });
});

describe('applyToExisting jobs', () => {
  it('walk the scores in chunks, and stop when the workflow is switched off first', async () => {
    world = await setupWithReceiver({ env: { TALLY_PUBLISH_CHUNK: '2' } });
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    for (let n = 1; n <= 5; n++) {
      await putContact(api, `c${n}`);
      await adjust(api, `c${n}`, profile.id, { set: n * 10 }); // 10 … 50
    }
    const base = {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 30, direction: 'up' },
      actions: [webhook(receiver.url)],
      applyToExisting: true,
    };
    const kept = await createWorkflow(api, { ...base, name: 'Kept' });
    const dropped = await createWorkflow(api, { ...base, name: 'Dropped' });
    expect((await api.patch(`/workflows/${dropped.id}`, { enabled: false })).status).toBe(200);
    await api.h.tally.runner.runOnce();
    expect((await api.get(`/jobs/${kept.applyingToExisting.id}`)).body).toMatchObject({
      status: 'succeeded',
      progress: { done: 5, total: 5 },
    });
    expect((await api.get(`/jobs/${dropped.applyingToExisting.id}`)).body).toMatchObject({
      status: 'failed',
      error: 'cancelled: the workflow was deleted or switched off',
    });
    await deliverAll(api);
    expect(receiver.received.map((r) => r.body.contact.id).sort()).toEqual(['c3', 'c4', 'c5']);
    expect(new Set(receiver.received.map((r) => r.body.workflowId))).toEqual(new Set([kept.id]));
  });
});

describe('applyToExisting and live changes', () => {
  it('never decides twice for a contact that changes while the job is waiting or walking', async () => {
    world = await setupWithReceiver({ env: { TALLY_PUBLISH_CHUNK: '2' } });
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    for (let n = 1; n <= 5; n++) {
      await putContact(api, `c${n}`);
      await adjust(api, `c${n}`, profile.id, { set: n * 10 }); // 10 … 50
    }
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 30, direction: 'up' },
      actions: [webhook(receiver.url)],
      applyToExisting: true,
    });
    await adjust(api, 'c1', profile.id, { set: 60 }); // crosses after the workflow was made: a live decision
    await adjust(api, 'c5', profile.id, { set: 55 }); // met the trigger when it was made: an existing one
    await putContact(api, 'c6');
    await adjust(api, 'c6', profile.id, { set: 40 }); // new since: a live decision (its first score is 0)
    await api.h.tally.runner.runOnce();
    await deliverAll(api);
    const byContact = receiver.received
      .map((r) => [r.body.contact.id, r.body.previous.score, r.body.current.score])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byContact).toEqual([
      ['c1', 10, 60],
      ['c3', null, 30],
      ['c4', null, 40],
      ['c5', null, 50],
      ['c6', 0, 40],
    ]);
  });
});

describe('delivery log retention', () => {
  it('the sweep deletes finished runs after TALLY_WORKFLOW_RUNS_KEEP_DAYS, never queued ones', async () => {
    world = await setupWithReceiver({ env: { TALLY_WORKFLOW_RUNS_KEEP_DAYS: '2' } });
    const { api } = world;
    const profile = await publishedProfile(api);
    const live = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(world.receiver.url)],
    });
    const paused = await createWorkflow(api, {
      name: 'Paused',
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(world.receiver.url)],
    });
    await putContact(api, 'old'); // a run for each workflow
    expect((await api.patch(`/workflows/${paused.id}`, { enabled: false })).status).toBe(200);
    await deliverAll(api); // the live one is delivered; the paused one's run waits, queued
    api.h.clock.advance(DAY + 1000);
    await putContact(api, 'recent');
    await deliverAll(api);
    const contactsOf = async (workflowId: string) =>
      (await runsOf(api, workflowId)).map((r) => `${r.contactId}:${r.status}`).sort();
    expect(await contactsOf(live.id)).toEqual(['old:succeeded', 'recent:succeeded']);

    api.h.clock.advance(DAY + 1000); // 'old' finished over 2 days ago; 'recent' 1 day ago
    await api.h.tally.runner.runOnce();
    expect(await contactsOf(live.id)).toEqual(['recent:succeeded']);
    expect(await contactsOf(paused.id)).toEqual(['old:queued']); // waiting runs are kept, whatever their age
  });
});

describe('webhook targets (SSRF)', () => {
  it('refuses loopback, private and link-local targets unless TALLY_WEBHOOK_ALLOW_PRIVATE=true', async () => {
    const api = await setup();
    try {
      const profile = await publishedProfile(api);
      for (const url of [
        'http://127.0.0.1:8080/hook',
        'http://localhost/hook',
        'http://10.1.2.3/hook',
        'http://192.168.0.10/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/hook',
        'http://[::ffff:127.0.0.1]/hook',
      ]) {
        const res = await api.post('/workflows', {
          name: 'Leak',
          trigger: { type: 'score.changed', profileId: profile.id },
          actions: [
            { type: 'tag.add', tag: 'x' },
            { type: 'webhook', url },
          ],
        });
        const error = expectError(res, 400, 'validation_failed');
        expect(
          error.details?.map((d) => d.path),
          url,
        ).toEqual(['actions.1.url']);
        expect(error.details?.[0]?.message).toContain('TALLY_WEBHOOK_ALLOW_PRIVATE');
      }
      const ftp = await api.post('/workflows', {
        name: 'Ftp',
        trigger: { type: 'score.changed', profileId: profile.id },
        actions: [{ type: 'webhook', url: 'ftp://example.com/x' }],
      });
      expect(expectError(ftp, 400, 'validation_failed').details?.map((d) => d.path)).toEqual([
        'actions.0.url',
      ]);
      // A public address is accepted (it is never called here).
      const ok = await api.post('/workflows', {
        name: 'Public',
        trigger: { type: 'score.changed', profileId: profile.id },
        actions: [{ type: 'webhook', url: 'https://203.0.113.7/hooks' }],
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    } finally {
      await api.h.close();
    }
  });
});
