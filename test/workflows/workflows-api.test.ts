import { afterEach, describe, expect, it } from 'vitest';
import {
  allPages,
  createProfile,
  createUser,
  expectError,
  expectValidation,
  publishedProfile,
  sessionClient,
  signIn,
} from '../api/api-helpers.ts';
import { createWorkflow, setupWithReceiver, webhook } from './workflow-helpers.ts';

let world: Awaited<ReturnType<typeof setupWithReceiver>>;
afterEach(async () => world?.close());

describe('workflows resource', () => {
  it('creates, lists by name, reads, patches (keeping a webhook secret) and deletes', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    const created = await createWorkflow(api, {
      name: 'Zeta',
      trigger: { type: 'score.crossed', profileId: profile.id, threshold: 50, direction: 'up' },
      conditions: [{ field: 'score', op: 'lt', value: 90 }],
      actions: [webhook(receiver.url), { type: 'tag.add', tag: 'hot' }],
    });
    expect(created).toMatchObject({
      name: 'Zeta',
      description: '',
      enabled: true,
      conditions: [{ field: 'score', op: 'lt', value: 90 }],
    });
    await createWorkflow(api, {
      name: 'Alpha',
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [{ type: 'tag.add', tag: 'x' }],
    });
    const pages = await allPages(api, '/workflows?limit=1');
    expect(pages.flat().map((w) => w.name)).toEqual(['Alpha', 'Zeta']);

    const secret = created.actions[0].secret;
    const patched = await api.patch(`/workflows/${created.id}`, {
      enabled: false,
      actions: [webhook(receiver.url)],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.enabled).toBe(false);
    expect(patched.body.actions).toEqual([{ type: 'webhook', url: receiver.url, secret }]);
    expect((await api.get(`/workflows/${created.id}`)).body).toEqual(patched.body);

    expect((await api.del(`/workflows/${created.id}`)).status).toBe(204);
    expectError(await api.get(`/workflows/${created.id}`), 404, 'not_found');
    expectError(await api.del(`/workflows/${created.id}`), 404, 'not_found');
  });

  it('names the bad field: unknown profile, tier or user, bad threshold, no actions, unknown fields', async () => {
    world = await setupWithReceiver();
    const { api } = world;
    const profile = await publishedProfile(api);
    const base = {
      name: 'W',
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [{ type: 'tag.add', tag: 'x' }],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ trigger: { type: 'score.changed', profileId: 'nope' } }, 'trigger.profileId'],
      [{ trigger: { type: 'tier.changed', profileId: profile.id, toTier: 'Lukewarm' } }, 'trigger.toTier'],
      [
        { trigger: { type: 'score.crossed', profileId: profile.id, threshold: 1.5, direction: 'up' } },
        'trigger.threshold',
      ],
      [
        { trigger: { type: 'score.crossed', profileId: profile.id, threshold: 5, direction: 'sideways' } },
        'trigger.direction',
      ],
      [{ trigger: { type: 'score.exploded', profileId: profile.id } }, 'trigger.type'],
      [{ actions: [] }, 'actions'],
      [{ actions: [{ type: 'assign', userId: 'usr_nobody' }] }, 'actions.0.userId'],
      [{ actions: [{ type: 'score.adjust', profileId: profile.id }] }, 'actions.0.delta'],
      [{ actions: [{ type: 'score.adjust', profileId: 'nope', delta: 5 }] }, 'actions.0.profileId'],
      [{ actions: [{ type: 'webhook', url: 'not a url' }] }, 'actions.0.url'],
      [{ actions: [{ type: 'webhook', url: 'https://203.0.113.9/', secret: 'short' }] }, 'actions.0.secret'],
      [{ conditions: [{ field: 'score', op: 'contains', value: 'x' }] }, 'conditions.0.op'],
      [{ conditions: [{ field: 'shoeSize', op: 'eq', value: 3 }] }, 'conditions.0.field'],
      [{ surprise: true }, 'surprise'],
      [
        { trigger: { type: 'tier.changed', profileId: profile.id, toTier: 'High', fromTier: 'high' } },
        'trigger.toTier',
      ],
      [{ enabled: false, applyToExisting: true }, 'applyToExisting'],
      [{ actions: [{ type: 'score.adjust', profileId: profile.id, set: -5 }] }, 'actions.0.set'],
      [{ name: '' }, 'name'],
    ];
    for (const [override, path] of cases)
      expectValidation(await api.post('/workflows', { ...base, ...override }), path);
    expect((await api.get('/workflows')).body.items).toEqual([]); // nothing half-written
    const wf = await createWorkflow(api, base);
    expectValidation(await api.patch(`/workflows/${wf.id}`, { enabled: 'yes' }), 'enabled');
    expectValidation(await api.get(`/workflows/${wf.id}/runs?status=lost`), 'status');
    expectValidation(await api.get(`/workflows/${wf.id}/runs?limit=0`), 'limit');
    // A profile a workflow uses cannot be deleted from under it.
    expectError(await api.del(`/profiles/${profile.id}`), 409, 'conflict');
    const other = await createProfile(api, { name: 'Other' });
    expect((await api.del(`/profiles/${other.id}`)).status).toBe(204);
  });

  it('members read workflows with masked secrets and cannot change them', async () => {
    world = await setupWithReceiver();
    const { api, receiver } = world;
    const profile = await publishedProfile(api);
    const wf = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [webhook(receiver.url, 'receiver-secret-0123456789')],
    });
    await createUser(api.h, api.key, { name: 'Mia', email: 'mia@acme.test', role: 'member' });
    const member = sessionClient(api.h, await signIn(api.h, 'mia@acme.test'));
    const read = await member.get(`/workflows/${wf.id}`);
    expect(read.status).toBe(200);
    expect(read.body.actions[0].secret).toBe('••••6789');
    expectError(await member.patch(`/workflows/${wf.id}`, { enabled: false }), 403, 'forbidden');
    expectError(
      await member.post('/workflows', {
        name: 'M',
        trigger: wf.trigger,
        actions: [{ type: 'tag.add', tag: 't' }],
      }),
      403,
      'forbidden',
    );
    expectError(await member.del(`/workflows/${wf.id}`), 403, 'forbidden');
    expect((await member.get(`/workflows/${wf.id}/runs`)).status).toBe(200);
  });

  it('keeps accounts apart', async () => {
    world = await setupWithReceiver();
    const { api } = world;
    const profile = await publishedProfile(api);
    const wf = await createWorkflow(api, {
      trigger: { type: 'score.changed', profileId: profile.id },
      actions: [{ type: 'tag.add', tag: 'x' }],
    });
    const otherKey = await api.h.account('Other');
    expectError(await api.get(`/workflows/${wf.id}`, otherKey), 404, 'not_found');
    expectError(await api.get(`/workflows/${wf.id}/runs`, otherKey), 404, 'not_found');
    expect((await api.get('/workflows', otherKey)).body.items).toEqual([]);
  });
});
