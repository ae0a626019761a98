import type { Contact } from '../contacts/contact-row.ts';
import type { Db } from '../db/transaction.ts';
import type { HistoryReason } from './scoring.service.ts';

/** One recorded change of a contact's live score (one score_history row), as workflows see it. */
export interface ScoreChange {
  profileId: string;
  contact: Contact;
  at: number;
  /** null for a contact's first score. */
  from: number | null;
  fromTier: string | null;
  to: number;
  toTier: string;
  reason: HistoryReason;
  /**
   * Names the change for exactly-once decisions: `h<history seq>` for a recorded change, or
   * `t<version>:<contact id>` for a publish that moved a contact's tier without changing its score.
   */
  key: string;
}

/**
 * The port through which score changes reach workflows, called inside the transaction that records
 * them, so a decision commits with its cause or not at all.
 */
export interface ScoreChangeListener {
  /** The account's profiles whose changes someone acts on (empty: callers skip building changes). */
  watched(trx: Db, accountId: string): Promise<ReadonlySet<string>>;
  changed(trx: Db, accountId: string, changes: readonly ScoreChange[]): Promise<void>;
}

export const noListener: ScoreChangeListener = {
  watched: async () => new Set(),
  changed: async () => {},
};
