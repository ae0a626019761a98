import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ADMIN_TOKEN } from './harness.ts';

const CLI = join(import.meta.dirname, '../../src/cli/main.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A real `tally serve` process on a port, which tests can kill -9 and start again on the same data. */
export class ServerProcess {
  readonly dataDir: string;
  port = 0;
  #child: ChildProcess | null = null;
  #output = '';

  readonly env: Record<string, string>;

  constructor(env: Record<string, string> = {}) {
    this.env = env;
    this.dataDir = mkdtempSync(join(tmpdir(), 'tally-test-'));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running process's id (undefined when it is not running). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  get output(): string {
    return this.#output;
  }

  async start(): Promise<void> {
    this.port = this.port || (await freePort());
    const child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', String(this.port), '--host', '127.0.0.1', '--data', this.dataDir],
      {
        env: {
          ...process.env,
          TALLY_ADMIN_TOKEN: ADMIN_TOKEN,
          TALLY_LOG_LEVEL: 'error',
          TALLY_RATE_LIMIT: '100000',
          TALLY_RATE_BURST: '100000',
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (chunk: Buffer) => {
      this.#output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.#child = child;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${this.#output}`);
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server did not start:\n${this.#output}`);
  }

  /** kill -9: no shutdown hooks, no flush. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.#child = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async request(
    method: string,
    path: string,
    key: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: any }> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(key && { authorization: `Bearer ${key}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
}

/** A new account on `server`; returns its API key. */
export async function newAccount(server: ServerProcess): Promise<string> {
  const res = await server.request('POST', '/api/v1/admin/accounts', ADMIN_TOKEN, { name: 'Durable' });
  expect(res.status).toBe(201);
  return res.body.apiKey;
}

/** Every contact's score on `profileId`, read through the API list. */
export async function allScores(
  server: ServerProcess,
  key: string,
  profileId: string,
): Promise<Map<string, number>> {
  const scores = new Map<string, number>();
  let cursor: string | null = null;
  do {
    const query: string = `/api/v1/contacts?profileId=${profileId}&sort=score:desc&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await server.request('GET', query, key);
    expect(res.status).toBe(200);
    for (const item of res.body.items) scores.set(item.contact.id, item.score.score);
    cursor = res.body.nextCursor;
  } while (cursor);
  return scores;
}

/** Polls a job until `until` holds for it. */
export async function waitForJob(
  server: ServerProcess,
  key: string,
  jobId: string,
  until: (job: any) => boolean,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await server.request('GET', `/api/v1/jobs/${jobId}`, key)).body;
    if (until(job)) return job;
    if (Date.now() > deadline) throw new Error(`job did not get there: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls `probe` every 50 ms until it answers something other than undefined; throws after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
