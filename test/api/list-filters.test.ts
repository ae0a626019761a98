import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  MINUTE,
  T0,
  allPages,
  ingest,
  iso,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

/**
 * Every list filter alone and combined, on both lists and every sort, against an oracle: the same
 * items fetched unfiltered and filtered/sorted here by the rules api.md states.
 */
let api: Api;
let users: string[];
let profileId: string;

const CHANNELS = ['sms', 'email', 'whatsapp'];
const NAMES = ['Ann', 'bob', 'Émile', 'Zoë', 'ann', 'Carl', '', 'Dee'];

async function createUser(name: string) {
  const res = await api.post('/users', {
    name,
    email: `${name.toLowerCase()}@example.test`,
    password: 'correct horse battery',
    role: 'member',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  api = await setup();
  users = [await createUser('Uma'), await createUser('Vic')];
  const profile = await publishedProfile(api, {
    rules: [
      { id: 'open', kind: 'event', eventType: 'email.opened', points: 20 },
      { id: 'msg', kind: 'event', eventType: 'message.received', points: 5 },
    ],
  });
  profileId = profile.id;
  const events: unknown[] = [];
  for (let i = 0; i < 36; i++) {
    const id = `c${String(i).padStart(2, '0')}`;
    await putContact(api, id, {
      name: NAMES[i % NAMES.length] || null,
      email: i % 5 === 0 ? `person${i}@mail.test` : null,
      tags: [['vip'], ['lead'], ['vip', 'lead'], []][i % 4],
      assignedTo: i % 3 === 2 ? null : users[i % 3],
      createdAt: iso(T0 - (i % 7) * MINUTE),
    });
    for (let k = 0; k < i % 4; k++)
      events.push({ contactId: id, type: 'email.opened', occurredAt: iso(T0 - k) });
    if (i % 6 !== 5) {
      events.push({
        contactId: id,
        type: i % 2 === 0 ? 'message.received' : 'message.sent',
        occurredAt: iso(T0 - (i % 5) * MINUTE),
        properties: { channel: CHANNELS[i % 3], text: `hi ${i}` },
      });
    }
  }
  await ingest(api, events);
  for (const id of ['c00', 'c04']) expect((await api.post(`/conversations/${id}/read`)).status).toBe(200);
});
afterAll(() => api.h.close());

interface Filters {
  scoreMin?: number;
  scoreMax?: number;
  tier?: string[];
  channel?: string[];
  assignedTo?: string;
  unread?: boolean;
  tag?: string[];
  q?: string;
}

const TIER_MIN: Record<string, number> = {
  High: 50,
  Medium: 20,
  Low: 1,
  'Very low': Number.NEGATIVE_INFINITY,
};
const TIER_ORDER = ['High', 'Medium', 'Low', 'Very low'];
const tierMax = (name: string) => {
  const above = TIER_ORDER[TIER_ORDER.indexOf(name) - 1];
  return above ? TIER_MIN[above]! - 1 : Number.POSITIVE_INFINITY;
};

function matches(item: any, f: Filters, scope: string): boolean {
  const s = item.score?.score as number;
  if (scope === 'conversations' && item.conversation === null) return false;
  if (f.scoreMin !== undefined && !(s >= f.scoreMin)) return false;
  if (f.scoreMax !== undefined && !(s <= f.scoreMax)) return false;
  if (f.tier && !f.tier.some((t) => s >= TIER_MIN[t]! && s <= tierMax(t))) return false;
  if (f.channel && !f.channel.includes(item.conversation?.lastMessageChannel)) return false;
  if (f.assignedTo !== undefined) {
    const want = f.assignedTo === 'unassigned' ? null : f.assignedTo;
    if (item.contact.assignedTo !== want) return false;
  }
  if (f.unread !== undefined && (item.conversation?.unreadCount ?? 0) > 0 !== f.unread) return false;
  if (f.tag && !f.tag.every((t) => item.contact.tags.includes(t))) return false;
  if (f.q) {
    const text = [item.contact.name, item.contact.email, item.contact.phone].join('\n').toLowerCase();
    if (!text.includes(f.q.toLowerCase())) return false;
  }
  return true;
}

function sortValue(item: any, sort: string): number | string | null {
  if (sort.startsWith('score')) return item.score.score;
  if (sort.startsWith('lastMessageAt'))
    return item.conversation ? Date.parse(item.conversation.lastMessageAt) : null;
  if (sort === 'name:asc') {
    // Accents folded, case ignored; contacts without a name come last.
    const folded = (item.contact.name ?? '')
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .trim()
      .toLowerCase();
    return folded === '' ? null : folded;
  }
  return Date.parse(item.contact.createdAt);
}

function compare(sort: string) {
  const desc = sort.endsWith(':desc');
  return (a: any, b: any) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return a.contact.id < b.contact.id ? -1 : 1;
  };
}

function toQuery(f: Filters, sort: string): string {
  const params = new URLSearchParams({ sort, limit: '4' });
  for (const [key, value] of Object.entries(f)) {
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else if (value !== undefined) params.set(key, String(value));
  }
  return params.toString();
}

async function checkAgainstOracle(numRuns: number) {
  const all = (await api.get('/contacts?limit=200')).body.items;
  const filters = fc.record(
    {
      scoreMin: fc.integer({ min: -5, max: 40 }),
      scoreMax: fc.integer({ min: 10, max: 60 }),
      tier: fc.subarray(TIER_ORDER, { minLength: 1 }),
      channel: fc.subarray(CHANNELS, { minLength: 1 }),
      assignedTo: fc.constantFrom('unassigned', ...users),
      unread: fc.boolean(),
      tag: fc.subarray(['vip', 'lead'], { minLength: 1 }),
      q: fc.constantFrom('ann', 'É', 'mail.test', 'zz', 'o'),
    },
    { requiredKeys: [] },
  );
  const sorts = fc.constantFrom(
    'score:desc',
    'score:asc',
    'lastMessageAt:desc',
    'lastMessageAt:asc',
    'createdAt:desc',
    'name:asc',
  );
  await fc.assert(
    fc.asyncProperty(filters, sorts, fc.constantFrom('contacts', 'conversations'), async (f, sort, scope) => {
      if (f.scoreMin !== undefined && f.scoreMax !== undefined && f.scoreMin > f.scoreMax) return;
      const expected = all
        .filter((item: any) => matches(item, f, scope))
        .sort(compare(sort))
        .map((i: any) => i.contact.id);
      const pages = await allPages(api, `/${scope}?${toQuery(f, sort)}`);
      expect(pages.flat().map((i: any) => i.contact.id)).toEqual(expected);
    }),
    { numRuns },
  );
  return all.length;
}

describe('list filters and sorts against an oracle', () => {
  it('every filter alone and combined, every sort, both lists, paged 4 at a time', async () => {
    expect(await checkAgainstOracle(120)).toBe(36);
  });

  it('each filter alone narrows the list (the data exercises every filter)', async () => {
    for (const query of [
      'scoreMin=20',
      'scoreMax=10',
      'tier=High',
      'channel=sms',
      `assignedTo=${users[0]}`,
      'assignedTo=unassigned',
      'unread=true',
      'unread=false',
      'tag=vip',
      'q=ann',
    ]) {
      const items = (await allPages(api, `/contacts?${query}&limit=200`)).flat();
      expect(items.length, query).toBeGreaterThan(0);
      expect(items.length, query).toBeLessThan(36);
    }
  });

  it('a tier filter is case-insensitive and repeatable; an unknown tier names the tiers', async () => {
    const upper = (await allPages(api, '/contacts?tier=HIGH&tier=medium&limit=200')).flat();
    const mixed = (await allPages(api, '/contacts?tier=High&tier=Medium&limit=200')).flat();
    expect(upper.map((i: any) => i.contact.id)).toEqual(mixed.map((i: any) => i.contact.id));
    const res = await api.get('/contacts?tier=Gold');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('High, Medium, Low, Very low');
  });

  it('profileId picks which score is shown; an unknown profile is a 400', async () => {
    const res = await api.get(`/conversations?profileId=${profileId}&sort=score:desc&limit=1`);
    expect(res.body.items[0].score.version).toBe(1);
    expect((await api.get('/conversations?profileId=nope')).status).toBe(400);
  });

  it('stays right after reassignments, reads, new messages on other channels and an erase', async () => {
    await putContact(api, 'c01', { assignedTo: null });
    await putContact(api, 'c02', { assignedTo: users[1] });
    await putContact(api, 'c03', { assignedTo: users[0], tags: ['lead'] });
    for (const id of ['c06', 'c08']) expect((await api.post(`/conversations/${id}/read`)).status).toBe(200);
    await ingest(api, [
      { contactId: 'c05', type: 'message.received', properties: { channel: 'whatsapp' } },
      { contactId: 'c07', type: 'message.sent', properties: { channel: 'sms' } },
      {
        contactId: 'c11',
        type: 'message.received',
        occurredAt: iso(T0 - 50 * MINUTE),
        properties: { channel: 'email' },
      },
      { contactId: 'c12', type: 'email.opened' },
      { contactId: 'new1', type: 'message.received', properties: { channel: 'sms' } },
    ]);
    expect((await api.del('/contacts/c09')).status).toBe(204);
    expect(await checkAgainstOracle(80)).toBe(36);
  });
});
