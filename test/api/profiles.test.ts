import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DEFAULT_TIERS,
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

const opens = (contactId: string, n: number) => Array.from({ length: n }, () => event({ contactId }));

describe('POST /profiles', () => {
  it('creates a draft with the default bounds and tiers', async () => {
    api = await setup();
    const res = await api.post('/profiles', { name: 'Lead Engagement Score' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Lead Engagement Score',
      description: '',
      status: 'draft',
      draft: { rules: [], minScore: 0, maxScore: null, tiers: DEFAULT_TIERS },
      published: null,
      hasUnpublishedChanges: expect.any(Boolean),
      publishing: null,
      createdAt: iso(T0),
      updatedAt: iso(T0),
    });
  });

  it('keeps given rules, giving each an id when it has none', async () => {
    api = await setup();
    const profile = await createProfile(api, {
      description: 'Who is hot',
      minScore: null,
      maxScore: 100,
      rules: [
        eventRule({ id: 'mine', points: 3 }),
        inactivityRule(),
        stateRule({ description: 'DND penalty' }),
      ],
      tiers: [
        { name: 'Hot', minScore: 10, action: 'Call' },
        { name: 'Cold', minScore: null },
      ],
      interactionTypes: ['email.opened', 'webinar.attended'],
    });
    expect(profile.description).toBe('Who is hot');
    expect(profile.draft.minScore).toBeNull();
    expect(profile.draft.maxScore).toBe(100);
    expect(profile.draft.interactionTypes).toEqual(['email.opened', 'webinar.attended']);
    const [first, second, third] = profile.draft.rules;
    expect(first).toEqual({ id: 'mine', kind: 'event', eventType: 'email.opened', points: 3 });
    expect(second).toMatchObject({ kind: 'inactivity', days: 30, points: -5, id: expect.any(String) });
    expect(third).toMatchObject({ kind: 'state', description: 'DND penalty', id: expect.any(String) });
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
  });

  it('allows custom event types that match the pattern', async () => {
    api = await setup();
    const profile = await createProfile(api, {
      rules: [eventRule({ eventType: 'webinar.attended' }), eventRule({ eventType: 'app.feature_used.v2' })],
    });
    expect(profile.draft.rules.map((r: any) => r.eventType)).toEqual([
      'webinar.attended',
      'app.feature_used.v2',
    ]);
  });

  it('accepts the limits themselves: 100 rules, |points| = 10000, 10 tiers, 10 conditions', async () => {
    api = await setup();
    const hundred = Array.from({ length: 100 }, (_, i) => eventRule({ points: i % 2 ? 10000 : -10000 }));
    expect((await api.post('/profiles', { name: 'Big', rules: hundred })).status).toBe(201);
    const tiers = [
      ...Array.from({ length: 9 }, (_, i) => ({ name: `T${i}`, minScore: 90 - i * 10 })),
      { name: 'Rest', minScore: null },
    ];
    expect((await api.post('/profiles', { name: 'Tiers', tiers })).status).toBe(201);
    const where = Array.from({ length: 10 }, (_, i) => ({ property: `p${i}`, op: 'exists', value: true }));
    expect((await api.post('/profiles', { name: 'Where', rules: [eventRule({ where })] })).status).toBe(201);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    ['no name', { name: undefined }, 'name'],
    [
      'tiers not in descending order',
      {
        tiers: [
          { name: 'A', minScore: 50 },
          { name: 'B', minScore: 60 },
          { name: 'C', minScore: null },
        ],
      },
      'tiers.1.minScore',
    ],
    [
      'equal tier minimums',
      {
        tiers: [
          { name: 'A', minScore: 50 },
          { name: 'B', minScore: 50 },
          { name: 'C', minScore: null },
        ],
      },
      'tiers.1.minScore',
    ],
    [
      'a last tier that is not a catch-all',
      {
        tiers: [
          { name: 'A', minScore: 50 },
          { name: 'B', minScore: 0 },
        ],
      },
      'tiers.1.minScore',
    ],
    [
      'a catch-all before the end',
      {
        tiers: [
          { name: 'A', minScore: null },
          { name: 'B', minScore: null },
        ],
      },
      'tiers.0.minScore',
    ],
    [
      'duplicate tier names',
      {
        tiers: [
          { name: 'A', minScore: 5 },
          { name: 'a', minScore: null },
        ],
      },
      'tiers.1.name',
    ],
    [
      'more than 10 tiers',
      {
        tiers: [
          ...Array.from({ length: 10 }, (_, i) => ({ name: `T${i}`, minScore: 100 - i })),
          { name: 'R', minScore: null },
        ],
      },
      'tiers',
    ],
    ['no tiers', { tiers: [] }, 'tiers'],
    [
      'an unknown condition op',
      { rules: [eventRule({ where: [{ property: 'url', op: 'like', value: 'x' }] })] },
      'rules.0.where.0.op',
    ],
    [
      'a non-number for gt',
      { rules: [eventRule({ where: [{ property: 'amount', op: 'gt', value: 'ten' }] })] },
      'rules.0.where.0.value',
    ],
    [
      'a non-list for in',
      { rules: [eventRule({ where: [{ property: 'channel', op: 'in', value: 'sms' }] })] },
      'rules.0.where.0.value',
    ],
    [
      'a non-boolean for exists',
      { rules: [eventRule({ where: [{ property: 'x', op: 'exists', value: 'yes' }] })] },
      'rules.0.where.0.value',
    ],
    [
      'an empty contains',
      { rules: [eventRule({ where: [{ property: 'url', op: 'contains', value: '' }] })] },
      'rules.0.where.0.value',
    ],
    [
      '11 conditions',
      {
        rules: [
          eventRule({
            where: Array.from({ length: 11 }, () => ({ property: 'p', op: 'exists', value: true })),
          }),
        ],
      },
      'rules.0.where',
    ],
    [
      'an unknown built-in-looking event type',
      { rules: [eventRule({ eventType: 'Webinar' })] },
      'rules.0.eventType',
    ],
    [
      'an event type that is not the custom pattern',
      { rules: [eventRule({ eventType: 'webinar' })] },
      'rules.0.eventType',
    ],
    [
      'an upper-case custom type',
      { rules: [eventRule({ eventType: 'Webinar.Attended' })] },
      'rules.0.eventType',
    ],
    ['points 0', { rules: [eventRule({ points: 0 })] }, 'rules.0.points'],
    ['points over 10000', { rules: [eventRule({ points: 10001 })] }, 'rules.0.points'],
    ['points under −10000', { rules: [eventRule({ points: -10001 })] }, 'rules.0.points'],
    ['fractional points', { rules: [eventRule({ points: 1.5 })] }, 'rules.0.points'],
    ['points as a string', { rules: [eventRule({ points: '5' })] }, 'rules.0.points'],
    ['maxTimes 0', { rules: [eventRule({ maxTimes: 0 })] }, 'rules.0.maxTimes'],
    ['expiresAfterDays 0', { rules: [eventRule({ expiresAfterDays: 0 })] }, 'rules.0.expiresAfterDays'],
    ['inactivity days 0', { rules: [inactivityRule({ days: 0 })] }, 'rules.0.days'],
    ['inactivity days 3651', { rules: [inactivityRule({ days: 3651 })] }, 'rules.0.days'],
    [
      'an unknown state field',
      { rules: [stateRule({ when: { field: 'dnd.fax', op: 'eq', value: true } })] },
      'rules.0.when.field',
    ],
    ['an unknown rule kind', { rules: [{ kind: 'magic', points: 5 }] }, 'rules.0.kind'],
    ['more than 100 rules', { rules: Array.from({ length: 101 }, () => eventRule()) }, 'rules'],
    ['duplicate rule ids', { rules: [eventRule({ id: 'x' }), eventRule({ id: 'x' })] }, 'rules.1.id'],
    ['minScore above maxScore', { minScore: 10, maxScore: 5 }, 'maxScore'],
    ['an unknown interaction type', { interactionTypes: ['Not a type'] }, 'interactionTypes.0'],
    ['an unknown top-level field', { color: 'red' }, 'color'],
    ['an unknown rule field', { rules: [eventRule({ weight: 2 })] }, 'rules.0.weight'],
    [
      'an unknown condition field',
      { rules: [eventRule({ where: [{ property: 'a', op: 'eq', value: 1, negate: true }] })] },
      'rules.0.where.0.negate',
    ],
  ];
  it.each(cases)('rejects %s with 400 and details', async (_label, overrides, path) => {
    api = await setup();
    expectValidation(await api.post('/profiles', { name: 'P', ...overrides }), path);
    expect((await api.get('/profiles')).body.items).toEqual([]);
  });
});

describe('GET and PATCH /profiles', () => {
  it('lists and reads profiles; the list pages', async () => {
    api = await setup();
    const made = [];
    for (const name of ['A', 'B', 'C']) made.push(await createProfile(api, { name }));
    const all = (await api.get('/profiles')).body;
    expect(all.nextCursor).toBeNull();
    expect(all.items.map((p: any) => p.name).sort()).toEqual(['A', 'B', 'C']);
    const pages = await allPages(api, '/profiles?limit=2');
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(
      pages
        .flat()
        .map((p) => p.id)
        .sort(),
    ).toEqual(made.map((p) => p.id).sort());
    const one = await api.get(`/profiles/${made[1].id}`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(made[1]);
    expectError(await api.get('/profiles/prf_missing'), 404, 'not_found');
    expectValidation(await api.get('/profiles?limit=0'), 'limit');
  });

  it('name and description apply at once; rules, bounds and tiers only at the next publish', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    await ingest(api, [event()]);
    expect((await api.get(`/profiles/${profile.id}`)).body.hasUnpublishedChanges).toBe(false);

    api.h.clock.advance(MINUTE);
    const renamed = await api.patch(`/profiles/${profile.id}`, { name: 'Renamed', description: 'new words' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Renamed',
      description: 'new words',
      hasUnpublishedChanges: false,
      updatedAt: iso(T0 + MINUTE),
    });

    const edited = await api.patch(`/profiles/${profile.id}`, {
      rules: [eventRule({ id: 'open', points: 30 })],
      maxScore: 25,
      tiers: [
        { name: 'Hot', minScore: 20 },
        { name: 'Not', minScore: null },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.status).toBe('published');
    expect(edited.body.hasUnpublishedChanges).toBe(true);
    expect(edited.body.draft.rules).toEqual([
      { kind: 'event', eventType: 'email.opened', points: 30, id: 'open' },
    ]);
    expect(edited.body.published.version).toBe(1);
    expect(edited.body.published.definition.rules).toEqual([
      expect.objectContaining({ id: 'open', points: 10 }),
    ]);
    expect(edited.body.published.definition.tiers).toEqual(DEFAULT_TIERS);
    // Scores unchanged until the next publish.
    expect((await score(api, 'c1', profile.id)).score).toBe(10);
    await ingest(api, [event()]);
    expect(await score(api, 'c1', profile.id)).toMatchObject({
      score: 20,
      tier: { name: 'Medium' },
      version: 1,
    });

    await publish(api, profile.id);
    // 2 opens × 30 = 60, clamped to maxScore 25, tier Hot (≥ 20).
    expect(await score(api, 'c1', profile.id)).toMatchObject({
      score: 25,
      raw: 60,
      tier: { name: 'Hot', action: null },
      version: 2,
    });
    const after = (await api.get(`/profiles/${profile.id}`)).body;
    expect(after).toMatchObject({
      name: 'Renamed',
      status: 'published',
      hasUnpublishedChanges: false,
      published: { version: 2 },
    });
  });

  it('PATCH validates like create and 404s for an unknown profile', async () => {
    api = await setup();
    const profile = await createProfile(api);
    expectValidation(
      await api.patch(`/profiles/${profile.id}`, { rules: [eventRule({ points: 0 })] }),
      'rules.0.points',
    );
    expectValidation(
      await api.patch(`/profiles/${profile.id}`, { tiers: [{ name: 'Only', minScore: 1 }] }),
      'tiers.0.minScore',
    );
    expectValidation(await api.patch(`/profiles/${profile.id}`, { name: '' }), 'name');
    expectValidation(await api.patch(`/profiles/${profile.id}`, { status: 'published' }), 'status');
    expectValidation(await api.patch(`/profiles/${profile.id}`, { minScore: 50, maxScore: 10 }), 'maxScore');
    expect((await api.get(`/profiles/${profile.id}`)).body).toEqual(profile);
    expectError(await api.patch('/profiles/prf_missing', { name: 'x' }), 404, 'not_found');
  });

  it('interactionTypes can be set and cleared with null', async () => {
    api = await setup();
    const profile = await createProfile(api, { interactionTypes: ['email.opened'] });
    const cleared = await api.patch(`/profiles/${profile.id}`, { interactionTypes: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.draft.interactionTypes).toBeUndefined();
  });
});

describe('rules sub-resource', () => {
  it('POST adds a rule (201, with an id), PATCH changes fields, DELETE removes it — all on the draft', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    await ingest(api, [event()]);

    const added = await api.post(
      `/profiles/${profile.id}/rules`,
      eventRule({ eventType: 'email.clicked', points: 15, maxTimes: 2 }),
    );
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      kind: 'event',
      eventType: 'email.clicked',
      points: 15,
      maxTimes: 2,
      id: expect.any(String),
    });
    const ruleId = added.body.id;

    const named = await api.post(`/profiles/${profile.id}/rules`, stateRule({ id: 'dnd' }));
    expect(named.status).toBe(201);
    expect(named.body.id).toBe('dnd');
    const duplicate = expectError(
      await api.post(`/profiles/${profile.id}/rules`, stateRule({ id: 'dnd' })),
      400,
      'validation_failed',
    );
    expect(duplicate.details!.some((d) => /(^|\.)id$/.test(d.path))).toBe(true);

    const patched = await api.patch(`/profiles/${profile.id}/rules/${ruleId}`, {
      points: 7,
      maxTimes: null,
      description: 'Clicks',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({
      kind: 'event',
      eventType: 'email.clicked',
      points: 7,
      description: 'Clicks',
      id: ruleId,
    });

    let draft = (await api.get(`/profiles/${profile.id}`)).body;
    expect(draft.draft.rules.map((r: any) => r.id)).toEqual(['open', ruleId, 'dnd']);
    expect(draft.draft.rules[1]).toEqual(patched.body);
    expect(draft.hasUnpublishedChanges).toBe(true);
    expect(draft.published.definition.rules).toHaveLength(1);

    expect((await api.del(`/profiles/${profile.id}/rules/dnd`)).status).toBe(204);
    expectError(await api.del(`/profiles/${profile.id}/rules/dnd`), 404, 'not_found');
    expectError(await api.patch(`/profiles/${profile.id}/rules/dnd`, { points: 1 }), 404, 'not_found');
    draft = (await api.get(`/profiles/${profile.id}`)).body;
    expect(draft.draft.rules.map((r: any) => r.id)).toEqual(['open', ruleId]);
    // Still version 1 scoring: one open × 10.
    expect((await score(api, 'c1', profile.id)).score).toBe(10);
  });

  it('rule edits are validated: bad points, a changed id or kind, unknown fields, non-objects', async () => {
    api = await setup();
    const profile = await createProfile(api, { rules: [eventRule({ id: 'open' })] });
    const path = `/profiles/${profile.id}/rules/open`;
    expectValidation(await api.patch(path, { points: 0 }), 'points');
    expectValidation(await api.patch(path, { points: 20000 }), 'points');
    expectValidation(await api.patch(path, { id: 'other' }), 'id');
    expectError(await api.patch(path, { kind: 'inactivity' }), 400, 'validation_failed');
    expectValidation(await api.patch(path, { weight: 3 }), 'weight');
    expectError(await api.patch(path, [1, 2]), 400, 'validation_failed');
    expectError(await api.raw('PATCH', path, 'null'), 400, 'validation_failed');
    expectError(await api.raw('PATCH', path, '{"points":', 'application/json'), 400, 'validation_failed');
    expectError(await api.raw('PATCH', path, '{"points": 3}', 'text/plain'), 415, 'unsupported_media_type');
    expectValidation(
      await api.post(`/profiles/${profile.id}/rules`, eventRule({ eventType: 'Nope' })),
      'eventType',
    );
    expectValidation(await api.post(`/profiles/${profile.id}/rules`, { ...eventRule(), extra: 1 }), 'extra');
    expect((await api.get(`/profiles/${profile.id}`)).body.draft.rules).toEqual([
      { kind: 'event', eventType: 'email.opened', points: 5, id: 'open' },
    ]);
  });

  it('the 101st rule is refused', async () => {
    api = await setup();
    const profile = await createProfile(api, { rules: Array.from({ length: 100 }, () => eventRule()) });
    expectValidation(await api.post(`/profiles/${profile.id}/rules`, eventRule()), 'rules');
    expect((await api.get(`/profiles/${profile.id}`)).body.draft.rules).toHaveLength(100);
  });
});

describe('publishing', () => {
  it('answers 202 {version, job}; after the run the job succeeded with done = total and scores exist', async () => {
    api = await setup();
    await putContact(api, 'a');
    await putContact(api, 'b');
    await ingest(api, [...opens('a', 3), ...opens('c', 1)]);
    const profile = await createProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });

    const res = await api.post(`/profiles/${profile.id}/publish`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      version: 1,
      job: {
        id: expect.any(String),
        type: 'publish',
        status: 'queued',
        progress: { done: 0, total: 3 },
        createdAt: iso(T0),
      },
    });
    const jobId = res.body.job.id;
    const during = (await api.get(`/profiles/${profile.id}`)).body;
    expect(during.publishing).toMatchObject({ id: jobId, status: expect.stringMatching(/queued|running/) });
    expect(during.status).toBe('draft');
    expect((await api.get('/contacts/a')).body.scores).toEqual({});

    await api.h.tally.runner.runOnce();
    const job = await api.get(`/jobs/${jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toEqual({
      id: jobId,
      type: 'publish',
      status: 'succeeded',
      progress: { done: 3, total: 3 },
      createdAt: iso(T0),
      startedAt: iso(T0),
      finishedAt: iso(T0),
    });
    const after = (await api.get(`/profiles/${profile.id}`)).body;
    expect(after).toMatchObject({
      status: 'published',
      publishing: null,
      hasUnpublishedChanges: false,
      published: { version: 1, publishedAt: iso(T0) },
    });
    expect(after.published.definition).toEqual(profile.draft);
    // a: 3 × 10, b: no events, c: 1 × 10
    expect((await api.get('/contacts/a')).body.scores[profile.id]).toMatchObject({
      score: 30,
      tier: 'Medium',
      version: 1,
    });
    expect((await api.get('/contacts/b')).body.scores[profile.id]).toMatchObject({
      score: 0,
      tier: 'Very low',
      version: 1,
    });
    expect((await api.get('/contacts/c')).body.scores[profile.id]).toMatchObject({
      score: 10,
      tier: 'Low',
      version: 1,
    });
    expect((await history(api, 'a', profile.id)).items).toEqual([
      { at: iso(T0), from: null, to: 30, reason: { kind: 'publish', version: 1 } },
    ]);
    expectError(await api.get('/jobs/job_missing'), 404, 'not_found');
  });

  it('publishing a profile that is already publishing is 409', async () => {
    api = await setup();
    const profile = await createProfile(api);
    expect((await api.post(`/profiles/${profile.id}/publish`)).status).toBe(202);
    expectError(await api.post(`/profiles/${profile.id}/publish`), 409, 'conflict');
    await api.h.tally.runner.runOnce();
    expect((await api.post(`/profiles/${profile.id}/publish`)).status).toBe(202);
    expectError(await api.post('/profiles/prf_missing/publish'), 404, 'not_found');
  });

  it('of concurrent publish requests exactly one is accepted', async () => {
    api = await setup();
    const profile = await createProfile(api);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => api.post(`/profiles/${profile.id}/publish`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([202, 409, 409, 409, 409]);
    await api.h.tally.runner.runOnce();
    expect((await api.get(`/profiles/${profile.id}`)).body).toMatchObject({
      status: 'published',
      published: { version: 1 },
    });
  });

  it('while a republish runs the previous version keeps serving; then every contact switches, with publish history', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    await ingest(api, [...opens('a', 2), ...opens('b', 1)]);
    await putContact(api, 'z');
    await api.patch(`/profiles/${profile.id}`, { rules: [eventRule({ id: 'open', points: 25 })] });

    api.h.clock.advance(MINUTE);
    const res = await api.post(`/profiles/${profile.id}/publish`);
    expect(res.body.version).toBe(2);
    // Still version 1 until the job finishes; facts arriving meanwhile count under both.
    await ingest(api, opens('b', 1));
    expect((await api.get('/contacts/a')).body.scores[profile.id]).toMatchObject({ score: 20, version: 1 });
    expect((await api.get('/contacts/b')).body.scores[profile.id]).toMatchObject({ score: 20, version: 1 });

    await api.h.tally.runner.runOnce();
    expect((await api.get(`/jobs/${res.body.job.id}`)).body).toMatchObject({
      status: 'succeeded',
      progress: { done: 3, total: 3 },
    });
    // a: 2 × 25, b: 2 × 25, z: 0
    expect((await api.get('/contacts/a')).body.scores[profile.id]).toMatchObject({
      score: 50,
      tier: 'High',
      version: 2,
    });
    expect((await api.get('/contacts/b')).body.scores[profile.id]).toMatchObject({ score: 50, version: 2 });
    expect((await api.get('/contacts/z')).body.scores[profile.id]).toMatchObject({ score: 0, version: 2 });
    expect((await history(api, 'a', profile.id)).items[0]).toEqual({
      at: iso(T0 + MINUTE),
      from: 20,
      to: 50,
      reason: { kind: 'publish', version: 2 },
    });
    // z's score did not change (0 → 0): no history entry for the publish.
    expect(
      (await history(api, 'z', profile.id)).items.every(
        (i) => i.reason.kind !== 'publish' || i.reason.version !== 2,
      ),
    ).toBe(true);
    const list = (await api.get(`/contacts?profileId=${profile.id}&sort=score:desc`)).body.items;
    expect(list.map((i: any) => [i.contact.id, i.score.score, i.score.version])).toEqual([
      ['a', 50, 2],
      ['b', 50, 2],
      ['z', 0, 2],
    ]);
  });

  it('facts that arrive while a chunked publish walks the contacts all reach the new version', async () => {
    api = await setup({ env: { TALLY_PUBLISH_CHUNK: '1' } });
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 1 })] });
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await putContact(api, id);
    await api.patch(`/profiles/${profile.id}`, { rules: [eventRule({ id: 'open', points: 10 })] });
    const { job } = (await api.post(`/profiles/${profile.id}/publish`)).body;
    const walking = api.h.tally.runner.runOnce(); // one contact per transaction; requests get in between
    await ingest(api, [event({ contactId: 'a' }), event({ contactId: 'f' }), event({ contactId: 'new' })]);
    await adjust(api, 'b', profile.id, { delta: 3 });
    await adjust(api, 'e', profile.id, { delta: 4 });
    await putContact(api, 'late');
    await ingest(api, [event({ contactId: 'c' }), event({ contactId: 'e' })]);
    await walking;
    await api.h.tally.runner.runOnce();

    const finished = (await api.get(`/jobs/${job.id}`)).body;
    expect(finished.status).toBe('succeeded');
    // How many contacts the walk saw depends on how the requests interleaved with it (on PostgreSQL the
    // walk may end before 'new' and 'late' exist): the scores below are what must not depend on it.
    expect(finished.progress.done).toBe(finished.progress.total);
    expect([6, 7, 8]).toContain(finished.progress.total);
    const list = (await api.get(`/contacts?profileId=${profile.id}&sort=score:desc`)).body.items;
    // e: 10 + 4; a, c, f, new: 10; b: 3 by hand; d, late: 0 — all under version 2
    expect(list.map((i: any) => [i.contact.id, i.score.score, i.score.version])).toEqual([
      ['e', 14, 2],
      ['a', 10, 2],
      ['c', 10, 2],
      ['f', 10, 2],
      ['new', 10, 2],
      ['b', 3, 2],
      ['d', 0, 2],
      ['late', 0, 2],
    ]);
    for (const [id, expected] of [
      ['e', 14],
      ['new', 10],
      ['late', 0],
    ] as const) {
      expect(await score(api, id, profile.id)).toMatchObject({ score: expected, version: 2 });
    }
  });

  it('adjustments survive republishing', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    await ingest(api, opens('a', 1));
    await adjust(api, 'a', profile.id, { delta: 4 });
    await api.patch(`/profiles/${profile.id}`, { rules: [eventRule({ id: 'open', points: 1 })] });
    await publish(api, profile.id);
    // 1 × 1 + 4
    expect(await score(api, 'a', profile.id)).toMatchObject({ score: 5, raw: 5, manual: 4, version: 2 });
  });
});

describe('unpublish', () => {
  it('returns to draft and hides scores until the next publish', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    await ingest(api, opens('a', 2));
    const res = await api.post(`/profiles/${profile.id}/unpublish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: profile.id, status: 'draft', published: null, publishing: null });

    expect((await api.get('/contacts/a')).body.scores).toEqual({});
    expectError(await api.get(`/contacts/a/scores/${profile.id}`), 409, 'conflict');
    expectError(
      await api.post(`/contacts/a/scores/${profile.id}/adjustments`, { delta: 1 }),
      409,
      'conflict',
    );
    expectError(await api.get(`/profiles/${profile.id}/distribution`), 409, 'conflict');
    const list = (await api.get(`/contacts?profileId=${profile.id}`)).body.items;
    expect(list.map((i: any) => [i.contact.id, i.score])).toEqual([['a', null]]);

    // Not maintained while unpublished; the next publish scores from the full history.
    await ingest(api, opens('a', 1));
    const again = await publish(api, profile.id);
    expect(again.version).toBe(2);
    expect(await score(api, 'a', profile.id)).toMatchObject({ score: 30, version: 2 });
    expectError(await api.post('/profiles/prf_missing/unpublish'), 404, 'not_found');
  });
});

describe('unpublish while publishing', () => {
  it('stops the publish: the job does not succeed, no scores appear, and a new publish works', async () => {
    api = await setup();
    await ingest(api, [event({ contactId: 'a' })]);
    const profile = await createProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    const { job } = (await api.post(`/profiles/${profile.id}/publish`)).body;
    const res = await api.post(`/profiles/${profile.id}/unpublish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'draft', publishing: null, published: null });
    await api.h.tally.runner.runOnce();
    expect((await api.get(`/jobs/${job.id}`)).body.status).toBe('failed');
    expect((await api.get('/contacts/a')).body.scores).toEqual({});
    const again = await publish(api, profile.id);
    expect(again.version).toBe(2);
    expect((await score(api, 'a', profile.id)).score).toBe(10);
  });
});

describe('preview', () => {
  it('shows what publishing the draft would do, without changing anything', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule({ id: 'open', points: 10 })] });
    // x: 3 opens (30, Medium), y: none (0, Very low), z: 6 opens (60, High)
    await ingest(api, [...opens('x', 3), ...opens('z', 6)]);
    await putContact(api, 'y');
    await api.patch(`/profiles/${profile.id}`, { rules: [eventRule({ id: 'open', points: 20 })] });
    const historyBefore = await history(api, 'x', profile.id);

    const res = await api.get(`/profiles/${profile.id}/preview`);
    expect(res.status).toBe(200);
    const preview = res.body;
    // Proposed: x 60 (High), y 0 (Very low), z 120 (High); one tier change (x: Medium → High).
    expect(preview.contacts).toBe(3);
    expect(preview.tiers).toEqual([
      { name: 'High', current: 1, proposed: 2 },
      { name: 'Medium', current: 1, proposed: 0 },
      { name: 'Low', current: 0, proposed: 0 },
      { name: 'Very low', current: 1, proposed: 1 },
    ]);
    expect(preview.tierChanges).toBe(1);
    expect(Array.isArray(preview.histogram)).toBe(true);
    expect(preview.histogram.reduce((sum: number, b: any) => sum + b.count, 0)).toBe(3);
    for (const b of preview.histogram) {
      expect(Number.isInteger(b.from) && Number.isInteger(b.to) && b.from <= b.to).toBe(true);
    }
    const bucketOf = (s: number) => preview.histogram.find((b: any) => b.from <= s && s <= b.to);
    for (const proposed of [0, 60, 120]) expect(bucketOf(proposed)?.count).toBeGreaterThanOrEqual(1);
    for (let i = 1; i < preview.histogram.length; i++)
      expect(preview.histogram[i].from).toBe(preview.histogram[i - 1].to + 1);

    // Nothing changed.
    expect(await score(api, 'x', profile.id)).toMatchObject({ score: 30, version: 1 });
    expect(await history(api, 'x', profile.id)).toEqual(historyBefore);
    expect((await api.get(`/profiles/${profile.id}`)).body).toMatchObject({
      published: { version: 1 },
      publishing: null,
      hasUnpublishedChanges: true,
    });
  });

  it('works for a never-published profile and for an account without contacts', async () => {
    api = await setup();
    const empty = await createProfile(api);
    const none = await api.get(`/profiles/${empty.id}/preview`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ contacts: 0, histogram: [] });
    expect(none.body.tiers.every((t: any) => t.current === 0 && t.proposed === 0)).toBe(true);

    await ingest(api, opens('a', 3));
    const draft = await api.get(`/profiles/${empty.id}/preview`);
    expect(draft.status).toBe(200);
    // 3 opens × 5 = 15 → Low, nothing current.
    expect(draft.body.contacts).toBe(1);
    expect(draft.body.tiers).toContainEqual({ name: 'Low', current: 0, proposed: 1 });
    expect((await api.get('/contacts/a')).body.scores).toEqual({});
    expectError(await api.get('/profiles/prf_missing/preview'), 404, 'not_found');
  });
});

describe('DELETE /profiles/{id}', () => {
  it('answers 204; the profile, its scores and history are gone', async () => {
    api = await setup();
    const keep = await publishedProfile(api, { name: 'Keep' });
    const gone = await publishedProfile(api, { name: 'Gone' });
    await ingest(api, opens('a', 1));
    expect(Object.keys((await api.get('/contacts/a')).body.scores).sort()).toEqual([keep.id, gone.id].sort());

    expect((await api.del(`/profiles/${gone.id}`)).status).toBe(204);
    expectError(await api.get(`/profiles/${gone.id}`), 404, 'not_found');
    expectError(await api.get(`/contacts/a/scores/${gone.id}`), 404, 'not_found');
    expectError(await api.get(`/contacts/a/scores/${gone.id}/history`), 404, 'not_found');
    expectError(await api.del(`/profiles/${gone.id}`), 404, 'not_found');
    expect(Object.keys((await api.get('/contacts/a')).body.scores)).toEqual([keep.id]);
    expect((await api.get('/profiles')).body.items.map((p: any) => p.id)).toEqual([keep.id]);
    expect((await api.get('/account')).body.primaryProfileId).not.toBe(gone.id);
  });

  it('a profile that is publishing can be deleted', async () => {
    api = await setup();
    await putContact(api, 'a');
    const profile = await createProfile(api);
    const { body } = await api.post(`/profiles/${profile.id}/publish`);
    expect((await api.del(`/profiles/${profile.id}`)).status).toBe(204);
    await api.h.tally.runner.runOnce();
    expectError(await api.get(`/profiles/${profile.id}`), 404, 'not_found');
    expect((await api.get('/contacts/a')).body.scores).toEqual({});
    const job = await api.get(`/jobs/${body.job.id}`);
    expect(job.status).toBe(200);
    expect(job.body.status).not.toBe('succeeded');
  });
});
