import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  PASSWORD,
  T0,
  allPages,
  client,
  createUser,
  expectError,
  expectValidation,
  history,
  iso,
  publishedProfile,
  putContact,
  sessionClient,
  setup,
  signIn,
  stateRule,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  name: 'Ann Lee',
  email: 'ann@acme.test',
  password: PASSWORD,
  role: 'member',
  ...overrides,
});

describe('POST /users', () => {
  it('answers 201 with the user (email lowercased, no password) and lists it', async () => {
    api = await setup();
    const res = await api.post('/users', newUser({ email: 'Ann.Lee@ACME.test', role: 'admin' }));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Ann Lee',
      email: 'ann.lee@acme.test',
      role: 'admin',
      createdAt: iso(T0),
    });
    expect((await api.get('/users')).body).toEqual({ items: [res.body], nextCursor: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a missing role', { role: undefined }, 'role'],
    ['an unknown role', { role: 'owner' }, 'role'],
    ['a password under 10 characters', { password: '123456789' }, 'password'],
    ['a password over 200 characters', { password: 'x'.repeat(201) }, 'password'],
    ['a password of spaces', { password: ' '.repeat(12) }, 'password'],
    ['an email that is not one', { email: 'ann at acme' }, 'email'],
    ['an empty name', { name: '  ' }, 'name'],
    ['an unknown field', { admin: true }, 'admin'],
  ])('rejects %s with a 400 naming the field', async (_label, overrides, path) => {
    api = await setup();
    expectValidation(await api.post('/users', newUser(overrides)), path);
  });

  it('an email is unique across the installation, ignoring case: 409 naming email', async () => {
    api = await setup();
    await createUser(api.h, api.key, { email: 'ann@acme.test' });
    const again = expectError(await api.post('/users', newUser({ email: 'ANN@acme.test' })), 409, 'conflict');
    expect(again.details).toEqual([{ path: 'email', message: 'a user with this email already exists' }]);
    const other = client(api.h, await api.h.account('Globex'));
    expectError(await other.post('/users', newUser({ email: 'Ann@Acme.Test' })), 409, 'conflict');
  });

  it('stores an scrypt hash at the default cost (N = 2^17), never the password, and signs in with it', async () => {
    // The suite hashes cheaply (TALLY_SCRYPT_LOG_N=12 in the harness); this test uses the shipped default.
    api = await setup({ env: { TALLY_SCRYPT_LOG_N: '17' } });
    const id = await createUser(api.h, api.key, { password: 'a long secret passphrase' });
    const row = await api.h.tally.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain('a long secret passphrase');
    const twin = await createUser(api.h, api.key, { password: 'a long secret passphrase' });
    const rows = await api.h.tally.database.db.selectFrom('users').select('password_hash').execute();
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(2); // salted
    expect(twin).not.toBe(id);
    const email = (await api.get('/users')).body.items.find((u: any) => u.id === id).email;
    expect(
      (await api.h.call('POST', '/api/v1/session', { body: { email, password: 'a long secret passphrase' } }))
        .status,
    ).toBe(200);
  });

  it('a member may read but not manage users or API keys (403); an admin may', async () => {
    api = await setup();
    const memberEmail = 'member@acme.test';
    const adminEmail = 'admin@acme.test';
    await createUser(api.h, api.key, { email: memberEmail, role: 'member' });
    await createUser(api.h, api.key, { email: adminEmail, role: 'admin' });
    const member = sessionClient(api.h, await signIn(api.h, memberEmail));
    const adminCookie = await signIn(api.h, adminEmail);
    const admin = sessionClient(api.h, adminCookie);

    expect((await member.get('/users')).body.items).toHaveLength(2);
    expectError(await member.post('/users', newUser()), 403, 'forbidden');
    const someone = await createUser(api.h, { cookie: adminCookie });
    expectError(await member.del(`/users/${someone}`), 403, 'forbidden');
    expectError(await member.post('/api-keys', { name: 'mine' }), 403, 'forbidden');
    const keyId = (await api.get('/api-keys')).body.items[0].id;
    expectError(await member.del(`/api-keys/${keyId}`), 403, 'forbidden');

    expect((await admin.del(`/users/${someone}`)).status).toBe(204);
    expect((await admin.post('/api-keys', { name: 'ops' })).status).toBe(201);
  });

  it('only admins manage score profiles and the account; members read them and work the lists', async () => {
    api = await setup();
    await createUser(api.h, api.key, { email: 'member@acme.test', role: 'member' });
    const member = sessionClient(api.h, await signIn(api.h, 'member@acme.test'));
    const profile = (await api.post('/profiles', { name: 'Lead score' })).body;
    expectError(await member.post('/profiles', { name: 'Mine' }), 403, 'forbidden');
    expectError(await member.patch(`/profiles/${profile.id}`, { name: 'Renamed' }), 403, 'forbidden');
    expectError(
      await member.post(`/profiles/${profile.id}/rules`, {
        kind: 'event',
        eventType: 'email.opened',
        points: 1,
      }),
      403,
      'forbidden',
    );
    expectError(await member.post(`/profiles/${profile.id}/publish`), 403, 'forbidden');
    expectError(await member.post(`/profiles/${profile.id}/unpublish`), 403, 'forbidden');
    expectError(await member.del(`/profiles/${profile.id}`), 403, 'forbidden');
    expectError(await member.patch('/account', { name: 'Mine now' }), 403, 'forbidden');
    expect((await member.get(`/profiles/${profile.id}`)).status).toBe(200);
    expect((await member.get(`/profiles/${profile.id}/preview`)).status).toBe(200);
    expect((await member.get('/account')).status).toBe(200);
    expect((await member.put('/contacts/c1', { name: 'Ann' })).status).toBe(201);
    expect((await member.get('/conversations')).status).toBe(200);
    expect((await member.post('/views', { name: 'Mine', scope: 'contacts' })).status).toBe(201);
  });
});

describe('GET /users', () => {
  it('pages with limit and cursor, and shows only the account’s users', async () => {
    api = await setup();
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await createUser(api.h, api.key));
    const other = client(api.h, await api.h.account('Globex'));
    await createUser(api.h, other.key);
    const pages = await allPages(api, '/users?limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(
      pages
        .flat()
        .map((u) => u.id)
        .sort(),
    ).toEqual(mine.sort());
    expectValidation(await api.get('/users?limit=0'), 'limit');
    expectValidation(await api.get('/users?limit=201'), 'limit');
  });
});

describe('DELETE /users/{id}', () => {
  it('204, then the user is gone; another account’s user is 404 and stays', async () => {
    api = await setup();
    const id = await createUser(api.h, api.key);
    const other = client(api.h, await api.h.account('Globex'));
    const theirs = await createUser(api.h, other.key);
    expectError(await api.del(`/users/${theirs}`), 404, 'not_found');
    expect((await other.get('/users')).body.items.map((u: { id: string }) => u.id)).toEqual([theirs]);
    expect((await api.del(`/users/${id}`)).status).toBe(204);
    expectError(await api.del(`/users/${id}`), 404, 'not_found');
    expect((await api.get('/users')).body.items).toEqual([]);
  });

  it('refuses to delete the last admin of the account (409)', async () => {
    api = await setup();
    const first = await createUser(api.h, api.key, { role: 'admin' });
    expectError(await api.del(`/users/${first}`), 409, 'conflict');
    const second = await createUser(api.h, api.key, { role: 'admin' });
    expect((await api.del(`/users/${first}`)).status).toBe(204);
    expectError(await api.del(`/users/${second}`), 409, 'conflict');
  });

  it('signs the user out and unassigns their contacts, rescoring rules on the assignee', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      minScore: null,
      rules: [
        stateRule({
          id: 'unassigned',
          when: { field: 'assignedTo', op: 'exists', value: false },
          points: -3,
        }),
      ],
    });
    const email = 'leaving@acme.test';
    const leaving = await createUser(api.h, api.key, { email });
    const staying = await createUser(api.h, api.key);
    await putContact(api, 'c1', { assignedTo: leaving });
    await putContact(api, 'c2', { assignedTo: leaving });
    await putContact(api, 'c3', { assignedTo: staying });
    const session = sessionClient(api.h, await signIn(api.h, email));
    expect((await session.get('/account')).status).toBe(200);
    expect((await api.get('/contacts/c1')).body.scores[profile.id].score).toBe(0);

    expect((await api.del(`/users/${leaving}`)).status).toBe(204);
    expectError(await session.get('/account'), 401, 'unauthorized');
    for (const id of ['c1', 'c2']) {
      const contact = (await api.get(`/contacts/${id}`)).body;
      expect(contact.assignedTo).toBeNull();
      expect(contact.scores[profile.id].score).toBe(-3);
      expect((await history(api, id, profile.id)).items[0]).toMatchObject({
        from: 0,
        to: -3,
        reason: { kind: 'attributes' },
      });
    }
    expect((await api.get('/contacts/c3')).body.assignedTo).toBe(staying);
    // The user is gone: filtering by them names the problem instead of answering an empty list.
    expectValidation(await api.get(`/contacts?assignedTo=${leaving}`), 'assignedTo');
    expect(
      (await api.get(`/contacts?assignedTo=${staying}`)).body.items.map((i: any) => i.contact.id),
    ).toEqual(['c3']);
  });
});

describe('contacts are assigned to users', () => {
  it('assignedTo must name a user of the same account (400 naming assignedTo); null unassigns', async () => {
    api = await setup();
    const other = client(api.h, await api.h.account('Globex'));
    const theirs = await createUser(api.h, other.key);
    const mine = await createUser(api.h, api.key);
    expectValidation(await api.put('/contacts/c1', { assignedTo: 'u1' }), 'assignedTo');
    expectValidation(await api.put('/contacts/c1', { assignedTo: theirs }), 'assignedTo');
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
    expect((await putContact(api, 'c1', { assignedTo: mine })).assignedTo).toBe(mine);
    expect((await putContact(api, 'c1', { assignedTo: null })).assignedTo).toBeNull();
  });
});
