import type { ListMovesTable } from '../db/schema.ts';
import { type Db, chunked } from '../db/transaction.ts';

export interface ListMove {
  contactId: string;
  sortKey: ListMovesTable['sort_key'];
  /** The value before the change; null when the contact was not in the list (no message yet). */
  oldValue: number | string | null;
}

/** How long a list cursor stays valid: the change log it pages by is kept this long. */
export const CURSOR_LIFETIME_MS = 24 * 3600_000;

export function listMovesRepository(db: Db) {
  return {
    async record(accountId: string, moves: readonly ListMove[], at: number, trx: Db = db): Promise<void> {
      const rows = moves.map((m) => ({
        account_id: accountId,
        contact_id: m.contactId,
        sort_key: m.sortKey,
        old_value: m.oldValue === null ? null : JSON.stringify(m.oldValue),
        at,
      }));
      for (const chunk of chunked(rows, 5)) await trx.insertInto('list_moves').values(chunk).execute();
    },

    /** Forgets moves no live cursor can need any more. */
    async prune(now: number, trx: Db = db): Promise<void> {
      await trx
        .deleteFrom('list_moves')
        .where('at', '<', now - CURSOR_LIFETIME_MS)
        .execute();
    },
  };
}

export type ListMovesRepository = ReturnType<typeof listMovesRepository>;
