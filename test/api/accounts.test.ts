import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startHarness } from '../helpers/harness.ts';
import {
  type Api,
  allPages,
  client,
  createProfile,
  expectError,
  expectValidation,
  setup,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

describe('admin: creating accounts', () => {
  it('needs the admin token: none, a wrong one, or an account key all answer 401', async () => {
    api = await setup();
    const body = { name: 'Globex' };
    expectError(await api.post('/admin/accounts', body, null), 401, 'unauthorized');
    expectError(await api.post('/admin/accounts', body, 'not-the-admin-token-at-all'), 401, 'unauthorized');
    expectError(await api.post('/admin/accounts', body, `${ADMIN_TOKEN}x`), 401, 'unauthorized');
    expectError(await api.post('/admin/accounts', body, api.key), 401, 'unauthorized');
  });

  it('answers 201 {id, name, apiKey} and the key works for that account', async () => {
    api = await setup();
    const res = await api.post('/admin/accounts', { name: 'Globex' }, ADMIN_TOKEN);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Globex', apiKey: expect.any(String) });
    const account = await api.get('/account', res.body.apiKey);
    expect(account.status).toBe(200);
    expect(account.body).toEqual({ id: res.body.id, name: 'Globex', primaryProfileId: null });
  });

  it('the admin token is not an API key', async () => {
    api = await setup();
    expectError(await api.get('/account', ADMIN_TOKEN), 401, 'unauthorized');
  });

  it('validates the body: empty name and unknown fields are 400', async () => {
    api = await setup();
    expectValidation(await api.post('/admin/accounts', { name: '' }, ADMIN_TOKEN), 'name');
    expectValidation(await api.post('/admin/accounts', {}, ADMIN_TOKEN), 'name');
    expectValidation(await api.post('/admin/accounts', { name: 'X', plan: 'gold' }, ADMIN_TOKEN), 'plan');
  });

  it('without TALLY_ADMIN_TOKEN the admin endpoints are off', async () => {
    const h = await startHarness({ env: { TALLY_ADMIN_TOKEN: '' } });
    api = client(h, 'unused');
    const res = await h.call('POST', '/api/v1/admin/accounts', { body: { name: 'X' }, key: ADMIN_TOKEN });
    expect(res.status).toBeGreaterThanOrEqual(401);
    expect(res.status).toBeLessThan(404);
    expect(res.body.error.code).toMatch(/^(unauthorized|forbidden)$/);
  });
});

describe('authorization header', () => {
  it.each([
    ['missing', undefined],
    ['garbage', 'garbage'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['an empty bearer', 'Bearer '],
    ['an unknown key', 'Bearer tally_thisKeyWasNeverIssued'],
  ])('%s → 401 with the error shape', async (_label, header) => {
    api = await setup();
    const headers: Record<string, string> = header === undefined ? {} : { authorization: header };
    for (const path of ['/api/v1/account', '/api/v1/contacts', '/api/v1/profiles', '/api/v1/api-keys']) {
      const res = await api.h.call('GET', path, { headers });
      expectError(res, 401, 'unauthorized');
    }
    const post = await api.h.call('POST', '/api/v1/events', {
      headers,
      body: { events: [{ contactId: 'c1', type: 'email.opened' }] },
    });
    expectError(post, 401, 'unauthorized');
  });

  it('the OpenAPI document needs no key', async () => {
    api = await setup();
    const res = await api.get('/openapi.json', null);
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\.1/);
  });
});

describe('API keys', () => {
  it('create answers 201 with the key once; the key works; the list never shows secrets', async () => {
    api = await setup();
    const created = await api.post('/api-keys', { name: 'CI' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'CI', key: expect.any(String) });
    const secret: string = created.body.key;
    expect((await api.get('/account', secret)).status).toBe(200);

    const list = await api.get('/api-keys');
    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items.map((k: any) => k.name).sort()).toEqual(['CI', 'Default key']);
    for (const item of list.body.items) {
      expect(item).not.toHaveProperty('key');
      expect(item).not.toHaveProperty('apiKey');
    }
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(secret);
    expect(text).not.toContain(api.key);
    // Shown once: reading the list with the new key does not reveal it either.
    expect(JSON.stringify((await api.get('/api-keys', secret)).body)).not.toContain(secret);
  });

  it('a revoked key gets 401 at once; other keys keep working', async () => {
    api = await setup();
    const created = await api.post('/api-keys', { name: 'temp' });
    expect((await api.get('/contacts', created.body.key)).status).toBe(200);
    const revoked = await api.del(`/api-keys/${created.body.id}`);
    expect(revoked.status).toBe(204);
    expectError(await api.get('/contacts', created.body.key), 401, 'unauthorized');
    expectError(await api.get('/account', created.body.key), 401, 'unauthorized');
    expect((await api.get('/account')).status).toBe(200);
    const list = await api.get('/api-keys');
    expect(list.body.items.map((k: any) => k.id)).not.toContain(created.body.id);
    // Revoking twice, or a key that never existed: 404.
    expectError(await api.del(`/api-keys/${created.body.id}`), 404, 'not_found');
    expectError(await api.del('/api-keys/key_doesNotExist'), 404, 'not_found');
  });

  it('a key can revoke itself and is refused on its very next request', async () => {
    api = await setup();
    const mine = (await api.get('/api-keys')).body.items[0];
    expect((await api.del(`/api-keys/${mine.id}`)).status).toBe(204);
    expectError(await api.get('/api-keys'), 401, 'unauthorized');
  });

  it('validates the name and rejects unknown fields', async () => {
    api = await setup();
    expectValidation(await api.post('/api-keys', {}), 'name');
    expectValidation(await api.post('/api-keys', { name: '   ' }), 'name');
    expectValidation(await api.post('/api-keys', { name: 'x', scopes: ['all'] }), 'scopes');
  });

  it('the list pages with limit and cursor, each key once; limit out of range is 400', async () => {
    api = await setup();
    for (const name of ['k1', 'k2', 'k3', 'k4'])
      expect((await api.post('/api-keys', { name })).status).toBe(201);
    const pages = await allPages(api, '/api-keys?limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const names = pages.flat().map((k) => k.name);
    expect(names.sort()).toEqual(['Default key', 'k1', 'k2', 'k3', 'k4']);
    expectValidation(await api.get('/api-keys?limit=0'), 'limit');
    expectValidation(await api.get('/api-keys?limit=201'), 'limit');
  });
});

describe('GET/PATCH /account', () => {
  it('reads and renames the account', async () => {
    api = await setup();
    const before = await api.get('/account');
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ id: expect.any(String), name: 'Acme', primaryProfileId: null });
    const renamed = await api.patch('/account', { name: 'Acme Ltd' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...before.body, name: 'Acme Ltd' });
    expect((await api.get('/account')).body.name).toBe('Acme Ltd');
  });

  it('primaryProfileId must name a profile of this account; null clears it', async () => {
    api = await setup();
    const first = await createProfile(api, { name: 'First' });
    const second = await createProfile(api, { name: 'Second' });
    expectValidation(await api.patch('/account', { primaryProfileId: 'prf_nope' }), 'primaryProfileId');

    const set = await api.patch('/account', { primaryProfileId: second.id });
    expect(set.status).toBe(200);
    expect(set.body.primaryProfileId).toBe(second.id);
    expect((await api.get('/account')).body.primaryProfileId).toBe(second.id);

    const cleared = await api.patch('/account', { primaryProfileId: null });
    expect(cleared.body.primaryProfileId).toBeNull();
    const back = await api.patch('/account', { primaryProfileId: first.id });
    expect(back.body.primaryProfileId).toBe(first.id);
  });

  it('rejects bad values and unknown fields', async () => {
    api = await setup();
    expectValidation(await api.patch('/account', { name: '' }), 'name');
    expectValidation(await api.patch('/account', { name: 42 }), 'name');
    expectValidation(await api.patch('/account', { primaryProfileId: 7 }), 'primaryProfileId');
    expectValidation(await api.patch('/account', { id: 'acc_other' }), 'id');
    expect((await api.get('/account')).body.name).toBe('Acme');
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After once a key has used its burst, per key, and recovers with time', async () => {
    api = await setup({ env: { TALLY_RATE_LIMIT: '1', TALLY_RATE_BURST: '3' } });
    const other = (await api.post('/api-keys', { name: 'other' })).body.key; // 1st request of the default key
    expect((await api.get('/account')).status).toBe(200); // 2nd
    expect((await api.get('/account')).status).toBe(200); // 3rd
    const limited = await api.get('/account');
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Another key has its own bucket.
    expect((await api.get('/account', other)).status).toBe(200);
    // One token per second comes back.
    api.h.clock.advance(1000);
    expect((await api.get('/account')).status).toBe(200);
    expectError(await api.get('/account'), 429, 'rate_limited');
  });
});
