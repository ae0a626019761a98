import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import { textType } from './column-types.ts';

/**
 * Jobs are leased: the process running one holds it until `lease_expires_at` and renews that with each
 * step it commits, so several processes on one database never run the same job at once, and a job whose
 * process died is taken over once its lease runs out.
 */
export function jobLeases(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('jobs').addColumn('lease_owner', textType(dialect)).execute();
      await db.schema.alterTable('jobs').addColumn('lease_expires_at', 'bigint').execute();
    },
  };
}
