import { afterEach, describe, expect, it } from 'vitest';
import {
  type Api,
  DAY,
  MINUTE,
  T0,
  event,
  eventRule,
  history,
  inactivityRule,
  ingest,
  iso,
  publishedProfile,
  score,
  setup,
} from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

/** Stored scores as the contacts list shows them, by contact id. */
async function listed(profileId: string): Promise<Record<string, number>> {
  const res = await api.get(`/contacts?profileId=${profileId}&sort=score:desc&limit=200`);
  expect(res.status).toBe(200);
  return Object.fromEntries(res.body.items.map((i: any) => [i.contact.id, i.score.score]));
}

async function tick(to: number) {
  api.h.clock.set(to);
  await api.h.tally.runner.runOnce();
}

describe('time passing changes stored scores', () => {
  it('an event expiring drops its points at occurredAt + expiresAfterDays, with a "time" history entry', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [eventRule({ id: 'form', eventType: 'form.submitted', points: 20, expiresAfterDays: 7 })],
    });
    await ingest(api, [event({ id: 'f1', type: 'form.submitted' })]);
    expect(await listed(profile.id)).toEqual({ c1: 20 });
    expect((await score(api, 'c1', profile.id)).nextChangeAt).toBe(iso(T0 + 7 * DAY));

    // One minute before expiry: nothing due.
    await tick(T0 + 7 * DAY - MINUTE);
    expect(await listed(profile.id)).toEqual({ c1: 20 });
    const before = (await history(api, 'c1', profile.id)).items.length;

    // now − occurredAt < 7 d no longer holds at exactly T0 + 7 d.
    await tick(T0 + 7 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 0 });
    const h = (await history(api, 'c1', profile.id)).items;
    expect(h).toHaveLength(before + 1);
    expect(h[0]).toEqual({ at: iso(T0 + 7 * DAY), from: 20, to: 0, reason: { kind: 'time' } });
    expect((await api.get('/contacts/c1')).body.scores[profile.id]).toMatchObject({
      score: 0,
      tier: 'Very low',
    });
    expect((await score(api, 'c1', profile.id)).nextChangeAt).toBeNull();

    // Nothing more happens later.
    await tick(T0 + 30 * DAY);
    expect((await history(api, 'c1', profile.id)).items).toHaveLength(before + 1);
  });

  it('a sweep long after several due instants records each change at its own instant', async () => {
    api = await setup();
    // +30 per open; −5 for every full 10 days of silence (repeat).
    const profile = await publishedProfile(api, {
      rules: [
        eventRule({ id: 'open', points: 30 }),
        inactivityRule({ id: 'quiet', days: 10, points: -5, repeat: true }),
      ],
    });
    await ingest(api, [event({ id: 'o1' })]); // creates c1 at T0 with an interaction at T0
    expect(await listed(profile.id)).toEqual({ c1: 30 });

    await tick(T0 + 25 * DAY);
    // floor(25 d / 10 d) = 2 → 30 − 10
    expect(await listed(profile.id)).toEqual({ c1: 20 });
    const h = (await history(api, 'c1', profile.id)).items;
    expect(h.slice(0, 2)).toEqual([
      { at: iso(T0 + 20 * DAY), from: 25, to: 20, reason: { kind: 'time' } },
      { at: iso(T0 + 10 * DAY), from: 30, to: 25, reason: { kind: 'time' } },
    ]);
    expect((await score(api, 'c1', profile.id)).nextChangeAt).toBe(iso(T0 + 30 * DAY));

    // The contact comes back: the lost points stay lost. 2 opens × 30 − 2 × 5 (the 25-day silence) = 50
    await ingest(api, [event({ id: 'o2' })]);
    expect(await listed(profile.id)).toEqual({ c1: 50 });
    expect((await score(api, 'c1', profile.id)).nextChangeAt).toBe(iso(T0 + 35 * DAY));
  });

  it('a non-repeating inactivity rule counts a silence once', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [eventRule({ id: 'open', points: 10 }), inactivityRule({ id: 'quiet', days: 30, points: -5 })],
    });
    await ingest(api, [event()]);
    await tick(T0 + 30 * DAY - 1);
    expect(await listed(profile.id)).toEqual({ c1: 10 });
    await tick(T0 + 31 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 5 });
    const entries = (await history(api, 'c1', profile.id)).items;
    expect(entries[0]).toEqual({ at: iso(T0 + 30 * DAY), from: 10, to: 5, reason: { kind: 'time' } });
    await tick(T0 + 100 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 5 });
    expect((await history(api, 'c1', profile.id)).items).toHaveLength(entries.length);
  });

  it('lists filter and sort by the updated stored scores', async () => {
    api = await setup();
    const profile = await publishedProfile(api, {
      rules: [
        eventRule({ id: 'form', eventType: 'form.submitted', points: 20, expiresAfterDays: 7 }),
        eventRule({ id: 'open', points: 10 }),
      ],
    });
    await ingest(api, [event({ contactId: 'a', type: 'form.submitted' }), event({ contactId: 'b' })]);
    const order = async (query = '') =>
      (await api.get(`/contacts?profileId=${profile.id}&sort=score:desc${query}`)).body.items.map(
        (i: any) => [i.contact.id, i.score.score, i.score.tier],
      );
    expect(await order()).toEqual([
      ['a', 20, 'Medium'],
      ['b', 10, 'Low'],
    ]);
    await tick(T0 + 8 * DAY);
    expect(await order()).toEqual([
      ['b', 10, 'Low'],
      ['a', 0, 'Very low'],
    ]);
    expect(await order('&scoreMin=1')).toEqual([['b', 10, 'Low']]);
    expect(await order('&tier=Medium')).toEqual([]);
  });

  it('expiry with maxTimes: points drop only when fewer than maxTimes events remain live', async () => {
    api = await setup();
    // +10 per open, at most 2, each expiring after 10 days.
    const profile = await publishedProfile(api, {
      rules: [eventRule({ id: 'open', points: 10, maxTimes: 2, expiresAfterDays: 10 })],
    });
    await ingest(api, [
      event({ occurredAt: iso(T0 - 6 * DAY) }),
      event({ occurredAt: iso(T0 - 4 * DAY) }),
      event({ occurredAt: iso(T0 - 2 * DAY) }),
    ]);
    expect(await listed(profile.id)).toEqual({ c1: 20 });
    // At T0+4d the first expires; two remain → still 20.
    await tick(T0 + 5 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 20 });
    // At T0+6d the second expires → 10; at T0+8d the third → 0.
    await tick(T0 + 7 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 10 });
    await tick(T0 + 9 * DAY);
    expect(await listed(profile.id)).toEqual({ c1: 0 });
    const times = (await history(api, 'c1', profile.id)).items.filter((i) => i.reason.kind === 'time');
    expect(times).toEqual([
      { at: iso(T0 + 8 * DAY), from: 10, to: 0, reason: { kind: 'time' } },
      { at: iso(T0 + 6 * DAY), from: 20, to: 10, reason: { kind: 'time' } },
    ]);
  });
});
