import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../bench/generate.ts';
import { openPostgres } from '../src/server/db/database.ts';
import { ADMIN_TOKEN } from './helpers/harness.ts';
import { ServerProcess } from './helpers/server-process.ts';
import { createPostgresDatabase } from './helpers/test-database.ts';

/**
 * Several `tally serve` processes on one PostgreSQL database: background work is shared through the
 * database with leases, runs once, and a process killed with kill -9 mid-job has its work finished by
 * another.
 */
const CONTACTS = 100_000;
const RULES = [
  { kind: 'event', eventType: 'email.opened', points: 5 },
  { kind: 'event', eventType: 'link.clicked', points: 10, maxTimes: 3 },
  { kind: 'event', eventType: 'page.viewed', points: 1 },
  { kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 7 },
];

let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
let client: pg.Client;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  database = await createPostgresDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await client?.end();
  await database?.drop();
});

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; the servers said:\n${servers.map((s) => s.output.slice(-3000)).join('\n---\n')}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function scoresOf(accountId: string, profileId: string, version: number): Promise<Map<string, number>> {
  const { rows } = await client.query<{ contact_id: string; score: string }>(
    'select contact_id, score from scores where account_id = $1 and profile_id = $2 and version = $3',
    [accountId, profileId, version],
  );
  return new Map(rows.map((r) => [r.contact_id, Number(r.score)]));
}

describe('three servers on one PostgreSQL', () => {
  it('finish a publish of 100,000 contacts once when the one running it is killed -9', async () => {
    for (let i = 0; i < 3; i++)
      servers.push(
        new ServerProcess({
          DATABASE_URL: database.url,
          TALLY_PUBLISH_CHUNK: '1000',
          TALLY_SWEEP_INTERVAL_MS: '300',
          TALLY_JOB_LEASE_SECONDS: '5',
        }),
      );
    await Promise.all(servers.map((s) => s.start()));
    const [first] = servers as [ServerProcess];
    const created = await first.request('POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'Shared' });
    expect(created.status).toBe(201);
    const key: string = created.body.apiKey;
    const accountId: string = (await first.request('GET', '/api/v1/account', key)).body.id;

    // 100,000 contacts and ~400,000 events, written straight into the database (the bench's generator).
    const loader = openPostgres({ url: database.url, poolSize: 1 });
    try {
      await generateDataset(loader, accountId, { contacts: CONTACTS, events: 4 * CONTACTS, now: Date.now() });
    } finally {
      await loader.close();
    }

    const profile = (await first.request('POST', '/api/v1/profiles', key, { name: 'Shared', rules: RULES }))
      .body;
    const publish = await first.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);
    expect(publish.status).toBe(202);
    const jobId: string = publish.body.job.id;
    const version: number = publish.body.version;

    // Events keep arriving at every server while the publish runs (and after its worker dies).
    let ingesting = true;
    let sent = 0;
    const ingest = (async () => {
      for (let batch = 0; ingesting; batch++) {
        const server = servers[batch % servers.length]!;
        if (server.pid === undefined) continue;
        const events = Array.from({ length: 50 }, (_, i) => ({
          id: `live-${batch}-${i}`,
          contactId: `c${String(1 + ((batch * 7919 + i * 104_729) % CONTACTS)).padStart(8, '0')}`,
          type: i % 3 === 0 ? 'link.clicked' : 'email.opened',
        }));
        const res = await server.request('POST', '/api/v1/events', key, { events }).catch(() => null);
        if (res?.status === 200) sent += res.body.accepted;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    // Kill whichever server holds the job, part way through.
    const holder = await waitFor('the publish to be part way', async () => {
      const { rows } = await client.query('select lease_owner, done from jobs where id = $1', [jobId]);
      const row = rows[0];
      return row && Number(row.done) >= 5_000 && row.lease_owner ? (row.lease_owner as string) : undefined;
    });
    const victim = servers.find((s) => holder.split(':')[1] === String(s.pid));
    expect(victim).toBeDefined();
    const doneAtKill = Number(
      (await client.query('select done from jobs where id = $1', [jobId])).rows[0].done,
    );
    await victim!.kill();
    expect(doneAtKill).toBeLessThan(CONTACTS);
    const survivor = servers.find((s) => s !== victim)!;

    const finished = await waitFor('the publish to finish elsewhere', async () => {
      const job = (await survivor.request('GET', `/api/v1/jobs/${jobId}`, key)).body;
      return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
    });
    ingesting = false;
    await ingest;
    expect(finished.status).toBe('succeeded');
    expect(sent).toBeGreaterThan(0);
    const { rows: jobRows } = await client.query('select lease_owner, done, total from jobs where id = $1', [
      jobId,
    ]);
    expect(jobRows[0].lease_owner).not.toBe(holder); // taken over by another process
    expect(Number(jobRows[0].done)).toBe(Number(jobRows[0].total));

    // Nothing done twice with a visible effect: one publish history entry at most per contact.
    const { rows: twice } = await client.query(
      `select contact_id from score_history where account_id = $1 and profile_id = $2 and reason like '%"publish"%'
       group by contact_id having count(*) > 1 limit 5`,
      [accountId, profile.id],
    );
    expect(twice).toEqual([]);

    const afterCrash = await scoresOf(accountId, profile.id, version);
    expect(afterCrash.size).toBe(CONTACTS);

    // A clean recompute (nothing arrives meanwhile) gives the same scores.
    const clean = await survivor.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);
    expect(clean.status).toBe(202);
    await waitFor('the clean publish', async () => {
      const job = (await survivor.request('GET', `/api/v1/jobs/${clean.body.job.id}`, key)).body;
      return job.status === 'succeeded' ? job : undefined;
    });
    const recomputed = await scoresOf(accountId, profile.id, clean.body.version);
    expect(recomputed.size).toBe(afterCrash.size);
    const differing = [...recomputed].filter(([id, score]) => afterCrash.get(id) !== score).slice(0, 5);
    expect(differing).toEqual([]);
  }, 400_000);
});
