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

/** What an account acts on, read once per transaction: the profiles watched, and where to tell changes. */
export interface ScoreChangeWatch {
  profiles: ReadonlySet<string>;
  /** Called inside the transaction that records the changes, so a decision commits with its cause. */
  changed(changes: readonly ScoreChange[]): Promise<void>;
}

/**
 * The port through which score changes reach workflows. `watch` answers null when nothing of the account
 * is watched, so callers skip building changes at all.
 */
export interface ScoreChangeListener {
  watch(trx: Db, accountId: string): Promise<ScoreChangeWatch | null>;
}
