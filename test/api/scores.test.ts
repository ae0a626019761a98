import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  DEFAULT_TIERS,
  HOUR,
  MINUTE,
  T0,
  adjust,
  allPages,
  createProfile,
  event,
  eventRule,
  expectError,
  expectValidation,
  history,
  inactivityRule,
  ingest,
  iso,
  publish,
  publishedProfile,
  putContact,
  score,
  setup,
  stateRule,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

/**
 * The "Lead" profile used below (bounds 0..100, default tiers):
 *   open     +5 per email.opened, at most 3 times
 *   pricing  +15 per email.clicked whose url contains "pricing" (case-insensitive)
 *   form     +20 per form.submitted, each expiring after 30 days
 *   quiet    −10 once per silence of 14 days
 *   vip      +7 while the contact is tagged vip
 */
const LEAD_RULES = [
  eventRule({ id: 'open', points: 5, maxTimes: 3 }),
  eventRule({
    id: 'pricing',
    eventType: 'email.clicked',
    points: 15,
    where: [{ property: 'url', op: 'contains', value: 'pricing' }],
  }),
  eventRule({ id: 'form', eventType: 'form.submitted', points: 20, expiresAfterDays: 30 }),
  inactivityRule({ id: 'quiet', days: 14, points: -10 }),
  stateRule({ id: 'vip', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 7 }),
];

/** c1 (tagged vip, created T0), the Lead profile published at T0, then one batch of events. */
async function leadScenario() {
  api = await setup();
  await putContact(api, 'c1', { tags: ['vip'] });
  const profile = await createProfile(api, { name: 'Lead', maxScore: 100, rules: LEAD_RULES });
  await publish(api, profile.id);
  await ingest(api, [
    event({ id: 'f1', type: 'form.submitted', occurredAt: iso(T0 - 10 * DAY) }),
    event({ id: 'o1', occurredAt: iso(T0 - 4 * HOUR) }),
    event({ id: 'o2', occurredAt: iso(T0 - 3 * HOUR) }),
    event({ id: 'o3', occurredAt: iso(T0 - 2 * HOUR) }),
    event({ id: 'o4', occurredAt: iso(T0 - 1 * HOUR) }),
    event({
      id: 'k1',
      type: 'email.clicked',
      occurredAt: iso(T0 - 30 * MINUTE),
      properties: { url: 'https://x.test/PRICING' },
    }),
    event({
      id: 'k2',
      type: 'email.clicked',
      occurredAt: iso(T0 - 20 * MINUTE),
      properties: { url: 'https://x.test/blog' },
    }),
  ]);
  return profile.id as string;
}

const byRule = (breakdown: any[]) =>
  Object.fromEntries(breakdown.map((l) => [l.ruleId, { count: l.count, points: l.points }]));
const sumOfLines = (s: any) => s.breakdown.reduce((sum: number, l: any) => sum + l.points, 0) + s.manual;

describe('GET /contacts/{id}/scores/{profileId}', () => {
  it('gives the score, tier, version and a breakdown whose lines sum to raw', async () => {
    const profileId = await leadScenario();
    const s = await score(api, 'c1', profileId);
    // open 3×5 (the 4th is over maxTimes) + pricing 1×15 (the blog click does not match) + form 20 + vip 7 = 57;
    // a₀ = T0−10d (the form), the longest silence is under 14 days: quiet adds nothing.
    expect(s).toMatchObject({
      score: 57,
      raw: 57,
      tier: { name: 'High', action: 'Prioritize for immediate sales outreach' },
      version: 1,
      manual: 0,
      computedAt: iso(T0),
    });
    expect(byRule(s.breakdown)).toEqual({
      open: { count: 3, points: 15 },
      pricing: { count: 1, points: 15 },
      form: { count: 1, points: 20 },
      vip: { count: 1, points: 7 },
    });
    for (const line of s.breakdown) expect(typeof line.description).toBe('string');
    expect(sumOfLines(s)).toBe(s.raw);
    // Next change: the silence since the last interaction (T0−20m) reaches 14 days before the form expires (T0+20d).
    expect(s.nextChangeAt).toBe(iso(T0 - 20 * MINUTE + 14 * DAY));
  });

  it('a tier without an action shows action null; clamping keeps raw', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      maxScore: 12,
      rules: [eventRule({ id: 'open', points: 5 })],
      tiers: [
        { name: 'Warm', minScore: 10 },
        { name: 'Cold', minScore: null, action: 'Wait' },
      ],
    });
    await ingest(api, [event(), event(), event()]);
    const s = await score(api, 'c1', profile.id);
    // 3 × 5 = 15 → clamped to 12 → Warm
    expect(s).toMatchObject({ score: 12, raw: 15, tier: { name: 'Warm', action: null }, nextChangeAt: null });
    expect(sumOfLines(s)).toBe(15);
    await putContact(api, 'c2');
    expect(await score(api, 'c2', profile.id)).toMatchObject({
      score: 0,
      raw: 0,
      tier: { name: 'Cold', action: 'Wait' },
      breakdown: [],
    });
  });

  it('?at= evaluates as of that instant: later events and adjustments are ignored, attributes are current', async () => {
    const profileId = await leadScenario();
    api.h.clock.set(T0 + DAY);
    await ingest(api, [
      event({
        id: 'k3',
        type: 'email.clicked',
        occurredAt: iso(T0 + 12 * HOUR),
        properties: { url: 'https://x.test/pricing' },
      }),
    ]);
    await adjust(api, 'c1', profileId, { delta: 10, note: 'met at the fair' });
    // Now: 57 + 15 (k3) + 10 (adjustment) = 82
    expect((await score(api, 'c1', profileId)).score).toBe(82);

    const atT0 = await score(api, 'c1', profileId, iso(T0));
    expect(atT0).toMatchObject({ score: 57, raw: 57, manual: 0, computedAt: iso(T0) });
    // Before the adjustment, after k3: 57 + 15
    expect(await score(api, 'c1', profileId, iso(T0 + DAY - MINUTE))).toMatchObject({ score: 72, manual: 0 });
    // The adjustment was made at T0+1d: included at that very instant.
    expect(await score(api, 'c1', profileId, iso(T0 + DAY))).toMatchObject({ score: 82, manual: 10 });
    // At T0−2h30: f1, o1, o2 only → 2×5 + 20 + vip 7 = 37
    const earlier = await score(api, 'c1', profileId, iso(T0 - 150 * MINUTE));
    expect(earlier.score).toBe(37);
    expect(byRule(earlier.breakdown)).toEqual({
      open: { count: 2, points: 10 },
      form: { count: 1, points: 20 },
      vip: { count: 1, points: 7 },
    });
    // Before any event and before the contact existed: only the (current) vip tag counts.
    expect((await score(api, 'c1', profileId, iso(T0 - 20 * DAY))).score).toBe(7);
    // Zone offsets are instants like any other.
    expect((await score(api, 'c1', profileId, '2026-06-01T14:00:00+02:00')).score).toBe(57);
    expectValidation(await api.get(`/contacts/c1/scores/${profileId}?at=yesterday`), 'at');
    expectValidation(await api.get(`/contacts/c1/scores/${profileId}?when=now`), 'when');
  });

  it('404 for an unknown contact or profile; 409 for a profile that is not published', async () => {
    api = await setup();
    const profile = await publishedProfile(api);
    const draft = await createProfile(api, { name: 'Draft' });
    await putContact(api, 'c1');
    expectError(await api.get(`/contacts/nobody/scores/${profile.id}`), 404, 'not_found');
    expectError(await api.get('/contacts/c1/scores/prf_missing'), 404, 'not_found');
    expectError(await api.get(`/contacts/c1/scores/${draft.id}`), 409, 'conflict');
  });
});

describe('interaction types', () => {
  it('a profile may override which events count as interactions; each published profile scores on its own', async () => {
    api = await setup();
    const quiet = inactivityRule({ id: 'quiet', days: 10, points: -5 });
    const byDefault = await publishedProfile(api, { name: 'Default', minScore: null, rules: [quiet] });
    const formsOnly = await publishedProfile(api, {
      name: 'Forms only',
      minScore: null,
      rules: [quiet],
      interactionTypes: ['form.submitted'],
    });
    await putContact(api, 'c1'); // a₀ = T0
    api.h.clock.set(T0 + 15 * DAY);
    await ingest(api, [
      event({ occurredAt: iso(T0 + 5 * DAY) }),
      event({ occurredAt: iso(T0 + 10 * DAY) }),
      event({ occurredAt: iso(T0 + 15 * DAY) }),
    ]);
    // Default: opens are interactions → silences of 5, 5, 5, 0 days → nothing.
    expect((await score(api, 'c1', byDefault.id)).score).toBe(0);
    // Forms only: no interaction since a₀ → one 15-day silence → −5.
    expect((await score(api, 'c1', formsOnly.id)).score).toBe(-5);
    const contact = (await api.get('/contacts/c1')).body;
    expect(contact.scores[byDefault.id].score).toBe(0);
    expect(contact.scores[formsOnly.id].score).toBe(-5);
  });
});

describe('history', () => {
  it('records every change, newest first, with its reason', async () => {
    const profileId = await leadScenario();
    const h = await history(api, 'c1', profileId);
    expect(h.nextCursor).toBeNull();
    // publish (null → 7), then the batch in occurredAt order: f1 27, o1 32, o2 37, o3 42, o4 (capped: no change),
    // k1 57, k2 (does not match: no change).
    expect(h.items).toEqual([
      { at: iso(T0), from: 42, to: 57, reason: { kind: 'event', eventId: 'k1', ruleIds: ['pricing'] } },
      { at: iso(T0), from: 37, to: 42, reason: { kind: 'event', eventId: 'o3', ruleIds: ['open'] } },
      { at: iso(T0), from: 32, to: 37, reason: { kind: 'event', eventId: 'o2', ruleIds: ['open'] } },
      { at: iso(T0), from: 27, to: 32, reason: { kind: 'event', eventId: 'o1', ruleIds: ['open'] } },
      { at: iso(T0), from: 7, to: 27, reason: { kind: 'event', eventId: 'f1', ruleIds: ['form'] } },
      { at: iso(T0), from: null, to: 7, reason: { kind: 'publish', version: 1 } },
    ]);
  });

  it('pages with a cursor, newest first, each entry once', async () => {
    const profileId = await leadScenario();
    api.h.clock.advance(HOUR);
    await adjust(api, 'c1', profileId, { delta: -1 });
    api.h.clock.advance(HOUR);
    await adjust(api, 'c1', profileId, { delta: -2 });
    const full = (await history(api, 'c1', profileId)).items;
    expect(full.map((i) => i.to)).toEqual([54, 56, 57, 42, 37, 32, 27, 7]);
    for (let i = 1; i < full.length; i++)
      expect(Date.parse(full[i].at)).toBeLessThanOrEqual(Date.parse(full[i - 1].at));
    for (const limit of [1, 3, 5]) {
      const pages = await allPages(api, `/contacts/c1/scores/${profileId}/history?limit=${limit}`);
      expect(pages.flat()).toEqual(full);
    }
    expectValidation(await api.get(`/contacts/c1/scores/${profileId}/history?limit=0`), 'limit');
    expectValidation(await api.get(`/contacts/c1/scores/${profileId}/history?limit=201`), 'limit');
    expectValidation(await api.get(`/contacts/c1/scores/${profileId}/history?cursor=nope`), 'cursor');
    expectError(await api.get(`/contacts/nobody/scores/${profileId}/history`), 404, 'not_found');
    expectError(await api.get('/contacts/c1/scores/prf_missing/history'), 404, 'not_found');
  });
});

describe('adjustments', () => {
  it('delta adds; set makes the score read X right after; both are in history as manual', async () => {
    const profileId = await leadScenario();
    const down = await adjust(api, 'c1', profileId, { delta: -50, note: 'bad fit' });
    // 57 − 50
    expect(down).toMatchObject({ score: 7, raw: 7, manual: -50, tier: { name: 'Low' }, version: 1 });
    expect(sumOfLines(down)).toBe(7);

    api.h.clock.advance(MINUTE);
    const set = await adjust(api, 'c1', profileId, { set: 80, note: 'hot lead' });
    // delta = 80 − 7 = 73; manual −50 + 73 = 23
    expect(set).toMatchObject({ score: 80, raw: 80, manual: 23, tier: { name: 'High' } });
    expect(sumOfLines(set)).toBe(80);
    expect((await score(api, 'c1', profileId)).score).toBe(80);
    expect((await api.get('/contacts/c1')).body.scores[profileId].score).toBe(80);

    const h = (await history(api, 'c1', profileId)).items;
    expect(h[0]).toMatchObject({
      at: iso(T0 + MINUTE),
      from: 7,
      to: 80,
      reason: { kind: 'manual', note: 'hot lead' },
    });
    expect(h[1]).toMatchObject({ at: iso(T0), from: 57, to: 7, reason: { kind: 'manual', note: 'bad fit' } });
    // Who made it: with an API key there is no user, so the key is named.
    const keyId = (await api.get('/api-keys')).body.items[0].id;
    expect(h[0].reason.userId ?? h[0].reason.apiKeyId).toBe(keyId);

    // Adjustments stay when new events arrive: one more pricing click, 80 + 15.
    await ingest(api, [event({ type: 'email.clicked', properties: { url: '/pricing' } })]);
    expect((await score(api, 'c1', profileId)).score).toBe(95);
  });

  it('set beyond the bounds is a 400 naming set (the score could never read it); set at a bound works', async () => {
    const profileId = await leadScenario();
    const path = `/contacts/c1/scores/${profileId}/adjustments`;
    // bounds are 0..100: 150 and −5 can never be read back
    expectValidation(await api.post(path, { set: 150 }), 'set');
    expectValidation(await api.post(path, { set: -5 }), 'set');
    // nothing was recorded: raw is still 57
    expect((await api.get(`/contacts/c1/scores/${profileId}`)).body).toMatchObject({ raw: 57, manual: 0 });
    // raw 57 → set 100: delta 43
    expect(await adjust(api, 'c1', profileId, { set: 100 })).toMatchObject({
      raw: 100,
      score: 100,
      manual: 43,
    });
    // delta may still push raw past the ceiling; the score is clamped: 100 + 25 = 125 → 100
    expect(await adjust(api, 'c1', profileId, { delta: 25 })).toMatchObject({
      raw: 125,
      score: 100,
      manual: 68,
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['both delta and set', { delta: 1, set: 5 }],
    ['neither delta nor set', { note: 'nothing' }],
    ['an empty body', {}],
    ['a fractional delta', { delta: 1.5 }],
    ['a string set', { set: '10' }],
    ['a null delta', { delta: null }],
    ['a huge delta', { delta: 1e15 }],
    ['a note that is too long', { delta: 1, note: 'x'.repeat(1001) }],
    ['an unknown field', { delta: 1, reason: 'x' }],
  ])('rejects %s with 400 and changes nothing', async (_label, body) => {
    const profileId = await leadScenario();
    expectError(
      await api.post(`/contacts/c1/scores/${profileId}/adjustments`, body),
      400,
      'validation_failed',
    );
    expect((await score(api, 'c1', profileId)).score).toBe(57);
    expect((await history(api, 'c1', profileId)).items[0].reason.kind).toBe('event');
  });

  it('404 for an unknown contact or profile', async () => {
    const profileId = await leadScenario();
    expectError(
      await api.post(`/contacts/nobody/scores/${profileId}/adjustments`, { delta: 1 }),
      404,
      'not_found',
    );
    expectError(
      await api.post('/contacts/c1/scores/prf_missing/adjustments', { delta: 1 }),
      404,
      'not_found',
    );
    expectError(await api.get('/contacts/nobody'), 404, 'not_found');
  });
});

describe('GET /profiles/{id}/distribution', () => {
  it('gives a histogram and tier counts of current scores', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [] });
    const scores = [0, 0, 5, 20, 35, 60, 60, 100];
    for (const [i, target] of scores.entries()) {
      await putContact(api, `c${i}`);
      if (target !== 0) await adjust(api, `c${i}`, profile.id, { set: target });
    }
    const res = await api.get(`/profiles/${profile.id}/distribution`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.version).toBe(1);
    expect(d.contacts).toBe(8);
    // High ≥ 50: 60, 60, 100; Medium 20–49: 20, 35; Low 1–19: 5; Very low: 0, 0
    expect(d.tiers).toEqual([
      { ...DEFAULT_TIERS[0], count: 3 },
      { ...DEFAULT_TIERS[1], count: 2 },
      { ...DEFAULT_TIERS[2], count: 1 },
      { ...DEFAULT_TIERS[3], count: 2 },
    ]);
    expect(d.histogram.length).toBeGreaterThan(0);
    expect(d.histogram[0].from).toBeLessThanOrEqual(0);
    expect(d.histogram.at(-1).to).toBeGreaterThanOrEqual(100);
    for (const [i, b] of d.histogram.entries()) {
      expect(Object.keys(b).sort()).toEqual(['count', 'from', 'to']);
      if (i > 0) expect(b.from).toBe(d.histogram[i - 1].to + 1);
      expect(b.count).toBe(scores.filter((s) => b.from <= s && s <= b.to).length);
    }

    // It follows score changes.
    await adjust(api, 'c7', profile.id, { set: 10 });
    const after = (await api.get(`/profiles/${profile.id}/distribution`)).body;
    expect(after.tiers.map((t: any) => t.count)).toEqual([2, 2, 2, 2]);
    expectError(await api.get('/profiles/prf_missing/distribution'), 404, 'not_found');
  });

  it('is empty for an account without contacts', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [] });
    const d = (await api.get(`/profiles/${profile.id}/distribution`)).body;
    expect(d).toMatchObject({ version: 1, contacts: 0, histogram: [] });
    expect(d.tiers.map((t: any) => t.count)).toEqual([0, 0, 0, 0]);
  });
});
