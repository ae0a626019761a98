import type { Clock } from '../clock.ts';
import type { JobsTable } from '../db/schema.ts';
import type { Metrics } from '../metrics.ts';
import { type JobsRepository, LeaseLostError } from './jobs.repository.ts';

/** This process's hold on the job it runs: who it is, and the expiry a renewal sets. */
export interface JobLease {
  owner: string;
  until(): number;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Runs background work in this process: queued (or crash-interrupted) publish and workflow backfill jobs, and the sweep of
 * due time-based changes every `intervalMs`. `runOnce()` does one round and is what tests call.
 *
 * Several processes may share one database: a job is claimed with a lease (`leaseMs`) that each step
 * renews, so it runs in one process at a time, and a job whose process died is claimed again by another
 * once the lease runs out (it resumes from its last committed step).
 */
export function jobRunner(deps: {
  jobs: JobsRepository;
  runPublish: (job: JobsTable, lease: JobLease) => Promise<void>;
  /** Applies a new workflow to the contacts that already meet its trigger (applyToExisting). */
  runBackfill: (job: JobsTable, lease: JobLease) => Promise<void>;
  sweep: () => Promise<number>;
  intervalMs: number;
  leaseMs: number;
  /** Names this process in `jobs.lease_owner`. */
  owner: string;
  /** Whether a lease holder is known to be dead (then its job is taken without waiting for expiry). */
  isDeadOwner?: (owner: string) => boolean;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;
  const lease: JobLease = {
    owner: deps.owner,
    until: () => deps.clock.now() + deps.leaseMs,
  };

  async function runJobs(): Promise<void> {
    try {
      for (const held of await deps.jobs.leased(deps.clock.now()))
        if (deps.isDeadOwner?.(held.owner)) {
          deps.log.info('taking over a job of a process that died', { jobId: held.id, owner: held.owner });
          await deps.jobs.release(held.id, held.owner);
        }
    } catch (error) {
      deps.log.error('checking job leases failed', { error: String(error) });
    }
    for (;;) {
      let job: JobsTable | undefined;
      try {
        job = await deps.jobs.claim(deps.owner, deps.clock.now(), lease.until());
      } catch (error) {
        deps.log.error('claiming a job failed', { error: String(error) });
        return;
      }
      if (!job) return;
      const started = deps.clock.now();
      try {
        deps.log.info('job started', {
          jobId: job.id,
          type: job.type,
          profileId: job.profile_id,
          version: job.version,
          resumedAt: job.cursor === null ? undefined : Number(job.done),
        });
        if (job.type === 'publish') await deps.runPublish(job, lease);
        else if (job.type === 'workflow.backfill') await deps.runBackfill(job, lease);
        deps.log.info('job ended', { jobId: job.id, ms: deps.clock.now() - started });
        deps.metrics?.observeJob(job.type, 'succeeded', (deps.clock.now() - started) / 1000);
      } catch (error) {
        if (error instanceof LeaseLostError) {
          // Another process holds the job now and finishes it; nothing of this run's last step committed.
          deps.log.error('job lease lost', { jobId: job.id });
          continue;
        }
        deps.log.error('job failed', { jobId: job.id, error: String(error) });
        deps.metrics?.observeJob(job.type, 'failed', (deps.clock.now() - started) / 1000);
        await deps.jobs
          .update(job.id, {
            status: 'failed',
            error: 'internal error; see the server log',
            finished_at: deps.clock.now(),
          })
          .catch((updateError: unknown) =>
            deps.log.error('marking job failed failed', { error: String(updateError) }),
          );
      }
    }
  }

  async function sweep(): Promise<void> {
    try {
      const changed = await deps.sweep();
      if (changed > 0) deps.log.info('applied due time-based changes', { scores: changed });
    } catch (error) {
      deps.log.error('sweep failed', { error: String(error) });
    }
  }

  /**
   * One round: every unfinished job and the sweep, side by side (they interleave transaction by
   * transaction), so a long publish never holds back due time-based changes. Concurrent calls share the
   * round in flight.
   */
  function runOnce(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await Promise.all([runJobs(), sweep()]);
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce().finally(schedule);
    }, deps.intervalMs);
  }

  return {
    runOnce,
    /** Starts work now (e.g. right after a publish is queued) instead of at the next tick. */
    wake() {
      if (!stopped) void runOnce();
    },
    start() {
      stopped = false;
      runOnce().finally(schedule);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof jobRunner>;
