import type { AccountsTable, ApiKeysTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';

export function accountsRepository(db: Db) {
  return {
    async insert(account: AccountsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('accounts').values(account).execute();
    },
    async find(id: string, trx: Db = db): Promise<AccountsTable | undefined> {
      return trx.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    },
    async update(id: string, patch: Partial<Omit<AccountsTable, 'id'>>, trx: Db = db): Promise<void> {
      await trx.updateTable('accounts').set(patch).where('id', '=', id).execute();
    },
    /** Up to `limit` accounts, oldest first (the CLI picks the only one when none is named). */
    async list(limit: number, trx: Db = db): Promise<AccountsTable[]> {
      return trx.selectFrom('accounts').selectAll().orderBy('created_at').limit(limit).execute();
    },
    async findByName(name: string, trx: Db = db): Promise<AccountsTable | undefined> {
      return trx.selectFrom('accounts').selectAll().where('name', '=', name).executeTakeFirst();
    },
    async count(trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async insertKey(key: ApiKeysTable, trx: Db = db): Promise<void> {
      await trx.insertInto('api_keys').values(key).execute();
    },
    async findActiveKeyByHash(hash: string, trx: Db = db): Promise<ApiKeysTable | undefined> {
      return trx
        .selectFrom('api_keys')
        .selectAll()
        .where('key_hash', '=', hash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
    },
    async listKeys(
      accountId: string,
      limit: number,
      after: string | null,
      trx: Db = db,
    ): Promise<ApiKeysTable[]> {
      let query = trx
        .selectFrom('api_keys')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .orderBy('id')
        .limit(limit);
      if (after) query = query.where('id', '>', after);
      return query.execute();
    },
    async revokeKey(accountId: string, id: string, at: number, trx: Db = db): Promise<boolean> {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
