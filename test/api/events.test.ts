import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  HOUR,
  MINUTE,
  T0,
  allPages,
  event,
  eventRule,
  expectError,
  expectValidation,
  history,
  inactivityRule,
  ingest,
  iso,
  publishedProfile,
  putContact,
  score,
  setup,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

const timeline = async (contactId: string, query = '') => {
  const res = await api.get(`/contacts/${contactId}/events${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: any[]; nextCursor: string | null };
};

describe('POST /events: batches', () => {
  it('stores the valid events and rejects each bad one on its own, by index, naming the field', async () => {
    api = await setup();
    const result = await ingest(api, [
      event({ id: 'ok-1' }),
      { contactId: 'c1' }, // no type
      event({ contactId: 'bad id!' }),
      event({ type: 'NotAType' }),
      event({ color: 'red' }),
      event({ occurredAt: 'yesterday' }),
      event({ properties: ['not', 'an', 'object'] }),
      event({ id: 'ok-2', type: 'email.clicked' }),
    ]);
    expect(result.accepted).toBe(2);
    expect(result.duplicates).toBe(0);
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6]);
    const paths = result.rejected.map((r) => r.error.details.map((d: any) => d.path));
    expect(paths).toEqual([['type'], ['contactId'], ['type'], ['color'], ['occurredAt'], ['properties']]);
    for (const r of result.rejected) {
      expect(r.error.code).toBe('validation_failed');
      expect(typeof r.error.message).toBe('string');
    }
    const stored = await timeline('c1');
    expect(stored.items.map((e) => e.id).sort()).toEqual(['ok-1', 'ok-2']);
  });

  it('a batch whose every event is bad is still a 200 with everything rejected', async () => {
    api = await setup();
    const result = await ingest(api, [{}, { contactId: 'c1', type: 'x' }]);
    expect(result).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [expect.objectContaining({ index: 0 }), expect.objectContaining({ index: 1 })],
    });
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
  });

  it('0 and 1001 events are 400; 1 and 1000 are accepted', async () => {
    api = await setup();
    expectValidation(await api.post('/events', { events: [] }), 'events');
    const many = Array.from({ length: 1001 }, (_, i) => event({ id: `e${i}` }));
    expectValidation(await api.post('/events', { events: many }), 'events');
    expect((await ingest(api, [event()])).accepted).toBe(1);
    expect((await ingest(api, many.slice(0, 1000))).accepted).toBe(1000);
    expect((await timeline('c1', '?limit=1')).items).toHaveLength(1);
  });

  it('a body over 1 MiB is 413', async () => {
    api = await setup();
    const events = Array.from({ length: 1000 }, () => event({ properties: { blob: 'x'.repeat(1100) } }));
    const body = JSON.stringify({ events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    expectError(await api.raw('POST', '/events', body), 413, 'payload_too_large');
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
  });

  it('a body that is not JSON by content type is 415; malformed JSON and an empty body are 400', async () => {
    api = await setup();
    const body = JSON.stringify({ events: [event()] });
    expectError(await api.raw('POST', '/events', body, 'text/plain'), 415, 'unsupported_media_type');
    expectError(
      await api.raw('POST', '/events', body, 'application/x-www-form-urlencoded'),
      415,
      'unsupported_media_type',
    );
    expectError(await api.raw('POST', '/events', body, null), 415, 'unsupported_media_type');
    expectError(
      await api.raw('POST', '/events', '{"events": [', 'application/json'),
      400,
      'validation_failed',
    );
    expectError(
      await api.raw('POST', '/events', "{'events': []}", 'application/json'),
      400,
      'validation_failed',
    );
    expectError(await api.raw('POST', '/events', '', 'application/json'), 400, 'validation_failed');
    expect((await api.raw('POST', '/events', body, 'application/json; charset=utf-8')).status).toBe(200);
  });

  it('unknown top-level fields are 400 naming the field', async () => {
    api = await setup();
    const error = expectValidation(await api.post('/events', { events: [event()], dryRun: true }), 'dryRun');
    expect(error.details!.find((d) => d.path === 'dryRun')!.message).toMatch(/unknown/i);
    expectValidation(await api.post('/events', { event: [event()] }), 'event');
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
  });

  it('properties are limited to 16,384 bytes of UTF-8 JSON', async () => {
    api = await setup();
    // {"blob":"…"} is 11 bytes plus the string.
    const exact = { blob: 'x'.repeat(16_384 - 11) };
    expect(Buffer.byteLength(JSON.stringify(exact))).toBe(16_384);
    const over = { blob: 'x'.repeat(16_384 - 10) };
    // Bytes, not characters: 8,187 × "é" is 16,374 bytes, 16,385 with the wrapper.
    const multibyte = { blob: 'é'.repeat(8_187) };
    const result = await ingest(api, [
      event({ id: 'exact', properties: exact }),
      event({ id: 'over', properties: over }),
      event({ id: 'multibyte', properties: multibyte }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((r) => [r.index, r.error.details[0].path])).toEqual([
      [1, 'properties'],
      [2, 'properties'],
    ]);
    const stored = await timeline('c1');
    expect(stored.items.map((e) => e.id)).toEqual(['exact']);
    expect(stored.items[0].properties).toEqual(exact);
  });
});

describe('POST /events: ids and idempotency', () => {
  it('a repeated id is a duplicate: not stored again, score unchanged', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 5 })] });
    expect(await ingest(api, [event({ id: 'e1' })])).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await score(api, 'c1', profile.id)).score).toBe(5);
    const historyBefore = await history(api, 'c1', profile.id);

    expect(await ingest(api, [event({ id: 'e1' })])).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // Same id, different content: still a duplicate that changes nothing.
    expect(
      await ingest(api, [event({ id: 'e1', type: 'form.submitted', properties: { formId: 'f' } })]),
    ).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
    expect((await score(api, 'c1', profile.id)).score).toBe(5);
    const events = await timeline('c1');
    expect(events.items).toHaveLength(1);
    expect(events.items[0].type).toBe('email.opened');
    expect(await history(api, 'c1', profile.id)).toEqual(historyBefore);
  });

  it('duplicate ids within one batch count once', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 5 })] });
    const result = await ingest(api, [
      event({ id: 'e1' }),
      event({ id: 'e1' }),
      event({ id: 'e2' }),
      event({ id: 'e1' }),
    ]);
    expect(result).toEqual({ accepted: 2, duplicates: 2, rejected: [] });
    // 2 opens × 5
    expect((await score(api, 'c1', profile.id)).score).toBe(10);
    expect((await timeline('c1')).items.map((e) => e.id).sort()).toEqual(['e1', 'e2']);
  });

  it('concurrent retries of the same event store it once', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 5 })] });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => api.post('/events', { events: [event({ id: 'retry' })] })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.reduce((sum, r) => sum + r.body.accepted, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.body.duplicates, 0)).toBe(19);
    expect((await score(api, 'c1', profile.id)).score).toBe(5);
    expect((await timeline('c1')).items).toHaveLength(1);
  });

  it('ids are unique per account, not per contact', async () => {
    api = await setup();
    await ingest(api, [event({ id: 'same', contactId: 'a' })]);
    expect(await ingest(api, [event({ id: 'same', contactId: 'b' })])).toEqual({
      accepted: 0,
      duplicates: 1,
      rejected: [],
    });
    expectError(await api.get('/contacts/b'), 404, 'not_found');
  });

  it('without an id the server assigns one, and two such events are two events', async () => {
    api = await setup();
    expect((await ingest(api, [event(), event()])).accepted).toBe(2);
    const items = (await timeline('c1')).items;
    expect(items).toHaveLength(2);
    expect(items[0].id).not.toBe(items[1].id);
  });
});

describe('POST /events: occurredAt', () => {
  it('more than 5 minutes ahead is rejected; up to 5 minutes ahead is stored at receive time', async () => {
    api = await setup();
    const result = await ingest(api, [
      event({ id: 'too-far', occurredAt: iso(T0 + 5 * MINUTE + 1) }),
      event({ id: 'edge', occurredAt: iso(T0 + 5 * MINUTE) }),
      event({ id: 'ahead', occurredAt: iso(T0 + 2 * MINUTE) }),
      event({ id: 'past', occurredAt: iso(T0 - HOUR) }),
      event({ id: 'offset', occurredAt: '2026-06-01T13:00:00+02:00' }), // = T0 − 1 h
      event({ id: 'default' }),
    ]);
    expect(result.accepted).toBe(5);
    expect(result.rejected).toEqual([
      {
        index: 0,
        error: expect.objectContaining({
          code: 'validation_failed',
          details: [expect.objectContaining({ path: 'occurredAt' })],
        }),
      },
    ]);
    const byId = Object.fromEntries((await timeline('c1')).items.map((e) => [e.id, e]));
    expect(byId['too-far']).toBeUndefined();
    expect(byId.edge.occurredAt).toBe(iso(T0));
    expect(byId.ahead.occurredAt).toBe(iso(T0));
    expect(byId.past.occurredAt).toBe(iso(T0 - HOUR));
    expect(byId.offset.occurredAt).toBe(iso(T0 - HOUR));
    expect(byId.default.occurredAt).toBe(iso(T0));
    for (const e of Object.values(byId) as any[]) expect(e.receivedAt).toBe(iso(T0));
  });

  it('late events are scored as if they had arrived in order', async () => {
    api = await setup();
    // +10 per open; −5 once for each silence of 30 days or more; no floor.
    const profile = await publishedProfile(api, {
      minScore: null,
      rules: [eventRule({ id: 'open', points: 10 }), inactivityRule({ id: 'quiet', days: 30, points: -5 })],
    });
    await putContact(api, 'c1', {}); // createdAt = T0 = a₀
    api.h.clock.set(T0 + 40 * DAY);
    await ingest(api, [event({ id: 'now', occurredAt: iso(T0 + 40 * DAY) })]);
    // gaps of [T0, T0+40d, now]: 40 d (counts once), 0 → 10 − 5 = 5
    expect((await score(api, 'c1', profile.id)).score).toBe(5);

    await ingest(api, [event({ id: 'late', occurredAt: iso(T0 + 20 * DAY) })]);
    // gaps of [T0, T0+20d, T0+40d, now]: 20 d, 20 d, 0 — no silence of 30 d → 2 × 10 = 20
    const now = await score(api, 'c1', profile.id);
    expect(now.score).toBe(20);
    expect(now.breakdown).toEqual([expect.objectContaining({ ruleId: 'open', count: 2, points: 20 })]);
    // The same as evaluating the full history at this instant.
    expect((await score(api, 'c1', profile.id, iso(T0 + 40 * DAY))).score).toBe(20);

    const latest = (await history(api, 'c1', profile.id)).items[0];
    expect(latest).toMatchObject({ from: 5, to: 20, reason: { kind: 'event', eventId: 'late' } });
    expect([...latest.reason.ruleIds].sort()).toEqual(['open', 'quiet']);

    const ordered = (await timeline('c1')).items.map((e) => e.id);
    expect(ordered).toEqual(['now', 'late']);
  });

  it('a late event that has already expired adds nothing; one still live counts until it expires', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [eventRule({ id: 'form', eventType: 'form.submitted', points: 20, expiresAfterDays: 7 })],
    });
    await ingest(api, [event({ id: 'old', type: 'form.submitted', occurredAt: iso(T0 - 10 * DAY) })]);
    expect((await score(api, 'c1', profile.id)).score).toBe(0);
    await ingest(api, [event({ id: 'recent', type: 'form.submitted', occurredAt: iso(T0 - 3 * DAY) })]);
    const s = await score(api, 'c1', profile.id);
    expect(s.score).toBe(20);
    expect(s.nextChangeAt).toBe(iso(T0 + 4 * DAY));
  });
});

describe('POST /events: contacts', () => {
  it('an event for an unknown contact creates it (createdAt = when first seen) and scores it', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 5 })] });
    await ingest(api, [event({ contactId: 'new-1', occurredAt: iso(T0 - DAY) })]);
    const contact = await api.get('/contacts/new-1');
    expect(contact.status).toBe(200);
    expect(contact.body).toMatchObject({
      id: 'new-1',
      name: null,
      tags: [],
      createdAt: iso(T0),
      lastInteractionAt: iso(T0 - DAY),
    });
    expect(contact.body.scores[profile.id]).toMatchObject({ score: 5, tier: 'Low', version: 1 });
    // It exists now: a PUT updates it.
    const put = await api.put('/contacts/new-1', { name: 'New One' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'New One', createdAt: iso(T0), lastInteractionAt: iso(T0 - DAY) });
  });

  it('any event older than the contact moves a₀ back, even one that is not an interaction', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      minScore: null,
      rules: [inactivityRule({ id: 'quiet', days: 5, points: -5 })],
    });
    await putContact(api, 'c1'); // createdAt T0
    expect((await score(api, 'c1', profile.id)).score).toBe(0);
    // email.bounced is not an interaction, but a₀ becomes T0 − 10 d: a 10-day silence up to now → −5
    await ingest(api, [event({ type: 'email.bounced', occurredAt: iso(T0 - 10 * DAY) })]);
    expect((await score(api, 'c1', profile.id)).score).toBe(-5);
    expect((await api.get('/contacts/c1')).body.createdAt).toBe(iso(T0));
  });

  it('lastInteractionAt follows interaction events only and keeps the latest', async () => {
    api = await setup();
    await ingest(api, [event({ type: 'email.bounced', occurredAt: iso(T0 - HOUR) })]);
    expect((await api.get('/contacts/c1')).body.lastInteractionAt).toBeNull();
    await ingest(api, [
      event({ type: 'page.viewed', occurredAt: iso(T0 - 3 * HOUR) }),
      event({ type: 'message.sent', occurredAt: iso(T0 - 10 * MINUTE) }),
      event({ type: 'webinar.attended', occurredAt: iso(T0 - 2 * HOUR) }), // custom: an interaction
    ]);
    expect((await api.get('/contacts/c1')).body.lastInteractionAt).toBe(iso(T0 - 2 * HOUR));
    await ingest(api, [event({ type: 'email.opened', occurredAt: iso(T0 - 5 * HOUR) })]); // older: no change
    expect((await api.get('/contacts/c1')).body.lastInteractionAt).toBe(iso(T0 - 2 * HOUR));
  });
});

describe('GET /contacts/{id}/events: the timeline', () => {
  const seed = async () => {
    // Deliberately out of order; two events share an instant.
    await ingest(api, [
      event({
        id: 'e3',
        type: 'email.clicked',
        occurredAt: iso(T0 - 3 * HOUR),
        properties: { url: 'https://a.test' },
      }),
      event({ id: 'e1', occurredAt: iso(T0 - 5 * HOUR) }),
      event({ id: 'e5', occurredAt: iso(T0 - 1 * HOUR) }),
      event({ id: 'e2', type: 'form.submitted', occurredAt: iso(T0 - 4 * HOUR) }),
      event({ id: 'e4b', occurredAt: iso(T0 - 2 * HOUR) }),
      event({ id: 'e4a', type: 'email.clicked', occurredAt: iso(T0 - 2 * HOUR) }),
      event({ id: 'other', contactId: 'c2' }),
    ]);
  };

  it('is newest first with the event shape', async () => {
    api = await setup();
    await seed();
    const page = await timeline('c1');
    expect(page.nextCursor).toBeNull();
    const order = page.items.map((e) => e.id);
    expect(order).toHaveLength(6);
    expect(order[0]).toBe('e5');
    expect(order.slice(1, 3).sort()).toEqual(['e4a', 'e4b']);
    expect(order.slice(3)).toEqual(['e3', 'e2', 'e1']);
    expect(page.items.find((e) => e.id === 'e3')).toEqual({
      id: 'e3',
      contactId: 'c1',
      type: 'email.clicked',
      occurredAt: iso(T0 - 3 * HOUR),
      receivedAt: iso(T0),
      properties: { url: 'https://a.test' },
    });
  });

  it('pages with a cursor, visiting each event once in the same order', async () => {
    api = await setup();
    await seed();
    const full = (await timeline('c1')).items.map((e) => e.id);
    for (const limit of [1, 2, 4]) {
      const pages = await allPages(api, `/contacts/c1/events?limit=${limit}`);
      expect(pages.flat().map((e) => e.id)).toEqual(full);
      expect(pages.every((p) => p.length <= limit)).toBe(true);
    }
  });

  it('filters by type, also across pages', async () => {
    api = await setup();
    await seed();
    const clicks = await timeline('c1', '?type=email.clicked');
    expect(clicks.items.map((e) => e.id)).toEqual(['e4a', 'e3']);
    const pages = await allPages(api, '/contacts/c1/events?type=email.opened&limit=1');
    expect(pages.flat().map((e) => e.id)).toEqual(['e5', 'e4b', 'e1']);
    expect((await timeline('c1', '?type=payment.succeeded')).items).toEqual([]);
  });

  it('rejects a bad limit or cursor, and 404s for an unknown contact', async () => {
    api = await setup();
    await seed();
    expectValidation(await api.get('/contacts/c1/events?limit=0'), 'limit');
    expectValidation(await api.get('/contacts/c1/events?limit=201'), 'limit');
    expectValidation(await api.get('/contacts/c1/events?cursor=not-a-cursor'), 'cursor');
    expectValidation(await api.get('/contacts/c1/events?color=red'), 'color');
    expectError(await api.get('/contacts/nobody/events'), 404, 'not_found');
  });
});
