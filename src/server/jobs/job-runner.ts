import type { Clock } from '../clock.ts';
import type { JobsTable } from '../db/schema.ts';
import type { Metrics } from '../metrics.ts';
import type { JobsRepository } from './jobs.repository.ts';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * Runs background work in this process: queued (or crash-interrupted) publish jobs, and the sweep of
 * due time-based changes every `intervalMs`. `runOnce()` does one round and is what tests call.
 */
export function jobRunner(deps: {
  jobs: JobsRepository;
  runPublish: (job: JobsTable) => Promise<void>;
  sweep: () => Promise<number>;
  intervalMs: number;
  clock: Clock;
  log: Logger;
  metrics?: Metrics;
}) {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  async function runJobs(): Promise<void> {
    let unfinished: JobsTable[];
    try {
      unfinished = await deps.jobs.unfinished();
    } catch (error) {
      deps.log.error('listing jobs failed', { error: String(error) });
      return;
    }
    for (const job of unfinished) {
      const started = deps.clock.now();
      try {
        deps.log.info('job started', {
          jobId: job.id,
          type: job.type,
          profileId: job.profile_id,
          version: job.version,
        });
        if (job.type === 'publish') await deps.runPublish(job);
        deps.log.info('job ended', { jobId: job.id, ms: deps.clock.now() - started });
        deps.metrics?.observeJob(job.type, 'succeeded', (deps.clock.now() - started) / 1000);
      } catch (error) {
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
