import { seededRandom } from '../src/demo/random.ts';
import { DAY_MS, isDefaultInteraction } from '../src/scoring/index.ts';
import type { NodeSqliteDatabase } from '../src/server/db/node-sqlite-driver.ts';

const MIX: [string, number][] = [
  ['email.opened', 40],
  ['page.viewed', 18],
  ['link.clicked', 12],
  ['message.sent', 8],
  ['message.received', 6],
  ['form.submitted', 4],
  ['call.completed', 4],
  ['email.bounced', 2],
  ['appointment.booked', 2],
  ['payment.succeeded', 2],
  ['payment.failed', 1],
  ['review.submitted', 1],
];
const CUMULATIVE = (() => {
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  return MIX.map(([type, w]) => {
    acc += w / total;
    return [type, acc] as const;
  });
})();

export const contactId = (n: number): string => `c${String(n).padStart(8, '0')}`;
const BENCH_USERS = 20;
const MESSAGE_CHANNELS = ['sms', 'email', 'whatsapp', 'call', 'facebook', 'instagram', 'live_chat', 'gmb'];

/**
 * Bulk-loads a synthetic account straight into SQLite (the bench's data generator, not an API path):
 * `contacts` contacts with ~`events` events over the last 120 days, in clustered-key order.
 */
export function generateDataset(
  sqlite: NodeSqliteDatabase,
  accountId: string,
  options: { contacts: number; events: number; now: number },
) {
  const { contacts, events, now } = options;
  const r = seededRandom(7);
  const raw = sqlite.raw;
  const insertContact = raw.prepare(
    `insert into contacts (account_id, id, name, sort_name, search_text, email, phone, tags, assigned_to, dnd, fields, created_at, updated_at, last_interaction_at,
       last_message_at, last_message_id, last_message_channel, last_message_direction, last_message_text, unread_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEvent = raw.prepare(
    'insert into events (account_id, contact_id, occurred_at, id, type, properties, received_at) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertTag = raw.prepare('insert into contact_tags (account_id, tag, contact_id) values (?, ?, ?)');
  // The users contacts are assigned to; '!' is no scrypt hash, so nobody can sign in as them.
  const insertUser = raw.prepare(
    `insert into users (id, account_id, name, email, password_hash, role, created_at) values (?, ?, ?, ?, '!', 'member', ?)`,
  );
  const average = events / contacts;
  const start = now - 120 * DAY_MS;
  let eventNumber = 0;
  raw.exec('begin');
  for (let u = 1; u <= BENCH_USERS; u++)
    insertUser.run(`user_${u}`, accountId, `Bench user ${u}`, `bench-user-${u}@tally.local`, now);
  for (let n = 1; n <= contacts; n++) {
    const id = contactId(n);
    const count = Math.min(events - eventNumber, Math.floor(r.next() * (2 * average + 1)));
    const times: number[] = [];
    for (let k = 0; k < count; k++) times.push(Math.floor(start + r.next() * (now - start - 60_000)));
    times.sort((a, b) => a - b);
    let lastInteraction: number | null = null;
    let lastMessage: { at: number; id: string; channel: string; type: string } | null = null;
    let unread = 0;
    for (const at of times) {
      const roll = r.next();
      const type = CUMULATIVE.find(([, edge]) => roll <= edge)?.[0] ?? 'email.opened';
      if (isDefaultInteraction(type)) lastInteraction = at;
      const eventId = `e${String(++eventNumber).padStart(9, '0')}`;
      let properties = '{}';
      if (type === 'message.received' || type === 'message.sent') {
        // Messages mostly come by SMS and email, then WhatsApp, then the rest.
        const channel =
          MESSAGE_CHANNELS[
            Math.min(MESSAGE_CHANNELS.length - 1, Math.floor(r.next() ** 2 * MESSAGE_CHANNELS.length))
          ]!;
        properties = `{"channel":"${channel}","text":"Message ${eventNumber}"}`;
        lastMessage = { at, id: eventId, channel, type };
        if (type === 'message.received' && r.chance(0.3)) unread++;
      }
      insertEvent.run(accountId, id, at, eventId, type, properties, at);
    }
    const tags = r.chance(0.2) ? ['vip'] : [];
    for (const tag of tags) insertTag.run(accountId, tag, id);
    const dnd = r.chance(0.03) ? '{"all":true}' : '{}';
    const assigned = r.chance(0.5) ? `user_${r.int(1, BENCH_USERS)}` : null;
    const createdAt = start - r.int(0, 60) * DAY_MS;
    insertContact.run(
      accountId,
      id,
      `Contact ${n}`,
      `contact ${n}`,
      `contact ${n}\ncontact${n}@example.com`,
      `contact${n}@example.com`,
      null,
      JSON.stringify(tags),
      assigned,
      dnd,
      createdAt,
      createdAt,
      lastInteraction,
      lastMessage?.at ?? null,
      lastMessage?.id ?? null,
      lastMessage?.channel ?? null,
      lastMessage ? (lastMessage.type === 'message.received' ? 'inbound' : 'outbound') : null,
      lastMessage ? 'Latest message' : null,
      lastMessage ? unread : 0,
    );
    if (n % 20_000 === 0) {
      raw.exec('commit');
      raw.exec('begin');
    }
  }
  raw.exec('commit');
  return { contacts, events: eventNumber };
}
