import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { ListScope, ListSort } from '../../contracts/lists.ts';
import { type Contact, contactFromRow } from '../contacts/contact-row.ts';
import type { ContactsTable, Database } from '../db/schema.ts';
import { type Db, chunked } from '../db/transaction.ts';
import { type SortKey, isScoreSort } from './sort-keys.ts';

export interface ScoreRange {
  min: number | null;
  max: number | null;
}

/** What a list shows, resolved: profile version, ranges and user ids instead of names and `me`. */
export interface ListCriteria {
  accountId: string;
  scope: ListScope;
  /** The version whose scores are shown, filtered and sorted by (null: no published profile). */
  scores: { profileId: string; version: number } | null;
  /** scoreMin/scoreMax as one range. */
  range: ScoreRange | null;
  /** Tier filters as score ranges, any of which may match. */
  tierRanges: ScoreRange[] | null;
  channels: string[] | null;
  /** A user id, or null for unassigned. */
  assignedTo?: string | null | undefined;
  unread?: boolean | undefined;
  tags: string[];
  q?: string | undefined;
}

export interface PageRequest {
  sort: ListSort;
  /** Rows strictly after this key. */
  after: SortKey | null;
  limit: number;
  /** Only these contacts (for a score sort: without the score filter, applied by the caller). */
  onlyIds?: readonly string[];
}

export interface ListRow {
  contact: Contact;
  score: number | null;
  key: SortKey;
}

type Eb = ExpressionBuilder<Database & { c: Database['contacts']; s: Database['scores'] }, 'c' | 's'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function rangeCondition(eb: Eb, range: ScoreRange): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (range.min !== null) parts.push(eb('s.score', '>=', range.min));
  if (range.max !== null) parts.push(eb('s.score', '<=', range.max));
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(parts);
}

/** The SQL column a sort orders by. */
function sortColumn(sort: ListSort) {
  if (isScoreSort(sort)) return 's.score' as const;
  if (sort.startsWith('lastMessageAt')) return 'c.last_message_at' as const;
  return sort === 'name:asc' ? ('c.sort_name' as const) : ('c.created_at' as const);
}

const isDescending = (sort: ListSort) => sort.endsWith(':desc');

/** The score range narrowed to the side of the cursor the page lies on (null: no bound at all). */
function withCursorBound(range: ScoreRange | null, page: PageRequest | null): ScoreRange | null {
  const value = page?.after?.value;
  if (!page || page.onlyIds || typeof value !== 'number') return range;
  const bounded = { min: range?.min ?? null, max: range?.max ?? null };
  if (isDescending(page.sort)) bounded.max = bounded.max === null ? value : Math.min(bounded.max, value);
  else bounded.min = bounded.min === null ? value : Math.max(bounded.min, value);
  return bounded;
}

/**
 * Which part of a sorted walk a query reads: after a cursor, the rest of its tie group ('tie') or the
 * values beyond it ('valued'); 'missing' is the contacts without the sort value, listed last.
 */
type Phase = 'tie' | 'valued' | 'missing';

export function listRepository(db: Db) {
  /**
   * One query. A score sort walks the score index (its list attributes filter entries before any row
   * is read); other sorts walk the contacts' indexes and look scores up by key.
   */
  function build(criteria: ListCriteria, page: PageRequest, phase: Phase, trx: Db) {
    const { sort } = page;
    const byScore = isScoreSort(sort);
    const scored = criteria.scores;
    // Moved rows of a score sort are re-read by id without the score filter: the caller applies it to
    // the score they had at the snapshot. For other sorts the current score is the one filtered on.
    const scoreFiltered =
      (page.onlyIds === undefined || !byScore) && (criteria.range !== null || criteria.tierRanges !== null);
    const needsScore = byScore || scoreFiltered;
    // Which copy of the list attributes to filter on: the score row's when the walk is over scores.
    const a = byScore
      ? ({ inbox: 's.inbox', channel: 's.channel', assigned: 's.assigned_to', unread: 's.unread' } as const)
      : ({
          inbox: 'c.last_message_at',
          channel: 'c.last_message_channel',
          assigned: 'c.assigned_to',
          unread: 'c.unread_count',
        } as const);
    let q = trx
      .selectFrom('contacts as c')
      .leftJoin('scores as s', (join) =>
        join
          .onRef('s.account_id', '=', 'c.account_id')
          .onRef('s.contact_id', '=', 'c.id')
          .on('s.profile_id', '=', scored?.profileId ?? '')
          .on('s.version', '=', scored?.version ?? -1),
      )
      // Keys only: the walk can then run on index entries alone, and whole rows are read for the page.
      .select(['c.id as id', 's.score as score'])
      .where('c.account_id', '=', criteria.accountId)
      .limit(page.limit);
    // A null score (left join miss) never passes a score filter; SQLite then plans an inner join.
    if (needsScore) q = q.where('s.score', 'is not', null);
    // A score walk after a cursor starts at the cursor: its score becomes the range's bound on that side
    // (one bound per side, so SQLite seeks there instead of scanning from the range's start).
    const range = withCursorBound(scoreFiltered ? criteria.range : null, byScore ? page : null);
    if (range) q = q.where((eb) => rangeCondition(eb as Eb, range));
    if (scoreFiltered && criteria.tierRanges) {
      const tierRanges = criteria.tierRanges;
      q = q.where((eb) => eb.or(tierRanges.map((r) => rangeCondition(eb as Eb, r))));
    }
    if (criteria.scope === 'conversations')
      q = byScore ? q.where('s.inbox', '=', 1) : q.where('c.last_message_at', 'is not', null);
    if (criteria.channels) q = q.where(a.channel, 'in', criteria.channels);
    if (criteria.assignedTo === null) q = q.where(a.assigned, 'is', null);
    else if (criteria.assignedTo !== undefined) q = q.where(a.assigned, '=', criteria.assignedTo);
    if (criteria.unread !== undefined) {
      if (byScore) q = q.where('s.unread', '=', criteria.unread ? 1 : 0);
      else q = q.where('c.unread_count', criteria.unread ? '>' : '=', 0);
    }
    for (const tag of criteria.tags) {
      q = q.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('contact_tags as t')
            .select(sql.lit(1).as('one'))
            .whereRef('t.account_id', '=', 'c.account_id')
            .whereRef('t.contact_id', '=', 'c.id')
            .where('t.tag', '=', tag.toLowerCase()),
        ),
      );
    }
    if (criteria.q) {
      const pattern = `%${escapeLike(criteria.q.toLowerCase())}%`;
      q = q.where(sql<SqlBool>`c.search_text like ${pattern} escape '\\'`);
    }
    if (page.onlyIds) q = q.where('c.id', 'in', page.onlyIds);

    const column = sortColumn(sort);
    const id = byScore ? 's.contact_id' : 'c.id';
    if (phase === 'missing') {
      // Contacts without the sort value (no message, no name), after all others either way, by id.
      q = (
        column === 'c.sort_name' ? q.where('c.sort_name', '=', '') : q.where('c.last_message_at', 'is', null)
      ).orderBy('c.id', 'asc');
      if (page.after && page.after.value === null) q = q.where('c.id', '>', page.after.id);
    } else {
      if (column === 'c.last_message_at') q = q.where('c.last_message_at', 'is not', null);
      if (column === 'c.sort_name') q = q.where('c.sort_name', '!=', '');
      // After a cursor, two exact seeks instead of one OR: the rest of the cursor's tie group (same value,
      // later ids), then the values beyond it. An OR would make SQLite scan the tie group from its start.
      const after = page.onlyIds === undefined ? page.after : null;
      if (after && after.value !== null) {
        if (phase === 'tie') q = q.where(column, '=', after.value).where(id, '>', after.id);
        else q = q.where(column, isDescending(sort) ? '<' : '>', after.value);
      }
      q = q.orderBy(column, isDescending(sort) ? 'desc' : 'asc').orderBy(id, 'asc');
    }
    return q;
  }

  async function query(criteria: ListCriteria, page: PageRequest, phase: Phase, trx: Db): Promise<ListRow[]> {
    const { sort } = page;
    const byScore = isScoreSort(sort);
    const column = sortColumn(sort);
    const keys = await build(criteria, page, phase, trx).execute();
    if (keys.length === 0) return [];
    const found = new Map<string, ContactsTable>();
    for (const ids of chunked(
      keys.map((k) => k.id),
      1,
      500,
    )) {
      const rows = await trx
        .selectFrom('contacts')
        .selectAll()
        .where('account_id', '=', criteria.accountId)
        .where('id', 'in', ids)
        .execute();
      for (const row of rows) found.set(row.id, row);
    }
    return keys.map((key) => {
      const row = found.get(key.id)!;
      const contact = contactFromRow(row);
      const score = key.score === null ? null : Number(key.score);
      const value = byScore
        ? score
        : column === 'c.last_message_at'
          ? (contact.conversation?.lastMessageAt ?? null)
          : column === 'c.sort_name'
            ? row.sort_name || null
            : contact.createdAt;
      return { contact, score, key: { value, id: contact.id } };
    });
  }

  return {
    /** The SQL of a page's main query (for query plans in the bench and docs). */
    compile(criteria: ListCriteria, page: PageRequest) {
      return build(criteria, page, 'valued', db).compile();
    },

    /** Rows after `page.after` in the sort's order, at most `page.limit`. */
    async page(criteria: ListCriteria, page: PageRequest, trx: Db = db): Promise<ListRow[]> {
      // Sorts where some contacts have no value: those come last, in a second walk by id.
      const nullable =
        page.sort === 'name:asc' || (page.sort.startsWith('lastMessageAt') && criteria.scope === 'contacts');
      if (page.onlyIds) {
        const rows: ListRow[] = [];
        for (const ids of chunked(page.onlyIds, 1, 500)) {
          rows.push(...(await query(criteria, { ...page, onlyIds: ids }, 'valued', trx)));
          if (nullable) rows.push(...(await query(criteria, { ...page, onlyIds: ids }, 'missing', trx)));
        }
        return rows;
      }
      const rows: ListRow[] = [];
      const inMissing = page.after !== null && page.after.value === null;
      if (!inMissing) {
        if (page.after) rows.push(...(await query(criteria, page, 'tie', trx)));
        if (rows.length < page.limit)
          rows.push(...(await query(criteria, { ...page, limit: page.limit - rows.length }, 'valued', trx)));
      }
      if (nullable && rows.length < page.limit)
        rows.push(...(await query(criteria, { ...page, limit: page.limit - rows.length }, 'missing', trx)));
      return rows;
    },

    /** The newest change numbers: a list's snapshot is "everything up to these". */
    async snapshot(trx: Db = db): Promise<{ history: number; moves: number }> {
      const history = await trx
        .selectFrom('score_history')
        .select((eb) => eb.fn.max('seq').as('n'))
        .executeTakeFirst();
      const moves = await trx
        .selectFrom('list_moves')
        .select((eb) => eb.fn.max('seq').as('n'))
        .executeTakeFirst();
      return { history: Number(history?.n ?? 0), moves: Number(moves?.n ?? 0) };
    },

    /**
     * Contacts whose score on this profile changed after change number `since`, each with the score
     * it had then (null: it had none). The first change after `since` holds that score as `from`.
     */
    async scoresSince(
      accountId: string,
      profileId: string,
      since: number,
      trx: Db = db,
    ): Promise<Map<string, number | null>> {
      const rows = await trx
        .selectFrom('score_history')
        .select(['contact_id', 'from_score'])
        .where('seq', '>', since)
        // Written as expressions so no index on them is used: the walk must be the seq range (the few
        // changes since the snapshot), not every history row of the profile.
        .where(sql`account_id || ''`, '=', accountId)
        .where(sql`profile_id || ''`, '=', profileId)
        .orderBy('seq')
        .execute();
      const before = new Map<string, number | null>();
      for (const row of rows)
        if (!before.has(row.contact_id))
          before.set(row.contact_id, row.from_score === null ? null : Number(row.from_score));
      return before;
    },

    /** Like scoresSince for a non-score sort key, from the list_moves log (values as JSON). */
    async movesSince(
      accountId: string,
      sortKey: 'lastMessageAt' | 'createdAt' | 'name',
      since: number,
      trx: Db = db,
    ): Promise<Map<string, number | string | null>> {
      const rows = await trx
        .selectFrom('list_moves')
        .select(['contact_id', 'old_value'])
        .where('seq', '>', since)
        .where('account_id', '=', accountId)
        .where('sort_key', '=', sortKey)
        .orderBy('seq')
        .execute();
      const before = new Map<string, number | string | null>();
      for (const row of rows)
        if (!before.has(row.contact_id))
          before.set(row.contact_id, row.old_value === null ? null : JSON.parse(row.old_value));
      return before;
    },
  };
}

export type ListRepository = ReturnType<typeof listRepository>;
