import type { ContactAttributes } from '../../scoring/index.ts';
import type { ContactsTable } from '../db/schema.ts';
import { iso, isoOrNull } from '../time-format.ts';

/** A contact's message thread: its latest message (by occurred time, then id) and unread count. */
export interface Conversation {
  lastMessageAt: number;
  lastMessageId: string;
  channel: string | null;
  direction: 'inbound' | 'outbound';
  text: string | null;
  unreadCount: number;
}

/** A contact as services use it: the row's JSON columns parsed. */
export interface Contact extends ContactAttributes {
  id: string;
  name: string | null;
  updatedAt: number;
  lastInteractionAt: number | null;
  conversation: Conversation | null;
}

export function conversationFromColumns(row: {
  last_message_at: number | null;
  last_message_id: string | null;
  last_message_channel: string | null;
  last_message_direction: 'inbound' | 'outbound' | null;
  last_message_text: string | null;
  unread_count: number;
}): Conversation | null {
  if (row.last_message_at === null) return null;
  return {
    lastMessageAt: Number(row.last_message_at),
    lastMessageId: row.last_message_id ?? '',
    channel: row.last_message_channel,
    direction: row.last_message_direction ?? 'inbound',
    text: row.last_message_text,
    unreadCount: Number(row.unread_count),
  };
}

export function conversationColumns(c: Conversation | null) {
  return {
    last_message_at: c?.lastMessageAt ?? null,
    last_message_id: c?.lastMessageId ?? null,
    last_message_channel: c?.channel ?? null,
    last_message_direction: c?.direction ?? null,
    last_message_text: c?.text ?? null,
    unread_count: c?.unreadCount ?? 0,
  };
}

/** The API shape of a conversation. */
export function conversationView(c: Conversation | null) {
  return (
    c && {
      lastMessageAt: iso(c.lastMessageAt),
      lastMessageChannel: c.channel,
      lastMessageDirection: c.direction,
      lastMessageText: c.text,
      unreadCount: c.unreadCount,
    }
  );
}

export function contactFromRow(row: ContactsTable): Contact {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tags: JSON.parse(row.tags) as string[],
    assignedTo: row.assigned_to,
    dnd: JSON.parse(row.dnd) as Record<string, boolean>,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    lastInteractionAt: row.last_interaction_at === null ? null : Number(row.last_interaction_at),
    conversation: conversationFromColumns(row),
  };
}

/**
 * The name:asc sort key: lowercased, accents folded ("Émile" sorts with "emile"), '' for no name (those
 * sort after every named contact).
 */
export const sortNameOf = (c: { name: string | null }) =>
  (c.name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .trim()
    .toLowerCase();

export function contactToRow(accountId: string, c: Contact): ContactsTable {
  return {
    account_id: accountId,
    id: c.id,
    name: c.name,
    sort_name: sortNameOf(c),
    // Lowercased here, not in SQL: SQLite's lower() folds ASCII only.
    search_text: [c.name, c.email, c.phone].filter(Boolean).join('\n').toLowerCase(),
    email: c.email,
    phone: c.phone,
    tags: JSON.stringify(c.tags),
    assigned_to: c.assignedTo,
    dnd: JSON.stringify(c.dnd),
    fields: JSON.stringify(c.fields),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_interaction_at: c.lastInteractionAt,
    ...conversationColumns(c.conversation),
  };
}

export function newContact(id: string, now: number): Contact {
  return {
    id,
    name: null,
    email: null,
    phone: null,
    tags: [],
    assignedTo: null,
    dnd: {},
    fields: {},
    createdAt: now,
    updatedAt: now,
    lastInteractionAt: null,
    conversation: null,
  };
}

/** The API shape of a contact (without scores). */
export function contactView(c: Contact) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    tags: c.tags,
    assignedTo: c.assignedTo,
    dnd: c.dnd,
    fields: c.fields,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    lastInteractionAt: isoOrNull(c.lastInteractionAt),
  };
}
