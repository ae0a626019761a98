import type { Action, WorkflowCreate, WorkflowPatch } from '../../contracts/workflows.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import { decodeCursor, encodeCursor } from '../cursor.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobsTable, WorkflowRunsTable } from '../db/schema.ts';
import { type JobsRepository, jobView, newJob } from '../jobs/jobs.repository.ts';
import { type Db, inTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail, notFound } from '../errors.ts';
import { type IdGenerator, newSecret } from '../ids.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { validationError } from '../validation.ts';
import { refusedHost } from './address-guard.ts';
import { GIVE_UP_AFTER_MS } from './retry-schedule.ts';
import { runView, workflowView } from './workflow-views.ts';
import { type Workflow, workflowFromRow, workflowToRow } from './workflow-row.ts';
import type { WorkflowsRepository } from './workflows.repository.ts';

/** Workflows: saved automations that act when a score changes (see workflow-trigger for the firing). */
export function workflowsService(deps: {
  database: DatabaseHandle;
  workflows: WorkflowsRepository;
  profiles: ProfilesRepository;
  scores: ScoresRepository;
  users: UsersRepository;
  versions: VersionCache;
  clock: Clock;
  ids: IdGenerator;
  jobs: JobsRepository;
  allowPrivateWebhooks: boolean;
  onQueued: () => void;
  /** A backfill job was queued: the job runner starts it now rather than at its next tick. */
  onJobQueued: () => void;
}) {
  const { database, workflows, profiles, scores, users, versions, jobs, clock, ids } = deps;

  async function load(accountId: string, id: string, trx?: Db): Promise<Workflow> {
    const row = await workflows.find(accountId, id, trx);
    if (!row) throw notFound('workflow');
    return workflowFromRow(row);
  }

  /** Tier names of a profile: its draft's and its live version's. */
  async function tierNames(accountId: string, profileId: string, trx: Db): Promise<string[] | null> {
    const profile = await profiles.find(accountId, profileId, trx);
    if (!profile) return null;
    const names = (JSON.parse(profile.draft) as { tiers: { name: string }[] }).tiers.map((t) => t.name);
    if (profile.live_version !== null) {
      const live = await versions.get(accountId, profileId, Number(profile.live_version), trx);
      names.push(...live.definition.tiers.map((t) => t.name));
    }
    return [...new Set(names)];
  }

  /**
   * Webhook hosts that resolve to private addresses, as validation details. Looked up before the write
   * transaction opens (a slow DNS answer must not hold other writers up), with a time limit.
   */
  async function refusedHosts(actions: readonly Action[]): Promise<ErrorDetail[]> {
    const found = await Promise.all(
      actions.map(async (action, i) => {
        if (action.type !== 'webhook') return null;
        const refusal = await refusedHost(new URL(action.url).hostname, deps.allowPrivateWebhooks);
        return refusal ? { path: `actions.${i}.url`, message: refusal } : null;
      }),
    );
    return found.filter((problem) => problem !== null);
  }

  /**
   * Checks what the schema cannot (profiles, tiers and users exist; webhook hosts are public) and fills
   * in webhook secrets: one given, else the secret the same URL had before, else a new one.
   */
  async function checked(
    accountId: string,
    input: Pick<Workflow, 'trigger' | 'actions'>,
    previous: readonly Action[],
    hostProblems: readonly ErrorDetail[],
    trx: Db,
  ): Promise<Action[]> {
    const problems: ErrorDetail[] = [...hostProblems];
    const { trigger } = input;
    const tiers = await tierNames(accountId, trigger.profileId, trx);
    if (!tiers) problems.push({ path: 'trigger.profileId', message: 'no such profile in this account' });
    else if (trigger.type === 'tier.changed')
      for (const key of ['toTier', 'fromTier'] as const) {
        const name = trigger[key];
        if (name !== undefined && !tiers.some((t) => t.toLowerCase() === name.toLowerCase()))
          problems.push({
            path: `trigger.${key}`,
            message: `is not a tier of this profile (${tiers.join(', ')})`,
          });
      }
    const actions: Action[] = [];
    for (const [i, action] of input.actions.entries()) {
      switch (action.type) {
        case 'webhook': {
          // Left out, the secret stays: the webhook's at this position before, else the same URL's.
          const atIndex = previous[i]?.type === 'webhook' ? previous[i] : undefined;
          const sameUrl = previous.find((p) => p.type === 'webhook' && p.url === action.url);
          const kept = [atIndex, sameUrl].find((p) => p?.type === 'webhook' && p.secret !== undefined);
          const secret = action.secret ?? (kept?.type === 'webhook' ? kept.secret : undefined);
          actions.push({ ...action, secret: secret ?? newSecret('whsec') });
          continue;
        }
        case 'assign':
          if (!(await users.find(accountId, action.userId, trx)))
            problems.push({ path: `actions.${i}.userId`, message: 'no such user in this account' });
          break;
        case 'score.adjust': {
          const target = await profiles.find(accountId, action.profileId, trx);
          if (!target) {
            problems.push({ path: `actions.${i}.profileId`, message: 'no such profile in this account' });
            break;
          }
          // A `set` beyond the profile's floor or ceiling could never apply (the adjustment API refuses it).
          const { minScore, maxScore } = JSON.parse(target.draft) as {
            minScore: number | null;
            maxScore: number | null;
          };
          if (
            action.set !== undefined &&
            ((minScore !== null && action.set < minScore) || (maxScore !== null && action.set > maxScore))
          )
            problems.push({
              path: `actions.${i}.set`,
              message: `must be within the profile's bounds (${minScore ?? '−∞'} to ${maxScore ?? '∞'})`,
            });
          break;
        }
      }
      actions.push(action);
    }
    if (problems.length > 0) throw validationError(problems);
    return actions;
  }

  /** Queues the job that fires a new workflow for contacts already meeting its trigger (applyToExisting). */
  async function queueBackfill(trx: Db, accountId: string, workflow: Workflow): Promise<JobsTable> {
    const profile = await profiles.find(accountId, workflow.trigger.profileId, trx);
    const live = profile?.live_version ?? null;
    const job = newJob({
      id: ids('job'),
      accountId,
      type: 'workflow.backfill',
      profileId: workflow.trigger.profileId,
      workflowId: workflow.id,
      historySeq: await scores.lastHistorySeq(trx),
      version: live === null ? null : Number(live),
      total:
        live === null
          ? 0
          : await scores.countVersion(accountId, workflow.trigger.profileId, Number(live), trx),
      now: clock.now(),
    });
    await jobs.insert(job, trx);
    return job;
  }

  return {
    async create(principal: Principal, input: WorkflowCreate) {
      const accountId = principal.accountId;
      const hostProblems = await refusedHosts(input.actions);
      const { workflow, backfill } = await inTransaction(
        database,
        async (trx) => {
          const now = clock.now();
          const workflow: Workflow = {
            id: ids('wf'),
            name: input.name,
            description: input.description ?? '',
            enabled: input.enabled,
            trigger: input.trigger,
            conditions: input.conditions,
            actions: await checked(accountId, input, [], hostProblems, trx),
            createdAt: now,
            updatedAt: now,
          };
          await workflows.insert(workflowToRow(accountId, workflow), trx);
          const backfill =
            input.applyToExisting && workflow.enabled ? await queueBackfill(trx, accountId, workflow) : null;
          return { workflow, backfill };
        },
        { account: accountId },
      );
      if (backfill) deps.onJobQueued();
      return {
        ...workflowView(workflow, principal),
        ...(backfill && { applyingToExisting: jobView(backfill) }),
      };
    },

    async get(principal: Principal, id: string) {
      return workflowView(await load(principal.accountId, id), principal);
    },

    async list(principal: Principal, query: { limit: number; cursor?: string | undefined }) {
      const after = query.cursor
        ? (decodeCursor(query.cursor, ['string', 'string']) as [string, string])
        : null;
      const rows = await workflows.list(principal.accountId, query.limit + 1, after);
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => workflowView(workflowFromRow(row), principal)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.name, last.id]) : null,
      };
    },

    async update(principal: Principal, id: string, patch: WorkflowPatch) {
      const accountId = principal.accountId;
      // Only the actions given are looked up again (a trigger change leaves the webhooks as they are).
      const hostProblems = await refusedHosts(patch.actions ?? []);
      const workflow = await inTransaction(
        database,
        async (trx) => {
          const current = await load(accountId, id, trx);
          const next: Workflow = {
            ...current,
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.description !== undefined && { description: patch.description }),
            ...(patch.enabled !== undefined && { enabled: patch.enabled }),
            ...(patch.trigger !== undefined && { trigger: patch.trigger }),
            ...(patch.conditions !== undefined && { conditions: patch.conditions }),
            updatedAt: clock.now(),
          };
          if (patch.trigger !== undefined || patch.actions !== undefined)
            next.actions = await checked(
              accountId,
              { trigger: next.trigger, actions: patch.actions ?? current.actions },
              current.actions,
              hostProblems,
              trx,
            );
          const { account_id: _a, id: _i, created_at: _c, ...row } = workflowToRow(accountId, next);
          await workflows.update(accountId, id, row, trx);
          return next;
        },
        { account: accountId },
      );
      return workflowView(workflow, principal);
    },

    async delete(accountId: string, id: string) {
      const deleted = await inTransaction(database, (trx) => workflows.delete(accountId, id, trx), {
        account: accountId,
      });
      if (!deleted) throw notFound('workflow');
    },

    async runs(
      accountId: string,
      workflowId: string,
      query: { status?: WorkflowRunsTable['status'] | undefined; limit: number; cursor?: string | undefined },
    ) {
      await load(accountId, workflowId);
      const before = query.cursor
        ? (decodeCursor(query.cursor, ['number', 'string']) as [number, string])
        : null;
      const rows = await workflows.runs(accountId, workflowId, query.status, query.limit + 1, before);
      const page = rows.slice(0, query.limit);
      const attempts = await workflows.attempts(
        accountId,
        page.map((r) => r.id),
        20,
      );
      const last = page.at(-1);
      return {
        items: page.map((row) => runView(row, attempts.get(row.id) ?? [])),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at, last.id]) : null,
      };
    },

    /** Sends a finished webhook run again (same decision id, a fresh 24-hour retry window). */
    async redeliver(accountId: string, workflowId: string, runId: string) {
      const run = await inTransaction(
        database,
        async (trx) => {
          const run = await workflows.findRun(accountId, runId, trx);
          if (!run || run.workflow_id !== workflowId) throw notFound('run');
          if (run.body === null)
            throw new AppError('conflict', 'only webhook runs can be redelivered (other actions run once)');
          if (run.status === 'queued' || run.status === 'running')
            throw new AppError('conflict', `this run is ${run.status} already`);
          const now = clock.now();
          await workflows.requeue(accountId, runId, now, now + GIVE_UP_AFTER_MS, trx);
          return (await workflows.findRun(accountId, runId, trx))!;
        },
        { account: accountId },
      );
      deps.onQueued();
      const attempts = await workflows.attempts(accountId, [run.id], 20);
      return runView(run, attempts.get(run.id) ?? []);
    },
  };
}

export type WorkflowsService = ReturnType<typeof workflowsService>;
