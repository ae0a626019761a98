import { type Kysely, type Migration, sql } from 'kysely';
import type { Dialect } from '../database.ts';
import { textType } from './column-types.ts';

/**
 * Workflows and their runs. A run is one action of one decision ("this workflow fires for this contact
 * because of that score change"); it is inserted in the transaction that made the score change, and its
 * unique key (workflow, decision key, action) makes a second decision for the same change impossible.
 * Runs double as the delivery queue: due ones are claimed with a lease, like jobs.
 * Jobs gain `workflow_id` for `workflow.backfill` (applyToExisting, run in chunks like a publish).
 */
export function workflows(dialect: Dialect): Migration {
  const text = textType(dialect);
  const clustered = <T extends { modifyEnd(node: ReturnType<typeof sql>): T }>(builder: T): T =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  return {
    async up(db: Kysely<unknown>) {
      // A job that applies a new workflow to existing contacts names it.
      await db.schema.alterTable('jobs').addColumn('workflow_id', text).execute();
      // …and the last history seq when it was queued: changes after it are the live trigger's.
      await db.schema.alterTable('jobs').addColumn('history_seq', 'bigint').execute();
      await clustered(
        db.schema
          .createTable('workflows')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('description', text, (c) => c.notNull())
          .addColumn('enabled', 'integer', (c) => c.notNull())
          .addColumn('profile_id', text, (c) => c.notNull())
          .addColumn('trigger', text, (c) => c.notNull())
          .addColumn('conditions', text, (c) => c.notNull())
          .addColumn('actions', text, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('workflows_pk', ['account_id', 'id']),
      ).execute();
      await db.schema
        .createIndex('workflows_profile')
        .on('workflows')
        .columns(['account_id', 'profile_id', 'enabled'])
        .execute();

      await clustered(
        db.schema
          .createTable('workflow_runs')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('workflow_id', text, (c) => c.notNull())
          .addColumn('decision_id', text, (c) => c.notNull())
          // `h<history seq>` for a score change, `e<contact id>` for applyToExisting.
          .addColumn('decision_key', text, (c) => c.notNull())
          .addColumn('action_index', 'integer', (c) => c.notNull())
          .addColumn('action', text, (c) => c.notNull())
          .addColumn('contact_id', text, (c) => c.notNull())
          .addColumn('profile_id', text, (c) => c.notNull())
          .addColumn('trigger_type', text, (c) => c.notNull())
          .addColumn('previous_score', 'bigint')
          .addColumn('previous_tier', text)
          .addColumn('current_score', 'bigint', (c) => c.notNull())
          .addColumn('current_tier', text, (c) => c.notNull())
          .addColumn('cause', text, (c) => c.notNull())
          // Workflows whose actions led here, this one last: none of them fires again for what this run does.
          .addColumn('chain', text, (c) => c.notNull())
          // The exact webhook body, fixed when the decision is made (signatures cover these bytes).
          .addColumn('body', text)
          .addColumn('status', text, (c) => c.notNull())
          .addColumn('attempts', 'integer', (c) => c.notNull())
          // Attempts made before the last redeliver: retry delays count from there.
          .addColumn('retry_base', 'integer', (c) => c.notNull())
          .addColumn('next_attempt_at', 'bigint')
          .addColumn('give_up_at', 'bigint', (c) => c.notNull())
          .addColumn('lease_owner', text)
          .addColumn('lease_expires_at', 'bigint')
          .addColumn('last_status_code', 'integer')
          .addColumn('last_error', text)
          .addColumn('last_duration_ms', 'integer')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('finished_at', 'bigint')
          .addPrimaryKeyConstraint('workflow_runs_pk', ['account_id', 'id'])
          .addUniqueConstraint('workflow_runs_decision', [
            'account_id',
            'workflow_id',
            'decision_key',
            'action_index',
          ]),
      ).execute();
      await db.schema
        .createIndex('workflow_runs_log')
        .on('workflow_runs')
        .columns(['account_id', 'workflow_id', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('workflow_runs_due')
        .on('workflow_runs')
        .columns(['status', 'next_attempt_at'])
        .execute();
      await db.schema
        .createIndex('workflow_runs_finished')
        .on('workflow_runs')
        .columns(['status', 'finished_at'])
        .execute();
      await db.schema
        .createIndex('workflow_runs_contact')
        .on('workflow_runs')
        .columns(['account_id', 'contact_id'])
        .execute();

      await clustered(
        db.schema
          .createTable('workflow_attempts')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('run_id', text, (c) => c.notNull())
          .addColumn('attempt', 'integer', (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('duration_ms', 'integer', (c) => c.notNull())
          .addColumn('status_code', 'integer')
          .addColumn('error', text)
          .addPrimaryKeyConstraint('workflow_attempts_pk', ['account_id', 'run_id', 'attempt']),
      ).execute();
    },
  };
}
