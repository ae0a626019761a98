import type { Conversation } from '../contacts/contact-row.ts';
import { MESSAGE_SNIPPET_LENGTH } from '../db/migrations/0002-inbox-users-views.ts';
import type { StoredEvent } from '../events/events.repository.ts';

const DIRECTIONS: Readonly<Record<string, 'inbound' | 'outbound'>> = {
  'message.received': 'inbound',
  'message.sent': 'outbound',
};

export const isMessage = (type: string): boolean => Object.hasOwn(DIRECTIONS, type);

const textOf = (value: unknown) => (typeof value === 'string' ? value : null);

/** The first `length` UTF-16 units, without splitting a surrogate pair (an emoji) in half. */
function snippet(text: string, length: number): string {
  if (text.length <= length) return text;
  const end = /[\uD800-\uDBFF]/.test(text[length - 1]!) ? length - 1 : length;
  return text.slice(0, end);
}

/** Channels are matched lowercased and trimmed ("SMS " and "sms" are one channel). */
export function channelOf(value: unknown): string | null {
  const channel = textOf(value)?.trim().toLowerCase().slice(0, 50);
  return channel ? channel : null;
}

/** Orders messages by occurred time, then id: the last one is the conversation's "last message". */
const isLater = (at: number, id: string, than: Conversation) =>
  at > than.lastMessageAt || (at === than.lastMessageAt && id > than.lastMessageId);

/**
 * A conversation after new message events (in any order). Each received message adds one unread,
 * whenever it happened; only a later message replaces the last one, so a late event never moves the
 * conversation's last message backwards. Returns the conversation unchanged when no event is a message.
 */
export function foldMessages(
  current: Conversation | null,
  events: readonly StoredEvent[],
): Conversation | null {
  let conversation = current;
  for (const event of events) {
    const direction = DIRECTIONS[event.type];
    if (!direction) continue;
    const unreadCount = (conversation?.unreadCount ?? 0) + (direction === 'inbound' ? 1 : 0);
    if (conversation === null || isLater(event.occurredAt, event.id, conversation)) {
      const text = textOf(event.properties.text);
      conversation = {
        lastMessageAt: event.occurredAt,
        lastMessageId: event.id,
        channel: channelOf(event.properties.channel),
        direction,
        text: text === null ? null : snippet(text, MESSAGE_SNIPPET_LENGTH),
        unreadCount,
      };
    } else {
      conversation = { ...conversation, unreadCount };
    }
  }
  return conversation;
}
