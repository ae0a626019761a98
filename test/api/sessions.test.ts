import { afterEach, describe, expect, it } from 'vitest';
import { startHarness } from '../helpers/harness.ts';
import {
  type Api,
  HOUR,
  MINUTE,
  PASSWORD,
  T0,
  adjust,
  client,
  createUser,
  expectError,
  expectValidation,
  history,
  iso,
  publishedProfile,
  putContact,
  sessionClient,
  sessionCookie,
  setup,
  signIn,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

const EMAIL = 'ann@acme.test';
const WEEK_SECONDS = 7 * 24 * 3600;

async function withUser(role: 'admin' | 'member' = 'member', env?: Record<string, string>) {
  api = await setup(env && { env });
  const userId = await createUser(api.h, api.key, { name: 'Ann Lee', email: EMAIL, role });
  return userId;
}

const signInRes = (body: unknown, headers?: Record<string, string>) =>
  api.h.call('POST', '/api/v1/session', { body, ...(headers && { headers }) });

describe('POST /session (sign in)', () => {
  it('answers 200 with the session and an HttpOnly, SameSite=Strict cookie for the whole site', async () => {
    const userId = await withUser();
    const res = await signInRes({ email: 'Ann@ACME.test', password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const account = (await api.get('/account')).body;
    expect(res.body).toEqual({
      user: { id: userId, name: 'Ann Lee', email: EMAIL, role: 'member', createdAt: iso(T0) },
      account: { id: account.id, name: 'Acme' },
      expiresAt: iso(T0 + WEEK_SECONDS * 1000),
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tally_session=tss_[\w-]{43};/);
    const attributes = cookie.split(';').map((part) => part.trim());
    expect(attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${WEEK_SECONDS}`]),
    );
    expect(attributes).not.toContain('Secure');
    // Only the token's hash is stored.
    const token = sessionCookie(res).split('=')[1]!;
    const rows = await api.h.tally.database.db.selectFrom('sessions').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('marks the cookie Secure when the request came over https (through a proxy)', async () => {
    await withUser();
    const res = await signInRes({ email: EMAIL, password: PASSWORD }, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('a wrong password and an unknown email answer the same 401', async () => {
    await withUser();
    const wrong = expectError(
      await signInRes({ email: EMAIL, password: 'not the password' }),
      401,
      'unauthorized',
    );
    const unknown = expectError(
      await signInRes({ email: 'nobody@acme.test', password: PASSWORD }),
      401,
      'unauthorized',
    );
    expect(unknown).toEqual(wrong);
    expectValidation(await signInRes({ email: EMAIL }), 'password');
    expectValidation(await signInRes({ email: 'ann', password: PASSWORD }), 'email');
    expectValidation(await signInRes({ email: EMAIL, password: PASSWORD, remember: true }), 'remember');
  });

  it('after 10 failures for an email, answers 429 with Retry-After, even to the right password, for 15 minutes', async () => {
    await withUser();
    for (let i = 0; i < 10; i++)
      expectError(await signInRes({ email: EMAIL, password: `wrong password ${i}` }), 401, 'unauthorized');
    const limited = await signInRes({ email: EMAIL, password: PASSWORD });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    api.h.clock.advance(10 * MINUTE);
    expect(Number((await signInRes({ email: EMAIL, password: PASSWORD })).headers.get('retry-after'))).toBe(
      5 * 60,
    );
    api.h.clock.advance(5 * MINUTE);
    expect((await signInRes({ email: EMAIL, password: PASSWORD })).status).toBe(200);
  });

  it('a successful sign-in resets the email’s failures', async () => {
    await withUser();
    for (let i = 0; i < 9; i++) await signInRes({ email: EMAIL, password: 'wrong password' });
    expect((await signInRes({ email: EMAIL, password: PASSWORD })).status).toBe(200);
    for (let i = 0; i < 9; i++)
      expectError(await signInRes({ email: EMAIL, password: 'wrong password' }), 401, 'unauthorized');
    expect((await signInRes({ email: EMAIL, password: PASSWORD })).status).toBe(200);
  });

  it('limits failures per client address across emails, counting parallel guesses', async () => {
    await withUser();
    // 50 guesses at once at different emails: none slips past the limit while the others are hashing.
    const guesses = await Promise.all(
      Array.from({ length: 55 }, (_, i) => signInRes({ email: `guess${i}@acme.test`, password: PASSWORD })),
    );
    expect(guesses.filter((r) => r.status === 401)).toHaveLength(50);
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(5);
    expectError(await signInRes({ email: EMAIL, password: PASSWORD }), 429, 'rate_limited');
  }, 30_000);
});

describe('signed in: the cookie', () => {
  it('authorizes account routes and GET /session; without it GET /session is 401', async () => {
    const userId = await withUser();
    const user = sessionClient(api.h, await signIn(api.h, EMAIL));
    const account = await user.get('/account');
    expect(account.status).toBe(200);
    expect(account.body.name).toBe('Acme');
    expect((await user.get('/session')).body.user.id).toBe(userId);
    expect((await user.put('/contacts/c1', { name: 'By cookie' })).status).toBe(201);
    expectError(await api.h.call('GET', '/api/v1/session'), 401, 'unauthorized');
    expectError(await api.get('/session'), 401, 'unauthorized'); // an API key is no signed-in user
    expectError(await api.h.call('GET', '/api/v1/account'), 401, 'unauthorized');
    const forged = sessionClient(api.h, 'tally_session=tss_forged');
    expectError(await forged.get('/account'), 401, 'unauthorized');
  });

  it('expires after TALLY_SESSION_TTL_HOURS: 401 "session expired, sign in again"', async () => {
    await withUser('member', { TALLY_SESSION_TTL_HOURS: '2' });
    const res = await signInRes({ email: EMAIL, password: PASSWORD });
    expect(res.body.expiresAt).toBe(iso(T0 + 2 * HOUR));
    expect(res.headers.get('set-cookie')).toContain(`Max-Age=${2 * 3600}`);
    const user = sessionClient(api.h, sessionCookie(res));
    api.h.clock.advance(2 * HOUR - 1);
    expect((await user.get('/account')).status).toBe(200);
    api.h.clock.advance(1);
    const expired = await user.get('/account');
    expect(expectError(expired, 401, 'unauthorized').message).toBe('session expired, sign in again');
    expect(expired.headers.get('set-cookie')).toMatch(/^tally_session=;.*Max-Age=0/);
    expectError(await user.get('/account'), 401, 'unauthorized');
  });

  it('DELETE /session signs out: 204, the cookie is cleared and no longer works', async () => {
    await withUser();
    const cookie = await signIn(api.h, EMAIL);
    const other = sessionClient(api.h, await signIn(api.h, EMAIL));
    const user = sessionClient(api.h, cookie);
    const out = await user.del('/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^tally_session=;.*Max-Age=0/);
    expectError(await user.get('/session'), 401, 'unauthorized');
    expectError(await user.get('/account'), 401, 'unauthorized');
    expect((await other.get('/account')).status).toBe(200); // another session stays
  });

  it('reads only its own account: another account’s contacts and users are 404', async () => {
    await withUser('admin');
    const b = client(api.h, await api.h.account('Globex'));
    await putContact(b, 'b-secret', { name: 'B Secret' });
    const bUser = await createUser(api.h, b.key);
    const user = sessionClient(api.h, await signIn(api.h, EMAIL));
    expectError(await user.get('/contacts/b-secret'), 404, 'not_found');
    expect(JSON.stringify((await user.get('/contacts')).body)).not.toContain('B Secret');
    expectError(await user.del(`/users/${bUser}`), 404, 'not_found');
    expect((await user.get('/users')).body.items.map((u: { email: string }) => u.email)).toEqual([EMAIL]);
  });

  it('refuses a cross-origin change made with the cookie (403); same origin and API keys pass', async () => {
    await withUser();
    const cookie = await signIn(api.h, EMAIL);
    const put = (headers: Record<string, string>, key: string | null = null) =>
      api.h.call('PUT', '/api/v1/contacts/c1', { body: { name: 'x' }, key, headers });
    expectError(await put({ cookie, origin: 'https://evil.example' }), 403, 'forbidden');
    expectError(await put({ cookie, origin: 'null' }), 403, 'forbidden');
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
    expect((await put({ cookie, origin: 'http://localhost' })).status).toBe(201);
    expect((await put({ cookie })).status).toBe(200);
    expect((await put({ origin: 'https://evil.example' }, api.key)).status).toBe(200);
    // Reads are not refused, and signing in from another site is.
    expect(
      (await api.h.call('GET', '/api/v1/account', { headers: { cookie, origin: 'https://evil.example' } }))
        .status,
    ).toBe(200);
    expectError(
      await signInRes({ email: EMAIL, password: PASSWORD }, { origin: 'https://evil.example' }),
      403,
      'forbidden',
    );
  });

  it('a manual adjustment records the signed-in user', async () => {
    const userId = await withUser();
    const profile = await publishedProfile(api, { rules: [] });
    await putContact(api, 'c1');
    const user = sessionClient(api.h, await signIn(api.h, EMAIL));
    await adjust(user, 'c1', profile.id, { delta: 7, note: 'called them' });
    const [item] = (await history(api, 'c1', profile.id)).items;
    expect(item.reason).toEqual({ kind: 'manual', userId, note: 'called them' });
  });
});

describe('first admin: /setup', () => {
  it('an installation that has an account is not empty: setup is refused, nobody claims it anonymously', async () => {
    api = await setup();
    await api.put('/contacts/secret', { name: 'Private' });
    expect((await api.h.call('GET', '/api/v1/setup')).body).toEqual({ needed: false });
    const res = await api.h.call('POST', '/api/v1/setup', {
      body: { name: 'Mallory', email: 'mallory@evil.test', password: PASSWORD },
    });
    expectError(res, 409, 'conflict');
    expect(res.headers.get('set-cookie')).toBeNull();
    // Its first user comes from its API key instead.
    expect(
      (await api.post('/users', { name: 'Ann', email: EMAIL, password: PASSWORD, role: 'admin' })).status,
    ).toBe(201);
  });

  it('on an empty installation creates the account and its admin, signs them in, then is closed', async () => {
    const h = await startHarness();
    api = client(h, '');
    expect((await h.call('GET', '/api/v1/setup')).body).toEqual({ needed: true });
    const body = { name: 'Ann Lee', email: 'Ann@acme.test', password: PASSWORD };
    expectValidation(
      await h.call('POST', '/api/v1/setup', { body: { ...body, password: 'short' } }),
      'password',
    );
    const res = await h.call('POST', '/api/v1/setup', { body: { ...body, accountName: 'Initech' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      user: { name: 'Ann Lee', email: EMAIL, role: 'admin' },
      account: { name: 'Initech' },
    });
    const admin = sessionClient(h, sessionCookie(res));
    expect((await admin.get('/account')).body.name).toBe('Initech');
    expect((await admin.get('/session')).body.user.id).toBe(res.body.user.id);
    expect((await h.call('GET', '/api/v1/setup')).body).toEqual({ needed: false });
    const again = await h.call('POST', '/api/v1/setup', { body: { ...body, email: 'eve@acme.test' } });
    expectError(again, 409, 'conflict');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('names the account after the admin when no accountName is given', async () => {
    const h = await startHarness();
    api = client(h, '');
    const res = await h.call('POST', '/api/v1/setup', {
      body: { name: 'Bo', email: EMAIL, password: PASSWORD },
    });
    expect(res.status).toBe(201);
    expect(res.body.account.name).toBe("Bo's team");
  });
});

describe('the OpenAPI document', () => {
  it('describes users, sessions and setup, and the session cookie', async () => {
    api = await setup();
    const doc = (await api.h.call('GET', '/api/v1/openapi.json')).body;
    for (const path of ['/api/v1/users', '/api/v1/users/{id}', '/api/v1/session', '/api/v1/setup'])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/v1/session'].post.security).toEqual([]);
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({
      in: 'cookie',
      name: 'tally_session',
    });
    expect(doc.components.schemas.UserCreate.required).toEqual(['name', 'email', 'password', 'role']);
  });
});
