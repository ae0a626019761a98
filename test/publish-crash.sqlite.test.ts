import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, allScores, newAccount, waitForJob } from './helpers/server-process.ts';

/**
 * A publish cut by kill -9 on the embedded database resumes after restart. (On PostgreSQL,
 * test/multi-process.postgres.test.ts kills a publish's process among three, with 100,000 contacts.)
 */
const servers: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const RULES = [
  { kind: 'event', eventType: 'email.opened', points: 5 },
  { kind: 'event', eventType: 'link.clicked', points: 10, maxTimes: 3 },
  { kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 7 },
];

describe('publish durability on SQLite', () => {
  it('finishes a publish cut by kill -9 with exactly the scores of a clean recompute', async () => {
    const server = new ServerProcess({ TALLY_PUBLISH_CHUNK: '250' });
    servers.push(server);
    await server.start();
    const key = await newAccount(server);
    const contacts = 12_000;
    const base = Date.now() - 5 * 86_400_000;
    for (let start = 0; start < contacts; start += 1000) {
      const events = Array.from({ length: 1000 }, (_, i) => {
        const n = start + i;
        return {
          contactId: `p${String(n).padStart(6, '0')}`,
          type: n % 4 === 0 ? 'link.clicked' : 'email.opened',
          occurredAt: new Date(base + (n % 1000) * 60_000).toISOString(),
        };
      });
      const res = await server.request('POST', '/api/v1/events', key, { events });
      expect(res.body.accepted).toBe(1000);
    }
    for (let n = 0; n < 200; n++)
      await server.request('PUT', `/api/v1/contacts/p${String(n * 37).padStart(6, '0')}`, key, {
        tags: ['VIP'],
      });

    const profile = (await server.request('POST', '/api/v1/profiles', key, { name: 'Crash', rules: RULES }))
      .body;
    const publish = await server.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);
    expect(publish.status).toBe(202);
    await waitForJob(server, key, publish.body.job.id, (job) => job.progress.done > 0);
    await server.kill();
    const interrupted = await (async () => {
      await server.start();
      return (await server.request('GET', `/api/v1/jobs/${publish.body.job.id}`, key)).body;
    })();
    expect(interrupted.progress.done).toBeLessThan(contacts);
    await waitForJob(server, key, publish.body.job.id, (job) => job.status === 'succeeded');
    const afterCrash = await allScores(server, key, profile.id);
    expect(afterCrash.size).toBe(contacts);

    const clean = await server.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);
    await waitForJob(server, key, clean.body.job.id, (job) => job.status === 'succeeded');
    expect(await allScores(server, key, profile.id)).toEqual(afterCrash);
  });
});
