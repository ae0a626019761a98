import type { ViewsTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';

export function viewsRepository(db: Db) {
  return {
    async insert(row: ViewsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('views').values(row).execute();
    },

    async find(accountId: string, id: string, trx: Db = db): Promise<ViewsTable | undefined> {
      return trx
        .selectFrom('views')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Views by name (then id), after the cursor's (name, id). */
    async list(
      accountId: string,
      scope: ViewsTable['scope'] | undefined,
      limit: number,
      after: [string, string] | null,
      trx: Db = db,
    ): Promise<ViewsTable[]> {
      let query = trx
        .selectFrom('views')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name')
        .orderBy('id')
        .limit(limit);
      if (scope) query = query.where('scope', '=', scope);
      if (after)
        query = query.where((eb) =>
          eb.or([eb('name', '>', after[0]), eb.and([eb('name', '=', after[0]), eb('id', '>', after[1])])]),
        );
      return query.execute();
    },

    async update(
      accountId: string,
      id: string,
      patch: Partial<Pick<ViewsTable, 'name' | 'filters' | 'sort' | 'updated_at'>>,
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('views')
        .set(patch)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    async delete(accountId: string, id: string, trx: Db = db): Promise<boolean> {
      const result = await trx
        .deleteFrom('views')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type ViewsRepository = ReturnType<typeof viewsRepository>;
