import { FakeClock } from '../../src/server/clock.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type Tally, createTally } from '../../src/server/main.ts';
import { openTestDatabase, testDialect } from './test-database.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Harness {
  tally: Tally;
  clock: FakeClock;
  /** JSON request through the app in memory (no port). */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; key?: string | null; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates an account and returns its API key. */
  account(name?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A Tally with a fake clock on a database of its own: in-memory SQLite, or a fresh PostgreSQL database
 * when the suite runs on PostgreSQL (see test-database.ts).
 */
export async function startHarness(
  options: { start?: string; dataDir?: string; env?: Record<string, string>; webDistDir?: string } = {},
): Promise<Harness> {
  const clock = new FakeClock(options.start ?? '2026-06-01T12:00:00.000Z');
  const config = loadConfig({
    TALLY_DATA_DIR: options.dataDir ?? ':memory:',
    TALLY_ADMIN_TOKEN: ADMIN_TOKEN,
    TALLY_LOG_LEVEL: process.env.TEST_LOG ?? 'silent',
    TALLY_RATE_LIMIT: '100000',
    TALLY_RATE_BURST: '100000',
    // Cheap password hashes keep the suite fast; test/api/users.test.ts checks the default cost (2^17).
    TALLY_SCRYPT_LOG_N: '12',
    ...options.env,
  });
  const database =
    testDialect === 'postgres' && options.dataDir === undefined ? await openTestDatabase() : undefined;
  const tally = await createTally({
    config,
    clock,
    webDistDir: options.webDistDir,
    ...(database && { database }),
  });
  const call: Harness['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key !== null && opts.key !== undefined) headers.authorization = `Bearer ${opts.key}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await tally.app.request(path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };
  return {
    tally,
    clock,
    call,
    async account(name = 'Acme') {
      const res = await call('POST', '/api/v1/admin/accounts', { body: { name }, key: ADMIN_TOKEN });
      if (res.status !== 201) throw new Error(`account creation failed: ${JSON.stringify(res.body)}`);
      return res.body.apiKey as string;
    },
    close: () => tally.close(),
  };
}
