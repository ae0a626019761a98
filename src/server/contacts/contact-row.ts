import type { ContactAttributes } from '../../scoring/index.ts';
import type { ContactsTable } from '../db/schema.ts';
import { iso, isoOrNull } from '../time-format.ts';

/** A contact as services use it: the row's JSON columns parsed. */
export interface Contact extends ContactAttributes {
  id: string;
  name: string | null;
  updatedAt: number;
  lastInteractionAt: number | null;
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
  };
}

export function contactToRow(accountId: string, c: Contact): ContactsTable {
  return {
    account_id: accountId,
    id: c.id,
    name: c.name,
    sort_name: (c.name ?? '').toLowerCase(),
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
