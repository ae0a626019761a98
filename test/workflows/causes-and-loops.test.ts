import { afterEach, describe, expect, it } from 'vitest';
import {
  DAY,
  adjust,
  createProfile,
  history,
  inactivityRule,
  ingest,
  publish,
  publishedProfile,
  putContact,
  score,
  stateRule,
} from '../api/api-helpers.ts';
import { createWorkflow, deliverAll, runsOf, setupWithReceiver, webhook } from './workflow-helpers.ts';

let world: Awaited<ReturnType<typeof setupWithReceiver>>;
afterEach(async () => world?.close());

const causes = (runs: any[]) => runs.map((r) => r.cause).sort();

describe('every cause of a score change fires workflows', () => {
  it('events, contact attributes, a manual update, time passing and a publish', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await createProfile(api, {
      rules: [
        { id: 'open', kind: 'event', eventType: 'email.opened', points: 5 },
        stateRule({ id: 'vip', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 7 }),
        inactivityRule({ id: 'quiet', days: 30, points: -5 }),
      ],
    });
    await ingest(api, [{ id: 'e0', contactId: 'c1', type: 'email.opened' }]);
    const changed = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(receiver.url)],
    });
    await publish(api, profile.id); // c1's first score: 5 (publish)
    await ingest(api, [{ id: 'e1', contactId: 'c1', type: 'email.opened' }]); // 10 (event)
    await putContact(api, 'c1', { tags: ['vip'] }); // 17 (attributes)
    await adjust(api, 'c1', profile.id, { delta: 3 }); // 20 (manual)
    api.h.clock.advance(31 * DAY);
    await api.h.tally.runner.runOnce(); // 15 (time: 30 days without interaction)
    await deliverAll(api);

    const runs = await runsOf(api, changed.id);
    expect(causes(runs)).toEqual(['attributes', 'event', 'manual', 'publish', 'time']);
    const moves = receiver.received
      .map((r) => [r.body.previous.score, r.body.current.score])
      .sort((a, b) => (a[0] ?? -1) - (b[0] ?? -1));
    expect(moves).toEqual([
      [null, 5],
      [5, 10],
      [10, 17],
      [17, 20],
      [20, 15],
    ]);
    expect((await score(api, 'c1', profile.id)).score).toBe(15);
  });

  it('a republish that moves scores fires for the contacts it moved, with their previous tier', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 5 }],
    });
    await ingest(
      api,
      Array.from({ length: 4 }, (_, i) => ({ id: `a${i}`, contactId: 'c1', type: 'email.opened' })),
    ); // c1: 20 (Medium)
    await ingest(api, [{ id: 'b0', contactId: 'c2', type: 'email.opened' }]); // c2: 5
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [webhook(receiver.url)],
    });
    const patched = await api.patch(`/profiles/${profile.id}`, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 15 }],
    });
    expect(patched.status).toBe(200);
    await publish(api, profile.id); // c1: 60 (crosses 50), c2: 15 (does not)
    await deliverAll(api);
    expect(receiver.received.map((r) => [r.body.contact.id, r.body.previous, r.body.current])).toEqual([
      ['c1', { score: 20, tier: 'Medium' }, { score: 60, tier: 'High' }],
    ]);
  });
});

describe('a republish that moves tier boundaries', () => {
  it('fires tier.changed for contacts whose score stayed but whose tier moved, and nothing else', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1');
    await putContact(api, 'c2');
    await adjust(api, 'c1', profile.id, { set: 55 }); // High (≥ 50)
    await adjust(api, 'c2', profile.id, { set: 70 }); // High, stays High
    const tier = await createWorkflow(api, {
      trigger: { type: 'tier.changed', profileId: profile.id, fromTier: 'High' },
      actions: [webhook(receiver.url)],
    });
    const changed = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(receiver.url)],
    });
    const tiers = [
      { name: 'High', minScore: 60 },
      { name: 'Medium', minScore: 20 },
      { name: 'Low', minScore: 1 },
      { name: 'Very low', minScore: null },
    ];
    expect((await api.patch(`/profiles/${profile.id}`, { tiers })).status).toBe(200);
    await publish(api, profile.id);
    await deliverAll(api);
    expect(
      receiver.received.map((r) => [r.body.workflowId, r.body.contact.id, r.body.previous, r.body.current]),
    ).toEqual([[tier.id, 'c1', { score: 55, tier: 'High' }, { score: 55, tier: 'Medium' }]]);
    expect(await runsOf(api, changed.id)).toEqual([]);
    // Publishing the same definition again moves nobody.
    await publish(api, profile.id);
    await deliverAll(api);
    expect(receiver.received).toHaveLength(1);
  });
});

describe('return to draft and publish again', () => {
  it('is not a first score: contacts keep their previous score, and only real moves fire', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const rules = (points: number) => [{ id: 'open', kind: 'event', eventType: 'email.opened', points }];
    const profile = await publishedProfile(api, { rules: rules(5) });
    const opens = (contactId: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${contactId}-${i}`, contactId, type: 'email.opened' }));
    await ingest(api, [...opens('c1', 11), ...opens('c2', 2)]); // c1 55 (High), c2 10 (Low)
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [webhook(receiver.url)],
    });
    await createWorkflow(api, {
      trigger: { type: 'tier.changed', profileId: profile.id },
      actions: [webhook(receiver.url)],
    });
    expect((await api.post(`/profiles/${profile.id}/unpublish`)).status).toBe(200);
    await publish(api, profile.id); // the same definition: nobody moved
    await deliverAll(api);
    expect(receiver.received).toHaveLength(0);

    expect((await api.post(`/profiles/${profile.id}/unpublish`)).status).toBe(200);
    expect((await api.patch(`/profiles/${profile.id}`, { rules: rules(30) })).status).toBe(200);
    await publish(api, profile.id); // c1 330 (was 55: no crossing, still High), c2 60 (was 10: crosses, Low → High)
    await deliverAll(api);
    expect(
      receiver.received.map((r) => [r.body.type, r.body.contact.id, r.body.previous, r.body.current]).sort(),
    ).toEqual([
      ['score.crossed', 'c2', { score: 10, tier: 'Low' }, { score: 60, tier: 'High' }],
      ['tier.changed', 'c2', { score: 10, tier: 'Low' }, { score: 60, tier: 'High' }],
    ]);
  });
});

describe('workflows acting on workflows', () => {
  it("a workflow's score.adjust fires other workflows (webhooks see every change), never itself", async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1');
    // A: +10 when the score crosses 50; W: a webhook on every change.
    const a = await createWorkflow(api, {
      name: 'A',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [{ type: 'score.adjust', profileId: profile.id, delta: 10, note: 'A says +10' }],
    });
    const w = await createWorkflow(api, {
      name: 'W',
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(receiver.url)],
    });
    await adjust(api, 'c1', profile.id, { set: 55 });
    await deliverAll(api);
    expect((await score(api, 'c1', profile.id)).score).toBe(65);
    // W hears both changes: the manual one, and A's +10.
    expect(
      receiver.received.map((r) => [r.body.previous.score, r.body.current.score]).sort((x, y) => x[0] - y[0]),
    ).toEqual([
      [0, 55],
      [55, 65],
    ]);
    const reasons = (await history(api, 'c1', profile.id)).items.map((i) => i.reason);
    expect(reasons[0]).toMatchObject({ kind: 'manual', workflowId: a.id, note: 'A says +10' });
    expect(JSON.stringify(reasons)).not.toMatch(/workflowChain|workflowRoot/); // loop bookkeeping stays inside
    expect((await runsOf(api, a.id)).length).toBe(1);
    expect((await runsOf(api, w.id)).length).toBe(2);
  });

  it('workflows that change contacts on every change cannot multiply: each acts once per original change', async () => {
    world = await setupWithReceiver();
    const { api } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1');
    const workflows = [];
    for (const name of ['A', 'B', 'C', 'D'])
      workflows.push(
        await createWorkflow(api, {
          name,
          trigger: { type: 'score.changed', profileId: profile.id },
          actions: [{ type: 'score.adjust', profileId: profile.id, delta: 1 }],
        }),
      );
    await adjust(api, 'c1', profile.id, { set: 100 });
    await deliverAll(api);
    for (const wf of workflows)
      expect((await runsOf(api, wf.id)).map((r) => r.status)).toEqual(['succeeded']);
    expect((await score(api, 'c1', profile.id)).score).toBe(104);
  });

  it('tag and assignment actions change the contact, and a state rule on the tag rescores it', async () => {
    world = await setupWithReceiver();
    const { api } = world;
    const users = await api.get('/users');
    const userRes = await api.post('/users', {
      name: 'Sam',
      email: 'sam@acme.test',
      password: 'correct horse battery',
      role: 'member',
    });
    expect(userRes.status, JSON.stringify(users.body)).toBe(201);
    const profile = await publishedProfile(api, {
      rules: [stateRule({ id: 'hot', when: { field: 'tags', op: 'contains', value: 'hot' }, points: 5 })],
    });
    await putContact(api, 'c1', { tags: ['lead'] });
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      actions: [
        { type: 'tag.add', tag: 'hot' },
        { type: 'assign', userId: userRes.body.id },
      ],
    });
    await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'down' },
      actions: [{ type: 'tag.remove', tag: 'hot' }],
    });
    await adjust(api, 'c1', profile.id, { set: 50 });
    await deliverAll(api);
    let contact = (await api.get('/contacts/c1')).body;
    expect(contact.tags).toEqual(['lead', 'hot']);
    expect(contact.assignedTo).toBe(userRes.body.id);
    expect(contact.scores[profile.id].score).toBe(55); // the state rule: +5 while tagged hot
    const tagged = await api.get('/contacts?tag=hot');
    expect(tagged.body.items.map((i: any) => i.contact.id)).toEqual(['c1']);

    await adjust(api, 'c1', profile.id, { delta: -10 }); // 45: crosses down, the tag goes, 40
    await deliverAll(api);
    contact = (await api.get('/contacts/c1')).body;
    expect(contact.tags).toEqual(['lead']);
    expect(contact.scores[profile.id].score).toBe(40);
  });

  it('an action that can no longer apply fails with the reason in the log', async () => {
    world = await setupWithReceiver();
    const { api } = world;
    const profile = await publishedProfile(api);
    await putContact(api, 'c1');
    const wf = await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 10, direction: 'up' },
      actions: [{ type: 'tag.add', tag: 'warm' }, webhook(world.receiver.url)],
    });
    await adjust(api, 'c1', profile.id, { set: 20 });
    // Erased before the runs are carried out: its runs (which hold its data) are erased with it.
    expect((await api.del('/contacts/c1')).status).toBe(204);
    await deliverAll(api);
    expect(await runsOf(api, wf.id)).toEqual([]);
    expect(world.receiver.received).toHaveLength(0);

    await putContact(api, 'c2');
    const userRes = await api.post('/users', {
      name: 'Gone',
      email: 'gone@acme.test',
      password: 'correct horse battery',
      role: 'member',
    });
    const assign = await createWorkflow(api, {
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 10, direction: 'up' },
      actions: [{ type: 'assign', userId: userRes.body.id }],
    });
    await adjust(api, 'c2', profile.id, { set: 20 });
    expect((await api.del(`/users/${userRes.body.id}`)).status).toBe(204);
    await deliverAll(api);
    const [run] = await runsOf(api, assign.id);
    expect(run).toMatchObject({ status: 'failed', attempts: 1, lastError: 'user not found' });
  });
});
