import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  T0,
  eventRule,
  expectValidation,
  ingest,
  iso,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

describe('edge cases a new user met', () => {
  it('q finds names with accented capitals, whatever the case typed', async () => {
    api = await setup();
    await putContact(api, 'u1', { name: 'Élodie Ångström', email: 'ELODIE@Example.com' });
    await putContact(api, 'u2', { name: 'Ñandú Pérez' });
    await putContact(api, 'u3', { name: 'Bob' });
    for (const q of ['Élodie', 'élodie', 'ÉLODIE', 'ångström', 'elodie@example']) {
      const res = await api.get(`/contacts?q=${encodeURIComponent(q)}`);
      expect(
        res.body.items.map((i: any) => i.contact.id),
        q,
      ).toEqual(['u1']);
    }
    const res = await api.get(`/contacts?q=${encodeURIComponent('ñANDÚ')}`);
    expect(res.body.items.map((i: any) => i.contact.id)).toEqual(['u2']);
  });

  it('?at= in the future is a 400 naming at', async () => {
    api = await setup();
    const profile = await publishedProfile(api, { rules: [eventRule()] });
    await ingest(api, [{ contactId: 'c1', type: 'email.opened' }]);
    const res = await api.get(`/contacts/c1/scores/${profile.id}?at=${iso(T0 + DAY)}`);
    expectValidation(res, 'at');
    expect((await api.get(`/contacts/c1/scores/${profile.id}?at=${iso(T0)}`)).status).toBe(200);
  });

  it('deleting the primary profile hands primary to another published profile', async () => {
    api = await setup();
    const first = await publishedProfile(api, { name: 'First', rules: [eventRule()] });
    const second = await publishedProfile(api, { name: 'Second', rules: [eventRule({ points: 7 })] });
    expect((await api.get('/account')).body.primaryProfileId).toBe(first.id);
    expect((await api.del(`/profiles/${first.id}`)).status).toBe(204);
    expect((await api.get('/account')).body.primaryProfileId).toBe(second.id);
    await ingest(api, [{ contactId: 'c1', type: 'email.opened' }]);
    const list = await api.get('/contacts?sort=score:desc');
    expect(list.status).toBe(200);
    expect(list.body.items[0].score).toMatchObject({ score: 7 });
  });

  it('/docs/ leads to the API reference', async () => {
    api = await setup();
    expect((await api.h.call('GET', '/docs/')).headers.get('location')).toBe('/docs');
    const docs = await api.h.call('GET', '/docs');
    expect(docs.status).toBe(200);
    expect(String(docs.body)).toContain('/api/v1/openapi.json');
  });
});

describe('validation messages', () => {
  it('speak plainly and name the field', async () => {
    api = await setup();
    const limit = await api.get('/contacts?limit=0');
    expect(limit.body.error.details).toEqual([{ path: 'limit', message: 'must be at least 1' }]);
    const batch = await api.post('/events', { events: [] });
    expect(batch.body.error.details[0]).toMatchObject({ path: 'events', message: 'must hold 1–1000 events' });
    const type = await api.post('/profiles', { name: 'P', rules: 'none' });
    expect(type.body.error.details).toEqual([{ path: 'rules', message: 'must be a list' }]);
    const missing = await api.post('/profiles', {});
    expect(missing.body.error.details).toEqual([{ path: 'name', message: 'is required' }]);
    const sort = await api.get('/contacts?sort=score');
    expect(sort.body.error.details[0].message).toMatch(/^must be one of: "score:desc"/);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with ingest counts, request latencies, job durations and scoring lag', async () => {
    api = await setup();
    await publishedProfile(api, { rules: [eventRule()] });
    await ingest(api, [
      { id: 'm1', contactId: 'c1', type: 'email.opened' },
      { id: 'm1', contactId: 'c1', type: 'email.opened' },
      { contactId: 'c1', type: 'Bad Type' },
    ]);
    const res = await api.h.call('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = String(res.body);
    expect(text).toMatch(/tally_events_ingested_total\{outcome="accepted"\} 1\b/);
    expect(text).toMatch(/tally_events_ingested_total\{outcome="duplicate"\} 1\b/);
    expect(text).toMatch(/tally_events_ingested_total\{outcome="rejected"\} 1\b/);
    expect(text).toMatch(
      /tally_http_request_duration_seconds_count\{method="post",route="\/events",status="200"\} 1\b/,
    );
    expect(text).toMatch(/tally_job_duration_seconds_count\{type="publish",outcome="succeeded"\} 1\b/);
    expect(text).toMatch(/tally_scoring_lag_seconds 0\b/);
  });
});

describe('scoring lag', () => {
  it('reports how long the oldest due change has waited, and 0 once the sweep ran', async () => {
    api = await setup();
    await publishedProfile(api, { rules: [eventRule({ expiresAfterDays: 1 })] });
    await ingest(api, [{ contactId: 'c1', type: 'email.opened' }]);
    api.h.clock.advance(DAY + 90_000); // the expiry fell due 90 s ago
    const lag = /^tally_scoring_lag_seconds (\S+)$/m.exec(
      String((await api.h.call('GET', '/metrics')).body),
    )?.[1];
    expect(Number(lag)).toBe(90);
    await api.h.tally.runner.runOnce();
    const after = /^tally_scoring_lag_seconds (\S+)$/m.exec(
      String((await api.h.call('GET', '/metrics')).body),
    )?.[1];
    expect(Number(after)).toBe(0);
  });
});

describe('review fixes', () => {
  it('a publish that fails does not leave the profile stuck publishing', async () => {
    api = await setup();
    const profile = (await api.post('/profiles', { name: 'P', rules: [eventRule()] })).body;
    await ingest(api, [{ contactId: 'ok', type: 'email.opened' }]);
    // Damage one stored contact so the recompute throws on it.
    await api.h.tally.database.db
      .updateTable('contacts')
      .set({ fields: '{not json' })
      .where('id', '=', 'ok')
      .execute();
    const first = await api.post(`/profiles/${profile.id}/publish`);
    expect(first.status).toBe(202);
    await api.h.tally.runner.runOnce();
    const job = (await api.get(`/jobs/${first.body.job.id}`)).body;
    expect(job.status).toBe('failed');
    const after = (await api.get(`/profiles/${profile.id}`)).body;
    expect(after).toMatchObject({ status: 'draft', publishing: null });
    // Repaired, it publishes again instead of answering 409.
    await api.h.tally.database.db
      .updateTable('contacts')
      .set({ fields: '{}' })
      .where('id', '=', 'ok')
      .execute();
    const again = await api.post(`/profiles/${profile.id}/publish`);
    expect(again.status).toBe(202);
    await api.h.tally.runner.runOnce();
    expect((await api.get(`/profiles/${profile.id}`)).body.status).toBe('published');
  });

  it('concurrent rule additions all land in the draft', async () => {
    api = await setup();
    const profile = (await api.post('/profiles', { name: 'P' })).body;
    const added = await Promise.all(
      [1, 2, 3, 4, 5].map((points) => api.post(`/profiles/${profile.id}/rules`, eventRule({ points }))),
    );
    expect(added.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const draft = (await api.get(`/profiles/${profile.id}`)).body.draft;
    expect(draft.rules.map((r: any) => r.points).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('an event arriving before the sweep records the due time change first, as time', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [eventRule({ points: 10 }), { kind: 'inactivity', days: 1, points: -5 }],
      minScore: null,
    });
    await ingest(api, [{ contactId: 'c1', type: 'email.opened' }]); // 10
    api.h.clock.advance(DAY + 10_000); // the 1-day silence fell due 10 s ago; no sweep yet
    await ingest(api, [{ id: 'late', contactId: 'c1', type: 'email.opened' }]); // 10 − 5 + 10 = 15
    const history = (await api.get(`/contacts/c1/scores/${profile.id}/history`)).body.items;
    expect(history.slice(0, 2)).toEqual([
      {
        at: iso(T0 + DAY + 10_000),
        from: 5,
        to: 15,
        reason: { kind: 'event', eventId: 'late', ruleIds: [expect.any(String)] },
      },
      { at: iso(T0 + DAY), from: 10, to: 5, reason: { kind: 'time' } },
    ]);
  });
});
