import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, migrationProvider } from '../src/server/db/migrations.ts';
import { openTestDatabase, testDialect } from './helpers/test-database.ts';

/** An installation of 0.1 (migration 0001 only) with data, upgraded to the latest schema. */
describe('upgrading a 0.1 database', () => {
  it('builds conversations from stored message events, refolds sort names, keeps history numbers growing', async () => {
    const database = await openTestDatabase({ empty: true });
    const db = database.db;
    const migrator = new Migrator({ db: db as never, provider: migrationProvider(testDialect) });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();

    const contact = (id: string, name: string | null, sortName: string) => sql`insert into contacts
      (account_id, id, name, sort_name, search_text, email, phone, tags, assigned_to, dnd, fields, created_at, updated_at, last_interaction_at)
      values ('acc', ${id}, ${name}, ${sortName}, '', null, null, '[]', 'usr_1', '{}', '{}', 1, 1, null)`;
    const empty = Buffer.alloc(0);
    await contact('c1', 'Émile', 'émile').execute(db);
    await contact('c2', null, '').execute(db);
    const event = (id: string, type: string, at: number, properties: object) => sql`insert into events
      (account_id, contact_id, occurred_at, id, type, properties, received_at)
      values ('acc', 'c1', ${at}, ${id}, ${type}, ${JSON.stringify(properties)}, ${at})`;
    await event('e1', 'message.received', 100, { channel: 'SMS ', text: 'first' }).execute(db);
    await event('e2', 'message.sent', 300, { channel: 'email', text: 'latest' }).execute(db);
    await event('e3', 'message.received', 200, { channel: 'whatsapp', text: 'late' }).execute(db);
    await event('e4', 'email.opened', 400, {}).execute(db);
    await sql`insert into scores (account_id, profile_id, version, contact_id, score, raw, state, next_change_at, pending_due, updated_at)
      values ('acc', 'p', 1, 'c1', 5, 5, ${empty}, null, null, 1), ('acc', 'p', 1, 'c2', 0, 0, ${empty}, null, null, 1)`.execute(
      db,
    );
    for (let i = 0; i < 3; i++)
      await sql`insert into score_history (account_id, profile_id, contact_id, at, from_score, to_score, reason)
        values ('acc', 'p', 'c1', ${i}, null, 5, '{}')`.execute(db);

    await migrateToLatest(db as never, testDialect);

    const c1 = await db.selectFrom('contacts').selectAll().where('id', '=', 'c1').executeTakeFirstOrThrow();
    expect(c1).toMatchObject({
      last_message_at: 300,
      last_message_id: 'e2',
      last_message_channel: 'email',
      last_message_direction: 'outbound',
      last_message_text: 'latest',
      unread_count: 0,
      sort_name: 'emile',
    });
    const c2 = await db.selectFrom('contacts').selectAll().where('id', '=', 'c2').executeTakeFirstOrThrow();
    expect(c2.last_message_at).toBeNull();
    const scores = await db.selectFrom('scores').selectAll().orderBy('contact_id').execute();
    // 0.1's free-text assignees name no user: kept in fields, the contacts unassigned.
    expect([c1.assigned_to, JSON.parse(c1.fields)]).toEqual([null, { legacyAssignedTo: 'usr_1' }]);
    expect(scores.map((s) => [s.contact_id, s.inbox, s.channel, s.assigned_to, s.unread])).toEqual([
      ['c1', 1, 'email', null, 0],
      ['c2', 0, null, null, 0],
    ]);
    // Deleting the newest history row must not let the next one reuse its number.
    const newest = await db
      .selectFrom('score_history')
      .select((eb) => eb.fn.max('seq').as('n'))
      .executeTakeFirstOrThrow();
    await db.deleteFrom('score_history').where('seq', '=', Number(newest.n)).execute();
    await sql`insert into score_history (account_id, profile_id, contact_id, at, from_score, to_score, reason)
      values ('acc', 'p', 'c1', 9, 5, 6, '{}')`.execute(db);
    const next = await db
      .selectFrom('score_history')
      .select((eb) => eb.fn.max('seq').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(next.n)).toBe(Number(newest.n) + 1);
    await database.close();
  });
});

describe('a migration that fails halfway', () => {
  it('leaves nothing of itself behind, and runs whole once the cause is gone', async () => {
    const database = await openTestDatabase({ empty: true });
    const db = database.db;
    const migrator = new Migrator({ db: db as never, provider: migrationProvider(testDialect) });
    expect((await migrator.migrateTo('0001_initial')).error).toBeUndefined();
    // A table in the way of a late step of 0002: the columns it added before must be rolled back.
    await sql`create table list_moves (x integer)`.execute(db);
    await expect(migrateToLatest(db as never, testDialect)).rejects.toThrow('database migration failed');
    const columns =
      testDialect === 'postgres'
        ? await sql<{ name: string }>`select column_name as name from information_schema.columns
            where table_schema = 'public' and table_name = 'contacts'`.execute(db)
        : await sql<{ name: string }>`select name from pragma_table_info('contacts')`.execute(db);
    expect(columns.rows.map((c) => c.name)).not.toContain('last_message_at');
    await sql`drop table list_moves`.execute(db);
    expect(await migrateToLatest(db as never, testDialect)).toEqual([
      '0002_inbox_users_views',
      '0003_shared_work',
      '0004_workflows',
    ]);
    await database.close();
  });
});
