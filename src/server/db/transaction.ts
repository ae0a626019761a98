import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface WriteOptions {
  /**
   * The account whose data the transaction changes. On PostgreSQL the transaction then holds that
   * account's lock: one writer per account at a time (as SQLite's one writer, but per account), at
   * READ COMMITTED (see below).
   */
  account?: string;
  /**
   * For work across accounts that takes each account's lock itself (lockAccount) before touching it:
   * READ COMMITTED, so each statement after a lock reads what that account's last writer committed.
   */
  locksAccounts?: boolean;
}

/**
 * Runs `work` in one write transaction, as if no other transaction ran at the same time. On SQLite it
 * begins IMMEDIATE (one writer at a time), so a second process (a CLI import beside a server) waits for
 * the lock instead of failing mid-transaction.
 *
 * On PostgreSQL, a transaction that names its `account` first takes that account's advisory lock
 * (session-level, before BEGIN, so the transaction reads only what committed before it held the lock)
 * and then runs at READ COMMITTED: writers of one account take turns, so read-modify-write work (score
 * states, unread counts, upserts) cannot lose an update, and a long one (a publish step: a thousand
 * contacts and their events) cannot be starved. (SERIALIZABLE for these was tried first: with relation-
 * wide predicate locks a publish step lost every race against ingest and was retried for ever, and
 * concurrent ingest batches spent most of their time retrying.) Accounts do not wait for each other.
 * Other transactions (creating an account, a user) run SERIALIZABLE and are run again when PostgreSQL
 * reports a serialization failure or deadlock, so `work` must not have effects outside the transaction.
 */
export async function inTransaction<T>(
  handle: DatabaseHandle,
  work: (trx: Db) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  if (handle.dialect === 'postgres') {
    for (let attempt = 1; ; attempt++) {
      try {
        if (options.locksAccounts)
          return await handle.db.transaction().setIsolationLevel('read committed').execute(work);
        if (options.account === undefined)
          return await handle.db.transaction().setIsolationLevel('serializable').execute(work);
        const account = options.account;
        return await handle.db.connection().execute(async (conn) => {
          await sql`select pg_advisory_lock(${ACCOUNT_LOCKS}, hashtext(${account}))`.execute(conn);
          try {
            return await conn.transaction().setIsolationLevel('read committed').execute(work);
          } finally {
            await sql`select pg_advisory_unlock(${ACCOUNT_LOCKS}, hashtext(${account}))`.execute(conn);
          }
        });
      } catch (error) {
        const retry = retryable(error);
        if (!retry || attempt >= (retry === 'duplicate' ? 3 : MAX_ATTEMPTS)) throw error;
        // Back off a little, at random, so the transactions that collided do not collide again.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
      }
    }
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw error;
    }
  });
}

/**
 * Runs `work` as one consistent read: every statement sees the same committed state. SQLite's single
 * connection is held for the duration (writes wait a few milliseconds); PostgreSQL uses a snapshot.
 *
 * `settledFor` names an account whose change numbers (score_history, list_moves) the read will take as
 * "every change up to n". On PostgreSQL numbers are handed out when a row is inserted, not when its
 * transaction commits, so a snapshot could see change 105 and miss the account's change 100, still
 * uncommitted, for good. Writers of an account take turns under its lock (see inTransaction), so taking
 * that lock before the snapshot and letting it go right after waits for the account's writer in flight,
 * and any later writer of the account draws a larger number. SQLite's writers are serial already.
 */
export async function inReadTransaction<T>(
  handle: DatabaseHandle,
  work: (trx: Db) => Promise<T>,
  options: { settledFor?: string } = {},
): Promise<T> {
  if (handle.dialect === 'postgres') {
    const account = options.settledFor;
    if (account === undefined)
      return handle.db.transaction().setIsolationLevel('repeatable read').execute(work);
    return handle.db.connection().execute(async (conn) => {
      const lock = sql`select pg_advisory_lock(${ACCOUNT_LOCKS}, hashtext(${account}))`;
      const unlock = sql`select pg_advisory_unlock(${ACCOUNT_LOCKS}, hashtext(${account}))`;
      await lock.execute(conn);
      let held = true;
      try {
        return await conn
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            await sql`select 1`.execute(trx); // takes the snapshot, under the lock
            await unlock.execute(trx);
            held = false;
            return work(trx);
          });
      } finally {
        if (held) await unlock.execute(conn);
      }
    });
  }
  return handle.db.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`commit`.execute(conn).catch(() => undefined);
    }
  });
}

/** Splits rows into chunks that keep a multi-row statement under the databases' parameter limits. */
export function chunked<T>(rows: readonly T[], columnsPerRow: number, maxParameters = 30_000): T[][] {
  const size = Math.max(1, Math.floor(maxParameters / columnsPerRow));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

const MAX_ATTEMPTS = 30;
/** The advisory-lock namespace of account locks (the second key is a hash of the account id). */
const ACCOUNT_LOCKS = 7_401;

/**
 * PostgreSQL's "try again" answers: serialization failure, deadlock, and a unique key a concurrent
 * transaction inserted first (under SERIALIZABLE usually the two overlapped: the retry reads the committed
 * row; a real duplicate fails again, so it is tried only a few times).
 */
function retryable(error: unknown): 'conflict' | 'duplicate' | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (code === '40001' || code === '40P01') return 'conflict';
    if (code === '23505') return 'duplicate';
  }
  return null;
}

/**
 * Inside a `locksAccounts` transaction (see inTransaction), waits for the
 * account's lock and holds it to the end of the transaction: the statements after it read what the
 * account's last writer committed. Lock several accounts in one order (sorted) to avoid deadlocks.
 * Nothing on SQLite, whose writers take turns anyway.
 */
export async function lockAccount(handle: DatabaseHandle, trx: Db, accountId: string): Promise<void> {
  if (handle.dialect === 'postgres')
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCKS}, hashtext(${accountId}))`.execute(trx);
}
