import type { ScoringEvent } from '../../scoring/index.ts';
import type { NodeSqliteDatabase } from '../db/node-sqlite-driver.ts';
import type { EventsTable } from '../db/schema.ts';
import { type Db, chunked } from '../db/transaction.ts';

export interface StoredEvent extends ScoringEvent {
  id: string;
  contactId: string;
  receivedAt: number;
}

export function eventFromRow(row: EventsTable): StoredEvent {
  return {
    id: row.id,
    contactId: row.contact_id,
    type: row.type,
    occurredAt: Number(row.occurred_at),
    receivedAt: Number(row.received_at),
    properties: JSON.parse(row.properties) as Record<string, unknown>,
  };
}

export function eventsRepository(db: Db, sqlite?: NodeSqliteDatabase) {
  return {
    /**
     * Events of the contacts with ids in (after, upTo], grouped by contact, oldest first, for a full
     * recompute. Properties are parsed only when asked (rules with conditions need them).
     */
    async scanContactRange(
      accountId: string,
      after: string | null,
      upTo: string,
      withProperties: boolean,
      trx: Db = db,
    ): Promise<Map<string, ScoringEvent[]>> {
      if (!sqlite) return this.forContactRange(accountId, after, upTo, trx);
      const columns = withProperties
        ? 'contact_id, occurred_at, type, properties'
        : 'contact_id, occurred_at, type';
      const statement = sqlite.rawStatement(
        `select ${columns} from events where account_id = ? and contact_id > ? and contact_id <= ? order by contact_id, occurred_at`,
      );
      const byContact = new Map<string, ScoringEvent[]>();
      let currentId = '';
      let current: ScoringEvent[] = [];
      const empty = {};
      for (const row of statement.iterate(accountId, after ?? '', upTo) as Iterable<unknown[]>) {
        const contactId = row[0] as string;
        if (contactId !== currentId) {
          currentId = contactId;
          current = [];
          byContact.set(contactId, current);
        }
        current.push({
          occurredAt: Number(row[1]),
          type: row[2] as string,
          properties: withProperties ? (JSON.parse(row[3] as string) as Record<string, unknown>) : empty,
        });
      }
      return byContact;
    },

    /** Which of these ids the account already has. */
    async existingIds(accountId: string, ids: readonly string[], trx: Db = db): Promise<Set<string>> {
      const found = new Set<string>();
      for (const chunk of chunked(ids, 1)) {
        const rows = await trx
          .selectFrom('events')
          .select('id')
          .where('account_id', '=', accountId)
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) found.add(row.id);
      }
      return found;
    },

    async insert(accountId: string, events: readonly StoredEvent[], trx: Db = db): Promise<void> {
      const rows = events.map((e) => ({
        account_id: accountId,
        contact_id: e.contactId,
        occurred_at: e.occurredAt,
        id: e.id,
        type: e.type,
        properties: JSON.stringify(e.properties),
        received_at: e.receivedAt,
      }));
      for (const chunk of chunked(rows, 7)) await trx.insertInto('events').values(chunk).execute();
    },

    /** All events of one contact, oldest first. */
    async forContact(accountId: string, contactId: string, trx: Db = db): Promise<StoredEvent[]> {
      const rows = await trx
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('contact_id', '=', contactId)
        .orderBy('occurred_at')
        .orderBy('id')
        .execute();
      return rows.map(eventFromRow);
    },

    /** Events of the contacts with ids in (after, upTo], grouped by contact: the publish job's read. */
    async forContactRange(
      accountId: string,
      after: string | null,
      upTo: string,
      trx: Db = db,
    ): Promise<Map<string, StoredEvent[]>> {
      let query = trx
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('contact_id', '<=', upTo)
        .orderBy('contact_id')
        .orderBy('occurred_at');
      if (after !== null) query = query.where('contact_id', '>', after);
      const byContact = new Map<string, StoredEvent[]>();
      for (const row of await query.execute()) {
        const event = eventFromRow(row);
        const list = byContact.get(event.contactId);
        if (list) list.push(event);
        else byContact.set(event.contactId, [event]);
      }
      return byContact;
    },

    /** A contact's timeline, newest first, keyset-paged by (occurredAt, id). */
    async timeline(
      accountId: string,
      contactId: string,
      options: {
        type?: string | undefined;
        limit: number;
        before?: { occurredAt: number; id: string } | undefined;
      },
      trx: Db = db,
    ): Promise<StoredEvent[]> {
      let query = trx
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('contact_id', '=', contactId)
        .orderBy('occurred_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit);
      if (options.type) query = query.where('type', '=', options.type);
      const before = options.before;
      if (before) {
        query = query.where((eb) =>
          eb.or([
            eb('occurred_at', '<', before.occurredAt),
            eb.and([eb('occurred_at', '=', before.occurredAt), eb('id', '<', before.id)]),
          ]),
        );
      }
      return (await query.execute()).map(eventFromRow);
    },
  };
}

export type EventsRepository = ReturnType<typeof eventsRepository>;
