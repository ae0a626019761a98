import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/transaction.ts';
import { type Contact, contactFromRow } from './contact-row.ts';

export type ContactSort = 'score:desc' | 'score:asc' | 'createdAt:desc' | 'name:asc';

export interface ScoreRange {
  min: number | null;
  max: number | null;
}

export interface ContactListFilter {
  accountId: string;
  /** The version whose scores are shown, filtered and sorted by (null: no published profile). */
  scores: { profileId: string; version: number } | null;
  scoreMin?: number | undefined;
  scoreMax?: number | undefined;
  /** Tier filters as score ranges, any of which may match. */
  scoreRanges?: ScoreRange[] | undefined;
  tags: string[];
  /** A user id, or null for unassigned. */
  assignedTo?: string | null | undefined;
  q?: string | undefined;
  sort: ContactSort;
  limit: number;
  after: [number | string, string] | null;
}

type Eb = ExpressionBuilder<Database & { c: Database['contacts']; s: Database['scores'] }, 'c' | 's'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

function rangeCondition(eb: Eb, range: ScoreRange): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (range.min !== null) parts.push(eb('s.score', '>=', range.min));
  if (range.max !== null) parts.push(eb('s.score', '<=', range.max));
  return parts.length === 0 ? sql<SqlBool>`1 = 1` : eb.and(parts);
}

/** Keyset condition: rows strictly after the cursor in the sort order (ties by contact id ascending). */
function afterCondition(
  eb: Eb,
  sort: ContactSort,
  [value, id]: [number | string, string],
): Expression<SqlBool> {
  switch (sort) {
    case 'score:desc':
      return eb.or([
        eb('s.score', '<', value as number),
        eb.and([eb('s.score', '=', value as number), eb('s.contact_id', '>', id)]),
      ]);
    case 'score:asc':
      return eb.or([
        eb('s.score', '>', value as number),
        eb.and([eb('s.score', '=', value as number), eb('s.contact_id', '>', id)]),
      ]);
    case 'createdAt:desc':
      return eb.or([
        eb('c.created_at', '<', value as number),
        eb.and([eb('c.created_at', '=', value as number), eb('c.id', '>', id)]),
      ]);
    case 'name:asc':
      return eb.or([
        eb('c.sort_name', '>', value as string),
        eb.and([eb('c.sort_name', '=', value as string), eb('c.id', '>', id)]),
      ]);
  }
}

export interface ContactListRow {
  contact: Contact;
  score: number | null;
  sortValue: number | string;
}

export function contactListRepository(db: Db) {
  return {
    async list(filter: ContactListFilter, trx: Db = db): Promise<ContactListRow[]> {
      const scored = filter.scores;
      const byScore = filter.sort.startsWith('score');
      const needsScore =
        byScore ||
        filter.scoreMin !== undefined ||
        filter.scoreMax !== undefined ||
        filter.scoreRanges !== undefined;
      let query = trx
        .selectFrom('contacts as c')
        .leftJoin('scores as s', (join) =>
          join
            .onRef('s.account_id', '=', 'c.account_id')
            .onRef('s.contact_id', '=', 'c.id')
            .on('s.profile_id', '=', scored?.profileId ?? '')
            .on('s.version', '=', scored?.version ?? -1),
        )
        .selectAll('c')
        .select('s.score as score')
        .where('c.account_id', '=', filter.accountId)
        .limit(filter.limit);
      // A null score (left join miss) never passes a score filter; SQLite turns this into an inner join.
      if (needsScore) query = query.where('s.score', 'is not', null);
      if (filter.scoreMin !== undefined) query = query.where('s.score', '>=', filter.scoreMin);
      if (filter.scoreMax !== undefined) query = query.where('s.score', '<=', filter.scoreMax);
      const ranges = filter.scoreRanges;
      if (ranges) query = query.where((eb) => eb.or(ranges.map((r) => rangeCondition(eb as Eb, r))));
      for (const tag of filter.tags) {
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('contact_tags as t')
              .select(sql.lit(1).as('one'))
              .whereRef('t.account_id', '=', 'c.account_id')
              .whereRef('t.contact_id', '=', 'c.id')
              .where('t.tag', '=', tag.toLowerCase()),
          ),
        );
      }
      if (filter.assignedTo === null) query = query.where('c.assigned_to', 'is', null);
      else if (filter.assignedTo !== undefined) query = query.where('c.assigned_to', '=', filter.assignedTo);
      if (filter.q) {
        const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
        query = query.where(sql<SqlBool>`c.search_text like ${pattern} escape '\\'`);
      }
      const after = filter.after;
      if (after) query = query.where((eb) => afterCondition(eb as Eb, filter.sort, after));
      switch (filter.sort) {
        case 'score:desc':
          query = query.orderBy('s.score', 'desc').orderBy('s.contact_id', 'asc');
          break;
        case 'score:asc':
          query = query.orderBy('s.score', 'asc').orderBy('s.contact_id', 'asc');
          break;
        case 'createdAt:desc':
          query = query.orderBy('c.created_at', 'desc').orderBy('c.id', 'asc');
          break;
        case 'name:asc':
          query = query.orderBy('c.sort_name', 'asc').orderBy('c.id', 'asc');
          break;
      }
      const rows = await query.execute();
      return rows.map((row) => {
        const contact = contactFromRow(row);
        const score = row.score === null ? null : Number(row.score);
        const sortValue = byScore
          ? (score ?? 0)
          : filter.sort === 'name:asc'
            ? row.sort_name
            : contact.createdAt;
        return { contact, score, sortValue };
      });
    },
  };
}

export type ContactListRepository = ReturnType<typeof contactListRepository>;
