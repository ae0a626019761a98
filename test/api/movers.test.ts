import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  T0,
  adjust,
  createProfile,
  event,
  expectError,
  expectValidation,
  ingest,
  iso,
  publishedProfile,
  setup,
} from './api-helpers.ts';

let api: Api | undefined;
afterEach(async () => {
  await api?.h.close();
  api = undefined;
});

const opens = (contactId: string, n: number, at: number) =>
  Array.from({ length: n }, (_, i) => event({ contactId, occurredAt: iso(at - i * 1000) }));

describe('GET /profiles/{id}/movers', () => {
  it('ranks risers and fallers by their change since the start of the window', async () => {
    api = await setup();
    // "open" is +5 per email.opened (api-helpers' eventRule), floor 0.
    await ingest(api, [...opens('riser', 1, T0), ...opens('faller', 4, T0), ...opens('still', 2, T0)]);
    const profile = await publishedProfile(api);
    // Eight days before "now": a change the 7-day window must not count.
    api.h.clock.advance(2 * DAY);
    await ingest(api, opens('still', 1, api.h.clock.now())); // still: 10 → 15
    api.h.clock.advance(8 * DAY);
    const windowStart = api.h.clock.now() - 7 * DAY;
    await ingest(api, opens('riser', 3, api.h.clock.now())); // riser: 5 → 20
    await adjust(api, 'faller', profile.id, { delta: -15, note: 'went quiet' }); // faller: 20 → 5
    await ingest(api, opens('newcomer', 1, api.h.clock.now())); // first score 5 in the window
    await ingest(api, opens('newcomer', 2, api.h.clock.now() - 5000)); // newcomer: 5 → 15

    const res = await api.get(`/profiles/${profile.id}/movers`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.version).toBe(profile.version);
    expect(res.body.since).toBe(iso(windowStart));
    expect(res.body.up).toEqual([
      { contactId: 'riser', name: null, from: 5, to: 20, change: 15, tier: 'Medium' },
      { contactId: 'newcomer', name: null, from: 5, to: 15, change: 10, tier: 'Low' },
    ]);
    expect(res.body.down).toEqual([
      { contactId: 'faller', name: null, from: 20, to: 5, change: -15, tier: 'Low' },
    ]);

    // A wider window takes in still's change too; limit cuts each direction.
    const wide = await api.get(`/profiles/${profile.id}/movers?days=9&limit=1`);
    expect(wide.body.up).toEqual([
      { contactId: 'riser', name: null, from: 5, to: 20, change: 15, tier: 'Medium' },
    ]);
    const all = await api.get(`/profiles/${profile.id}/movers?days=9`);
    expect(all.body.up.map((m: { contactId: string }) => m.contactId)).toEqual([
      'riser',
      'newcomer',
      'still',
    ]);
  });

  it('answers 409 for a draft, 404 for an unknown or foreign profile, 400 naming a bad parameter', async () => {
    api = await setup();
    const draft = await createProfile(api);
    expectError(await api.get(`/profiles/${draft.id}/movers`), 409, 'conflict');
    expectError(await api.get('/profiles/prf_nope/movers'), 404, 'not_found');
    expectValidation(await api.get(`/profiles/${draft.id}/movers?days=0`), 'days');
    expectValidation(await api.get(`/profiles/${draft.id}/movers?days=91`), 'days');
    expectValidation(await api.get(`/profiles/${draft.id}/movers?limit=51`), 'limit');
    expectValidation(await api.get(`/profiles/${draft.id}/movers?days=seven`), 'days');
    const otherKey = await api.h.account('Other');
    expectError(await api.get(`/profiles/${draft.id}/movers`, otherKey), 404, 'not_found');
  });
});
