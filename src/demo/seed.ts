import { randomBytes } from 'node:crypto';
import { CHANNELS, DAY_MS } from '../scoring/index.ts';
import type { Tally } from '../server/main.ts';
import { seededRandom } from './random.ts';

const FIRST = [
  'Ava',
  'Liam',
  'Maya',
  'Noah',
  'Zoe',
  'Omar',
  'Lena',
  'Kai',
  'Iris',
  'Theo',
  'Nora',
  'Ravi',
  'Sofia',
  'Hugo',
  'Mei',
  'Jonas',
  'Amara',
  'Diego',
  'Freya',
  'Tariq',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Tanaka',
  'Silva',
  'Novak',
  'Haddad',
  'Kowalski',
  'Byrne',
  'Fischer',
  'Rossi',
  'Patel',
  'Nguyen',
  'García',
  'Berg',
  'Mensah',
];
const TAGS = ['lead', 'customer', 'newsletter', 'webinar', 'vip', 'trial', 'partner'];

/** The demo team: the admin signs in with a printed password; contacts are assigned across everyone. */
export const DEMO_ADMIN_EMAIL = 'demo@tally.local';
const TEAM = [
  { name: 'Demo Admin', email: DEMO_ADMIN_EMAIL, role: 'admin' as const },
  { name: 'Sam Rivera', email: 'sam@tally.local', role: 'member' as const },
  { name: 'Priya Shah', email: 'priya@tally.local', role: 'member' as const },
  { name: 'Jon Weber', email: 'jon@tally.local', role: 'member' as const },
];

/** The seed example profile: the rules the product brief names. */
export const DEMO_PROFILE = {
  name: 'Lead Engagement Score',
  description: 'How actively a lead engages across email, links and payments.',
  rules: [
    {
      kind: 'event' as const,
      eventType: 'link.clicked',
      points: 10,
      description: '+10 when a trigger link is clicked',
    },
    {
      kind: 'event' as const,
      eventType: 'email.opened',
      points: 5,
      description: '+5 when an email is opened',
    },
    {
      kind: 'event' as const,
      eventType: 'payment.succeeded',
      points: 25,
      description: '+25 on a successful payment',
    },
    {
      kind: 'inactivity' as const,
      days: 30,
      repeat: true,
      points: -5,
      description: '−5 for every 30 days without interaction',
    },
    {
      kind: 'state' as const,
      when: { field: 'dnd.all', op: 'eq' as const, value: true },
      points: -20,
      description: '−20 while all DND channels are on',
    },
  ],
};

const EVENT_MIX: [string, number][] = [
  ['page.viewed', 30],
  ['email.opened', 24],
  ['message.sent', 12],
  ['message.received', 8],
  ['link.clicked', 7],
  ['form.submitted', 4],
  ['call.completed', 4],
  ['email.bounced', 3],
  ['appointment.booked', 3],
  ['payment.succeeded', 2],
  ['payment.failed', 2],
  ['review.submitted', 1],
];

function weightedType(r: ReturnType<typeof seededRandom>): string {
  const total = EVENT_MIX.reduce((sum, [, w]) => sum + w, 0);
  let roll = r.next() * total;
  for (const [type, weight] of EVENT_MIX) {
    roll -= weight;
    if (roll < 0) return type;
  }
  return EVENT_MIX[0]![0];
}

function properties(type: string, r: ReturnType<typeof seededRandom>): Record<string, unknown> {
  switch (type) {
    case 'email.opened':
    case 'email.clicked':
      return { campaignId: `cmp_${r.int(1, 12)}`, emailId: `em_${r.int(1, 60)}` };
    case 'link.clicked':
      return {
        linkId: r.pick(['spring-promo', 'pricing', 'demo-video', 'case-study']),
        url: 'https://example.com/l',
      };
    case 'message.received':
    case 'message.sent':
      return {
        channel: r.pick(CHANNELS),
        text: r.pick([
          'Hi! Is this still available?',
          'Thanks, talk soon',
          'Can we book a call?',
          'Following up on my order',
        ]),
      };
    case 'payment.succeeded':
    case 'payment.failed':
      return { amount: r.int(20, 900), currency: 'USD', productId: `prod_${r.int(1, 8)}` };
    case 'call.completed':
      return { direction: r.pick(['inbound', 'outbound']), durationSeconds: r.int(30, 1800) };
    case 'review.submitted':
      return { rating: r.int(1, 5) };
    default:
      return {};
  }
}

export interface DemoResult {
  accountId: string;
  apiKey: string;
  /** The admin's sign-in (the password is random, shown once). */
  signIn: { email: string; password: string };
  profileId: string;
  contacts: number;
  events: number;
}

/**
 * Seeds a demo account through the services (as the API would): contacts with a spread of activity,
 * events over the past `days`, and the seed example profile, published.
 */
export async function seedDemo(
  tally: Tally,
  options: { contacts?: number; events?: number; days?: number; seed?: number } = {},
): Promise<DemoResult> {
  const contactCount = options.contacts ?? 2000;
  const eventCount = options.events ?? 50_000;
  const days = options.days ?? 120;
  const r = seededRandom(options.seed ?? 42);
  const { services } = tally;
  const account = await services.accounts.createAccount('Demo Co');
  const accountId = account.id;
  const admin = { accountId, apiKeyId: null, userId: null, role: 'admin' as const };
  const password = randomBytes(12).toString('base64url');
  const team: string[] = [];
  for (const member of TEAM) {
    // Members get random passwords nobody is shown: they are there to own contacts.
    const memberPassword = member.role === 'admin' ? password : randomBytes(24).toString('base64url');
    team.push((await services.users.create(admin, { ...member, password: memberPassword })).id);
  }
  const now = Date.now();
  const start = now - days * DAY_MS;

  // Activity follows a long tail: a few very engaged contacts, many quiet ones.
  const weights: number[] = [];
  for (let i = 0; i < contactCount; i++) {
    const first = r.pick(FIRST);
    const last = r.pick(LAST);
    const id = `c_${String(i + 1).padStart(5, '0')}`;
    const dndAll = r.chance(0.04);
    await services.contacts.upsert(accountId, id, {
      name: `${first} ${last}`,
      email: `${first}.${last}${i}@example.com`.toLowerCase(),
      phone: `+1555${String(1000000 + i).slice(1)}`,
      tags: TAGS.filter(() => r.chance(0.18)),
      assignedTo: r.chance(0.7) ? r.pick(team) : null,
      dnd: dndAll ? { all: true } : { sms: r.chance(0.1), email: r.chance(0.05) },
      createdAt: new Date(start - r.int(0, 60) * DAY_MS).toISOString(),
    });
    weights.push(r.next() ** 2);
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const batch: Record<string, unknown>[] = [];
  // The last week's events arrive after the profile is published, as they would in a live account, so
  // contacts have score history and Insights has movers to show.
  const lastWeek: Record<string, unknown>[] = [];
  const recentFrom = now - 7 * DAY_MS;
  let sent = 0;
  const flush = async (events = batch) => {
    while (events.length > 0) await services.events.ingest(accountId, events.splice(0, 1000));
  };
  // Cumulative rounding: per-contact counts that add up to exactly `eventCount`.
  let cumulative = 0;
  for (let i = 0; i < contactCount; i++) {
    const before = Math.round((cumulative / totalWeight) * eventCount);
    cumulative += weights[i]!;
    const count = Math.round((cumulative / totalWeight) * eventCount) - before;
    // Each contact's activity clusters around a recent or distant "engaged" period.
    const center = start + r.next() * (now - start);
    for (let k = 0; k < count; k++) {
      const occurredAt = Math.min(now - 60_000, Math.max(start, center + (r.next() - 0.5) * 40 * DAY_MS));
      const type = weightedType(r);
      (occurredAt >= recentFrom ? lastWeek : batch).push({
        contactId: `c_${String(i + 1).padStart(5, '0')}`,
        type,
        occurredAt: new Date(occurredAt).toISOString(),
        properties: properties(type, r),
      });
      sent++;
      if (batch.length === 1000) await flush();
    }
  }
  await flush();
  const profile = await services.profiles.create(accountId, DEMO_PROFILE);
  await services.profiles.publish(accountId, profile.id);
  await tally.runner.runOnce();
  await flush(lastWeek);
  // A team works its inbox: only conversations with a message in the last two days are still unread.
  for (const item of await recentlyQuiet(tally, accountId, now - 2 * DAY_MS))
    await services.conversations.markRead(accountId, item);
  return {
    accountId,
    apiKey: account.apiKey,
    signIn: { email: DEMO_ADMIN_EMAIL, password },
    profileId: profile.id,
    contacts: contactCount,
    events: sent,
  };
}

/** Contacts with unread messages whose last message is older than `before`. */
async function recentlyQuiet(tally: Tally, accountId: string, before: number): Promise<string[]> {
  const rows = await tally.database.db
    .selectFrom('contacts')
    .select('id')
    .where('account_id', '=', accountId)
    .where('unread_count', '>', 0)
    .where('last_message_at', '<', before)
    .execute();
  return rows.map((r) => r.id);
}
