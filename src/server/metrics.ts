import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics served at GET /metrics: ingest counts, HTTP latencies, job durations and the
 * scoring lag (how long the oldest due time-based change has waited). Aggregated over all accounts.
 */
export function createMetrics(options: { scoringLagSeconds: () => Promise<number> }) {
  const registry = new Registry();
  const eventsIngested = new Counter({
    name: 'tally_events_ingested_total',
    help: 'Events received through the API or import, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'tally_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'tally_job_duration_seconds',
    help: 'Background job durations by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    buckets: [0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const runAttempts = new Counter({
    name: 'tally_workflow_run_attempts_total',
    help: 'Workflow action attempts (webhook deliveries and other actions), by action type and outcome',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'tally_scoring_lag_seconds',
    help: 'How long the oldest due time-based score change has been waiting (0 when none is due)',
    registers: [registry],
    async collect() {
      this.set(await options.scoringLagSeconds());
    },
  });
  return {
    registry,
    recordIngest(result: { accepted: number; duplicates: number; rejected: number }) {
      eventsIngested.inc({ outcome: 'accepted' }, result.accepted);
      eventsIngested.inc({ outcome: 'duplicate' }, result.duplicates);
      eventsIngested.inc({ outcome: 'rejected' }, result.rejected);
    },
    observeRequest(method: string, route: string, status: number, seconds: number) {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    /** outcome: succeeded, retrying (a failed attempt that will be retried) or failed. */
    recordRunAttempt(action: string, outcome: 'succeeded' | 'retrying' | 'failed') {
      runAttempts.inc({ action, outcome });
    },
    observeJob(type: string, outcome: 'succeeded' | 'failed', seconds: number) {
      jobDuration.observe({ type, outcome }, seconds);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
