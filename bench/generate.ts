import { seededRandom } from '../src/demo/random.ts';
import { DAY_MS, isDefaultInteraction } from '../src/scoring/index.ts';
import type { DatabaseHandle } from '../src/server/db/database.ts';

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

/** Columns of each table the generator fills, in the order its rows list them. */
const COLUMNS = {
  contacts: [
    ['account_id', 'text'],
    ['id', 'text'],
    ['name', 'text'],
    ['sort_name', 'text'],
    ['search_text', 'text'],
    ['email', 'text'],
    ['phone', 'text'],
    ['tags', 'text'],
    ['assigned_to', 'text'],
    ['dnd', 'text'],
    ['fields', 'text'],
    ['created_at', 'int8'],
    ['updated_at', 'int8'],
    ['last_interaction_at', 'int8'],
    ['last_message_at', 'int8'],
    ['last_message_id', 'text'],
    ['last_message_channel', 'text'],
    ['last_message_direction', 'text'],
    ['last_message_text', 'text'],
    ['unread_count', 'int4'],
  ],
  events: [
    ['account_id', 'text'],
    ['contact_id', 'text'],
    ['occurred_at', 'int8'],
    ['id', 'text'],
    ['type', 'text'],
    ['properties', 'text'],
    ['received_at', 'int8'],
  ],
  contact_tags: [
    ['account_id', 'text'],
    ['tag', 'text'],
    ['contact_id', 'text'],
  ],
  users: [
    ['id', 'text'],
    ['account_id', 'text'],
    ['name', 'text'],
    ['email', 'text'],
    ['password_hash', 'text'],
    ['role', 'text'],
    ['created_at', 'int8'],
  ],
} as const;
type Table = keyof typeof COLUMNS;
type Value = string | number | null;

/**
 * Writes generated rows in bulk: SQLite through prepared statements in large transactions, PostgreSQL
 * as one `insert … select from unnest(arrays)` per table and batch (one round trip per 10,000 rows).
 */
function bulkWriter(handle: DatabaseHandle) {
  if (handle.sqlite) {
    const raw = handle.sqlite.raw;
    const statements = Object.fromEntries(
      (Object.keys(COLUMNS) as Table[]).map((table) => {
        const columns = COLUMNS[table].map(([name]) => name);
        return [
          table,
          raw.prepare(
            `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          ),
        ];
      }),
    ) as Record<Table, ReturnType<typeof raw.prepare>>;
    raw.exec('begin');
    return {
      add: (table: Table, row: Value[]) => void statements[table].run(...row),
      async commit() {
        raw.exec('commit');
        raw.exec('begin');
      },
      async end() {
        raw.exec('commit');
      },
    };
  }
  const pool = handle.pool!;
  const pending = Object.fromEntries(
    (Object.keys(COLUMNS) as Table[]).map((t) => [t, [] as Value[][]]),
  ) as Record<Table, Value[][]>;
  async function flush(table: Table) {
    const rows = pending[table];
    if (rows.length === 0) return;
    pending[table] = [];
    const columns = COLUMNS[table];
    const arrays = columns.map((_, i) => rows.map((row) => row[i] ?? null));
    await pool.query(
      `insert into ${table} (${columns.map(([name]) => name).join(', ')})
       select * from unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      arrays,
    );
  }
  return {
    add(table: Table, row: Value[]) {
      pending[table].push(row);
    },
    async commit() {
      for (const table of Object.keys(COLUMNS) as Table[]) await flush(table);
    },
    async end() {
      await this.commit();
    },
  };
}

/**
 * Bulk-loads a synthetic account straight into the database (the bench's data generator, not an API
 * path): `contacts` contacts with ~`events` events over the last 120 days, in clustered-key order.
 */
export async function generateDataset(
  handle: DatabaseHandle,
  accountId: string,
  options: { contacts: number; events: number; now: number },
) {
  const { contacts, events, now } = options;
  const r = seededRandom(7);
  const writer = bulkWriter(handle);
  const average = events / contacts;
  const start = now - 120 * DAY_MS;
  let eventNumber = 0;
  // The users contacts are assigned to; '!' is no scrypt hash, so nobody can sign in as them.
  for (let u = 1; u <= BENCH_USERS; u++)
    writer.add('users', [
      `user_${u}`,
      accountId,
      `Bench user ${u}`,
      `bench-user-${u}@tally.local`,
      '!',
      'member',
      now,
    ]);
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
      writer.add('events', [accountId, id, at, eventId, type, properties, at]);
    }
    const tags = r.chance(0.2) ? ['vip'] : [];
    for (const tag of tags) writer.add('contact_tags', [accountId, tag, id]);
    const dnd = r.chance(0.03) ? '{"all":true}' : '{}';
    const assigned = r.chance(0.5) ? `user_${r.int(1, BENCH_USERS)}` : null;
    const createdAt = start - r.int(0, 60) * DAY_MS;
    writer.add('contacts', [
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
      '{}',
      createdAt,
      createdAt,
      lastInteraction,
      lastMessage?.at ?? null,
      lastMessage?.id ?? null,
      lastMessage?.channel ?? null,
      lastMessage ? (lastMessage.type === 'message.received' ? 'inbound' : 'outbound') : null,
      lastMessage ? 'Latest message' : null,
      lastMessage ? unread : 0,
    ]);
    if (n % (handle.sqlite ? 20_000 : 1_000) === 0) await writer.commit();
  }
  await writer.end();
  return { contacts, events: eventNumber };
}
