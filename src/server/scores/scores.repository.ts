import { sql } from 'kysely';
import type { NodeSqliteDatabase } from '../db/node-sqlite-driver.ts';
import type { AdjustmentsTable, ScoreHistoryTable, ScoresTable } from '../db/schema.ts';
import { type Db, chunked } from '../db/transaction.ts';
import type { Contact } from '../contacts/contact-row.ts';

export type ScoreRow = ScoresTable;
export type HistoryRow = Omit<ScoreHistoryTable, 'seq'>;

function normalize(row: ScoresTable): ScoreRow {
  // SQLite already answers numbers; PostgreSQL answers bigint columns as strings.
  if (typeof row.score === 'number' && typeof row.updated_at === 'number') return row;
  return {
    ...row,
    score: Number(row.score),
    raw: Number(row.raw),
    next_change_at: row.next_change_at === null ? null : Number(row.next_change_at),
    pending_due: row.pending_due === null ? null : Number(row.pending_due),
    updated_at: Number(row.updated_at),
    inbox: Number(row.inbox),
    unread: Number(row.unread),
  };
}

/** The contact's list attributes as a score row keeps them (see ScoresTable). */
export function listAttributes(contact: Contact) {
  return {
    assigned_to: contact.assignedTo,
    channel: contact.conversation?.channel ?? null,
    inbox: contact.conversation ? 1 : 0,
    unread: (contact.conversation?.unreadCount ?? 0) > 0 ? 1 : 0,
  };
}

/** A score row for a contact under a version, from an evaluation and the encoded state. */
export function scoreRow(
  accountId: string,
  profileId: string,
  version: number,
  contact: Contact,
  evaluation: { score: number; raw: number; nextChangeAt: number | null },
  state: Uint8Array,
  now: number,
  nextChangeAt: number | null = evaluation.nextChangeAt,
  pendingDue: number | null = null,
): ScoreRow {
  return {
    account_id: accountId,
    profile_id: profileId,
    version,
    contact_id: contact.id,
    score: evaluation.score,
    raw: evaluation.raw,
    state,
    next_change_at: nextChangeAt,
    pending_due: pendingDue,
    updated_at: now,
    ...listAttributes(contact),
  };
}

const UPSERT_SQL = `insert into scores (account_id, profile_id, version, contact_id, score, raw, state, next_change_at, pending_due, updated_at, assigned_to, channel, inbox, unread)
  values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  on conflict (account_id, profile_id, version, contact_id) do update set
    score = excluded.score, raw = excluded.raw, state = excluded.state,
    next_change_at = excluded.next_change_at, pending_due = excluded.pending_due, updated_at = excluded.updated_at,
    assigned_to = excluded.assigned_to, channel = excluded.channel, inbox = excluded.inbox, unread = excluded.unread`;

const LIST_COLUMNS = ['assigned_to', 'channel', 'inbox', 'unread'] as const;

export function scoresRepository(db: Db, sqlite?: NodeSqliteDatabase) {
  return {
    async load(
      accountId: string,
      profileId: string,
      version: number,
      contactIds: readonly string[],
      trx: Db = db,
    ) {
      const rows = new Map<string, ScoreRow>();
      for (const chunk of chunked(contactIds, 1)) {
        const found = await trx
          .selectFrom('scores')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('profile_id', '=', profileId)
          .where('version', '=', version)
          .where('contact_id', 'in', chunk)
          .execute();
        for (const row of found) rows.set(row.contact_id, normalize(row));
      }
      return rows;
    },

    /**
     * Writes score rows. Given the rows as stored before (`previous`), an existing row is updated
     * only in the columns that changed, so the score and due indexes are left alone when their
     * values did not move: on SQLite every index entry touched costs a page in the WAL.
     */
    async save(
      rows: readonly ScoreRow[],
      trx: Db = db,
      previous?: ReadonlyMap<string, ScoreRow>,
    ): Promise<void> {
      if (sqlite) {
        const upsert = sqlite.rawStatement(UPSERT_SQL);
        for (const r of rows) {
          const before = previous?.get(r.contact_id);
          if (!before) {
            upsert.run(
              r.account_id,
              r.profile_id,
              r.version,
              r.contact_id,
              r.score,
              r.raw,
              r.state,
              r.next_change_at,
              r.pending_due,
              r.updated_at,
              r.assigned_to,
              r.channel,
              r.inbox,
              r.unread,
            );
            continue;
          }
          const scoreMoved = before.score !== r.score;
          const dueMoved = before.next_change_at !== r.next_change_at;
          const listMoved = LIST_COLUMNS.filter((column) => before[column] !== r[column]);
          const update = sqlite.rawStatement(
            `update scores set raw = ?, state = ?, updated_at = ?, pending_due = null${scoreMoved ? ', score = ?' : ''}${dueMoved ? ', next_change_at = ?' : ''}${listMoved.map((column) => `, ${column} = ?`).join('')}
             where account_id = ? and profile_id = ? and version = ? and contact_id = ?`,
          );
          const values: (string | number | Uint8Array | null)[] = [r.raw, r.state, r.updated_at];
          if (scoreMoved) values.push(r.score);
          if (dueMoved) values.push(r.next_change_at);
          for (const column of listMoved) values.push(r[column]);
          update.run(...values, r.account_id, r.profile_id, r.version, r.contact_id);
        }
        return;
      }
      for (const chunk of chunked(rows, 14)) {
        await trx
          .insertInto('scores')
          .values(chunk)
          .onConflict((oc) =>
            oc.columns(['account_id', 'profile_id', 'version', 'contact_id']).doUpdateSet((eb) => ({
              score: eb.ref('excluded.score'),
              raw: eb.ref('excluded.raw'),
              state: eb.ref('excluded.state'),
              next_change_at: eb.ref('excluded.next_change_at'),
              pending_due: eb.ref('excluded.pending_due'),
              updated_at: eb.ref('excluded.updated_at'),
              assigned_to: eb.ref('excluded.assigned_to'),
              channel: eb.ref('excluded.channel'),
              inbox: eb.ref('excluded.inbox'),
              unread: eb.ref('excluded.unread'),
            })),
          )
          .execute();
      }
    },

    /** Appends history rows; returns their seqs, in the order given. */
    async insertHistory(rows: readonly HistoryRow[], trx: Db = db): Promise<number[]> {
      const seqs: number[] = [];
      if (sqlite) {
        const insert = sqlite.rawStatement(
          'insert into score_history (account_id, profile_id, contact_id, at, from_score, to_score, reason) values (?, ?, ?, ?, ?, ?, ?)',
        );
        for (const r of rows)
          seqs.push(
            Number(
              insert.run(r.account_id, r.profile_id, r.contact_id, r.at, r.from_score, r.to_score, r.reason)
                .lastInsertRowid,
            ),
          );
        return seqs;
      }
      // PostgreSQL returns the rows of a multi-row VALUES insert in the order given.
      for (const chunk of chunked(rows, 7)) {
        const inserted = await trx.insertInto('score_history').values(chunk).returning('seq').execute();
        for (const row of inserted) seqs.push(Number(row.seq));
      }
      return seqs;
    },

    /** A version's scores in contact id order, after `afterContactId` (for walking every scored contact). */
    async page(
      accountId: string,
      profileId: string,
      version: number,
      afterContactId: string | null,
      limit: number,
      trx: Db = db,
    ): Promise<{ contact_id: string; score: number }[]> {
      let query = trx
        .selectFrom('scores')
        .select(['contact_id', 'score'])
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .orderBy('contact_id')
        .limit(limit);
      if (afterContactId !== null) query = query.where('contact_id', '>', afterContactId);
      return (await query.execute()).map((r) => ({ contact_id: r.contact_id, score: Number(r.score) }));
    },

    /** Contacts whose score is the same under two versions, in contact id order (for tier-only moves). */
    async unchangedScores(
      accountId: string,
      profileId: string,
      version: number,
      otherVersion: number,
      afterContactId: string | null,
      limit: number,
      trx: Db = db,
    ): Promise<{ contact_id: string; score: number }[]> {
      let query = trx
        .selectFrom('scores as n')
        .innerJoin('scores as o', (join) =>
          join
            .onRef('o.account_id', '=', 'n.account_id')
            .onRef('o.profile_id', '=', 'n.profile_id')
            .onRef('o.contact_id', '=', 'n.contact_id')
            .on('o.version', '=', otherVersion),
        )
        .select(['n.contact_id', 'n.score'])
        .where('n.account_id', '=', accountId)
        .where('n.profile_id', '=', profileId)
        .where('n.version', '=', version)
        .whereRef('o.score', '=', 'n.score')
        .orderBy('n.contact_id')
        .limit(limit);
      if (afterContactId !== null) query = query.where('n.contact_id', '>', afterContactId);
      return (await query.execute()).map((r) => ({ contact_id: r.contact_id, score: Number(r.score) }));
    },

    /**
     * For each of these contacts with history after `afterSeq` on the profile: the score its first such
     * change started from (null for a first score) — its score as it stood at `afterSeq`.
     */
    async scoresAsOf(
      accountId: string,
      profileId: string,
      contactIds: readonly string[],
      afterSeq: number,
      trx: Db = db,
    ): Promise<Map<string, number | null>> {
      const found = new Map<string, number | null>();
      for (const chunk of chunked(contactIds, 1)) {
        const rows = await trx
          .selectFrom('score_history')
          .select(['contact_id', 'from_score', 'seq'])
          .where('account_id', '=', accountId)
          .where('profile_id', '=', profileId)
          .where('contact_id', 'in', chunk)
          .where('seq', '>', afterSeq)
          .orderBy('seq')
          .execute();
        for (const row of rows)
          if (!found.has(row.contact_id))
            found.set(row.contact_id, row.from_score === null ? null : Number(row.from_score));
      }
      return found;
    },

    /** For each of these contacts, the score its last history row before `beforeSeq` left it at. */
    async lastScoresBefore(
      accountId: string,
      profileId: string,
      contactIds: readonly string[],
      beforeSeq: number,
      trx: Db = db,
    ): Promise<Map<string, number>> {
      const found = new Map<string, number>();
      for (const chunk of chunked(contactIds, 1)) {
        const rows = await trx
          .selectFrom('score_history as h')
          .select(['h.contact_id', 'h.to_score'])
          .where('h.account_id', '=', accountId)
          .where('h.profile_id', '=', profileId)
          .where('h.contact_id', 'in', chunk)
          .where('h.seq', '=', (eb) =>
            eb
              .selectFrom('score_history as p')
              .select((p) => p.fn.max('p.seq').as('seq'))
              .where('p.account_id', '=', accountId)
              .where('p.profile_id', '=', profileId)
              .whereRef('p.contact_id', '=', 'h.contact_id')
              .where('p.seq', '<', beforeSeq),
          )
          .execute();
        for (const row of rows) found.set(row.contact_id, Number(row.to_score));
      }
      return found;
    },

    /** The largest history seq so far (0 when there is none): publish reads the rows it adds after it. */
    async lastHistorySeq(trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('score_history')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirst();
      return Number(row?.seq ?? 0);
    },

    /** One profile's history rows after `afterSeq`, in seq order (a publish's switch rows). */
    async historyAfter(accountId: string, profileId: string, afterSeq: number, limit: number, trx: Db = db) {
      const rows = await trx
        .selectFrom('score_history')
        .selectAll()
        .where('seq', '>', afterSeq)
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        ...r,
        seq: Number(r.seq),
        at: Number(r.at),
        from_score: r.from_score === null ? null : Number(r.from_score),
        to_score: Number(r.to_score),
      }));
    },

    async history(
      accountId: string,
      profileId: string,
      contactId: string,
      limit: number,
      before: { at: number; seq: number } | null,
      trx: Db = db,
    ) {
      let query = trx
        .selectFrom('score_history')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('contact_id', '=', contactId)
        .orderBy('at', 'desc')
        .orderBy('seq', 'desc')
        .limit(limit);
      if (before) {
        query = query.where((eb) =>
          eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('seq', '<', before.seq)])]),
        );
      }
      return query.execute();
    },

    async insertAdjustment(row: AdjustmentsTable, trx: Db = db): Promise<void> {
      await trx.insertInto('adjustments').values(row).execute();
    },

    async adjustments(accountId: string, profileId: string, contactId: string, trx: Db = db) {
      const rows = await trx
        .selectFrom('adjustments')
        .select(['at', 'delta'])
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('contact_id', '=', contactId)
        .execute();
      return rows.map((r) => ({ at: Number(r.at), delta: Number(r.delta) }));
    },

    /** Sum of adjustments per contact for contacts with ids in (after, upTo]. */
    async adjustmentTotals(
      accountId: string,
      profileId: string,
      after: string | null,
      upTo: string,
      trx: Db = db,
    ) {
      let query = trx
        .selectFrom('adjustments')
        .select(['contact_id', (eb) => eb.fn.sum<number>('delta').as('total')])
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('contact_id', '<=', upTo)
        .groupBy('contact_id');
      if (after !== null) query = query.where('contact_id', '>', after);
      const totals = new Map<string, number>();
      for (const row of await query.execute()) totals.set(row.contact_id, Number(row.total));
      return totals;
    },

    /** Moves a published version's pending due instants into the due index (publish switch). */
    async releasePendingDue(
      accountId: string,
      profileId: string,
      version: number,
      trx: Db = db,
    ): Promise<void> {
      await trx
        .updateTable('scores')
        .set((eb) => ({ next_change_at: eb.fn.coalesce('next_change_at', 'pending_due'), pending_due: null }))
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .where('pending_due', 'is not', null)
        .execute();
    },

    /** The earliest due instant not yet applied (null when nothing is due): the scoring lag. */
    async oldestDue(now: number, trx: Db = db): Promise<number | null> {
      const row = await trx
        .selectFrom('scores')
        .select((eb) => eb.fn.min('next_change_at').as('at'))
        .where('next_change_at', 'is not', null)
        .where('next_change_at', '<=', now)
        .executeTakeFirst();
      return row?.at === null || row?.at === undefined ? null : Number(row.at);
    },

    /** Keys of live or publishing rows whose next change is due, oldest first (the due index covers this). */
    async due(now: number, limit: number, trx: Db = db) {
      return trx
        .selectFrom('scores as s')
        .innerJoin('profiles as p', (join) =>
          join.onRef('p.account_id', '=', 's.account_id').onRef('p.id', '=', 's.profile_id'),
        )
        .select(['s.account_id', 's.profile_id', 's.contact_id'])
        .where('s.next_change_at', 'is not', null)
        .where('s.next_change_at', '<=', now)
        .where((eb) =>
          eb.or([
            eb('s.version', '=', eb.ref('p.live_version')),
            eb('s.version', '=', eb.ref('p.pending_version')),
          ]),
        )
        .orderBy('s.next_change_at')
        .limit(limit)
        .execute();
    },

    /**
     * After a publish wrote a whole version's rows (`scores`) or its history (`score_history`):
     * PostgreSQL's statistics still describe the table without them. Planned on them, the switch's joins
     * ran as nested loops over the whole version (minutes at 100,000 contacts) and "history after change
     * n" as a scan of all history (40 ms a page). SQLite's plans follow the indexes alone.
     */
    async refreshStatistics(table: 'scores' | 'score_history', trx: Db = db): Promise<void> {
      if (!sqlite) await sql`analyze ${sql.table(table)}`.execute(trx);
    },

    async countVersion(accountId: string, profileId: string, version: number, trx: Db = db): Promise<number> {
      const row = await trx
        .selectFrom('scores')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Contacts of the account that have no row for this version (created while a publish ran). */
    async contactsWithoutScore(
      accountId: string,
      profileId: string,
      version: number,
      trx: Db = db,
    ): Promise<string[]> {
      const rows = await trx
        .selectFrom('contacts as c')
        .select('c.id')
        .where('c.account_id', '=', accountId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('scores as s')
                .select(sql.lit(1).as('one'))
                .where('s.account_id', '=', accountId)
                .where('s.profile_id', '=', profileId)
                .where('s.version', '=', version)
                .whereRef('s.contact_id', '=', 'c.id'),
            ),
          ),
        )
        .execute();
      return rows.map((r) => r.id);
    },

    /**
     * Records the switch to a new version in history: one row per contact whose score differs from
     * the previous live version (or that had none), in one statement.
     */
    async recordPublish(
      accountId: string,
      profileId: string,
      version: number,
      previousVersion: number | null,
      at: number,
      trx: Db = db,
    ): Promise<void> {
      const reason = JSON.stringify({ kind: 'publish', version });
      await trx
        .insertInto('score_history')
        .columns(['account_id', 'profile_id', 'contact_id', 'at', 'from_score', 'to_score', 'reason'])
        .expression((eb) =>
          eb
            .selectFrom('scores as n')
            .leftJoin('scores as o', (join) =>
              join
                .onRef('o.account_id', '=', 'n.account_id')
                .onRef('o.profile_id', '=', 'n.profile_id')
                .onRef('o.contact_id', '=', 'n.contact_id')
                .on('o.version', '=', previousVersion ?? -1),
            )
            .select([
              'n.account_id',
              'n.profile_id',
              'n.contact_id',
              sql.lit(at).as('at'),
              'o.score',
              'n.score',
              sql.val(reason).as('reason'),
            ])
            .where('n.account_id', '=', accountId)
            .where('n.profile_id', '=', profileId)
            .where('n.version', '=', version)
            .where((w) => w.or([w('o.score', 'is', null), w('o.score', '!=', w.ref('n.score'))])),
        )
        .execute();
    },

    async deleteVersionsExcept(
      accountId: string,
      profileId: string,
      keep: number | null,
      trx: Db = db,
    ): Promise<void> {
      let query = trx
        .deleteFrom('scores')
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId);
      if (keep !== null) query = query.where('version', '!=', keep);
      await query.execute();
    },

    async deleteVersion(accountId: string, profileId: string, version: number, trx: Db = db): Promise<void> {
      await trx
        .deleteFrom('scores')
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .execute();
    },

    /** Count of contacts per score value (for histograms and tier counts). */
    async scoreCounts(accountId: string, profileId: string, version: number, trx: Db = db) {
      const rows = await trx
        .selectFrom('scores')
        .select(['score', (eb) => eb.fn.countAll<number>().as('n')])
        .where('account_id', '=', accountId)
        .where('profile_id', '=', profileId)
        .where('version', '=', version)
        .groupBy('score')
        .orderBy('score')
        .execute();
      return rows.map((r) => ({ score: Number(r.score), count: Number(r.n) }));
    },

    /**
     * The contacts whose score rose and fell most since `since`: each contact's baseline is the score
     * before its first change in the window (or, when it had none then, the first score it got),
     * compared with its current score on `version`. One pass over the window gives both directions.
     */
    async movers(
      query: { accountId: string; profileId: string; version: number; since: number; limit: number },
      trx: Db = db,
    ) {
      const { accountId, profileId, version, since, limit } = query;
      const { rows } = await sql<{
        contact_id: string;
        name: string | null;
        base: number;
        score: number;
        change: number;
        rise: number;
        fall: number;
      }>`
        with first_change as (
          select contact_id, min(seq) as seq from score_history
          where account_id = ${accountId} and profile_id = ${profileId} and at >= ${since}
          group by contact_id
        ), moved as (
          select f.contact_id, coalesce(h.from_score, h.to_score) as base, s.score,
            s.score - coalesce(h.from_score, h.to_score) as change
          from first_change f
          join score_history h on h.seq = f.seq
          join scores s on s.account_id = ${accountId} and s.profile_id = ${profileId}
            and s.version = ${version} and s.contact_id = f.contact_id
        ), ranked as (
          select contact_id, base, score, change,
            row_number() over (order by change desc, contact_id) as rise,
            row_number() over (order by change asc, contact_id) as fall
          from moved where change <> 0
        )
        select r.contact_id, c.name, r.base, r.score, r.change, r.rise, r.fall
        from ranked r join contacts c on c.account_id = ${accountId} and c.id = r.contact_id
        where (r.change > 0 and r.rise <= ${limit}) or (r.change < 0 and r.fall <= ${limit})
        order by r.change desc, r.contact_id`.execute(trx);
      const mover = (r: (typeof rows)[number]) => ({
        contactId: r.contact_id,
        name: r.name,
        from: Number(r.base),
        to: Number(r.score),
        change: Number(r.change),
      });
      return {
        up: rows.filter((r) => Number(r.change) > 0).map(mover),
        down: rows
          .filter((r) => Number(r.change) < 0)
          .sort((a, b) => Number(a.fall) - Number(b.fall))
          .map(mover),
      };
    },
  };
}

export type ScoresRepository = ReturnType<typeof scoresRepository>;
