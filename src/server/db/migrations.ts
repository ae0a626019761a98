import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Dialect } from './database.ts';
import { textType } from './migrations/column-types.ts';
import { inboxUsersViews } from './migrations/0002-inbox-users-views.ts';
import { sharedWork } from './migrations/0003-shared-work.ts';
import { workflows } from './migrations/0004-workflows.ts';

/**
 * One set of migrations for both databases. Differences are only in column types and in SQLite's
 * WITHOUT ROWID clustering, which keeps each account's contacts' events together on disk.
 */
function initialSchema(dialect: Dialect): Migration {
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';
  const text = textType(dialect);
  const clustered = <T extends { modifyEnd(node: ReturnType<typeof sql>): T }>(builder: T): T =>
    dialect === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder;
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('accounts')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('primary_profile_id', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('name', text, (c) => c.notNull())
        .addColumn('key_hash', text, (c) => c.notNull().unique())
        .addColumn('key_prefix', text, (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('api_keys_account')
        .on('api_keys')
        .columns(['account_id', 'created_at'])
        .execute();

      await clustered(
        db.schema
          .createTable('contacts')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('name', text)
          .addColumn('sort_name', text, (c) => c.notNull())
          .addColumn('search_text', text, (c) => c.notNull())
          .addColumn('email', text)
          .addColumn('phone', text)
          .addColumn('tags', text, (c) => c.notNull())
          .addColumn('assigned_to', text)
          .addColumn('dnd', text, (c) => c.notNull())
          .addColumn('fields', text, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('last_interaction_at', 'bigint')
          .addPrimaryKeyConstraint('contacts_pk', ['account_id', 'id']),
      ).execute();
      await db.schema
        .createIndex('contacts_created')
        .on('contacts')
        .columns(['account_id', 'created_at', 'id'])
        .execute();
      await db.schema
        .createIndex('contacts_name')
        .on('contacts')
        .columns(['account_id', 'sort_name', 'id'])
        .execute();
      await db.schema
        .createIndex('contacts_assigned')
        .on('contacts')
        .columns(['account_id', 'assigned_to'])
        .execute();

      await clustered(
        db.schema
          .createTable('contact_tags')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('tag', text, (c) => c.notNull())
          .addColumn('contact_id', text, (c) => c.notNull())
          .addPrimaryKeyConstraint('contact_tags_pk', ['account_id', 'tag', 'contact_id']),
      ).execute();
      await db.schema
        .createIndex('contact_tags_contact')
        .on('contact_tags')
        .columns(['account_id', 'contact_id'])
        .execute();

      await clustered(
        db.schema
          .createTable('events')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('contact_id', text, (c) => c.notNull())
          .addColumn('occurred_at', 'bigint', (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('type', text, (c) => c.notNull())
          .addColumn('properties', text, (c) => c.notNull())
          .addColumn('received_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('events_pk', ['account_id', 'contact_id', 'occurred_at', 'id']),
      ).execute();
      await db.schema.createIndex('events_id').on('events').columns(['account_id', 'id']).unique().execute();

      await clustered(
        db.schema
          .createTable('profiles')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('name', text, (c) => c.notNull())
          .addColumn('description', text, (c) => c.notNull())
          .addColumn('draft', text, (c) => c.notNull())
          .addColumn('live_version', 'integer')
          .addColumn('pending_version', 'integer')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('profiles_pk', ['account_id', 'id']),
      ).execute();

      await clustered(
        db.schema
          .createTable('profile_versions')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('profile_id', text, (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('definition', text, (c) => c.notNull())
          .addColumn('published_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('profile_versions_pk', ['account_id', 'profile_id', 'version']),
      ).execute();

      await clustered(
        db.schema
          .createTable('scores')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('profile_id', text, (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('contact_id', text, (c) => c.notNull())
          .addColumn('score', 'bigint', (c) => c.notNull())
          .addColumn('raw', 'bigint', (c) => c.notNull())
          .addColumn('state', blob, (c) => c.notNull())
          .addColumn('next_change_at', 'bigint')
          .addColumn('pending_due', 'bigint')
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('scores_pk', ['account_id', 'profile_id', 'version', 'contact_id']),
      ).execute();
      await db.schema
        .createIndex('scores_by_score')
        .on('scores')
        // score DESC, contact_id ASC: the order of "score high → low, ties by id" read straight off the index.
        .columns(['account_id', 'profile_id', 'version', 'score desc', 'contact_id'])
        .execute();
      await db.schema
        .createIndex('scores_due')
        .on('scores')
        .column('next_change_at')
        .where(sql.ref('next_change_at'), 'is not', null)
        .execute();

      await db.schema
        .createTable('score_history')
        .addColumn(
          'seq',
          dialect === 'postgres' ? sql`bigint generated always as identity` : 'integer',
          (c) => c.primaryKey(),
        )
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('profile_id', text, (c) => c.notNull())
        .addColumn('contact_id', text, (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('from_score', 'bigint')
        .addColumn('to_score', 'bigint', (c) => c.notNull())
        .addColumn('reason', text, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('score_history_contact')
        .on('score_history')
        .columns(['account_id', 'profile_id', 'contact_id', 'at', 'seq'])
        .execute();

      await clustered(
        db.schema
          .createTable('adjustments')
          .addColumn('account_id', text, (c) => c.notNull())
          .addColumn('profile_id', text, (c) => c.notNull())
          .addColumn('contact_id', text, (c) => c.notNull())
          .addColumn('id', text, (c) => c.notNull())
          .addColumn('at', 'bigint', (c) => c.notNull())
          .addColumn('delta', 'bigint', (c) => c.notNull())
          .addColumn('note', text)
          .addColumn('actor', text, (c) => c.notNull())
          .addPrimaryKeyConstraint('adjustments_pk', ['account_id', 'profile_id', 'contact_id', 'at', 'id']),
      ).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', text, (c) => c.primaryKey())
        .addColumn('account_id', text, (c) => c.notNull())
        .addColumn('type', text, (c) => c.notNull())
        .addColumn('profile_id', text)
        .addColumn('version', 'integer')
        .addColumn('status', text, (c) => c.notNull())
        .addColumn('done', 'bigint', (c) => c.notNull())
        .addColumn('total', 'bigint', (c) => c.notNull())
        .addColumn('cursor', text)
        .addColumn('error', text)
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'created_at']).execute();
    },
  };
}

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    getMigrations: async () => ({
      '0001_initial': initialSchema(dialect),
      '0002_inbox_users_views': inboxUsersViews(dialect),
      '0003_shared_work': sharedWork(dialect),
      '0004_workflows': workflows(dialect),
    }),
  };
}

/** Applies every pending migration; throws (with the cause) when one fails. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error('database migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function pendingMigrations(db: Kysely<unknown>, dialect: Dialect): Promise<number> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const migrations = await migrator.getMigrations();
  return migrations.filter((m) => !m.executedAt).length;
}
