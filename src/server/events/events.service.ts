import { EventInputSchema } from '../../contracts/events.ts';
import { isDefaultInteraction } from '../../scoring/index.ts';
import type { Clock } from '../clock.ts';
import { type Contact, type Conversation, newContact } from '../contacts/contact-row.ts';
import { foldMessages } from '../conversations/conversation.ts';
import type { ListMove, ListMovesRepository } from '../lists/list-moves.repository.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { ErrorDetail } from '../errors.ts';
import { notFound } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { Metrics } from '../metrics.ts';
import type { ScoringService } from '../scores/scoring.service.ts';
import { iso } from '../time-format.ts';
import { issuesToDetails, summarize } from '../validation.ts';
import type { EventsRepository, StoredEvent } from './events.repository.ts';

/** Events may be stamped at most this far ahead of the receive time (then they are stored at receive time). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface Rejection {
  index: number;
  error: { code: 'validation_failed'; message: string; details: ErrorDetail[] };
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

function reject(index: number, details: ErrorDetail[]): Rejection {
  return { index, error: { code: 'validation_failed', message: summarize(details), details } };
}

export function eventsService(deps: {
  database: DatabaseHandle;
  events: EventsRepository;
  contacts: ContactsRepository;
  listMoves: ListMovesRepository;
  scoring: ScoringService;
  clock: Clock;
  ids: IdGenerator;
  metrics?: Metrics;
}) {
  const { database, events, contacts, listMoves, scoring, clock, ids } = deps;

  /** Validates each item on its own: a bad item rejects itself, never the batch. */
  function validate(items: readonly unknown[], receivedAt: number) {
    const valid: StoredEvent[] = [];
    const rejected: Rejection[] = [];
    items.forEach((item, index) => {
      const parsed = EventInputSchema.safeParse(item);
      if (!parsed.success) {
        rejected.push(reject(index, issuesToDetails(parsed.error.issues)));
        return;
      }
      const input = parsed.data;
      let occurredAt = input.occurredAt === undefined ? receivedAt : Date.parse(input.occurredAt);
      if (occurredAt > receivedAt + FUTURE_TOLERANCE_MS) {
        rejected.push(
          reject(index, [{ path: 'occurredAt', message: 'is more than 5 minutes in the future' }]),
        );
        return;
      }
      if (occurredAt > receivedAt) occurredAt = receivedAt;
      valid.push({
        id: input.id ?? ids('evt'),
        contactId: input.contactId,
        type: input.type,
        occurredAt,
        receivedAt,
        properties: input.properties ?? {},
      });
    });
    return { valid, rejected };
  }

  return {
    /** Stores new events and updates every affected score in one transaction, committed before returning. */
    async ingest(accountId: string, items: readonly unknown[]): Promise<IngestResult> {
      const now = clock.now();
      const { valid, rejected } = validate(items, now);
      return inTransaction(
        database,
        async (trx) => {
          const known = await events.existingIds(
            accountId,
            valid.map((e) => e.id),
            trx,
          );
          const fresh: StoredEvent[] = [];
          for (const event of valid) {
            if (known.has(event.id)) continue;
            known.add(event.id);
            fresh.push(event);
          }
          if (fresh.length > 0) {
            fresh.sort((a, b) => a.occurredAt - b.occurredAt);
            await events.insert(accountId, fresh, trx);
            const byContact = new Map<string, StoredEvent[]>();
            for (const event of fresh) {
              const list = byContact.get(event.contactId);
              if (list) list.push(event);
              else byContact.set(event.contactId, [event]);
            }
            const found = await contacts.findMany(accountId, [...byContact.keys()], trx);
            const created = new Set<string>();
            const touched: Contact[] = [];
            const interactions = new Map<string, number>();
            const conversations = new Map<string, Conversation>();
            const moves: ListMove[] = [];
            for (const [contactId, list] of byContact) {
              let contact = found.get(contactId);
              if (!contact) {
                contact = newContact(contactId, now);
                created.add(contactId);
              }
              const lastInteraction = list.reduce<number | null>(
                (max, e) =>
                  isDefaultInteraction(e.type) && (max === null || e.occurredAt > max) ? e.occurredAt : max,
                contact.lastInteractionAt,
              );
              if (lastInteraction !== contact.lastInteractionAt) {
                contact = { ...contact, lastInteractionAt: lastInteraction };
                if (!created.has(contactId)) interactions.set(contactId, lastInteraction!);
              }
              const conversation = foldMessages(contact.conversation, list);
              if (conversation !== contact.conversation && conversation !== null) {
                const before = contact.conversation?.lastMessageAt ?? null;
                if (!created.has(contactId)) {
                  conversations.set(contactId, conversation);
                  if (before !== conversation.lastMessageAt)
                    moves.push({ contactId, sortKey: 'lastMessageAt', oldValue: before });
                }
                contact = { ...contact, conversation };
              }
              touched.push(contact);
            }
            await contacts.save(
              accountId,
              touched.filter((c) => created.has(c.id)),
              trx,
            );
            await contacts.touchLastInteraction(accountId, interactions, trx);
            await contacts.saveConversations(accountId, conversations, trx);
            await listMoves.record(accountId, moves, now, trx);
            await scoring.applyEvents(trx, accountId, touched, byContact, now, created);
          }
          return { accepted: fresh.length, duplicates: valid.length - fresh.length, rejected };
        },
        { account: accountId },
      ).then((result) => {
        deps.metrics?.recordIngest({ ...result, rejected: result.rejected.length });
        return result;
      });
    },

    async timeline(
      accountId: string,
      contactId: string,
      query: { type?: string | undefined; limit: number; cursor?: string | undefined },
    ) {
      const contact = await contacts.find(accountId, contactId);
      if (!contact) throw notFound('contact');
      const before = query.cursor ? decodeTimelineCursor(query.cursor) : undefined;
      const rows = await events.timeline(accountId, contactId, {
        type: query.type,
        limit: query.limit + 1,
        before,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((e) => ({
          id: e.id,
          contactId: e.contactId,
          type: e.type,
          occurredAt: iso(e.occurredAt),
          receivedAt: iso(e.receivedAt),
          properties: e.properties,
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.occurredAt, last.id]) : null,
      };
    },
  };
}

function decodeTimelineCursor(cursor: string) {
  const [occurredAt, id] = decodeCursor(cursor, ['number', 'string']) as [number, string];
  return { occurredAt, id };
}

export type EventsService = ReturnType<typeof eventsService>;
