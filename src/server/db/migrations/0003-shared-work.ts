import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { textType } from './column-types.ts';

/**
 * What several server processes on one database must share, beyond the data itself:
 *
 * - Job leases: the process running a job holds it until `lease_expires_at` and renews that with each
 *   step it commits, so two processes never run one job at once, and a job whose process died is taken
 *   over once its lease runs out.
 * - Failed sign-ins: counted in the database, so the limits hold however many processes answer.
 */
export function sharedWork(dialect: Dialect): Migration {
  const text = textType(dialect);
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('jobs').addColumn('lease_owner', text).execute();
      await db.schema.alterTable('jobs').addColumn('lease_expires_at', 'bigint').execute();
      await db.schema
        .createTable('sign_in_attempts')
        .addColumn('id', text, (c) => c.primaryKey())
        // SHA-256 of "email:…" or "address:…": what was typed is not kept.
        .addColumn('key_hash', text, (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sign_in_attempts_key')
        .on('sign_in_attempts')
        .columns(['key_hash', 'at'])
        .execute();
      await db.schema.createIndex('sign_in_attempts_at').on('sign_in_attempts').column('at').execute();
    },
  };
}
