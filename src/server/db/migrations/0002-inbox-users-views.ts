import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import type { Database } from '../schema.ts';
import { textType } from './column-types.ts';

/** How much of a message's text a conversation keeps for the inbox snippet. */
export const MESSAGE_SNIPPET_LENGTH = 280;

/**
 * Conversations, list attributes beside the score, list snapshots, users, sessions and views.
 *
 * - A contact's conversation lives on its row (last message, unread count): one write per message.
 * - Each score row carries the list filters a sorted inbox needs (has a conversation, last channel,
 *   assignee, unread), and the score index includes them, so a filtered "score high → low" page is
 *   read off one index without visiting rows that fail the filters.
 * - `list_moves` records the value a non-score sort key had before it changed, so a cursor can page
 *   through the list as it was when paging began (score moves are read from score_history).
 */
export function inboxUsersViews(dialect: Dialect): Migration {
  // Change numbers must only grow: a snapshot is "every change up to n". SQLite reuses the largest rowid
  // after a delete (erasing a contact deletes its rows) unless the key is AUTOINCREMENT.
  const text = textType(dialect);
  const serial = dialect === 'postgres' ? sql`bigint generated always as identity` : sql`integer`;
  const serialKey = <T extends { primaryKey(): T; autoIncrement(): T }>(c: T) =>
    dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey();
  const clustered = <T extends { modifyEnd(node: ReturnType<typeof sql>): T }>(builder: T): T =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  return {
    async up(db: Kysely<unknown>) {
      for (const [column, type] of [
        ['last_message_at', 'bigint'],
        ['last_message_id', text],
        ['last_message_channel', text],
        ['last_message_direction', text],
        ['last_message_text', text],
      ] as const) {
        await db.schema.alterTable('contacts').addColumn(column, type).execute();
      }
      await db.schema
        .alterTable('contacts')
        .addColumn('unread_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // One index serves both directions ("Oldest" reads it backwards and orders ties by id itself):
      // every message moves an entry, so a second index would cost each message another random write.
      await db.schema
        .createIndex('contacts_last_message')
        .on('contacts')
        // The inbox filters ride along, so "latest first" with channel/assignee/unread filters is read off
        // the index without visiting rows that fail them (a message moves this entry anyway).
        .columns([
          'account_id',
          'last_message_at desc',
          'id',
          'last_message_channel',
          'assigned_to',
          'unread_count',
        ])
        .where(sql.ref('last_message_at'), 'is not', null)
        .execute();

      await db.schema.alterTable('scores').addColumn('assigned_to', text).execute();
      await db.schema.alterTable('scores').addColumn('channel', text).execute();
      await db.schema
        .alterTable('scores')
        .addColumn('inbox', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('scores')
        .addColumn('unread', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.dropIndex('scores_by_score').execute();
      await db.schema
        .createIndex('scores_list')
        .on('scores')
        .columns([
          'account_id',
          'profile_id',
          'version',
          'score desc',
          'contact_id',
          'inbox',
          'channel',
          'assigned_to',
          'unread',
        ])
        .execute();
      if (dialect === 'sqlite') await monotonicHistorySeq(db);
      await keepLegacyAssignees(db, dialect);
      await backfillConversations(db, dialect);
      await refoldSortNames(db);

      await db.schema
        .createTable('list_moves')
        .addColumn('seq', serial, serialKey)
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('contact_id', text, (c) => c.notNull())
        .addColumn('sort_key', text, (c) => c.notNull())
        .addColumn('old_value', text)
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('list_moves_at').on('list_moves').column('at').execute();

      await db.schema
        .createTable('users')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('email', text, (c) => c.notNull().unique())
        .addColumn('password_hash', text, (c) => c.notNull())
        .addColumn('role', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('users_account')
        .on('users')
        .columns(['account_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', text, (c) => c.primaryKey())
        .addColumn('user_id', text, (c) => c.notNull())
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

      // Secrets of this installation (e.g. the key that signs list cursors), made on first use.
      await db.schema
        .createTable('installation_secrets')
        .addColumn('name', text, (c) => c.primaryKey())
        .addColumn('value', text, (c) => c.notNull())
        .execute();

      await clustered(
        db.schema
          .createTable('views')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('scope', text, (c) => c.notNull())
          .addColumn('filters', text, (c) => c.notNull())
          .addColumn('sort', text, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('views_pk', ['account_id', 'id']),
      ).execute();
    },
  };
}

/**
 * Conversations of an existing installation, from the message events it already holds (they start
 * read: marking years of history unread would bury the inbox), then the score rows' list attributes.
 */
async function backfillConversations(db: Kysely<unknown>, dialect: Dialect) {
  const prop = (name: string) =>
    dialect === 'postgres'
      ? sql.raw(`(e.properties::jsonb ->> '${name}')`)
      : sql.raw(`json_extract(e.properties, '$.${name}')`);
  const messages = sql`e.account_id = contacts.account_id and e.contact_id = contacts.id
    and e.type in ('message.received', 'message.sent')`;
  await sql`update contacts set (last_message_at, last_message_id, last_message_channel, last_message_direction, last_message_text) = (
      select e.occurred_at, e.id, lower(trim(${prop('channel')})),
        case e.type when 'message.received' then 'inbound' else 'outbound' end,
        substr(${prop('text')}, 1, ${MESSAGE_SNIPPET_LENGTH})
      from events e where ${messages} order by e.occurred_at desc, e.id desc limit 1)
    where exists (select 1 from events e where ${messages})`.execute(db);
  await sql`update scores set
      assigned_to = (select c.assigned_to from contacts c where c.account_id = scores.account_id and c.id = scores.contact_id),
      channel = (select c.last_message_channel from contacts c where c.account_id = scores.account_id and c.id = scores.contact_id),
      inbox = (select case when c.last_message_at is null then 0 else 1 end from contacts c
        where c.account_id = scores.account_id and c.id = scores.contact_id)`.execute(db);
}

/**
 * The name:asc key as of this migration (a copy, so later changes to the live one cannot change what this
 * migration did): lowercased, accents folded, trimmed.
 */
const sortNameOf = (c: { name: string | null }) =>
  (c.name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toLowerCase();

/** Sort names now fold accents ("Émile" with "emile"); recompute them for existing contacts. */
async function refoldSortNames(db: Kysely<unknown>) {
  const contacts = db as unknown as Kysely<Database>;
  let after = { account: '', id: '' };
  for (;;) {
    const rows = await contacts
      .selectFrom('contacts')
      .select(['account_id', 'id', 'name', 'sort_name'])
      .where((eb) =>
        eb.or([
          eb('account_id', '>', after.account),
          eb.and([eb('account_id', '=', after.account), eb('id', '>', after.id)]),
        ]),
      )
      .orderBy('account_id')
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const folded = sortNameOf(row);
      if (folded !== row.sort_name)
        await contacts
          .updateTable('contacts')
          .set({ sort_name: folded })
          .where('account_id', '=', row.account_id)
          .where('id', '=', row.id)
          .execute();
    }
    const last = rows[rows.length - 1]!;
    after = { account: last.account_id, id: last.id };
  }
}

/**
 * score_history.seq becomes AUTOINCREMENT on SQLite (PostgreSQL identities never go back): list
 * snapshots read "history after seq n", which a reused seq would break. SQLite cannot alter a key, so the
 * table is copied.
 */
async function monotonicHistorySeq(db: Kysely<unknown>) {
  await sql`create table score_history_next (
      seq integer primary key autoincrement,
      account_id text not null, profile_id text not null, contact_id text not null,
      at bigint not null, from_score bigint, to_score bigint not null, reason text not null)`.execute(db);
  await sql`insert into score_history_next select seq, account_id, profile_id, contact_id, at, from_score, to_score, reason
      from score_history order by seq`.execute(db);
  await sql`drop table score_history`.execute(db);
  await sql`alter table score_history_next rename to score_history`.execute(db);
  await db.schema
    .createIndex('score_history_contact')
    .on('score_history')
    .columns(['account_id', 'profile_id', 'contact_id', 'at', 'seq'])
    .execute();
}

/**
 * 0.1 took any text as `assignedTo`; now it names a user, and there are none yet. The old value moves
 * to `fields.legacyAssignedTo` (kept, visible, filterable by rules) and the contact is unassigned.
 */
async function keepLegacyAssignees(db: Kysely<unknown>, dialect: Dialect) {
  const moved =
    dialect === 'postgres'
      ? sql`(fields::jsonb || jsonb_build_object('legacyAssignedTo', assigned_to))::text`
      : sql`json_set(fields, '$.legacyAssignedTo', assigned_to)`;
  await sql`update contacts set fields = ${moved}, assigned_to = null where assigned_to is not null`.execute(
    db,
  );
}
