import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kysely, PostgresDialect, SqliteAdapter, SqliteDialect } from 'kysely';
import pg from 'pg';
import { NodeSqliteDatabase } from './node-sqlite-driver.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The embedded database's own handle, for bulk loads that bypass the query builder. */
  sqlite?: NodeSqliteDatabase;
  /** PostgreSQL's pool, for statements the query builder does not speak (COPY). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

export interface SqliteOptions {
  /** Directory holding tally.db; ':memory:' for a throwaway in-memory database. */
  dataDir: string;
  /** 'normal' survives process crashes (kill -9) in WAL mode; 'full' also survives power loss. */
  synchronous?: 'normal' | 'full';
}

/**
 * SQLite runs schema changes inside transactions, but Kysely's adapter says it does not, so its migrator
 * would commit each statement of a migration on its own and a failure halfway would leave a half-built
 * schema. Saying so makes every migration all-or-nothing.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/** Opens the embedded SQLite database in WAL mode. */
export function openSqlite(options: SqliteOptions): DatabaseHandle {
  let path = ':memory:';
  if (options.dataDir !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, 'tally.db');
  }
  const sqlite = new NodeSqliteDatabase(path);
  sqlite.raw.exec(`
    pragma journal_mode = wal;
    pragma synchronous = ${options.synchronous === 'full' ? 'full' : 'normal'};
    pragma busy_timeout = 10000;
    pragma cache_size = -262144;
    pragma temp_store = memory;
    pragma wal_autocheckpoint = ${path === ':memory:' ? 1000 : 0};
    pragma foreign_keys = off;
  `);
  const db = new Kysely<Database>({ dialect: new TransactionalDdlSqliteDialect({ database: sqlite }) });
  const checkpointer =
    path === ':memory:'
      ? null
      : new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
          workerData: { path, intervalMs: 500 },
        });
  checkpointer?.unref();
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    async close() {
      if (checkpointer) {
        const exited = new Promise((resolve) => checkpointer.once('exit', resolve));
        checkpointer.ref(); // keep the process alive until the worker has closed its connection
        checkpointer.postMessage('stop');
        await exited;
      }
      await db.destroy();
    },
  };
}

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this process keeps open at most. */
  poolSize?: number;
}

/**
 * Integer columns are epoch milliseconds and counts well inside 2^53: read int8 (and count(*)) as
 * numbers, as SQLite hands them over, instead of pg's default strings.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return Number;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Opens a pool on a PostgreSQL server (the schema is made by the same migrations as SQLite's). */
export function openPostgres(options: PostgresOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    application_name: 'tally',
  });
  // An idle connection the server drops (restart, failover) must not crash the process: the pool
  // discards it and the next query opens a new one.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    pool,
    close: () => db.destroy(),
  };
}

/** The database the configuration names: PostgreSQL when a URL is given, else SQLite in the data directory. */
export function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
  synchronous: 'normal' | 'full';
}): DatabaseHandle {
  if (config.databaseUrl) return openPostgres({ url: config.databaseUrl });
  return openSqlite({ dataDir: config.dataDir, synchronous: config.synchronous });
}
