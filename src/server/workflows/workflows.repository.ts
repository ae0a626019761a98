import { type ExpressionBuilder, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import type { Database, WorkflowAttemptsTable, WorkflowRunsTable, WorkflowsTable } from '../db/schema.ts';
import { type Db, chunked } from '../db/transaction.ts';

const asNumberOrNull = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** PostgreSQL answers bigint columns as strings. */
function normalizeRun(row: WorkflowRunsTable): WorkflowRunsTable {
  return {
    ...row,
    action_index: Number(row.action_index),
    previous_score: asNumberOrNull(row.previous_score),
    current_score: Number(row.current_score),
    attempts: Number(row.attempts),
    retry_base: Number(row.retry_base),
    next_attempt_at: asNumberOrNull(row.next_attempt_at),
    give_up_at: Number(row.give_up_at),
    lease_expires_at: asNumberOrNull(row.lease_expires_at),
    last_status_code: asNumberOrNull(row.last_status_code),
    last_duration_ms: asNumberOrNull(row.last_duration_ms),
    created_at: Number(row.created_at),
    finished_at: asNumberOrNull(row.finished_at),
  };
}

/** Deletes runs (and their attempts) of one workflow or one contact. */
export async function deleteRuns(
  trx: Db,
  accountId: string,
  of: { workflowId: string } | { contactId: string },
): Promise<void> {
  const [column, value] =
    'workflowId' in of ? (['workflow_id', of.workflowId] as const) : (['contact_id', of.contactId] as const);
  await trx
    .deleteFrom('workflow_attempts')
    .where('account_id', '=', accountId)
    .where('run_id', 'in', (eb) =>
      eb
        .selectFrom('workflow_runs')
        .select('id')
        .where('account_id', '=', accountId)
        .where(column, '=', value),
    )
    .execute();
  await trx
    .deleteFrom('workflow_runs')
    .where('account_id', '=', accountId)
    .where(column, '=', value)
    .execute();
}

export function workflowsRepository(db: Db, dialect: Dialect) {
  return {
    async insert(row: WorkflowsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('workflows').values(row).execute();
    },

    async find(accountId: string, id: string, trx: Db = db): Promise<WorkflowsTable | undefined> {
      return trx
        .selectFrom('workflows')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
    },

    /** Workflows by name (then id), after the cursor's (name, id). */
    async list(accountId: string, limit: number, after: [string, string] | null, trx: Db = db) {
      let query = trx
        .selectFrom('workflows')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('name')
        .orderBy('id')
        .limit(limit);
      if (after)
        query = query.where((eb) =>
          eb.or([eb('name', '>', after[0]), eb.and([eb('name', '=', after[0]), eb('id', '>', after[1])])]),
        );
      return query.execute();
    },

    /** The account's enabled workflows (few per account: read whole on each score-changing transaction). */
    async enabled(accountId: string, trx: Db = db): Promise<WorkflowsTable[]> {
      return trx
        .selectFrom('workflows')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('enabled', '=', 1)
        .orderBy('id')
        .execute();
    },

    /** Workflows that name a profile in their trigger or in a score.adjust action. */
    async usingProfile(accountId: string, profileId: string, trx: Db = db): Promise<WorkflowsTable[]> {
      const rows = await trx
        .selectFrom('workflows')
        .selectAll()
        .where('account_id', '=', accountId)
        .execute();
      return rows.filter(
        (row) =>
          row.profile_id === profileId ||
          (JSON.parse(row.actions) as { type: string; profileId?: string }[]).some(
            (a) => a.type === 'score.adjust' && a.profileId === profileId,
          ),
      );
    },

    async update(
      accountId: string,
      id: string,
      patch: Partial<Omit<WorkflowsTable, 'account_id' | 'id' | 'created_at'>>,
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('workflows')
        .set(patch)
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    /** Deletes a workflow with its runs and their attempts. */
    async delete(accountId: string, id: string, trx: Db = db): Promise<boolean> {
      await deleteRuns(trx, accountId, { workflowId: id });
      const result = await trx
        .deleteFrom('workflows')
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * Records decisions' runs. A run whose (workflow, decision key, action) exists already is skipped:
     * one decision per score change, however often the change is announced.
     */
    async insertRuns(rows: readonly WorkflowRunsTable[], trx: Db = db): Promise<void> {
      for (const chunk of chunked(rows, 30))
        await trx
          .insertInto('workflow_runs')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['account_id', 'workflow_id', 'decision_key', 'action_index']).doNothing(),
          )
          .execute();
    },

    async findRun(accountId: string, id: string, trx: Db = db): Promise<WorkflowRunsTable | undefined> {
      const row = await trx
        .selectFrom('workflow_runs')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && normalizeRun(row);
    },

    /** A workflow's runs, newest first, after the cursor's (created_at, id). */
    async runs(
      accountId: string,
      workflowId: string,
      status: WorkflowRunsTable['status'] | undefined,
      limit: number,
      before: [number, string] | null,
      trx: Db = db,
    ): Promise<WorkflowRunsTable[]> {
      let query = trx
        .selectFrom('workflow_runs')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('workflow_id', '=', workflowId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit);
      if (status) query = query.where('status', '=', status);
      if (before)
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', before[0]),
            eb.and([eb('created_at', '=', before[0]), eb('id', '<', before[1])]),
          ]),
        );
      return (await query.execute()).map(normalizeRun);
    },

    /** The latest attempts of these runs, newest first, at most `perRun` each. */
    async attempts(accountId: string, runIds: readonly string[], perRun: number, trx: Db = db) {
      const byRun = new Map<string, WorkflowAttemptsTable[]>();
      for (const chunk of chunked(runIds, 1)) {
        const rows = await trx
          .selectFrom('workflow_attempts')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('run_id', 'in', chunk)
          .orderBy('run_id')
          .orderBy('attempt', 'desc')
          .execute();
        for (const row of rows) {
          const list = byRun.get(row.run_id) ?? [];
          if (list.length < perRun)
            list.push({
              ...row,
              attempt: Number(row.attempt),
              at: Number(row.at),
              duration_ms: Number(row.duration_ms),
              status_code: asNumberOrNull(row.status_code),
            });
          byRun.set(row.run_id, list);
        }
      }
      return byRun;
    },

    /**
     * Leases up to `limit` due runs to `owner` until `until` and counts the attempt: queued ones whose
     * time has come, and running ones whose holder's lease ran out (it died mid-delivery). On PostgreSQL
     * concurrent claims skip rows another is taking (FOR UPDATE SKIP LOCKED).
     */
    async claimDue(
      owner: string,
      now: number,
      until: number,
      limit: number,
      /** Accounts that have their share in flight: they get what the others leave. */
      busy: ReadonlySet<string> = new Set(),
      trx: Db = db,
    ) {
      // One status per query: `status = ? and next_attempt_at <= ? order by next_attempt_at` walks the
      // due index in order and stops at `max` (with `status in (…)` the database sorts every due run).
      const dueWith = (
        status: 'queued' | 'running',
        max: number,
        skip: readonly string[],
        exclude: readonly string[],
      ) => {
        let query = trx
          .selectFrom('workflow_runs')
          .select(['account_id', 'id', 'status', 'attempts'])
          .where('status', '=', status)
          .where('next_attempt_at', '<=', now)
          .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
          // A workflow switched off keeps its runs waiting (they go on when it is switched on again).
          .where((eb) =>
            eb.exists(
              eb
                .selectFrom('workflows')
                .select('workflows.id')
                .whereRef('workflows.account_id', '=', 'workflow_runs.account_id')
                .whereRef('workflows.id', '=', 'workflow_runs.workflow_id')
                .where('workflows.enabled', '=', 1),
            ),
          )
          .orderBy('next_attempt_at')
          .limit(max);
        if (skip.length > 0) query = query.where('account_id', 'not in', skip);
        if (exclude.length > 0) query = query.where('id', 'not in', exclude);
        if (dialect === 'postgres') query = query.forUpdate().skipLocked();
        return query.execute();
      };
      // Runs whose holder died mid-attempt first (few: at most what was in flight), then queued ones.
      const due = async (max: number, skip: readonly string[], exclude: readonly string[]) => {
        const taken = await dueWith('running', max, skip, exclude);
        if (taken.length < max) taken.push(...(await dueWith('queued', max - taken.length, skip, exclude)));
        return taken;
      };
      // Fair shares: the oldest due runs of accounts below their share first, then anyone's.
      const picked = await due(limit, [...busy], []);
      if (picked.length < limit && busy.size > 0)
        picked.push(
          ...(await due(
            limit - picked.length,
            [],
            picked.map((p) => p.id),
          )),
        );
      if (picked.length === 0) return [];
      const rows = await trx
        .updateTable('workflow_runs')
        .set({
          status: 'running',
          lease_owner: owner,
          lease_expires_at: until,
          attempts: sql<number>`attempts + 1`,
        })
        .where((eb) =>
          eb.or(picked.map((p) => eb.and([eb('account_id', '=', p.account_id), eb('id', '=', p.id)]))),
        )
        .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
        .returningAll()
        .execute();
      // A run taken over while `running` had an attempt whose holder died before recording its answer.
      const interrupted = picked.filter((p) => p.status === 'running' && Number(p.attempts) > 0);
      if (interrupted.length > 0)
        await trx
          .insertInto('workflow_attempts')
          .values(
            interrupted.map((p) => ({
              account_id: p.account_id,
              run_id: p.id,
              attempt: Number(p.attempts),
              at: now,
              duration_ms: 0,
              status_code: null,
              error: 'interrupted: the process carrying it out stopped before recording an answer',
            })),
          )
          .onConflict((oc) => oc.columns(['account_id', 'run_id', 'attempt']).doNothing())
          .execute();
      return rows.map(normalizeRun);
    },

    /** Owners holding live leases on runs (to spot a dead process on this host). */
    async leaseOwners(now: number, trx: Db = db): Promise<string[]> {
      const rows = await trx
        .selectFrom('workflow_runs')
        .select('lease_owner')
        .distinct()
        .where('status', '=', 'running')
        .where('lease_expires_at', '>=', now)
        .execute();
      return rows.flatMap((r) => (r.lease_owner === null ? [] : [r.lease_owner]));
    },

    /** Ends every lease `owner` holds (a process known to be dead), so its runs are claimed again now. */
    async releaseOwner(owner: string, trx: Db = db): Promise<void> {
      await trx
        .updateTable('workflow_runs')
        .set({ lease_expires_at: null })
        .where('status', '=', 'running')
        .where('lease_owner', '=', owner)
        .execute();
    },

    /**
     * Records the outcome of an attempt `owner` made: only while the run is still its (a run taken over
     * after a stall is the new holder's). Returns whether it was.
     */
    async finishAttempt(
      run: Pick<WorkflowRunsTable, 'account_id' | 'id'>,
      owner: string,
      patch: Pick<
        WorkflowRunsTable,
        'status' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'last_duration_ms' | 'finished_at'
      >,
      attempt: WorkflowAttemptsTable | null,
      trx: Db = db,
    ): Promise<boolean> {
      const result = await trx
        .updateTable('workflow_runs')
        .set({ ...patch, lease_owner: null, lease_expires_at: null })
        .where('account_id', '=', run.account_id)
        .where('id', '=', run.id)
        .where('lease_owner', '=', owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      if (attempt)
        await trx
          .insertInto('workflow_attempts')
          .values(attempt)
          .onConflict((oc) => oc.columns(['account_id', 'run_id', 'attempt']).doNothing())
          .execute();
      return true;
    },

    /** Queues a finished run again now, with a fresh 24-hour window. */
    async requeue(accountId: string, id: string, now: number, giveUpAt: number, trx: Db = db) {
      await trx
        .updateTable('workflow_runs')
        .set({
          status: 'queued',
          next_attempt_at: now,
          give_up_at: giveUpAt,
          finished_at: null,
          retry_base: sql<number>`attempts`,
        })
        .where('account_id', '=', accountId)
        .where('id', '=', id)
        .execute();
    },

    /**
     * Deletes up to `limit` runs (with their attempts) that finished before `before`, across accounts;
     * returns how many. Queued and running runs are never pruned, however old.
     */
    async pruneFinished(before: number, limit: number, trx: Db = db): Promise<number> {
      const old = await trx
        .selectFrom('workflow_runs')
        .select(['account_id', 'id'])
        .where('status', 'in', ['succeeded', 'failed'])
        .where('finished_at', '<', before)
        .limit(limit)
        .execute();
      for (const chunk of chunked(old, 2, 2_000)) {
        const match = (
          eb: ExpressionBuilder<Database, 'workflow_runs' | 'workflow_attempts'>,
          id: 'id' | 'run_id',
        ) => eb.or(chunk.map((r) => eb.and([eb('account_id', '=', r.account_id), eb(id, '=', r.id)])));
        await trx
          .deleteFrom('workflow_attempts')
          .where((eb) => match(eb as never, 'run_id'))
          .execute();
        await trx
          .deleteFrom('workflow_runs')
          .where((eb) => match(eb as never, 'id'))
          .execute();
      }
      return old.length;
    },

    /** Runs waiting or in flight, across accounts (the bench and metrics). */
    async countUnfinished(trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('workflow_runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', 'in', ['queued', 'running'])
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}

export type WorkflowsRepository = ReturnType<typeof workflowsRepository>;
