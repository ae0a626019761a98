import { sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
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

/** A queued job, not yet claimed by any process. */
export function newJob(job: {
  id: string;
  accountId: string;
  type: 'publish' | 'workflow.backfill';
  profileId: string;
  workflowId?: string;
  historySeq?: number;
  version: number | null;
  total: number;
  now: number;
}): JobsTable {
  return {
    id: job.id,
    account_id: job.accountId,
    type: job.type,
    profile_id: job.profileId,
    workflow_id: job.workflowId ?? null,
    history_seq: job.historySeq ?? null,
    version: job.version,
    status: 'queued',
    done: 0,
    total: job.total,
    cursor: null,
    error: null,
    created_at: job.now,
    started_at: null,
    finished_at: null,
    lease_owner: null,
    lease_expires_at: null,
  };
}

/** The job's lease went to another process (this one stalled past it): stop without touching the job. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`the lease on job ${jobId} was taken over by another process`);
  }
}

export function jobsRepository(db: Db, dialect: Dialect) {
  return {
    /**
     * Takes the oldest unfinished job nobody holds a live lease on (queued, or running in a process that
     * died or stalled) and leases it to `owner` until `until`; undefined when there is none. One statement:
     * on PostgreSQL concurrent claims skip the row another is taking (FOR UPDATE SKIP LOCKED) and re-check
     * the lease on the row they lock; SQLite runs one writer at a time.
     */
    async claim(owner: string, now: number, until: number, trx: Db = db): Promise<JobsTable | undefined> {
      const free = (q: Db) =>
        q
          .selectFrom('jobs')
          .select('id')
          .where('status', 'in', ['queued', 'running'])
          .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]));
      let candidate = free(trx).orderBy('created_at').limit(1);
      if (dialect === 'postgres') candidate = candidate.forUpdate().skipLocked();
      return trx
        .updateTable('jobs')
        .set({
          status: 'running',
          lease_owner: owner,
          lease_expires_at: until,
          started_at: sql<number>`coalesce(started_at, ${now})`,
        })
        .where('id', '=', candidate)
        .where('status', 'in', ['queued', 'running'])
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .returningAll()
        .executeTakeFirst();
    },

    /** Unfinished jobs whose lease still runs, with their holders. */
    async leased(now: number, trx: Db = db): Promise<{ id: string; owner: string }[]> {
      const rows = await trx
        .selectFrom('jobs')
        .select(['id', 'lease_owner'])
        .where('status', 'in', ['queued', 'running'])
        .where('lease_expires_at', '>=', now)
        .execute();
      return rows.flatMap((r) => (r.lease_owner === null ? [] : [{ id: r.id, owner: r.lease_owner }]));
    },

    /** Ends `owner`'s lease on a job now, so the next claim can take it. */
    async release(id: string, owner: string, trx: Db = db): Promise<void> {
      await trx
        .updateTable('jobs')
        .set({ lease_expires_at: null })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Extends `owner`'s lease on a job inside the transaction that commits the job's next step, so the
     * step commits only while the lease is still this process's; throws LeaseLostError when it is not.
     */
    async renew(id: string, owner: string, until: number, trx: Db): Promise<void> {
      const result = await trx
        .updateTable('jobs')
        .set({ lease_expires_at: until })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new LeaseLostError(id);
    },

    /**
     * Whether this transaction may do the work called `name` that only one process should do at a time
     * (the due-change sweep); held until the transaction ends, or the connection drops with its process.
     * SQLite's writers take turns anyway.
     */
    async tryExclusive(name: string, trx: Db): Promise<boolean> {
      if (dialect !== 'postgres') return true;
      const { rows } = await sql<{
        ok: boolean;
      }>`select pg_try_advisory_xact_lock(hashtext(${name})) as ok`.execute(trx);
      return rows[0]?.ok === true;
    },

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
