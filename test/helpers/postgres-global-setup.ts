import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/server/db/database.ts';
import { migrateToLatest } from '../../src/server/db/migrations.ts';
import { databaseUrl } from './test-database.ts';

/**
 * The server the PostgreSQL half of the suite creates its databases on: TALLY_TEST_POSTGRES_URL, else
 * DATABASE_URL (operations.md: those tests run when it is present; only its server is used, never the
 * database it names), else the local default.
 */
export const POSTGRES_TEST_URL =
  process.env.TALLY_TEST_POSTGRES_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Once per run of the "postgres" project: a template database with every migration applied (each test
 * database is a copy: much faster than migrating each one), and at the end, every database of this run
 * dropped — also those a failed or killed test left behind.
 */
export default async function setup(project: TestProject) {
  const prefix = `tally_test_${process.pid}_${randomBytes(3).toString('hex')}`;
  const server = { adminUrl: POSTGRES_TEST_URL, template: `${prefix}_template`, prefix };
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  // A locale whose order is not byte order ('c_10' < 'c_1a' in en-US), as production servers often have:
  // the schema must not depend on the server's default (see column-types.ts). Plain when ICU is missing.
  await adminQuery(
    `create database ${server.template} template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`,
  ).catch(() => adminQuery(`create database ${server.template}`));
  const template = openPostgres({ url: databaseUrl(server, server.template), poolSize: 1 });
  try {
    await migrateToLatest(template.db as never, 'postgres');
  } finally {
    await template.close();
  }
  project.provide('postgres', server);
  return async () => {
    const { rows } = await adminQuery(`select datname from pg_database where datname like '${prefix}\\_%'`);
    for (const { datname } of rows) await adminQuery(`drop database if exists ${datname} with (force)`);
  };
}
