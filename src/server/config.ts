import { z } from 'zod';

/** Every setting Tally reads, with its env name; the CLI maps flags onto the same names. */
const ConfigSchema = z.object({
  TALLY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TALLY_HOST: z.string().default('0.0.0.0'),
  TALLY_DATA_DIR: z.string().min(1).default('./tally-data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/./, 'must be a postgres:// URL')
    .optional(),
  TALLY_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TALLY_SYNCHRONOUS: z.enum(['normal', 'full']).default('normal'),
  TALLY_RATE_LIMIT: z.coerce.number().positive().default(100),
  TALLY_RATE_BURST: z.coerce.number().positive().default(200),
  TALLY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  TALLY_PUBLISH_CHUNK: z.coerce.number().int().min(1).max(100_000).default(2_000),
  TALLY_JOB_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  TALLY_LOG_LEVEL: z.enum(['silent', 'error', 'info', 'debug']).default('info'),
  TALLY_SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(8760).default(168),
  TALLY_SCRYPT_LOG_N: z.coerce.number().int().min(10).max(20).default(17),
  TALLY_WEB_DIR: z.string().min(1).optional(),
  TALLY_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false'], 'must be true or false').default('false'),
  TALLY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  TALLY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  TALLY_WORKFLOW_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  TALLY_WORKFLOW_RUNS_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL instead of the embedded database when set. */
  databaseUrl: string | undefined;
  adminToken: string | undefined;
  synchronous: 'normal' | 'full';
  rateLimit: { perSecond: number; burst: number };
  sweepIntervalMs: number;
  publishChunk: number;
  jobLeaseSeconds: number;
  logLevel: 'silent' | 'error' | 'info' | 'debug';
  sessionTtlHours: number;
  scryptLogN: number;
  /** The built web app served at /; undefined means the project's web/dist. */
  webDir: string | undefined;
  webhooks: {
    allowPrivate: boolean;
    timeoutMs: number;
    concurrency: number;
    pollMs: number;
    keepRunsDays: number;
  };
}

export const CONFIG_DOCS: Record<keyof z.infer<typeof ConfigSchema>, string> = {
  TALLY_PORT: 'HTTP port (flag --port). Default 3000.',
  TALLY_HOST: 'Interface to listen on (flag --host). Default 0.0.0.0.',
  TALLY_DATA_DIR: 'Directory of the embedded SQLite database (flag --data). Default ./tally-data.',
  DATABASE_URL:
    'PostgreSQL to use instead of the embedded database, postgres://user:password@host:port/database (flag --database-url). Unset: SQLite in TALLY_DATA_DIR.',
  TALLY_ADMIN_TOKEN:
    'Enables the admin endpoints (creating accounts); at least 16 characters. Unset: admin is off.',
  TALLY_SYNCHRONOUS:
    'SQLite durability: normal (survives process crashes) or full (also power loss). Default normal.',
  TALLY_RATE_LIMIT: 'Requests per second per API key or signed-in user. Default 100.',
  TALLY_RATE_BURST: 'Burst size per API key or signed-in user. Default 200.',
  TALLY_SWEEP_INTERVAL_MS: 'How often due time-based score changes are applied (≤ 60000). Default 15000.',
  TALLY_PUBLISH_CHUNK:
    'Contacts per transaction for publish recomputes and applyToExisting jobs. Default 2000.',
  TALLY_JOB_LEASE_SECONDS:
    'How long a background job stays with the process running it without news from it before another process takes it over (1–3600). Default 30.',
  TALLY_LOG_LEVEL: 'silent, error, info or debug. Default info.',
  TALLY_SESSION_TTL_HOURS: 'How long a sign-in lasts, in hours (1–8760). Default 168 (a week).',
  TALLY_SCRYPT_LOG_N:
    'Password hashing cost: scrypt N = 2^this (10–20; r = 8, p = 1). Default 17 (128 MiB, ~0.3 s per hash). Existing hashes keep their own cost.',
  TALLY_WEB_DIR: 'Directory of the built web app served at /. Default web/dist (built by npm install).',
  TALLY_WEBHOOK_ALLOW_PRIVATE:
    'true lets workflow webhooks call loopback and private addresses (refused by default, against SSRF). Default false.',
  TALLY_WEBHOOK_TIMEOUT_MS:
    'How long one webhook attempt may take before it counts as failed (100–60000). Default 10000.',
  TALLY_WEBHOOK_CONCURRENCY:
    'Workflow runs (webhook deliveries and other actions) in flight at once per process (1–256). Default 16.',
  TALLY_WORKFLOW_POLL_MS:
    'How often each process looks for due workflow runs queued elsewhere or due for a retry (50–60000). Default 1000.',
  TALLY_WORKFLOW_RUNS_KEEP_DAYS:
    'Days a finished workflow run (and its attempts) stays in the delivery log before the sweep deletes it (1–3650). Default 30.',
};

/** Parses settings once from an env-shaped record; lists every problem at once on failure. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(CONFIG_DOCS).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const flags: Record<string, string> = {
      TALLY_PORT: '--port',
      TALLY_HOST: '--host',
      TALLY_DATA_DIR: '--data',
      DATABASE_URL: '--database-url',
    };
    const name = (key: string) => (flags[key] ? `${key} (${flags[key]})` : key);
    const problems = parsed.error.issues.map((i) => `  ${name(i.path.join('.'))}: ${i.message}`).join('\n');
    throw new Error(`invalid configuration:\n${problems}`);
  }
  const c = parsed.data;
  return Object.freeze({
    port: c.TALLY_PORT,
    host: c.TALLY_HOST,
    dataDir: c.TALLY_DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    adminToken: c.TALLY_ADMIN_TOKEN,
    synchronous: c.TALLY_SYNCHRONOUS,
    rateLimit: { perSecond: c.TALLY_RATE_LIMIT, burst: c.TALLY_RATE_BURST },
    sweepIntervalMs: c.TALLY_SWEEP_INTERVAL_MS,
    publishChunk: c.TALLY_PUBLISH_CHUNK,
    jobLeaseSeconds: c.TALLY_JOB_LEASE_SECONDS,
    logLevel: c.TALLY_LOG_LEVEL,
    sessionTtlHours: c.TALLY_SESSION_TTL_HOURS,
    scryptLogN: c.TALLY_SCRYPT_LOG_N,
    webDir: c.TALLY_WEB_DIR,
    webhooks: {
      allowPrivate: c.TALLY_WEBHOOK_ALLOW_PRIVATE === 'true',
      timeoutMs: c.TALLY_WEBHOOK_TIMEOUT_MS,
      concurrency: c.TALLY_WEBHOOK_CONCURRENCY,
      pollMs: c.TALLY_WORKFLOW_POLL_MS,
      keepRunsDays: c.TALLY_WORKFLOW_RUNS_KEEP_DAYS,
    },
  });
}
