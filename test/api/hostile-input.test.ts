import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  event,
  eventRule,
  expectError,
  expectValidation,
  ids,
  ingest,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

/** One installation for the whole file: every request below must leave it as it was. */
let api: Api;
let profileId: string;

beforeAll(async () => {
  api = await setup();
  profileId = (await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] })).id;
  await putContact(api, 'alice', { name: 'Alice', email: 'alice@acme.test', tags: ['vip'] });
  await putContact(api, 'bob', { name: 'Bob', email: 'bob@acme.test', tags: ['lead'] });
  await ingest(api, [event({ contactId: 'alice' })]);
});

afterAll(async () => {
  // Nothing was dropped, deleted or rewritten.
  const list = await api.get('/contacts?sort=name:asc');
  expect(ids(list.body.items)).toEqual(['alice', 'bob']);
  expect((await api.get('/contacts/alice')).body.scores[profileId].score).toBe(10);
  await api.h.close();
});

const INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  "'; DROP TABLE contacts; --",
  '" OR ""="',
  "%' OR name LIKE '%",
  '%',
  '_',
  '\\',
  '1); DELETE FROM events; --',
  'UNION SELECT * FROM api_keys',
];

const enc = encodeURIComponent;

describe('SQL-looking strings', () => {
  it.each(INJECTIONS)('q=%s matches nothing (LIKE wildcards are literal) and never errors', async (text) => {
    const res = await api.get(`/contacts?q=${enc(text)}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it.each(INJECTIONS)('tag=%s matches nothing', async (text) => {
    const res = await api.get(`/contacts?tag=${enc(text)}&tag=vip`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  // "_" alone is a valid id (scoring.md allows A-Z a-z 0-9 . _ : @ -); every other string here is not.
  it.each(INJECTIONS.filter((t) => t !== '_'))('as a contact id in the path (%s) is a 400', async (text) => {
    for (const [method, path] of [
      ['GET', `/contacts/${enc(text)}`],
      ['PUT', `/contacts/${enc(text)}`],
      ['DELETE', `/contacts/${enc(text)}`],
      ['GET', `/contacts/${enc(text)}/events`],
      ['GET', `/contacts/${enc(text)}/scores/${profileId}`],
    ]) {
      const res = await api.h.call(method!, `/api/v1${path}`, {
        key: api.key,
        ...(method === 'PUT' && { body: {} }),
      });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expectError(res, res.status, res.body.error.code);
    }
  });

  it.each(INJECTIONS)('as a profile, job, rule or key id (%s) is a 4xx', async (text) => {
    for (const [method, path] of [
      ['GET', `/profiles/${enc(text)}`],
      ['GET', `/profiles/${enc(text)}/preview`],
      ['GET', `/profiles/${enc(text)}/distribution`],
      ['DELETE', `/profiles/${profileId}/rules/${enc(text)}`],
      ['GET', `/jobs/${enc(text)}`],
      ['DELETE', `/api-keys/${enc(text)}`],
      ['GET', `/contacts/alice/scores/${enc(text)}`],
    ]) {
      const res = await api.h.call(method!, `/api/v1${path}`, { key: api.key });
      expect([400, 404], `${method} ${path}`).toContain(res.status);
      expectError(res, res.status, res.body.error.code);
    }
  });

  it.each(INJECTIONS)('as a cursor (%s) is a 400', async (text) => {
    for (const path of [
      '/contacts',
      '/contacts/alice/events',
      `/contacts/alice/scores/${profileId}/history`,
    ]) {
      expectError(await api.get(`${path}?cursor=${enc(text)}`), 400, 'validation_failed');
    }
  });

  it('as event ids, contact ids, types and property values: rejected or stored verbatim', async () => {
    const result = await ingest(api, [
      event({ contactId: "x'; DROP TABLE events; --" }),
      event({ contactId: 'alice', id: "e' OR '1'='1" }),
      event({ contactId: 'alice', type: "email.opened'; --" }),
      event({
        contactId: 'carol',
        id: 'sqlprops',
        type: 'page.viewed',
        properties: { url: "'; DROP TABLE contacts; --" },
      }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.error.details[0].path])).toEqual([
      [0, 'contactId'],
      [1, 'id'],
      [2, 'type'],
    ]);
    const stored = (await api.get('/contacts/carol/events')).body.items;
    expect(stored[0].properties).toEqual({ url: "'; DROP TABLE contacts; --" });
    expect((await api.del('/contacts/carol')).status).toBe(204);
  });

  it('crafted cursors of the wrong shape are 400', async () => {
    const b64 = (value: string) => Buffer.from(value).toString('base64url');
    for (const cursor of [
      b64('["x","y"]'), // a string where the score is a number
      b64('[1e999,"alice"]'), // Infinity
      b64('[1]'),
      b64('{"score":1}'),
      b64('null'),
      b64('[1,"a",3]'),
      b64('[0,"\' OR 1=1 --"]'.replace('0', '"0"')),
      'A'.repeat(501),
    ]) {
      expectError(await api.get(`/contacts?sort=score:desc&cursor=${enc(cursor)}`), 400, 'validation_failed');
    }
    // Cursors are signed: one edited to carry an injection is refused, not run.
    const real = (await api.get('/contacts?sort=name:asc&limit=1')).body.nextCursor as string;
    const [payload] = real.split('.');
    const fields = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as unknown[];
    const crafted = b64(JSON.stringify([...fields.slice(0, -2), 'zzz', "' OR 1=1 --"]));
    for (const cursor of [crafted, `${crafted}.${real.split('.')[1]}`, real.slice(0, -1)])
      expectError(await api.get(`/contacts?sort=name:asc&cursor=${enc(cursor)}`), 400, 'validation_failed');
    expect((await api.get(`/contacts?sort=name:asc&cursor=${enc(real)}`)).status).toBe(200);
  });
});

describe('huge numbers', () => {
  it.each([
    'limit=99999999999999999999',
    'limit=1e400',
    'limit=-1',
    'limit=1.5',
    'limit=NaN',
    'scoreMin=1e400',
    'scoreMin=99999999999999999999999',
    'scoreMax=-1e400',
    'scoreMin=1.5',
  ])('GET /contacts?%s is 400', async (query) => {
    expectError(await api.get(`/contacts?${query}`), 400, 'validation_failed');
  });

  it.each<[string, Record<string, unknown>]>([
    ['points', { rules: [eventRule({ points: 1e308 })] }],
    ['negative points', { rules: [eventRule({ points: -1e308 })] }],
    ['maxTimes', { rules: [eventRule({ maxTimes: 1e300 })] }],
    ['expiresAfterDays', { rules: [eventRule({ expiresAfterDays: 1e12 })] }],
    ['days', { rules: [{ kind: 'inactivity', days: 1e9, points: -1 }] }],
    ['minScore', { minScore: 1e20 }],
    ['maxScore', { maxScore: -1e20 }],
    [
      'a tier minimum',
      {
        tiers: [
          { name: 'A', minScore: 1e15 },
          { name: 'B', minScore: null },
        ],
      },
    ],
  ])('a profile with a huge %s is 400', async (_label, overrides) => {
    expectError(await api.post('/profiles', { name: 'Huge', ...overrides }), 400, 'validation_failed');
  });

  it('huge adjustments are 400; large condition values are fine', async () => {
    for (const body of [{ delta: 1e15 }, { set: -1e15 }, { delta: Number.MAX_SAFE_INTEGER }]) {
      expectError(
        await api.post(`/contacts/alice/scores/${profileId}/adjustments`, body),
        400,
        'validation_failed',
      );
    }
    const res = await api.post('/profiles', {
      name: 'Big values',
      rules: [eventRule({ where: [{ property: 'amount', op: 'gt', value: 1e300 }] })],
    });
    expect(res.status).toBe(201);
    expect((await api.del(`/profiles/${res.body.id}`)).status).toBe(204);
  });

  it('extreme instants: far-future and invalid dates are rejected; year 1 is a past event', async () => {
    const result = await ingest(api, [
      event({ contactId: 'ancient', occurredAt: '9999-12-31T23:59:59Z' }),
      event({ contactId: 'ancient', occurredAt: '+275760-09-13T00:00:00Z' }),
      event({ contactId: 'ancient', occurredAt: '2026-02-30T00:00:00Z' }),
      event({ contactId: 'ancient', occurredAt: '2026-13-01T00:00:00Z' }),
      event({ contactId: 'ancient', occurredAt: 1780000000000 }),
      event({ contactId: 'ancient', occurredAt: '0001-01-01T00:00:00Z' }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.error.details[0].path])).toEqual([
      [0, 'occurredAt'],
      [1, 'occurredAt'],
      [2, 'occurredAt'],
      [3, 'occurredAt'],
      [4, 'occurredAt'],
    ]);
    const contact = (await api.get('/contacts/ancient')).body;
    expect(contact.lastInteractionAt).toBe('0001-01-01T00:00:00.000Z');
    expect(contact.scores[profileId].score).toBe(10);
    const at = await api.get(`/contacts/ancient/scores/${profileId}?at=${enc('0001-01-01T00:00:00Z')}`);
    expect(at.status).toBe(200);
    expect(at.body.score).toBe(10);
    for (const bad of ['2026-02-30T00:00:00Z', '99999-01-01T00:00:00Z', '1', 'now']) {
      expectError(
        await api.get(`/contacts/ancient/scores/${profileId}?at=${enc(bad)}`),
        400,
        'validation_failed',
      );
      expectError(await api.put('/contacts/ancient', { createdAt: bad }), 400, 'validation_failed');
    }
    expect((await api.del('/contacts/ancient')).status).toBe(204);
  });
});

describe('wrong types, arrays for objects, nested junk', () => {
  const json = 'application/json';
  const cases: [string, string, string][] = [
    // [method, path, raw JSON body]
    ['PUT', '/contacts/junk', '[]'],
    ['PUT', '/contacts/junk', 'null'],
    ['PUT', '/contacts/junk', '"a string"'],
    ['PUT', '/contacts/junk', '42'],
    ['PUT', '/contacts/junk', 'true'],
    ['PUT', '/contacts/junk', '{"name":{"$gt":""}}'],
    ['PUT', '/contacts/junk', '{"name":["Alice"]}'],
    ['PUT', '/contacts/junk', '{"tags":"vip"}'],
    ['PUT', '/contacts/junk', '{"tags":[["vip"]]}'],
    ['PUT', '/contacts/junk', '{"tags":[{"$ne":null}]}'],
    ['PUT', '/contacts/junk', '{"dnd":true}'],
    ['PUT', '/contacts/junk', '{"dnd":[true]}'],
    ['PUT', '/contacts/junk', '{"dnd":{"all":{"nested":true}}}'],
    ['PUT', '/contacts/junk', '{"fields":[]}'],
    ['PUT', '/contacts/junk', '{"fields":"x"}'],
    ['PUT', '/contacts/junk', '{"createdAt":{"$date":1}}'],
    ['PUT', '/contacts/junk', '{"__proto__":{"admin":true}}'],
    ['PUT', '/contacts/junk', '{"constructor":{"prototype":{"x":1}}}'],
    ['PUT', '/contacts/junk', `{"name":"${'x'.repeat(201)}"}`],
    ['PUT', '/contacts/junk', `{"tags":${JSON.stringify(Array.from({ length: 101 }, (_, i) => `t${i}`))}}`],
    ['POST', '/events', '[]'],
    ['POST', '/events', 'null'],
    ['POST', '/events', '{"events":{}}'],
    ['POST', '/events', '{"events":"x"}'],
    ['POST', '/events', '{"events":null}'],
    ['POST', '/events', '{"events":[[]],"x":{"y":[{"z":1}]}}'],
    ['POST', '/profiles', '[]'],
    ['POST', '/profiles', '{"name":["x"]}'],
    ['POST', '/profiles', '{"name":"x","rules":{}}'],
    ['POST', '/profiles', '{"name":"x","rules":[[]]}'],
    ['POST', '/profiles', '{"name":"x","rules":[null]}'],
    [
      'POST',
      '/profiles',
      '{"name":"x","rules":[{"kind":"event","eventType":"email.opened","points":5,"where":{}}]}',
    ],
    [
      'POST',
      '/profiles',
      '{"name":"x","rules":[{"kind":"event","eventType":"email.opened","points":5,"where":[{"property":"a","op":"eq","value":{"$gt":1}}]}]}',
    ],
    [
      'POST',
      '/profiles',
      '{"name":"x","rules":[{"kind":"event","eventType":"email.opened","points":5,"where":[{"property":"a","op":"in","value":[[1]]}]}]}',
    ],
    ['POST', '/profiles', '{"name":"x","rules":[{"kind":"state","when":[],"points":5}]}'],
    ['POST', '/profiles', '{"name":"x","rules":[{"kind":["event"],"eventType":"email.opened","points":5}]}'],
    ['POST', '/profiles', '{"name":"x","tiers":"High"}'],
    ['POST', '/profiles', '{"name":"x","tiers":[{"name":{"a":1},"minScore":null}]}'],
    ['POST', '/profiles', '{"name":"x","interactionTypes":"email.opened"}'],
    ['POST', '/api-keys', '{"name":null}'],
    ['POST', '/api-keys', '[{"name":"x"}]'],
    ['PATCH', '/account', '{"name":{"first":"A"}}'],
    ['PATCH', '/account', '[]'],
  ];
  it.each(cases)('%s %s %s → 400', async (method, path, raw) => {
    expectError(await api.raw(method, path, raw, json), 400, 'validation_failed');
  });

  it('bodies that are arrays or junk on the profile sub-resources are 400', async () => {
    const profile = (await api.post('/profiles', { name: 'Junk target', rules: [eventRule({ id: 'r1' })] }))
      .body;
    for (const raw of [
      '[]',
      'null',
      '"x"',
      '7',
      '{"where":{"a":1}}',
      '{"points":[5]}',
      '{"kind":null,"points":{}}',
    ]) {
      expectError(
        await api.raw('PATCH', `/profiles/${profile.id}/rules/r1`, raw, json),
        400,
        'validation_failed',
      );
      expectError(
        await api.raw('POST', `/profiles/${profile.id}/rules`, raw, json),
        400,
        'validation_failed',
      );
      expectError(
        await api.raw(
          'PATCH',
          `/profiles/${profile.id}`,
          raw === '{"where":{"a":1}}' ? '{"rules":{"a":1}}' : raw,
          json,
        ),
        400,
        'validation_failed',
      );
      expectError(
        await api.raw('POST', `/contacts/alice/scores/${profileId}/adjustments`, raw, json),
        400,
        'validation_failed',
      );
    }
    expect((await api.get(`/profiles/${profile.id}`)).body.draft.rules).toEqual([
      { kind: 'event', eventType: 'email.opened', points: 5, id: 'r1' },
    ]);
    expect((await api.del(`/profiles/${profile.id}`)).status).toBe(204);
  });

  it('event items of the wrong type are each rejected, never the whole batch', async () => {
    const result = await ingest(api, [
      null,
      7,
      'email.opened',
      [],
      { contactId: 5, type: 'email.opened' },
      { contactId: ['alice'], type: 'email.opened' },
      { contactId: 'alice', type: { name: 'email.opened' } },
      { contactId: 'alice', type: 'email.opened', properties: 'x' },
      { contactId: 'alice', type: 'email.opened', properties: [1] },
      { contactId: 'alice', type: 'email.opened', id: 12 },
      { contactId: { $ne: null }, type: 'email.opened' },
    ]);
    expect(result.accepted).toBe(0);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const r of result.rejected) {
      expect(r.error.code).toBe('validation_failed');
      expect(r.error.details.length).toBeGreaterThan(0);
    }
  });

  it('deeply nested properties and fields are rejected, not a crash', async () => {
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const events = await api.raw(
      'POST',
      '/events',
      `{"events":[{"contactId":"alice","type":"email.opened","properties":{"a":${deep(200_000)}}}]}`,
      json,
    );
    expect(events.status).toBe(200);
    expect(events.body.accepted).toBe(0);
    expect(events.body.rejected[0].error.details[0].path).toBe('properties');

    expectError(
      await api.raw('PUT', '/contacts/deep', `{"fields":{"a":${deep(200_000)}}}`, json),
      400,
      'validation_failed',
    );
    expectError(await api.get('/contacts/deep'), 404, 'not_found');

    // Nesting is bounded at 32 levels with a message that says so; 32 levels are stored as given.
    const tooDeep = await ingest(api, [
      { contactId: 'nested', type: 'page.viewed', properties: JSON.parse(`{"a":${deep(33)}}`) },
    ]);
    expect(tooDeep.accepted).toBe(0);
    expect(tooDeep.rejected[0].error.details[0]).toEqual({
      path: 'properties',
      message: 'must not nest objects or lists more than 32 deep',
    });
    const nested = JSON.parse(`{"a":${deep(32)}}`);
    const ok = await ingest(api, [{ contactId: 'nested', type: 'page.viewed', properties: nested }]);
    expect(ok.accepted).toBe(1);
    const read = await api.get('/contacts/nested/events');
    expect(read.status).toBe(200);
    expect(read.body.items[0].properties).toEqual(nested);

    // A number JSON cannot hold (1e999 parses to Infinity) is refused, not stored as null.
    const infinite = await api.raw('PUT', '/contacts/inf', '{"fields":{"n":1e999}}', json);
    expect(expectValidation(infinite, 'fields').details?.[0]?.message).toBe('must hold only finite numbers');
    expect((await api.del('/contacts/nested')).status).toBe(204);

    expectError(
      await api.raw('POST', '/profiles', `{"name":"x","rules":${deep(100_000)}}`, json),
      400,
      'validation_failed',
    );
  });

  it('repeated or unknown query parameters and wrong query types are 400', async () => {
    for (const query of [
      'limit=1&limit=2',
      'sort=score:desc&sort=name:asc',
      'q=a&q=b',
      'profileId=a&profileId=b',
      'cursor=a&cursor=b',
      'assignedTo=u1&assignedTo=u2',
      `tier=${Array.from({ length: 21 }, () => 'High').join('&tier=')}`,
      'tag=',
      'q=',
      `q=${'x'.repeat(201)}`,
      'evil=1',
      'where=1%3D1',
    ]) {
      expectError(await api.get(`/contacts?${query}`), 400, 'validation_failed');
    }
    expectError(await api.get(`/contacts/alice/scores/${profileId}?at=1&at=2`), 400, 'validation_failed');
    expectError(await api.get('/contacts/alice/events?type=a&type=b'), 400, 'validation_failed');
    expectError(await api.get('/account?debug=true'), 400, 'validation_failed');
  });

  it('odd paths and methods are 4xx with the error shape', async () => {
    for (const [method, path] of [
      ['GET', '/contacts/..%2F..%2Fetc%2Fpasswd'],
      ['GET', '/contacts/%00'],
      ['GET', '/contacts/a%0Ab'],
      ['GET', '/contacts/%E0%A4%A'],
      ['PATCH', '/contacts/alice'],
      ['POST', '/contacts/alice'],
      ['PUT', '/profiles'],
      ['GET', '/nope'],
      ['GET', `/profiles/${'p'.repeat(65)}`],
      ['GET', `/contacts/alice/scores/${'p'.repeat(65)}`],
    ]) {
      const res = await api.h.call(method!, `/api/v1${path}`, { key: api.key });
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${method} ${path}`).toBeLessThan(500);
      expectError(res, res.status, res.body.error.code);
    }
  });

  it('a huge Authorization header or a bearer of junk is 401', async () => {
    for (const header of [
      `Bearer ${'x'.repeat(10_000)}`,
      "Bearer ' OR 1=1 --",
      'Bearer tally_%00',
      'Bearer a b c',
    ]) {
      expectError(
        await api.h.call('GET', '/api/v1/contacts', { headers: { authorization: header } }),
        401,
        'unauthorized',
      );
    }
  });
});
