import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, newAccount } from './helpers/server-process.ts';
import { createPostgresDatabase, testDialect } from './helpers/test-database.ts';

/**
 * Crash safety with real server processes killed by SIGKILL (kill -9): on the embedded database in its
 * data directory, or (the postgres project) on a PostgreSQL database of the test's own.
 */
const servers: ServerProcess[] = [];
const databases: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

async function databaseEnv(): Promise<Record<string, string>> {
  if (testDialect !== 'postgres') return {};
  const database = await createPostgresDatabase();
  databases.push(database);
  return { DATABASE_URL: database.url };
}

const RULES = [
  { kind: 'event', eventType: 'email.opened', points: 5 },
  { kind: 'event', eventType: 'link.clicked', points: 10, maxTimes: 3 },
  { kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 7 },
];

describe('durability', () => {
  it('loses no acknowledged event when the server is killed -9 during ingest', async () => {
    const server = new ServerProcess(await databaseEnv());
    servers.push(server);
    await server.start();
    const key = await newAccount(server);
    const profile = (await server.request('POST', '/api/v1/profiles', key, { name: 'P', rules: RULES })).body;
    await server.request('POST', `/api/v1/profiles/${profile.id}/publish`, key);

    const acknowledged = new Set<string>();
    let sequence = 0;
    let killed = false;
    const sender = async () => {
      while (!killed) {
        const events = Array.from({ length: 100 }, () => {
          const n = sequence++;
          return {
            id: `ev-${n}`,
            contactId: `c${n % 50}`,
            type: n % 3 === 0 ? 'link.clicked' : 'email.opened',
          };
        });
        try {
          const res = await server.request('POST', '/api/v1/events', key, { events });
          if (res.status === 200) for (const e of events) acknowledged.add(e.id);
        } catch {
          return; // the connection died with the server: this batch was never acknowledged
        }
      }
    };
    const senders = Promise.all([sender(), sender(), sender()]);
    await new Promise((r) => setTimeout(r, 1500));
    killed = true;
    await server.kill();
    await senders;
    expect(acknowledged.size).toBeGreaterThan(500);

    await server.start();
    const stored = new Set<string>();
    for (let c = 0; c < 50; c++) {
      let cursor: string | null = null;
      do {
        const path: string = `/api/v1/contacts/c${c}/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await server.request('GET', path, key);
        for (const e of res.body.items) stored.add(e.id);
        cursor = res.body.nextCursor;
      } while (cursor);
    }
    const lost = [...acknowledged].filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    // Every stored event is in the stored score: the cached score equals a from-history evaluation.
    const now = new Date().toISOString();
    for (let c = 0; c < 50; c += 7) {
      const cached = await server.request('GET', `/api/v1/contacts/c${c}`, key);
      const fromHistory = await server.request(
        'GET',
        `/api/v1/contacts/c${c}/scores/${profile.id}?at=${now}`,
        key,
      );
      expect(cached.body.scores[profile.id].score).toBe(fromHistory.body.score);
    }
  });
});
