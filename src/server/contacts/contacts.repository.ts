import { sql } from 'kysely';
import type { NodeSqliteDatabase } from '../db/node-sqlite-driver.ts';
import type { ContactsTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';
import { chunked } from '../db/transaction.ts';
import { deleteRuns } from '../workflows/workflows.repository.ts';
import {
  type Contact,
  type Conversation,
  contactFromRow,
  contactToRow,
  conversationColumns,
  conversationFromColumns,
} from './contact-row.ts';

const PAGE_COLUMNS =
  'id, name, email, phone, tags, assigned_to, dnd, fields, created_at, updated_at, last_interaction_at, last_message_at, last_message_id, last_message_channel, last_message_direction, last_message_text, unread_count';

/** JSON columns as stored; the empty forms (most rows) skip the parser. */
function parseJson<T>(text: string, empty: T): T {
  if (text === '{}' || text === '[]') return empty;
  return JSON.parse(text) as T;
}

export function contactsRepository(db: Db, sqlite?: NodeSqliteDatabase) {
  return {
    async find(accountId: string, id: string, trx: Db = db): Promise<Contact | undefined> {
      const row = await trx
        .selectFrom('contacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && contactFromRow(row);
    },

    async findMany(accountId: string, ids: readonly string[], trx: Db = db): Promise<Map<string, Contact>> {
      const found = new Map<string, Contact>();
      for (const chunk of chunked(ids, 1)) {
        const rows = await trx
          .selectFrom('contacts')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) found.set(row.id, contactFromRow(row));
      }
      return found;
    },

    /** Contacts with id > after, in id order: the publish job's walk. */
    async page(accountId: string, after: string | null, limit: number, trx: Db = db): Promise<Contact[]> {
      if (sqlite) {
        const statement = sqlite.rawStatement(
          `select ${PAGE_COLUMNS} from contacts where account_id = ? and id > ? order by id limit ?`,
        );
        return (statement.all(accountId, after ?? '', limit) as unknown as unknown[][]).map((r) => ({
          id: r[0] as string,
          name: r[1] as string | null,
          email: r[2] as string | null,
          phone: r[3] as string | null,
          tags: parseJson<string[]>(r[4] as string, []),
          assignedTo: r[5] as string | null,
          dnd: parseJson<Record<string, boolean>>(r[6] as string, {}),
          fields: parseJson<Record<string, unknown>>(r[7] as string, {}),
          createdAt: Number(r[8]),
          updatedAt: Number(r[9]),
          lastInteractionAt: r[10] === null ? null : Number(r[10]),
          conversation: conversationFromColumns({
            last_message_at: r[11] as number | null,
            last_message_id: r[12] as string | null,
            last_message_channel: r[13] as string | null,
            last_message_direction: r[14] as 'inbound' | 'outbound' | null,
            last_message_text: r[15] as string | null,
            unread_count: r[16] as number,
          }),
        }));
      }
      let query = trx
        .selectFrom('contacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .limit(limit);
      if (after !== null) query = query.where('id', '>', after);
      return (await query.execute()).map(contactFromRow);
    },

    async count(accountId: string, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('contacts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Inserts or replaces contacts and their tag index rows. */
    async save(accountId: string, contacts: readonly Contact[], trx: Db = db): Promise<void> {
      if (contacts.length === 0) return;
      const rows = contacts.map((c) => contactToRow(accountId, c));
      for (const chunk of chunked(rows, 20)) {
        await trx
          .insertInto('contacts')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['account_id', 'id']).doUpdateSet((eb) => {
              const keys: (keyof ContactsTable)[] = [
                'name',
                'sort_name',
                'search_text',
                'email',
                'phone',
                'tags',
                'assigned_to',
                'dnd',
                'fields',
                'created_at',
                'updated_at',
                'last_interaction_at',
                'last_message_at',
                'last_message_id',
                'last_message_channel',
                'last_message_direction',
                'last_message_text',
                'unread_count',
              ];
              return Object.fromEntries(keys.map((k) => [k, eb.ref(`excluded.${k}`)]));
            }),
          )
          .execute();
      }
      const ids = contacts.map((c) => c.id);
      for (const chunk of chunked(ids, 1)) {
        await trx
          .deleteFrom('contact_tags')
          .where('account_id', '=', accountId)
          .where('contact_id', 'in', chunk)
          .execute();
      }
      const tagRows = contacts.flatMap((c) =>
        [...new Set(c.tags.map((t) => t.toLowerCase()))].map((tag) => ({
          account_id: accountId,
          tag,
          contact_id: c.id,
        })),
      );
      for (const chunk of chunked(tagRows, 3)) await trx.insertInto('contact_tags').values(chunk).execute();
    },

    /** Moves last_interaction_at forward only (late events never move it back). */
    async touchLastInteraction(
      accountId: string,
      updates: ReadonlyMap<string, number>,
      trx: Db = db,
    ): Promise<void> {
      if (sqlite) {
        const update = sqlite.rawStatement(
          `update contacts set last_interaction_at = ?1
           where account_id = ?2 and id = ?3 and (last_interaction_at is null or last_interaction_at < ?1)`,
        );
        for (const [id, at] of updates) update.run(at, accountId, id);
        return;
      }
      if (updates.size === 0) return;
      // PostgreSQL: one statement for the whole batch (arrays of ids and instants), not a round trip per
      // contact — an ingest batch of 500 events touches up to 500 contacts.
      await sql`update contacts as c set last_interaction_at = v.at
        from unnest(${[...updates.keys()]}::text[], ${[...updates.values()]}::int8[]) as v(id, at)
        where c.account_id = ${accountId} and c.id = v.id
          and (c.last_interaction_at is null or c.last_interaction_at < v.at)`.execute(trx);
    },

    /** Stores conversations that new message events moved on. */
    async saveConversations(
      accountId: string,
      updates: ReadonlyMap<string, Conversation>,
      trx: Db = db,
    ): Promise<void> {
      if (sqlite) {
        // The ingest hot path: one prepared statement, no query building per contact.
        const update = sqlite.rawStatement(
          `update contacts set last_message_at = ?, last_message_id = ?, last_message_channel = ?,
             last_message_direction = ?, last_message_text = ?, unread_count = ? where account_id = ? and id = ?`,
        );
        for (const [id, c] of updates)
          update.run(
            c.lastMessageAt,
            c.lastMessageId,
            c.channel,
            c.direction,
            c.text,
            c.unreadCount,
            accountId,
            id,
          );
        return;
      }
      for (const [id, conversation] of updates) {
        await trx
          .updateTable('contacts')
          .set(conversationColumns(conversation))
          .where('account_id', '=', accountId)
          .where('id', '=', id)
          .execute();
      }
    },

    /** Marks a conversation read: on the contact and on every score row that lists it. */
    async markRead(accountId: string, id: string, trx: Db = db): Promise<void> {
      await trx
        .updateTable('contacts')
        .set({ unread_count: 0 })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
      await trx
        .updateTable('scores')
        .set({ unread: 0 })
        .where('account_id', '=', accountId)
        .where('contact_id', '=', id)
        .where('unread', '=', 1)
        .execute();
    },

    /** Erases a contact and everything about it. */
    async erase(accountId: string, id: string, trx: Db = db): Promise<boolean> {
      // Runs carry the contact's data (webhook bodies): they go too, with their attempts.
      await deleteRuns(trx, accountId, { contactId: id });
      for (const table of [
        'events',
        'scores',
        'score_history',
        'adjustments',
        'contact_tags',
        'list_moves',
      ] as const) {
        await trx
          .deleteFrom(table)
          .where('account_id', '=', accountId)
          .where('contact_id', '=', id)
          .execute();
      }
      const result = await trx
        .deleteFrom('contacts')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type ContactsRepository = ReturnType<typeof contactsRepository>;
