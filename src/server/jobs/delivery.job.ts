import type { Action } from '../../contracts/workflows.ts';
import type { Clock } from '../clock.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { WorkflowRunsTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { Metrics } from '../metrics.ts';
import { nextAttemptAt } from '../workflows/retry-schedule.ts';
import { signatureHeaders } from '../workflows/signature.ts';
import type { WebhookSender } from '../workflows/webhook-sender.ts';
import type { WorkflowActions } from '../workflows/workflow-actions.ts';
import type { WorkflowsRepository } from '../workflows/workflows.repository.ts';
import type { Logger } from './job-runner.ts';

/** How long past the send timeout a lease lasts: a holder that stalls longer loses the run to another process. */
const LEASE_MARGIN_MS = 30_000;
/** How often claims look past accounts that have their share in flight (see drain). */
const FAIR_SHARE_MS = 500;

/**
 * Carries out queued workflow runs: webhooks (at least once: signed POSTs, retried with backoff for 24
 * hours) and the other actions (exactly once: applied in the transaction that marks the run done).
 * At most `concurrency` runs are in flight per process, so a publish that queues 100,000 deliveries
 * drains at a steady rate instead of flooding the receiver. Runs are claimed with leases, as jobs are:
 * a process that dies mid-delivery has its runs taken over (at once on the same host, else when the
 * lease runs out), which may deliver a webhook twice — receivers deduplicate on the body's `id`.
 */
export function deliveryWorker(deps: {
  database: DatabaseHandle;
  workflows: WorkflowsRepository;
  execute: WorkflowActions;
  send: WebhookSender;
  clock: Clock;
  owner: string;
  isDeadOwner: (owner: string) => boolean;
  concurrency: number;
  timeoutMs: number;
  pollMs: number;
  log: Logger;
  metrics?: Metrics;
  random?: () => number;
}) {
  const { database, workflows, clock, owner, log } = deps;
  const random = deps.random ?? Math.random;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;
  let timer: NodeJS.Timeout | null = null;

  async function claim(limit: number, busy: ReadonlySet<string>): Promise<WorkflowRunsTable[]> {
    const now = clock.now();
    // READ COMMITTED on PostgreSQL (locksAccounts): SKIP LOCKED claims must not fail each other's serialization.
    return inTransaction(
      database,
      (trx) => workflows.claimDue(owner, now, now + deps.timeoutMs + LEASE_MARGIN_MS, limit, busy, trx),
      { locksAccounts: true },
    );
  }

  async function finish(
    run: WorkflowRunsTable,
    outcome: { statusCode: number | null; error: string | null; durationMs: number },
    retryable: boolean,
    startedAt: number,
  ) {
    const now = clock.now();
    const ok = outcome.error === null;
    const retryAt =
      ok || !retryable ? null : nextAttemptAt(run.attempts - run.retry_base, now, run.give_up_at, random());
    const status = ok ? 'succeeded' : retryAt === null ? 'failed' : 'queued';
    const action = (JSON.parse(run.action) as Action).type;
    const recorded = await inTransaction(
      database,
      (trx) =>
        workflows.finishAttempt(
          run,
          owner,
          {
            status,
            next_attempt_at: retryAt,
            last_status_code: outcome.statusCode,
            last_error: outcome.error,
            last_duration_ms: outcome.durationMs,
            finished_at: status === 'queued' ? null : now,
          },
          {
            account_id: run.account_id,
            run_id: run.id,
            attempt: run.attempts,
            at: startedAt,
            duration_ms: outcome.durationMs,
            status_code: outcome.statusCode,
            error: outcome.error,
          },
          trx,
        ),
      { locksAccounts: true },
    );
    if (!recorded) log.error('workflow run lease lost; its new holder records it', { runId: run.id });
    deps.metrics?.recordRunAttempt(action, status === 'queued' ? 'retrying' : status);
  }

  async function deliver(run: WorkflowRunsTable): Promise<void> {
    const startedAt = clock.now();
    // The URL and secret are the workflow's now (a fixed URL or a new secret applies to pending retries);
    // the body stays the decision's.
    const row = await workflows.find(run.account_id, run.workflow_id);
    const current = row ? (JSON.parse(row.actions) as Action[])[run.action_index] : undefined;
    if (current?.type !== 'webhook') {
      const error = `the workflow no longer has this webhook (action ${run.action_index + 1})`;
      await finish(run, { statusCode: null, error, durationMs: 0 }, false, startedAt);
      return;
    }
    const action = current;
    const headers = {
      ...signatureHeaders(action.secret ?? '', run.body!, Math.floor(startedAt / 1000)),
      'x-tally-delivery': run.decision_id,
      'x-tally-attempt': String(run.attempts),
      'x-tally-event': run.trigger_type,
    };
    const result = await deps.send(action.url, run.body!, headers);
    await finish(run, result, !result.refused, startedAt);
  }

  async function executeAction(run: WorkflowRunsTable): Promise<void> {
    const startedAt = clock.now();
    const started = performance.now();
    try {
      const applied = await inTransaction(
        database,
        async (trx) => {
          // Marked done first, in the same transaction as the action: both commit, or neither.
          const mine = await workflows.finishAttempt(
            run,
            owner,
            {
              status: 'succeeded',
              next_attempt_at: null,
              last_status_code: null,
              last_error: null,
              last_duration_ms: Math.round(performance.now() - started),
              finished_at: clock.now(),
            },
            null,
            trx,
          );
          if (mine) await deps.execute(trx, run);
          return mine;
        },
        { account: run.account_id },
      );
      if (applied) deps.metrics?.recordRunAttempt(JSON.parse(run.action).type, 'succeeded');
    } catch (error) {
      // An action that cannot apply (the contact was erased, the user removed) fails for good; anything
      // else (the database) is retried like a webhook.
      const permanent = error instanceof AppError;
      if (!permanent) log.error('workflow action failed', { runId: run.id, error: String(error) });
      const message = error instanceof Error ? error.message : String(error);
      await finish(
        run,
        { statusCode: null, error: message, durationMs: Math.round(performance.now() - started) },
        !permanent,
        startedAt,
      );
    }
  }

  async function process(run: WorkflowRunsTable): Promise<void> {
    try {
      if (run.body !== null) await deliver(run);
      else await executeAction(run);
    } catch (error) {
      // Recording the outcome failed (database down): the lease runs out and the run is tried again.
      log.error('workflow run could not be recorded', { runId: run.id, error: String(error) });
    }
  }

  async function takeOverDeadOwners(): Promise<void> {
    for (const holder of await workflows.leaseOwners(clock.now()))
      if (deps.isDeadOwner(holder)) {
        log.info('taking over workflow runs of a process that died', { owner: holder });
        await workflows.releaseOwner(holder);
      }
  }

  /** Claims and carries out due runs, `concurrency` at a time, until none is due. */
  async function drain(): Promise<number> {
    await takeOverDeadOwners();
    const active = new Set<Promise<void>>();
    // Runs in flight per account: an account with a quarter of the slots (a slow or hanging receiver)
    // gets more only when no other account has runs due, so it cannot hold everyone else up.
    const perAccount = new Map<string, number>();
    const share = Math.ceil(deps.concurrency / 4);
    let processed = 0;
    // Claims wait for a quarter of the slots to free up (or for the last run to end): one claim
    // transaction per few runs rather than one per run.
    const batch = share;
    // Looking past busy accounts scans their due runs; with one account's 100,000 queued that costs more
    // than the deliveries, so it is done at most every FAIR_SHARE_MS (another account waits that long).
    let fairAt = Number.NEGATIVE_INFINITY;
    for (;;) {
      const free = deps.concurrency - active.size;
      let busy = new Set([...perAccount].filter(([, n]) => n >= share).map(([account]) => account));
      if (busy.size > 0 && performance.now() - fairAt < FAIR_SHARE_MS) busy = new Set();
      else if (busy.size > 0) fairAt = performance.now();
      const claimed = free >= batch || active.size === 0 ? await claim(free, busy) : [];
      for (const run of claimed) {
        perAccount.set(run.account_id, (perAccount.get(run.account_id) ?? 0) + 1);
        const work: Promise<void> = process(run).finally(() => {
          active.delete(work);
          const left = perAccount.get(run.account_id)! - 1;
          if (left === 0) perAccount.delete(run.account_id);
          else perAccount.set(run.account_id, left);
        });
        active.add(work);
      }
      processed += claimed.length;
      if (active.size === 0) return processed;
      if (claimed.length === 0 || deps.concurrency - active.size < batch) await Promise.race(active);
    }
  }

  /** One round (what tests call); concurrent calls share it, and a call during a round runs another after. */
  function runOnce(): Promise<number> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let total = 0;
      do {
        again = false;
        try {
          total += await drain();
        } catch (error) {
          log.error('delivering workflow runs failed', { error: String(error) });
        }
      } while (again);
      return total;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(schedule), deps.pollMs);
  }

  return {
    runOnce,
    /** Runs were queued in this process: start on them now rather than at the next poll. */
    wake() {
      // After the current transaction commits: a claim inside it would not see its runs yet.
      if (!stopped) setTimeout(() => void runOnce(), 5);
    },
    start() {
      stopped = false;
      void runOnce().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof deliveryWorker>;
