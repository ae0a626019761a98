/**
 * Small factories and request helpers for the HTTP-level tests. Every expected value in the tests is
 * worked out by hand from spec/scoring.md and spec/api.md; nothing here reads scores back from the code.
 */
import { expect } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The harness's fake clock starts here. */
export const T0 = Date.parse('2026-06-01T12:00:00.000Z');
export const iso = (ms: number): string => new Date(ms).toISOString();

export type Res = { status: number; body: any; headers: Headers };

export interface Api {
  h: Harness;
  key: string;
  get(path: string, key?: string | null): Promise<Res>;
  post(path: string, body?: unknown, key?: string | null): Promise<Res>;
  put(path: string, body?: unknown, key?: string | null): Promise<Res>;
  patch(path: string, body?: unknown, key?: string | null): Promise<Res>;
  del(path: string, key?: string | null): Promise<Res>;
  /** A raw body with an explicit content type. */
  raw(
    method: string,
    path: string,
    raw: string,
    contentType?: string | null,
    key?: string | null,
  ): Promise<Res>;
}

/** Binds a harness and an API key; paths are relative to /api/v1. */
export function client(h: Harness, key: string): Api {
  return bind(h, key, {});
}

/** Binds a harness and a session cookie (`tally_session=…`), with no API key. */
export function sessionClient(h: Harness, cookie: string): Api {
  return bind(h, null, { cookie });
}

function bind(h: Harness, key: string | null, headers: Record<string, string>): Api {
  const k = (override: string | null | undefined) => (override === undefined ? key : override);
  return {
    h,
    key: key ?? '',
    get: (path, key) => h.call('GET', `/api/v1${path}`, { key: k(key), headers }),
    post: (path, body, key) => h.call('POST', `/api/v1${path}`, { key: k(key), body, headers }),
    put: (path, body, key) => h.call('PUT', `/api/v1${path}`, { key: k(key), body, headers }),
    patch: (path, body, key) => h.call('PATCH', `/api/v1${path}`, { key: k(key), body, headers }),
    del: (path, key) => h.call('DELETE', `/api/v1${path}`, { key: k(key), headers }),
    raw: (method, path, raw, contentType, key) =>
      h.call(method, `/api/v1${path}`, {
        key: k(key),
        raw,
        headers: {
          ...headers,
          ...(contentType === null ? {} : { 'content-type': contentType ?? 'application/json' }),
        },
      }),
  };
}

/** A fresh in-memory Tally with one account. */
export async function setup(options: Parameters<typeof startHarness>[0] = {}): Promise<Api> {
  const h = await startHarness(options);
  return client(h, await h.account('Acme'));
}

// ---- factories -------------------------------------------------------------------------------

export const eventRule = (overrides: Record<string, unknown> = {}) => ({
  kind: 'event',
  eventType: 'email.opened',
  points: 5,
  ...overrides,
});

export const inactivityRule = (overrides: Record<string, unknown> = {}) => ({
  kind: 'inactivity',
  days: 30,
  points: -5,
  ...overrides,
});

export const stateRule = (overrides: Record<string, unknown> = {}) => ({
  kind: 'state',
  when: { field: 'dnd.all', op: 'eq', value: true },
  points: -20,
  ...overrides,
});

export const profileInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Lead Engagement Score',
  rules: [eventRule({ id: 'open' })],
  ...overrides,
});

export const event = (overrides: Record<string, unknown> = {}) => ({
  contactId: 'c1',
  type: 'email.opened',
  ...overrides,
});

/** The default tiers, copied by hand from scoring.md. */
export const DEFAULT_TIERS = [
  { name: 'High', minScore: 50, action: 'Prioritize for immediate sales outreach' },
  { name: 'Medium', minScore: 20, action: 'Continue nurturing with relevant content' },
  { name: 'Low', minScore: 1, action: 'Enroll in re-engagement workflows' },
  { name: 'Very low', minScore: null, action: 'Review contact quality; consider list cleaning' },
];

// ---- operations ------------------------------------------------------------------------------

/** The password of users the tests create. */
export const PASSWORD = 'correct horse battery';
let userCount = 0;

/** Creates a user with an API key (or an admin's session: pass `{ cookie }`); returns the user id. */
export async function createUser(
  h: Harness,
  auth: string | { cookie: string },
  input: { name?: string; email?: string; password?: string; role?: 'admin' | 'member' } = {},
): Promise<string> {
  const name = input.name ?? `User ${++userCount}`;
  const res = await h.call('POST', '/api/v1/users', {
    ...(typeof auth === 'string' ? { key: auth } : { headers: { cookie: auth.cookie } }),
    body: {
      name,
      email: input.email ?? `${name.toLowerCase().replace(/\W+/g, '.')}.${++userCount}@acme.test`,
      password: input.password ?? PASSWORD,
      role: input.role ?? 'member',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** Signs in; returns the cookie to send back (`tally_session=…`). */
export async function signIn(h: Harness, email: string, password = PASSWORD): Promise<string> {
  const res = await h.call('POST', '/api/v1/session', { body: { email, password } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return sessionCookie(res);
}

/** The `name=value` part of a response's session cookie. */
export function sessionCookie(res: Res): string {
  const cookie = /(?:^|,\s*)(tally_session=[^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  expect(cookie, res.headers.get('set-cookie') ?? 'no Set-Cookie').toBeDefined();
  return cookie!;
}

export async function createProfile(api: Api, overrides: Record<string, unknown> = {}) {
  const res = await api.post('/profiles', profileInput(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** Publishes and runs the job to completion; returns the 202 body. */
export async function publish(api: Api, profileId: string) {
  const res = await api.post(`/profiles/${profileId}/publish`);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  await api.h.tally.runner.runOnce();
  return res.body as { version: number; job: any };
}

export async function publishedProfile(api: Api, overrides: Record<string, unknown> = {}) {
  const profile = await createProfile(api, overrides);
  const published = await publish(api, profile.id);
  return { ...profile, version: published.version };
}

export async function ingest(api: Api, events: unknown[]) {
  const res = await api.post('/events', { events });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { accepted: number; duplicates: number; rejected: any[] };
}

export async function putContact(api: Api, id: string, body: Record<string, unknown> = {}) {
  const res = await api.put(`/contacts/${encodeURIComponent(id)}`, body);
  expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
  return res.body;
}

export async function score(api: Api, contactId: string, profileId: string, at?: string) {
  const res = await api.get(
    `/contacts/${contactId}/scores/${profileId}${at ? `?at=${encodeURIComponent(at)}` : ''}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function adjust(api: Api, contactId: string, profileId: string, body: Record<string, unknown>) {
  const res = await api.post(`/contacts/${contactId}/scores/${profileId}/adjustments`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

export async function history(api: Api, contactId: string, profileId: string, query = '') {
  const res = await api.get(`/contacts/${contactId}/scores/${profileId}/history${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null };
}

/** Follows nextCursor until the end; `path` already holds its query (limit etc.). */
export async function allPages(api: Api, path: string, maxPages = 100) {
  const pages: any[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const res = await api.get(cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(expect.arrayContaining(['items', 'nextCursor']));
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
    if (cursor === null) return pages;
    expect(typeof cursor).toBe('string');
  }
  throw new Error(`more than ${maxPages} pages`);
}

/** The API's error shape: `{ error: { code, message, details? } }`, details a list of `{ path, message }`. */
export function expectError(res: Res, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(Object.keys(res.body)).toEqual(['error']);
  const { error } = res.body;
  expect(error.code).toBe(code);
  expect(typeof error.message).toBe('string');
  expect(error.message.length).toBeGreaterThan(0);
  expect(Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
  if (error.details !== undefined) {
    expect(Array.isArray(error.details)).toBe(true);
    for (const d of error.details) {
      expect(typeof d.path).toBe('string');
      expect(typeof d.message).toBe('string');
    }
  }
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/); // never a stack trace
  return error as { code: string; message: string; details?: { path: string; message: string }[] };
}

/** A 400 whose details name `path` (exactly). */
export function expectValidation(res: Res, path: string) {
  const error = expectError(res, 400, 'validation_failed');
  expect(
    error.details?.map((d) => d.path),
    JSON.stringify(error),
  ).toContain(path);
  return error;
}

export const ids = (items: any[]): string[] => items.map((item) => item.contact?.id ?? item.id);
