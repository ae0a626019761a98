import type { Logger } from './jobs/job-runner.ts';

const LEVELS = { silent: 0, error: 1, info: 2, debug: 3 } as const;

/** JSON lines on stderr; never logs secrets (callers pass ids, not keys). */
export function createLogger(level: keyof typeof LEVELS): Logger {
  const write = (severity: 'error' | 'info', message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < LEVELS[severity]) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: severity, message, ...fields })}\n`,
    );
  };
  return {
    info: (message, fields) => write('info', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
