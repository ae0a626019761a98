import { type Kysely, sql } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/**
 * Runs `work` in one write transaction. On SQLite it begins IMMEDIATE so that a second process
 * (a CLI import beside a server) waits for the lock instead of failing mid-transaction.
 */
export async function inTransaction<T>(handle: DatabaseHandle, work: (trx: Db) => Promise<T>): Promise<T> {
  if (handle.dialect === 'postgres') return handle.db.transaction().execute(work);
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
 */
export async function inReadTransaction<T>(
  handle: DatabaseHandle,
  work: (trx: Db) => Promise<T>,
): Promise<T> {
  if (handle.dialect === 'postgres')
    return handle.db.transaction().setIsolationLevel('repeatable read').execute(work);
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
