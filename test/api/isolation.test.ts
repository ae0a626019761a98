import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Api,
  adjust,
  client,
  event,
  eventRule,
  expectError,
  expectValidation,
  history,
  ids,
  ingest,
  publishedProfile,
  putContact,
  score,
  setup,
  stateRule,
} from './api-helpers.ts';

/**
 * Two accounts on one installation. A owns a published profile, a job, contacts "a-only" and "shared"
 * (with events, an adjustment and history). B owns its own "shared" contact and profile.
 */
let a: Api;
let b: Api;
let A: { profileId: string; ruleId: string; jobId: string; keyId: string };

beforeEach(async () => {
  a = await setup();
  b = client(a.h, await a.h.account('Globex'));
  const profile = await publishedProfile(a, {
    rules: [eventRule({ id: 'open', points: 10 }), stateRule({ id: 'dnd' })],
  });
  await putContact(a, 'a-only', { name: 'Secret Person', email: 'secret@a.test', tags: ['a-tag'] });
  await putContact(a, 'shared', { name: 'A Shared', email: 'shared@a.test' });
  await ingest(a, [
    event({ id: 'a-evt-1', contactId: 'a-only' }),
    event({ id: 'a-evt-2', contactId: 'shared' }),
  ]);
  await adjust(a, 'a-only', profile.id, { delta: 5, note: 'a note' });
  const keys = (await a.get('/api-keys')).body.items;
  // A second publish, to have a job id.
  const jobId = (await a.post(`/profiles/${profile.id}/publish`)).body.job.id;
  await a.h.tally.runner.runOnce();
  A = { profileId: profile.id, ruleId: 'open', jobId, keyId: keys[0].id };

  await putContact(b, 'shared', { name: 'B Shared' });
});

afterEach(async () => {
  await a.h.close();
});

const leaks = (body: unknown) => {
  const text = JSON.stringify(body);
  for (const secret of [
    'Secret Person',
    'secret@a.test',
    'A Shared',
    'shared@a.test',
    'a-evt-',
    'a note',
    'a-tag',
  ]) {
    expect(text).not.toContain(secret);
  }
};

describe("account B against account A's ids", () => {
  it('every endpoint naming an A id answers 404 and reveals nothing', async () => {
    const p = A.profileId;
    const requests: [string, string, unknown?][] = [
      ['GET', '/contacts/a-only'],
      ['DELETE', '/contacts/a-only'],
      ['GET', '/contacts/a-only/events'],
      ['GET', `/contacts/a-only/scores/${p}`],
      ['GET', `/contacts/a-only/scores/${p}/history`],
      ['POST', `/contacts/a-only/scores/${p}/adjustments`, { delta: 100 }],
      // B's own contact id, A's profile id
      ['GET', `/contacts/shared/scores/${p}`],
      ['GET', `/contacts/shared/scores/${p}?at=2026-06-01T00:00:00Z`],
      ['GET', `/contacts/shared/scores/${p}/history`],
      ['POST', `/contacts/shared/scores/${p}/adjustments`, { set: 100 }],
      ['GET', `/profiles/${p}`],
      ['PATCH', `/profiles/${p}`, { name: 'Hijacked' }],
      ['DELETE', `/profiles/${p}`],
      ['POST', `/profiles/${p}/rules`, eventRule()],
      ['PATCH', `/profiles/${p}/rules/${A.ruleId}`, { points: 9999 }],
      ['DELETE', `/profiles/${p}/rules/${A.ruleId}`],
      ['POST', `/profiles/${p}/publish`],
      ['POST', `/profiles/${p}/unpublish`],
      ['GET', `/profiles/${p}/preview`],
      ['GET', `/profiles/${p}/distribution`],
      ['GET', `/jobs/${A.jobId}`],
      ['DELETE', `/api-keys/${A.keyId}`],
    ];
    for (const [method, path, body] of requests) {
      const res = await b.h.call(method, `/api/v1${path}`, {
        key: b.key,
        ...(body !== undefined && { body }),
      });
      expectError(res, 404, 'not_found');
      leaks(res.body);
    }
  });

  it("references to A's profile in a body or query are refused, not followed", async () => {
    expectValidation(await b.patch('/account', { primaryProfileId: A.profileId }), 'primaryProfileId');
    const listed = await b.get(`/contacts?profileId=${A.profileId}`);
    expectValidation(listed, 'profileId');
    leaks(listed.body);
    expect((await b.get('/account')).body.primaryProfileId).toBeNull();
  });

  it("A's data is untouched after all of B's attempts", async () => {
    const before = {
      contact: (await a.get('/contacts/a-only')).body,
      profile: (await a.get(`/profiles/${A.profileId}`)).body,
      history: await history(a, 'a-only', A.profileId),
    };
    for (const [method, path, body] of [
      ['DELETE', '/contacts/a-only'],
      ['PATCH', `/profiles/${A.profileId}`, { name: 'Hijacked', rules: [] }],
      ['POST', `/contacts/a-only/scores/${A.profileId}/adjustments`, { delta: 100 }],
      ['DELETE', `/profiles/${A.profileId}/rules/open`],
      ['POST', `/profiles/${A.profileId}/unpublish`],
      ['DELETE', `/profiles/${A.profileId}`],
      ['DELETE', `/api-keys/${A.keyId}`],
    ] as const) {
      await b.h.call(method, `/api/v1${path}`, { key: b.key, ...(body !== undefined && { body }) });
    }
    expect((await a.get('/contacts/a-only')).body).toEqual(before.contact);
    expect((await a.get(`/profiles/${A.profileId}`)).body).toEqual(before.profile);
    expect(await history(a, 'a-only', A.profileId)).toEqual(before.history);
    // 1 open × 10 + 5 by hand
    expect((await score(a, 'a-only', A.profileId)).score).toBe(15);
    expect((await a.get('/account')).status).toBe(200);
  });

  it('the same contact id in two accounts is two contacts; events go to the caller’s own', async () => {
    expect((await b.get('/contacts/shared')).body).toMatchObject({
      id: 'shared',
      name: 'B Shared',
      scores: {},
    });
    expect((await a.get('/contacts/shared')).body).toMatchObject({ id: 'shared', name: 'A Shared' });

    // B sends an event for "a-only" and reuses A's event id: both are B's own, new facts.
    expect(await ingest(b, [event({ id: 'a-evt-1', contactId: 'a-only' })])).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [],
    });
    const bContact = (await b.get('/contacts/a-only')).body;
    expect(bContact).toMatchObject({ id: 'a-only', name: null, email: null, tags: [], scores: {} });
    expect((await b.get('/contacts/a-only/events')).body.items.map((e: any) => e.id)).toEqual(['a-evt-1']);
    expect((await a.get('/contacts/a-only/events')).body.items.map((e: any) => e.id)).toEqual(['a-evt-1']);
    expect((await score(a, 'a-only', A.profileId)).score).toBe(15);

    // B's update of its "shared" changes nothing in A.
    await putContact(b, 'shared', { dnd: { all: true } });
    expect((await a.get('/contacts/shared')).body.dnd).toEqual({});
    expect((await score(a, 'shared', A.profileId)).score).toBe(10);
    // B deleting its "shared" leaves A's.
    expect((await b.del('/contacts/shared')).status).toBe(204);
    expect((await a.get('/contacts/shared')).status).toBe(200);
  });

  it("lists never show the other account's rows", async () => {
    const bProfile = await publishedProfile(b, { name: 'B profile' });
    await ingest(b, [event({ contactId: 'b-only' })]);

    const bContacts = await b.get('/contacts?limit=200');
    expect(ids(bContacts.body.items).sort()).toEqual(['b-only', 'shared']);
    leaks(bContacts.body);
    for (const query of [
      'q=Secret',
      'q=secret%40a.test',
      'tag=a-tag',
      'q=A%20Shared',
      'sort=name:asc',
      'sort=score:desc',
      'assignedTo=unassigned',
    ]) {
      const res = await b.get(`/contacts?${query}`);
      expect(res.status, query).toBe(200);
      expect(
        ids(res.body.items).every((id) => ['b-only', 'shared'].includes(id)),
        query,
      ).toBe(true);
      leaks(res.body);
    }
    const profiles = (await b.get('/profiles')).body.items;
    expect(profiles.map((p: any) => p.id)).toEqual([bProfile.id]);
    const keys = (await b.get('/api-keys')).body.items;
    expect(keys.map((k: any) => k.id)).not.toContain(A.keyId);
    expect(keys).toHaveLength(1);
    expect((await b.get('/contacts/shared/events')).body.items).toEqual([]);
    expect((await b.get(`/profiles/${bProfile.id}/distribution`)).body.contacts).toBe(2);

    // And the other way round.
    const aContacts = (await a.get('/contacts?limit=200')).body.items;
    expect(ids(aContacts).sort()).toEqual(['a-only', 'shared']);
    expect((await a.get('/profiles')).body.items.map((p: any) => p.id)).toEqual([A.profileId]);
    expect((await a.get(`/profiles/${A.profileId}/distribution`)).body.contacts).toBe(2);
  });

  it("a cursor from A's list does not show A's rows to B", async () => {
    const page = (await a.get('/contacts?sort=name:asc&limit=1')).body;
    expect(page.nextCursor).not.toBeNull();
    const res = await b.get(`/contacts?sort=name:asc&limit=10&cursor=${encodeURIComponent(page.nextCursor)}`);
    expect(res.status).toBeLessThan(500);
    if (res.status === 200) expect(ids(res.body.items).every((id) => id === 'shared')).toBe(true);
    leaks(res.body);
  });
});
