import type { SessionsTable, UsersTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';

export type SessionWithUser = Pick<SessionsTable, 'token_hash' | 'expires_at'> & UsersTable;

export function sessionsRepository(db: Db) {
  return {
    async insert(session: SessionsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('sessions').values(session).execute();
    },
    /** The session and its user (none when the user is gone or belongs to another account). */
    async findWithUser(tokenHash: string, trx: Db = db): Promise<SessionWithUser | undefined> {
      const row = await trx
        .selectFrom('sessions as s')
        .innerJoin('users as u', (join) =>
          join.onRef('u.id', '=', 's.user_id').onRef('u.account_id', '=', 's.account_id'),
        )
        .select(['s.token_hash', 's.expires_at'])
        .selectAll('u')
        .where('s.token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && { ...row, expires_at: Number(row.expires_at), created_at: Number(row.created_at) };
    },
    async delete(tokenHash: string, trx: Db = db): Promise<void> {
      await trx.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteForUser(userId: string, trx: Db = db): Promise<void> {
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    },
    async deleteExpiredForUser(userId: string, now: number, trx: Db = db): Promise<void> {
      await trx.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now).execute();
    },
  };
}

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
