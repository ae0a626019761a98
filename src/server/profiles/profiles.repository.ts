import type { ProfileVersionsTable, ProfilesTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';

export function profilesRepository(db: Db) {
  return {
    async insert(row: ProfilesTable, trx: Db = db): Promise<void> {
      await trx.insertInto('profiles').values(row).execute();
    },
    async find(accountId: string, id: string, trx: Db = db): Promise<ProfilesTable | undefined> {
      return trx
        .selectFrom('profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async list(
      accountId: string,
      limit: number,
      after: string | null,
      trx: Db = db,
    ): Promise<ProfilesTable[]> {
      let query = trx
        .selectFrom('profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('id')
        .limit(limit);
      if (after) query = query.where('id', '>', after);
      return query.execute();
    },
    /** Profiles that have a live or a pending (publishing) version. */
    async scoring(accountId: string, trx: Db = db): Promise<ProfilesTable[]> {
      return trx
        .selectFrom('profiles')
        .selectAll()
        .where('account_id', '=', accountId)
        .where((eb) => eb.or([eb('live_version', 'is not', null), eb('pending_version', 'is not', null)]))
        .execute();
    },
    async update(
      accountId: string,
      id: string,
      patch: Partial<Omit<ProfilesTable, 'id' | 'account_id'>>,
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('profiles')
        .set(patch)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },
    async delete(accountId: string, id: string, trx: Db = db): Promise<void> {
      for (const table of ['scores', 'score_history', 'adjustments', 'profile_versions'] as const) {
        await trx
          .deleteFrom(table)
          .where('account_id', '=', accountId)
          .where('profile_id', '=', id)
          .execute();
      }
      await trx.deleteFrom('profiles').where('account_id', '=', accountId).where('id', '=', id).execute();
    },
    async insertVersion(row: ProfileVersionsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('profile_versions').values(row).execute();
    },
    async findVersion(
      accountId: string,
      profileId: string,
      version: number,
      trx: Db = db,
    ): Promise<ProfileVersionsTable | undefined> {
      return trx
        .selectFrom('profile_versions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .executeTakeFirst();
    },
    async latestVersionNumber(accountId: string, profileId: string, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('profile_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .executeTakeFirst();
      return Number(row?.v ?? 0);
    },
  };
}

export type ProfilesRepository = ReturnType<typeof profilesRepository>;
