import type { JobsTable } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';
import { iso } from '../time-format.ts';

export function jobView(job: JobsTable) {
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    progress: { done: Number(job.done), total: Number(job.total) },
    createdAt: iso(Number(job.created_at)),
    ...(job.started_at !== null && { startedAt: iso(Number(job.started_at)) }),
    ...(job.finished_at !== null && { finishedAt: iso(Number(job.finished_at)) }),
    ...(job.error !== null && { error: job.error }),
  };
}

export function jobsRepository(db: Db) {
  return {
    async insert(job: JobsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('jobs').values(job).execute();
    },
    async find(accountId: string, id: string, trx: Db = db): Promise<JobsTable | undefined> {
      return trx
        .selectFrom('jobs')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    async update(id: string, patch: Partial<Omit<JobsTable, 'id'>>, trx: Db = db): Promise<void> {
      await trx.updateTable('jobs').set(patch).where('id', '=', id).execute();
    },
    /** Jobs not finished, oldest first: queued ones and ones a crash interrupted. */
    async unfinished(trx: Db = db): Promise<JobsTable[]> {
      return trx
        .selectFrom('jobs')
        .selectAll()
        .where('status', 'in', ['queued', 'running'])
        .orderBy('created_at')
        .execute();
    },
    async activeForProfile(
      accountId: string,
      profileId: string,
      trx: Db = db,
    ): Promise<JobsTable | undefined> {
      return trx
        .selectFrom('jobs')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
    },
  };
}

export type JobsRepository = ReturnType<typeof jobsRepository>;
