import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Api,
  MINUTE,
  createUser,
  sessionClient,
  signIn,
  T0,
  allPages,
  expectError,
  expectValidation,
  ingest,
  iso,
  publish,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

let api: Api;
beforeEach(async () => {
  api = await setup();
  await publishedProfile(api, {
    rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 10 }],
  });
  const events: unknown[] = [];
  for (let i = 0; i < 12; i++) {
    const id = `v${String(i).padStart(2, '0')}`;
    await putContact(api, id, { name: `Person ${i}`, tags: i % 2 ? ['vip'] : [] });
    for (let k = 0; k < i % 7; k++) events.push({ contactId: id, type: 'email.opened' });
    if (i % 3 !== 0)
      events.push({
        contactId: id,
        type: 'message.received',
        occurredAt: iso(T0 - i * MINUTE),
        properties: { channel: i % 3 === 1 ? 'sms' : 'email' },
      });
  }
  await ingest(api, events);
});
afterEach(() => api.h.close());

const ids = (pages: any[][]) => pages.flat().map((i: any) => i.contact.id);

describe('views', () => {
  it('create, read, list by scope, rename, change and delete', async () => {
    const created = await api.post('/views', {
      name: 'Hot SMS',
      scope: 'conversations',
      filters: { scoreMin: 30, channel: ['sms'] },
      sort: 'score:desc',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Hot SMS',
      scope: 'conversations',
      filters: { scoreMin: 30, channel: ['sms'] },
      sort: 'score:desc',
    });
    const smart = await api.post('/views', { name: 'VIPs', scope: 'contacts', filters: { tag: ['vip'] } });
    expect(smart.body.sort).toBe('createdAt:desc');
    const inbox = await api.post('/views', { name: 'All', scope: 'conversations' });
    expect(inbox.body.sort).toBe('lastMessageAt:desc');
    expect(inbox.body.filters).toEqual({});

    expect((await api.get(`/views/${created.body.id}`)).body).toEqual(created.body);
    const conversations = await api.get('/views?scope=conversations');
    expect(conversations.body.items.map((v: any) => v.name)).toEqual(['All', 'Hot SMS']);
    const all = await allPages(api, '/views?limit=1');
    expect(all.flat().map((v: any) => v.name)).toEqual(['All', 'Hot SMS', 'VIPs']);

    api.h.clock.advance(MINUTE);
    const renamed = await api.patch(`/views/${created.body.id}`, { name: 'Hot texts', sort: 'score:asc' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Hot texts', sort: 'score:asc', filters: { scoreMin: 30 } });
    expect(renamed.body.updatedAt).not.toBe(created.body.updatedAt);

    expect((await api.del(`/views/${created.body.id}`)).status).toBe(204);
    expectError(await api.get(`/views/${created.body.id}`), 404, 'not_found');
    expectError(await api.del(`/views/${created.body.id}`), 404, 'not_found');
  });

  it('items equal the same direct query, page by page, and follow later changes (always live)', async () => {
    const cases = [
      { scope: 'conversations', filters: { scoreMin: 20, channel: ['sms', 'email'] }, sort: 'score:desc' },
      { scope: 'contacts', filters: { tag: ['vip'], tier: ['Medium', 'High'] }, sort: 'name:asc' },
      { scope: 'contacts', filters: { q: 'person 1' }, sort: 'createdAt:desc' },
      { scope: 'conversations', filters: { unread: true }, sort: 'lastMessageAt:asc' },
    ];
    for (const c of cases) {
      const view = (await api.post('/views', { name: JSON.stringify(c.filters), ...c })).body;
      const params = new URLSearchParams({ sort: c.sort, limit: '2' });
      for (const [key, value] of Object.entries(c.filters))
        for (const v of [value].flat()) params.append(key, String(v));
      const direct = ids(await allPages(api, `/${c.scope}?${params}`));
      expect(direct.length, JSON.stringify(c)).toBeGreaterThan(0);
      expect(ids(await allPages(api, `/views/${view.id}/items?limit=2`))).toEqual(direct);
    }
    const hot = (await api.post('/views', { name: 'Hot', scope: 'contacts', filters: { scoreMin: 70 } }))
      .body;
    expect(ids(await allPages(api, `/views/${hot.id}/items`))).toEqual([]);
    await ingest(
      api,
      Array.from({ length: 7 }, () => ({ contactId: 'v00', type: 'email.opened' })),
    );
    expect(ids(await allPages(api, `/views/${hot.id}/items`))).toEqual(['v00']);
  });

  it('a view whose profile was deleted, or whose tier is gone, answers 409 saying why', async () => {
    const other = await publishedProfile(api, { name: 'Other' });
    const view = (
      await api.post('/views', {
        name: 'Other high',
        scope: 'contacts',
        filters: { profileId: other.id, tier: ['High'] },
      })
    ).body;
    expect((await api.get(`/views/${view.id}/items`)).status).toBe(200);
    await api.patch(`/profiles/${other.id}`, {
      tiers: [
        { name: 'Hot', minScore: 10, action: 'Call' },
        { name: 'Cold', minScore: null, action: 'Wait' },
      ],
    });
    await publish(api, other.id);
    const gone = await api.get(`/views/${view.id}/items`);
    expectError(gone, 409, 'conflict');
    expect(gone.body.error.message).toContain('High');
    expect((await api.del(`/profiles/${other.id}`)).status).toBe(204);
    const deleted = await api.get(`/views/${view.id}/items`);
    expectError(deleted, 409, 'conflict');
    expect(deleted.body.error.message).toContain('deleted');
  });

  it('rejects bad views with the field named', async () => {
    expectValidation(await api.post('/views', { scope: 'contacts' }), 'name');
    expectValidation(await api.post('/views', { name: 'x', scope: 'people' }), 'scope');
    expectValidation(await api.post('/views', { name: 'x', scope: 'contacts', sort: 'email:asc' }), 'sort');
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { scoreMin: 'ten' } }),
      'filters.scoreMin',
    );
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { colour: 'red' } }),
      'filters.colour',
    );
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { channel: ['no such channel'] } }),
      'filters.channel.0',
    );
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { profileId: 'nope' } }),
      'filters.profileId',
    );
    expectValidation(await api.post('/views', { name: 'x', scope: 'contacts', extra: 1 }), 'extra');
    // Checked like the list would check them, when the view is saved rather than when it is read.
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { tier: ['Nope'] } }),
      'filters.tier',
    );
    expectValidation(
      await api.post('/views', { name: 'x', scope: 'contacts', filters: { assignedTo: 'usr_nobody' } }),
      'filters.assignedTo',
    );
    const view = (await api.post('/views', { name: 'x', scope: 'contacts' })).body;
    expectValidation(await api.patch(`/views/${view.id}`, { scope: 'conversations' }), 'scope');
    expectValidation(await api.get(`/views/${view.id}/items?limit=500`), 'limit');
    expectValidation(await api.get('/views?scope=people'), 'scope');
  });

  it("another account's views are invisible", async () => {
    const view = (await api.post('/views', { name: 'Mine', scope: 'contacts' })).body;
    const otherKey = await api.h.account('Other');
    expectError(await api.get(`/views/${view.id}`, otherKey), 404, 'not_found');
    expectError(await api.get(`/views/${view.id}/items`, otherKey), 404, 'not_found');
    expectError(await api.patch(`/views/${view.id}`, { name: 'Theirs' }, otherKey), 404, 'not_found');
    expectError(await api.del(`/views/${view.id}`, otherKey), 404, 'not_found');
    expect((await api.get('/views', otherKey)).body.items).toEqual([]);
  });

  it('assignedTo "me" means whoever asks: each signed-in user sees their own contacts through one view', async () => {
    const ann = await createUser(api.h, api.key, { email: 'ann@acme.test' });
    const bob = await createUser(api.h, api.key, { email: 'bob@acme.test' });
    await putContact(api, 'v01', { assignedTo: ann });
    await putContact(api, 'v02', { assignedTo: bob });
    await putContact(api, 'v04', { assignedTo: ann });
    const asAnn = sessionClient(api.h, await signIn(api.h, 'ann@acme.test'));
    const asBob = sessionClient(api.h, await signIn(api.h, 'bob@acme.test'));
    const mine = (
      await asAnn.post('/views', { name: 'Mine', scope: 'conversations', filters: { assignedTo: 'me' } })
    ).body;
    expect(ids(await allPages(asAnn, `/views/${mine.id}/items`))).toEqual(['v01', 'v04']);
    expect(ids(await allPages(asBob, `/views/${mine.id}/items`))).toEqual(['v02']);
    expect(ids(await allPages(asAnn, '/contacts?assignedTo=me&sort=name:asc'))).toEqual(['v01', 'v04']);
    expectValidation(await api.get(`/views/${mine.id}/items`), 'assignedTo');
  });
});
