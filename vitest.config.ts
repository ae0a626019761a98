import { connect } from 'node:net';
import { defineConfig } from 'vitest/config';
import { POSTGRES_TEST_URL } from './test/helpers/postgres-global-setup.ts';

/** Tests that touch a database: they run once on SQLite and once on PostgreSQL. */
const DATABASE_TESTS = ['test/**/*.test.ts'];
/**
 * The CLI's and README's tests, which run the same services as the HTTP tests and gain nothing from a
 * second run; and tests of PostgreSQL's own behaviour (processes sharing work).
 */
const SQLITE_ONLY = [
  'test/cli.test.ts',
  'test/cli-import-contacts.test.ts',
  'test/readme.test.ts',
  // Crash tests of the embedded database's own files.
  'test/**/*.sqlite.test.ts',
  // The web app in a browser and its API contract: they test the app, not the database under it.
  'test/browser/**',
  'test/web/**',
  'test/api/web-app.test.ts',
];
const POSTGRES_ONLY = ['test/**/*.postgres.test.ts'];

/** Whether something accepts connections at the test server's host and port (1 s at most). */
async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export default defineConfig(async () => {
  const postgres = await reachable(POSTGRES_TEST_URL);
  const shown = POSTGRES_TEST_URL.replace(/:[^:@/]*@/, ':***@');
  if (!postgres) {
    // CI sets TALLY_REQUIRE_POSTGRES: there a missing server fails the run instead of halving it.
    if (process.env.TALLY_REQUIRE_POSTGRES)
      throw new Error(`PostgreSQL is required (TALLY_REQUIRE_POSTGRES) but ${shown} is not reachable`);
    process.stderr.write(
      `\nPostgreSQL is not reachable at ${shown}: the PostgreSQL half of the suite is SKIPPED (set TALLY_TEST_POSTGRES_URL or DATABASE_URL to point at a server)\n\n`,
    );
  }
  return {
    test: {
      // The tests choose their databases themselves: servers and CLIs they start must not inherit one.
      env: { DATABASE_URL: '' },
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // expect.poll waits for the browser tests' pages, which share two cores with the rest of the suite.
      expect: { poll: { timeout: 15_000 } },
      // Two files at a time even on two cores: the PostgreSQL half spends much of its time waiting on
      // the server, which the other file's work fills.
      maxWorkers: 2,
      projects: [
        {
          extends: true,
          test: {
            name: 'sqlite',
            include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/**/*.test.ts'],
            exclude: POSTGRES_ONLY,
          },
        },
        ...(postgres
          ? [
              {
                extends: true,
                test: {
                  name: 'postgres',
                  include: DATABASE_TESTS,
                  exclude: SQLITE_ONLY,
                  env: {
                    DATABASE_URL: '',
                    TALLY_TEST_DATABASE: 'postgres',
                    TALLY_TEST_POSTGRES_URL: POSTGRES_TEST_URL,
                  },
                  globalSetup: ['test/helpers/postgres-global-setup.ts'],
                },
              },
            ]
          : []),
      ],
    },
  };
});
