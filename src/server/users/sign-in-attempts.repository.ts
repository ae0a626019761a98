import { sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Db } from '../db/transaction.ts';

/** The advisory-lock namespace of sign-in keys on PostgreSQL (the second key is a hash of the key). */
const SIGN_IN_LOCKS = 7_402;

export function signInAttemptsRepository(db: Db, dialect: Dialect) {
  return {
    /**
     * Records an attempt under a key unless `max` attempts since `since` are recorded already; whether it
     * was. One check-and-insert at a time per key: SQLite runs the one statement alone; PostgreSQL runs it
     * after taking the key's lock (at READ COMMITTED the statement's snapshot comes after the lock).
     */
    async insertWithin(
      id: string,
      keyHash: string,
      at: number,
      since: number,
      max: number,
    ): Promise<boolean> {
      const insert = (q: Db) =>
        sql`insert into sign_in_attempts (id, key_hash, at)
          select ${id}, ${keyHash}, cast(${at} as bigint)
          where (select count(*) from sign_in_attempts where key_hash = ${keyHash} and at > cast(${since} as bigint)) < ${max}`.execute(
          q,
        );
      const result =
        dialect === 'postgres'
          ? await db.transaction().execute(async (trx) => {
              await sql`select pg_advisory_xact_lock(${SIGN_IN_LOCKS}, hashtext(${keyHash}))`.execute(trx);
              return insert(trx);
            })
          : await insert(db);
      return Number(result.numAffectedRows ?? 0) > 0;
    },
    /** Instants of the newest attempts under a key since `since`, newest first. */
    async recent(keyHash: string, since: number, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('sign_in_attempts')
        .select('at')
        .where('key_hash', '=', keyHash)
        .where('at', '>', since)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => Number(r.at));
    },
    async delete(id: string): Promise<void> {
      await db.deleteFrom('sign_in_attempts').where('id', '=', id).execute();
    },
    async deleteKey(keyHash: string): Promise<void> {
      await db.deleteFrom('sign_in_attempts').where('key_hash', '=', keyHash).execute();
    },
    async deleteBefore(at: number): Promise<void> {
      await db.deleteFrom('sign_in_attempts').where('at', '<=', at).execute();
    },
  };
}

export type SignInAttemptsRepository = ReturnType<typeof signInAttemptsRepository>;
