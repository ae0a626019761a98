import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, type Dialect, openPostgres, openSqlite } from '../../src/server/db/database.ts';

/**
 * The database the tests of this run use: SQLite in memory, or (TALLY_TEST_DATABASE=postgres, the
 * vitest "postgres" project) a PostgreSQL database of its own for each caller, made from a template
 * that the global setup migrated once and dropped when the caller closes it.
 */
export const testDialect: Dialect = process.env.TALLY_TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

export interface PostgresTestServer {
  /** A URL on the server's maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** Name of the migrated template database. */
  template: string;
  /** Every database this run creates starts with it, so the global teardown can drop leftovers. */
  prefix: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresTestServer | null;
  }
}

/** The URL of database `name` on the test server. */
export function databaseUrl(server: PostgresTestServer, name: string): string {
  const url = new URL(server.adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function postgresServer(): PostgresTestServer {
  const server = inject('postgres');
  if (!server)
    throw new Error('the PostgreSQL test server was not set up (run through the "postgres" project)');
  return server;
}

async function admin<T>(server: PostgresTestServer, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates a database of its own (migrated, unless `empty`); returns its name and URL. */
export async function createPostgresDatabase(
  options: { empty?: boolean } = {},
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const server = postgresServer();
  const name = `${server.prefix}_${randomBytes(6).toString('hex')}`;
  await admin(server, (c) =>
    c.query(`create database ${name} template ${options.empty ? 'template0' : server.template}`),
  );
  return {
    name,
    url: databaseUrl(server, name),
    drop: () =>
      admin(server, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Migrated databases of this worker that a closed test handed back, emptied, for the next one. */
const recycled: { name: string; url: string }[] = [];

/**
 * A database for one test: in-memory SQLite, or a PostgreSQL database of its own (already migrated
 * unless `empty`). Creating and dropping a PostgreSQL database costs ~0.4 s, more than most tests, so
 * a closed migrated database is emptied (every row deleted, identities restarted) and handed to the next
 * test of the same worker; the global teardown drops them all at the end of the run.
 */
export async function openTestDatabase(options: { empty?: boolean } = {}): Promise<DatabaseHandle> {
  if (testDialect === 'sqlite') return openSqlite({ dataDir: ':memory:' });
  if (options.empty) {
    const created = await createPostgresDatabase({ empty: true });
    const handle = openPostgres({ url: created.url, poolSize: 4 });
    return {
      ...handle,
      async close() {
        await handle.close();
        await created.drop();
      },
    };
  }
  const database = recycled.pop() ?? (await createPostgresDatabase());
  const handle = openPostgres({ url: database.url, poolSize: 4 });
  let closed = false;
  return {
    ...handle,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await emptyDatabase(handle);
        recycled.push(database);
      } finally {
        await handle.close();
      }
    },
  };
}

/** Deletes every row of every table but the migrator's, and restarts identity columns. */
async function emptyDatabase(handle: DatabaseHandle): Promise<void> {
  const pool = handle.pool!;
  const { rows } = await pool.query<{ table_name: string; column_name: string | null }>(
    `select t.table_name, c.column_name from information_schema.tables t
       left join information_schema.columns c
         on c.table_schema = t.table_schema and c.table_name = t.table_name and c.is_identity = 'YES'
     where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name not like 'kysely\\_%'`,
  );
  const statements = rows.map((r) =>
    r.column_name
      ? `delete from ${r.table_name}; alter table ${r.table_name} alter column ${r.column_name} restart;`
      : `delete from ${r.table_name};`,
  );
  await pool.query(statements.join('\n'));
}
