import { afterEach, describe, expect, it } from 'vitest';
import { type Api, createProfile, eventRule, putContact, setup } from './api-helpers.ts';

let api: Api;
afterEach(() => api?.h.close());

const jobRow = (id: string) =>
  api.h.tally.database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('job leases', () => {
  it('leave a job held by another live process alone until its lease runs out, then take it over', async () => {
    api = await setup({ env: { TALLY_JOB_LEASE_SECONDS: '30' } });
    for (const id of ['a', 'b', 'c']) await putContact(api, id);
    const profile = await createProfile(api, { rules: [eventRule()] });
    const { job } = (await api.post(`/profiles/${profile.id}/publish`)).body;
    // Another server (on another host, so its liveness cannot be checked) claimed it a moment ago.
    const now = api.h.clock.now();
    await api.h.tally.database.db
      .updateTable('jobs')
      .set({ status: 'running', lease_owner: 'elsewhere:4242:run_x', lease_expires_at: now + 30_000 })
      .where('id', '=', job.id)
      .execute();

    await api.h.tally.runner.runOnce();
    expect(await jobRow(job.id)).toMatchObject({
      status: 'running',
      done: 0,
      lease_owner: 'elsewhere:4242:run_x',
    });

    api.h.clock.advance(31_000); // it sent no news for longer than its lease
    await api.h.tally.runner.runOnce();
    const taken = await jobRow(job.id);
    expect(taken).toMatchObject({ status: 'succeeded', done: 3, total: 3 });
    expect(taken.lease_owner).not.toBe('elsewhere:4242:run_x');
    expect((await api.get(`/profiles/${profile.id}`)).body.status).toBe('published');
  });

  it('take a job over at once when its holder is a process of this host that no longer exists', async () => {
    api = await setup();
    await putContact(api, 'a');
    const profile = await createProfile(api, { rules: [eventRule()] });
    const { job } = (await api.post(`/profiles/${profile.id}/publish`)).body;
    // This very pid under another run's name: that run is over (this process has taken its pid).
    const { hostname } = await import('node:os');
    const dead = `${hostname()}:${process.pid}:run_previous`;
    await api.h.tally.database.db
      .updateTable('jobs')
      .set({ status: 'running', lease_owner: dead, lease_expires_at: api.h.clock.now() + 3_600_000 })
      .where('id', '=', job.id)
      .execute();
    await api.h.tally.runner.runOnce();
    expect(await jobRow(job.id)).toMatchObject({ status: 'succeeded', done: 1 });
  });
});
