import type { UsersTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';

export function usersRepository(db: Db) {
  return {
    async insert(user: UsersTable, trx: Db = db): Promise<void> {
      await trx.insertInto('users').values(user).execute();
    },
    async find(accountId: string, id: string, trx: Db = db): Promise<UsersTable | undefined> {
      return trx
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Across the installation: sign-in names no account. `email` is already lowercased. */
    async findByEmail(email: string, trx: Db = db): Promise<UsersTable | undefined> {
      return trx.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    },
    async list(accountId: string, limit: number, after: string | null, trx: Db = db): Promise<UsersTable[]> {
      let query = trx
        .selectFrom('users')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .limit(limit);
      if (after) query = query.where('id', '>', after);
      return query.execute();
    },
    async any(trx: Db = db): Promise<boolean> {
      return (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) !== undefined;
    },
    async countAdmins(accountId: string, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async delete(accountId: string, id: string, trx: Db = db): Promise<void> {
      await trx.deleteFrom('users').where('account_id', '=', accountId).where('id', '=', id).execute();
    },
    /** Ids of the contacts assigned to a user (to unassign them when the user is deleted). */
    async assignedContactIds(accountId: string, userId: string, trx: Db = db): Promise<string[]> {
      const rows = await trx
        .selectFrom('contacts')
        .select('id')
        .where('account_id', '=', accountId)
        .where('assigned_to', '=', userId)
        .execute();
      return rows.map((row) => row.id);
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
