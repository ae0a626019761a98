import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  MINUTE,
  T0,
  adjust,
  allPages,
  createUser,
  event,
  eventRule,
  expectError,
  expectValidation,
  history,
  ids,
  inactivityRule,
  ingest,
  iso,
  publishedProfile,
  putContact,
  setup,
  stateRule,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

describe('PUT /contacts/{id}', () => {
  it('creates with 201, then updates with 200; given fields replace stored ones, others stay', async () => {
    api = await setup();
    const userId = await createUser(api.h, api.key);
    const created = await api.put('/contacts/c1', {
      name: 'Ann Lee',
      email: 'ann@acme.test',
      phone: '+1 555 0100',
      tags: ['lead', 'vip'],
      assignedTo: userId,
      dnd: { sms: true },
      fields: { industry: 'saas', seats: 12 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'c1',
      name: 'Ann Lee',
      email: 'ann@acme.test',
      phone: '+1 555 0100',
      tags: ['lead', 'vip'],
      assignedTo: userId,
      dnd: { sms: true },
      fields: { industry: 'saas', seats: 12 },
      createdAt: iso(T0),
      updatedAt: iso(T0),
      lastInteractionAt: null,
      scores: {},
      conversation: null,
    });

    api.h.clock.advance(MINUTE);
    const updated = await api.put('/contacts/c1', {
      tags: ['customer'],
      email: null,
      fields: { plan: 'pro' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Ann Lee',
      email: null,
      phone: '+1 555 0100',
      tags: ['customer'],
      assignedTo: userId,
      dnd: { sms: true },
      fields: { plan: 'pro' },
      createdAt: iso(T0),
      updatedAt: iso(T0 + MINUTE),
    });
    expect((await api.get('/contacts/c1')).body).toEqual(updated.body);
    expect((await api.put('/contacts/c1', {})).status).toBe(200);
  });

  it('accepts a createdAt in the past and rejects one more than 5 minutes ahead', async () => {
    api = await setup();
    expect((await putContact(api, 'old', { createdAt: '2025-01-01T00:00:00Z' })).createdAt).toBe(
      '2025-01-01T00:00:00.000Z',
    );
    expectValidation(await api.put('/contacts/future', { createdAt: iso(T0 + 6 * MINUTE) }), 'createdAt');
    expectError(await api.get('/contacts/future'), 404, 'not_found');
  });

  it('the id export.csv is reserved', async () => {
    api = await setup();
    expectValidation(await api.put('/contacts/export.csv', { name: 'x' }), 'id');
  });

  it.each([
    ['a space', 'has%20space'],
    ['a bang', 'bad!id'],
    ['a quote', "o'brien"],
    ['non-ASCII', 'j%C3%BCrgen'],
    ['129 characters', 'x'.repeat(129)],
  ])('an id with %s is 400 on PUT, GET and DELETE', async (_label, id) => {
    api = await setup();
    expectValidation(await api.put(`/contacts/${id}`, {}), 'id');
    expectValidation(await api.get(`/contacts/${id}`), 'id');
    expectValidation(await api.del(`/contacts/${id}`), 'id');
  });

  it('accepts every allowed id character and 128 characters', async () => {
    api = await setup();
    for (const id of ['A-z.0_9:x@y', 'y'.repeat(128)]) {
      expect((await api.put(`/contacts/${id}`, {})).status).toBe(201);
      expect((await api.get(`/contacts/${id}`)).body.id).toBe(id);
    }
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['tags as a string', { tags: 'vip' }, 'tags'],
    ['an empty tag', { tags: [''] }, 'tags.0'],
    ['an unknown DND channel', { dnd: { fax: true } }, 'dnd.fax'],
    ['a DND flag that is not a boolean', { dnd: { all: 'yes' } }, 'dnd.all'],
    ['fields as a list', { fields: [1, 2] }, 'fields'],
    ['a createdAt without a zone', { createdAt: '2026-01-01T00:00:00' }, 'createdAt'],
    ['a number for a name', { name: 5 }, 'name'],
    ['an unknown field', { nickname: 'Annie' }, 'nickname'],
    ['scores (read-only)', { scores: {} }, 'scores'],
  ])('rejects %s with 400 naming the field', async (_label, body, path) => {
    api = await setup();
    expectValidation(await api.put('/contacts/c1', body), path);
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
  });
});

describe('GET /contacts/{id}', () => {
  it('has a score for every published profile (and none for drafts) and lastInteractionAt', async () => {
    api = await setup();
    const lead = await publishedProfile(api, {
      name: 'Lead',
      rules: [eventRule({ id: 'open', points: 25 })],
    });
    const re = await publishedProfile(api, {
      name: 'Re-engagement',
      rules: [eventRule({ id: 'open', points: 60 })],
    });
    const draft = (await api.post('/profiles', { name: 'Draft only' })).body;
    await ingest(api, [event({ occurredAt: iso(T0 - DAY) })]);
    const res = await api.get('/contacts/c1');
    expect(res.status).toBe(200);
    expect(res.body.lastInteractionAt).toBe(iso(T0 - DAY));
    expect(Object.keys(res.body.scores).sort()).toEqual([lead.id, re.id].sort());
    expect(res.body.scores[lead.id]).toEqual({ score: 25, tier: 'Medium', version: 1, updatedAt: iso(T0) });
    expect(res.body.scores[re.id]).toEqual({ score: 60, tier: 'High', version: 1, updatedAt: iso(T0) });
    expect(res.body.scores[draft.id]).toBeUndefined();
  });

  it('404s for an unknown contact', async () => {
    api = await setup();
    expectError(await api.get('/contacts/nobody'), 404, 'not_found');
  });
});

describe('attribute changes rescore state rules', () => {
  it('a DND change that flips a state rule rescores, with history reason "attributes"', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [eventRule({ id: 'open', points: 30 }), stateRule({ id: 'dnd', points: -20 })],
    });
    await ingest(api, [event()]);
    expect((await api.get('/contacts/c1')).body.scores[profile.id]).toMatchObject({
      score: 30,
      tier: 'Medium',
    });

    const on = await api.put('/contacts/c1', { dnd: { all: true } });
    expect(on.status).toBe(200);
    // 30 − 20
    expect(on.body.scores[profile.id]).toMatchObject({ score: 10, tier: 'Low' });
    let h = await history(api, 'c1', profile.id);
    expect(h.items[0]).toMatchObject({ from: 30, to: 10, reason: { kind: 'attributes' } });
    const entries = h.items.length;

    // Every channel on (without the all flag) still means dnd.all: no change, no new history.
    const channels = {
      email: true,
      sms: true,
      whatsapp: true,
      call: true,
      facebook: true,
      instagram: true,
      live_chat: true,
      gmb: true,
    };
    expect((await api.put('/contacts/c1', { dnd: channels })).body.scores[profile.id].score).toBe(10);
    expect((await history(api, 'c1', profile.id)).items).toHaveLength(entries);

    // One channel off: the rule no longer holds.
    const off = await api.put('/contacts/c1', { dnd: { ...channels, gmb: false } });
    expect(off.body.scores[profile.id]).toMatchObject({ score: 30, tier: 'Medium' });
    h = await history(api, 'c1', profile.id);
    expect(h.items[0]).toMatchObject({ from: 10, to: 30, reason: { kind: 'attributes' } });
    expect((await api.get(`/contacts/c1/scores/${profile.id}`)).body.score).toBe(30);
  });

  it('tags, fields and assignment drive state rules too', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      minScore: null,
      rules: [
        stateRule({ id: 'vip', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 40 }),
        stateRule({ id: 'big', when: { field: 'fields.seats', op: 'gte', value: 100 }, points: 15 }),
        stateRule({
          id: 'unassigned',
          when: { field: 'assignedTo', op: 'exists', value: false },
          points: -3,
        }),
      ],
    });
    // Unassigned, no tags, no fields: −3
    expect((await putContact(api, 'c1', {})).scores[profile.id].score).toBe(-3);
    // Tag match is exact and case-insensitive: 40 − 3
    expect((await putContact(api, 'c1', { tags: ['VIP'] })).scores[profile.id].score).toBe(37);
    expect((await putContact(api, 'c1', { fields: { seats: 150 } })).scores[profile.id].score).toBe(52);
    const userId = await createUser(api.h, api.key);
    expect((await putContact(api, 'c1', { assignedTo: userId })).scores[profile.id].score).toBe(55);
    expect((await putContact(api, 'c1', { tags: ['vip-gold'] })).scores[profile.id].score).toBe(15);
  });
});

describe('createdAt is a₀ for inactivity', () => {
  it('moving createdAt back rescores the silence since then, as an attribute change', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      minScore: null,
      rules: [inactivityRule({ id: 'quiet', days: 30, points: -5 })],
    });
    expect((await putContact(api, 'c1', {})).scores[profile.id].score).toBe(0);
    // a₀ = T0 − 40 d, no interaction since: one silence of ≥ 30 days → −5
    const moved = await putContact(api, 'c1', { createdAt: iso(T0 - 40 * DAY) });
    expect(moved.scores[profile.id].score).toBe(-5);
    expect((await history(api, 'c1', profile.id)).items[0]).toMatchObject({
      from: 0,
      to: -5,
      reason: { kind: 'attributes' },
    });
    // a₀ = T0 − 10 d: the silence is 10 days, next change when it reaches 30 days.
    const s = await putContact(api, 'c1', { createdAt: iso(T0 - 10 * DAY) });
    expect(s.scores[profile.id].score).toBe(0);
    expect((await api.get(`/contacts/c1/scores/${profile.id}`)).body.nextChangeAt).toBe(iso(T0 + 20 * DAY));
  });
});

describe('DELETE /contacts/{id}', () => {
  it('erases the contact with its events, scores and history', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 5 })] });
    await putContact(api, 'c1', { name: 'Ann', tags: ['vip'] });
    await ingest(api, [event({ id: 'e1' }), event({ id: 'e2' })]);
    await adjust(api, 'c1', profile.id, { delta: 7 });

    expect((await api.del('/contacts/c1')).status).toBe(204);
    expectError(await api.get('/contacts/c1'), 404, 'not_found');
    expectError(await api.get('/contacts/c1/events'), 404, 'not_found');
    expectError(await api.get(`/contacts/c1/scores/${profile.id}`), 404, 'not_found');
    expectError(await api.get(`/contacts/c1/scores/${profile.id}/history`), 404, 'not_found');
    expectError(await api.del('/contacts/c1'), 404, 'not_found');
    expect(ids((await api.get('/contacts')).body.items)).toEqual([]);
    expect((await api.get(`/profiles/${profile.id}/distribution`)).body.contacts).toBe(0);

    // The same id again is a brand-new contact: no old events, no old adjustment, no old history.
    const again = await api.put('/contacts/c1', {});
    expect(again.status).toBe(201);
    expect(again.body.tags).toEqual([]);
    expect(again.body.scores[profile.id].score).toBe(0);
    expect((await api.get('/contacts/c1/events')).body.items).toEqual([]);
    const h = await history(api, 'c1', profile.id);
    expect(h.items.some((item) => item.reason.kind === 'event' || item.reason.kind === 'manual')).toBe(false);
    // The old event ids are free again.
    expect((await ingest(api, [event({ id: 'e1' })])).accepted).toBe(1);
  });
});

describe('GET /contacts: lists', () => {
  /**
   * Six contacts; scores set by hand on a profile without rules (raw = manual adjustments).
   * | id       | name         | email              | phone        | tags            | assigned | created | score | tier     |
   * | z-alice  | Alice Anders | alice@acme.test    | +1 555 0101  | vip, lead       | u1       | T0−6d   | 60    | High     |
   * | m-alice  | Alice Anders | alice2@other.test  |              |                 |          | T0−5d   | 60    | High     |
   * | a-bob    | Bob Builder  | bob@build.test     | +1 555 0102  | lead            | u2       | T0−4d   | 35    | Medium   |
   * | q-carol  | Carol        | carol@acme.test    |              | vip             |          | T0−3d   | 20    | Medium   |
   * | b-dave   | Dave         |                    | +44 20 7946  |                 | u1       | T0−3d   | 5     | Low      |
   * | c-erin   | Erin         | erin@x.test        |              | lead, vip, cold |          | T0−2d   | 0     | Very low |
   */
  const FIXTURE = [
    {
      id: 'z-alice',
      name: 'Alice Anders',
      email: 'alice@acme.test',
      phone: '+1 555 0101',
      tags: ['vip', 'lead'],
      assignedTo: 'u1',
      days: 6,
      score: 60,
    },
    {
      id: 'm-alice',
      name: 'Alice Anders',
      email: 'alice2@other.test',
      phone: null,
      tags: [],
      assignedTo: null,
      days: 5,
      score: 60,
    },
    {
      id: 'a-bob',
      name: 'Bob Builder',
      email: 'bob@build.test',
      phone: '+1 555 0102',
      tags: ['lead'],
      assignedTo: 'u2',
      days: 4,
      score: 35,
    },
    {
      id: 'q-carol',
      name: 'Carol',
      email: 'carol@acme.test',
      phone: null,
      tags: ['vip'],
      assignedTo: null,
      days: 3,
      score: 20,
    },
    {
      id: 'b-dave',
      name: 'Dave',
      email: null,
      phone: '+44 20 7946',
      tags: [],
      assignedTo: 'u1',
      days: 3,
      score: 5,
    },
    {
      id: 'c-erin',
      name: 'Erin',
      email: 'erin@x.test',
      phone: null,
      tags: ['lead', 'vip', 'cold'],
      assignedTo: null,
      days: 2,
      score: 0,
    },
  ];

  let profileId: string;
  /** The fixture's assignees u1 and u2 as the ids of real users. */
  let users: Record<string, string>;
  const withUsers = (query: string) =>
    query.replace(/\bassignedTo=(u\d)\b/g, (_, u) => `assignedTo=${users[u]}`);
  const seed = async () => {
    api = await setup();
    users = { u1: await createUser(api.h, api.key), u2: await createUser(api.h, api.key) };
    profileId = (await publishedProfile(api, { rules: [] })).id;
    for (const { id, days, score: target, assignedTo, ...attributes } of FIXTURE) {
      await putContact(api, id, {
        ...attributes,
        assignedTo: assignedTo && users[assignedTo],
        createdAt: iso(T0 - days * DAY),
      });
      if (target !== 0) expect((await adjust(api, id, profileId, { set: target })).score).toBe(target);
    }
  };
  const list = async (query: string) => {
    const res = await api.get(`/contacts${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: any[]; nextCursor: string | null };
  };

  it('items are {contact, conversation, score} with the primary profile score', async () => {
    await seed();
    const page = await list('?sort=score:desc&limit=1');
    expect(page.items).toEqual([
      {
        contact: {
          id: 'm-alice',
          name: 'Alice Anders',
          email: 'alice2@other.test',
          phone: null,
          tags: [],
          assignedTo: null,
          dnd: {},
          fields: {},
          createdAt: iso(T0 - 5 * DAY),
          updatedAt: iso(T0),
          lastInteractionAt: null,
        },
        conversation: null,
        score: { score: 60, tier: 'High', version: 1 },
      },
    ]);
    expect(typeof page.nextCursor).toBe('string');
  });

  it.each<[string, string[]]>([
    ['score:desc', ['m-alice', 'z-alice', 'a-bob', 'q-carol', 'b-dave', 'c-erin']],
    ['score:asc', ['c-erin', 'b-dave', 'q-carol', 'a-bob', 'm-alice', 'z-alice']],
    ['createdAt:desc', ['c-erin', 'b-dave', 'q-carol', 'a-bob', 'm-alice', 'z-alice']],
    ['name:asc', ['m-alice', 'z-alice', 'a-bob', 'q-carol', 'b-dave', 'c-erin']],
  ])(
    'sort=%s orders with ties broken by id ascending, and paging visits each contact once',
    async (sort, expected) => {
      await seed();
      expect(ids((await list(`?sort=${sort}`)).items)).toEqual(expected);
      for (const limit of [1, 2, 4]) {
        const pages = await allPages(api, `/contacts?sort=${sort}&limit=${limit}`);
        expect(ids(pages.flat())).toEqual(expected);
        expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      }
    },
  );

  it('the default sort is createdAt:desc', async () => {
    await seed();
    expect(ids((await list('')).items)).toEqual([
      'c-erin',
      'b-dave',
      'q-carol',
      'a-bob',
      'm-alice',
      'z-alice',
    ]);
  });

  it.each<[string, string, string[]]>([
    ['scoreMin (inclusive)', 'scoreMin=20', ['m-alice', 'z-alice', 'a-bob', 'q-carol']],
    ['scoreMax (inclusive)', 'scoreMax=20', ['q-carol', 'b-dave', 'c-erin']],
    ['scoreMin and scoreMax', 'scoreMin=5&scoreMax=35', ['a-bob', 'q-carol', 'b-dave']],
    ['an empty score range', 'scoreMin=36&scoreMax=59', []],
    ['one tier', 'tier=High', ['m-alice', 'z-alice']],
    ['repeated tiers (any)', 'tier=Medium&tier=Low', ['a-bob', 'q-carol', 'b-dave']],
    ['the catch-all tier', 'tier=Very%20low', ['c-erin']],
    ['one tag', 'tag=vip', ['z-alice', 'q-carol', 'c-erin']],
    ['repeated tags (all must match)', 'tag=vip&tag=lead', ['z-alice', 'c-erin']],
    ['three tags', 'tag=vip&tag=lead&tag=cold', ['c-erin']],
    ['an unused tag', 'tag=nope', []],
    ['assignedTo a user', 'assignedTo=u1', ['z-alice', 'b-dave']],
    ['assignedTo another user', 'assignedTo=u2', ['a-bob']],
    ['unassigned', 'assignedTo=unassigned', ['m-alice', 'q-carol', 'c-erin']],
    ['q on email', 'q=acme', ['z-alice', 'q-carol']],
    ['q on name', 'q=Builder', ['a-bob']],
    ['q on name, two contacts', 'q=Alice%20Anders', ['m-alice', 'z-alice']],
    ['q on phone', 'q=7946', ['b-dave']],
    ['q on phone, two contacts', 'q=555', ['z-alice', 'a-bob']],
    ['q with no match', 'q=zzz', []],
    ['filters combined', 'tag=lead&scoreMin=1', ['z-alice', 'a-bob']],
    ['tier and assignment combined', 'tier=High&assignedTo=unassigned', ['m-alice']],
  ])('filter: %s', async (_label, fixtureQuery, expected) => {
    await seed();
    const query = withUsers(fixtureQuery);
    expect(ids((await list(`?sort=score:desc&${query}`)).items)).toEqual(expected);
    // Paging through a filtered list sees the same contacts.
    expect(ids((await allPages(api, `/contacts?sort=score:desc&limit=1&${query}`)).flat())).toEqual(expected);
  });

  it('an explicit profileId shows, filters and sorts by that profile', async () => {
    await seed();
    const other = await publishedProfile(api, { name: 'Other', rules: [] });
    await adjust(api, 'c-erin', other.id, { set: 90 });
    const page = await list(`?profileId=${other.id}&sort=score:desc&limit=2`);
    expect(ids(page.items)).toEqual(['c-erin', 'a-bob']);
    expect(page.items[0].score).toEqual({ score: 90, tier: 'High', version: 1 });
    expect(page.items[1].score).toEqual({ score: 0, tier: 'Very low', version: 1 });
    expectValidation(await api.get('/contacts?profileId=prf_unknown'), 'profileId');
  });

  it('the default page size is 50', async () => {
    api = await setup();
    const events = Array.from({ length: 51 }, (_, i) => ({
      contactId: `p${String(i).padStart(2, '0')}`,
      type: 'page.viewed',
    }));
    expect((await api.post('/events', { events })).body.accepted).toBe(51);
    const first = await list('?sort=name:asc');
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).not.toBeNull();
    const rest = await list(`?sort=name:asc&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(ids(rest.items)).toEqual(['p50']);
    expect(rest.nextCursor).toBeNull();
  });

  it('rejects limit 0 and 201, bad cursors, unknown tiers and sorts, and assignedTo=me with an API key', async () => {
    await seed();
    expectValidation(await api.get('/contacts?limit=0'), 'limit');
    expectValidation(await api.get('/contacts?limit=201'), 'limit');
    expect((await list('?limit=200')).items).toHaveLength(6);
    expectValidation(await api.get('/contacts?cursor=garbage'), 'cursor');
    const nameCursor = (await list('?sort=name:asc&limit=1')).nextCursor!;
    expectValidation(
      await api.get(`/contacts?sort=score:desc&cursor=${encodeURIComponent(nameCursor)}`),
      'cursor',
    );
    expectValidation(await api.get('/contacts?tier=Platinum'), 'tier');
    expectValidation(await api.get('/contacts?sort=email:asc'), 'sort');
    expectValidation(await api.get('/contacts?scoreMin=ten'), 'scoreMin');
    expectValidation(await api.get('/contacts?assignedTo=me'), 'assignedTo');
    expectValidation(await api.get('/contacts?colour=red'), 'colour');
  });
});

describe('contact fields', () => {
  it('rejects an email that is not one (null clears it) and stores a blank name or phone as null', async () => {
    const api = await setup();
    expectValidation(await api.put('/contacts/e1', { email: 'not-an-email' }), 'email');
    expectValidation(await api.put('/contacts/e1', { email: '' }), 'email');
    const saved = (await api.put('/contacts/e1', { email: "o'neil+x@mail.example", phone: '  ', name: '' }))
      .body;
    expect([saved.email, saved.phone, saved.name]).toEqual(["o'neil+x@mail.example", null, null]);
    expect((await api.put('/contacts/e1', { email: null })).body.email).toBeNull();
    // International addresses are addresses.
    expect((await api.put('/contacts/e2', { email: 'théo.garcía@exämple.com' })).body.email).toBe(
      'théo.garcía@exämple.com',
    );
    for (const bad of ['two@@x.test', 'a b@x.test', 'x@localhost', '@x.test'])
      expectValidation(await api.put('/contacts/e3', { email: bad }), 'email');
    await api.h.close();
  });
});
