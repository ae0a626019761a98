import type { ListSort } from '../../contracts/lists.ts';
import { type CompiledVersion, tierIndexFor, tierScoreRange } from '../../scoring/index.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Principal } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import { contactView, conversationView } from '../contacts/contact-row.ts';
import type { SignedCursors } from '../cursor.ts';
import {
  MAX_CHANGES_SINCE_SNAPSHOT,
  encodeListCursor,
  filtersDigest,
  readListCursor,
} from './list-cursor.ts';
import type { ListRequest } from './list-request.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { type Db, inReadTransaction } from '../db/transaction.ts';
import { AppError, invalid } from '../errors.ts';
import type { ProfilesRepository } from '../profiles/profiles.repository.ts';
import type { VersionCache } from '../profiles/version-cache.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { ListCriteria, ListRepository, ListRow, ScoreRange } from './list.repository.ts';
import { type SortKey, compareKeys, isScoreSort, movedKey } from './sort-keys.ts';

const inRange = (score: number, r: ScoreRange) =>
  (r.min === null || score >= r.min) && (r.max === null || score <= r.max);

/**
 * Lists of contacts and conversations, paged with cursors that see the list as it was when paging
 * began: a row whose sort value changed since is served at its old place, rows are never repeated and
 * none that existed at the first page is skipped. The shown score is the current one.
 */
export function listService(deps: {
  database: DatabaseHandle;
  lists: ListRepository;
  accounts: AccountsRepository;
  profiles: ProfilesRepository;
  versions: VersionCache;
  users: UsersRepository;
  cursors: SignedCursors;
  clock: Clock;
}) {
  const { database, lists, accounts, profiles, versions, users, cursors, clock } = deps;

  /** Profile, version, tiers and `me` resolved into the repository's terms. */
  async function resolve(principal: Principal, request: ListRequest, trx: Db = database.db) {
    const { filters, sort } = request;
    const accountId = principal.accountId;
    const profileId = filters.profileId ?? (await accounts.find(accountId, trx))?.primary_profile_id ?? null;
    const profile = profileId === null ? null : await profiles.find(accountId, profileId, trx);
    if (profileId !== null && !profile) {
      if (filters.profileId !== undefined) throw invalid('profileId', 'no such profile in this account');
    }
    const version = profile?.live_version === null || !profile ? null : Number(profile.live_version);
    const scoreAsked =
      isScoreSort(sort) ||
      filters.scoreMin !== undefined ||
      filters.scoreMax !== undefined ||
      filters.tier !== undefined;
    if (scoreAsked && (!profile || version === null)) {
      throw new AppError(
        'conflict',
        !profile
          ? 'no profile to score by: pass profileId or set the account primary profile'
          : `profile ${profile.id} is not published, so it has no scores to filter or sort by`,
      );
    }
    const compiled =
      profile && version !== null ? await versions.get(accountId, profile.id, version, trx) : null;
    let tierRanges: ScoreRange[] | null = null;
    if (filters.tier && compiled) {
      const tiers = compiled.definition.tiers;
      tierRanges = filters.tier.map((name) => {
        const index = tiers.findIndex((t) => t.name.toLowerCase() === name.toLowerCase());
        if (index < 0)
          throw invalid(
            'tier',
            `"${name}" is not a tier of this profile (${tiers.map((t) => t.name).join(', ')})`,
          );
        return tierScoreRange(index, tiers);
      });
    }
    if (
      filters.scoreMin !== undefined &&
      filters.scoreMax !== undefined &&
      filters.scoreMin > filters.scoreMax
    )
      throw invalid('scoreMin', 'must not be above scoreMax');
    let assignedTo: string | null | undefined = filters.assignedTo;
    if (assignedTo === 'me') {
      if (principal.userId === null)
        throw invalid('assignedTo', '"me" needs a signed-in user; an API key has none (pass a user id)');
      assignedTo = principal.userId;
    } else if (assignedTo === 'unassigned') assignedTo = null;
    else if (assignedTo !== undefined && !(await users.find(accountId, assignedTo, trx)))
      throw invalid('assignedTo', 'no such user in this account (give a user id, "me" or "unassigned")');
    const range =
      filters.scoreMin !== undefined || filters.scoreMax !== undefined
        ? { min: filters.scoreMin ?? null, max: filters.scoreMax ?? null }
        : null;
    const criteria: ListCriteria = {
      accountId,
      scope: request.scope,
      scores: profile && version !== null ? { profileId: profile.id, version } : null,
      range,
      tierRanges,
      channels: filters.channel ?? null,
      assignedTo,
      unread: filters.unread,
      tags: filters.tag ?? [],
      q: filters.q,
    };
    return { criteria, compiled, version };
  }

  /**
   * The rows of one page as of the snapshot: current rows that have not moved since, merged with
   * moved rows placed by the value they had then.
   */
  async function snapshotPage(
    trx: Db,
    criteria: ListCriteria,
    sort: ListSort,
    snapshot: number,
    after: SortKey | null,
    want: number,
  ): Promise<ListRow[]> {
    const key = movedKey(sort);
    const moved =
      key === 'score'
        ? await lists.scoresSince(criteria.accountId, criteria.scores!.profileId, snapshot, trx)
        : await lists.movesSince(criteria.accountId, key, snapshot, trx);

    const current: ListRow[] = [];
    let from = after;
    for (;;) {
      const batch = await lists.page(criteria, { sort, after: from, limit: want }, trx);
      for (const row of batch) if (!moved.has(row.contact.id)) current.push(row);
      if (batch.length < want || current.length >= want) break;
      from = batch[batch.length - 1]!.key;
    }
    if (moved.size === 0) return current;

    // Moved rows that the snapshot places after the cursor (and no later than the page can reach).
    const limitKey = current.length >= want ? current[want - 1]!.key : null;
    const candidates: SortKey[] = [];
    for (const [id, value] of moved) {
      // Not listed then: no score yet, or no message yet in the inbox.
      if (
        value === null &&
        (key === 'score' || (key === 'lastMessageAt' && criteria.scope === 'conversations'))
      )
        continue;
      const old = { value, id };
      if (after && compareKeys(sort, old, after) <= 0) continue;
      if (limitKey && compareKeys(sort, old, limitKey) > 0) continue;
      candidates.push(old);
    }
    if (candidates.length === 0) return current;
    const oldKeys = new Map(candidates.map((k) => [k.id, k]));
    const matching = await lists.page(
      criteria,
      {
        sort,
        after: null,
        limit: candidates.length,
        onlyIds: candidates.map((k) => k.id),
      },
      trx,
    );
    const placed: ListRow[] = [];
    for (const row of matching) {
      const old = oldKeys.get(row.contact.id)!;
      if (key === 'score') {
        const score = old.value as number;
        if (criteria.range && !inRange(score, criteria.range)) continue;
        if (criteria.tierRanges && !criteria.tierRanges.some((r) => inRange(score, r))) continue;
      }
      placed.push({ ...row, key: old });
    }
    return [...current, ...placed].sort((a, b) => compareKeys(sort, a.key, b.key)).slice(0, want);
  }

  function item(row: ListRow, compiled: CompiledVersion | null, version: number | null) {
    return {
      contact: contactView(row.contact),
      conversation: conversationView(row.contact.conversation),
      score:
        row.score === null || !compiled || version === null
          ? null
          : {
              score: row.score,
              tier: compiled.definition.tiers[tierIndexFor(row.score, compiled.definition.tiers)]!.name,
              version,
            },
    };
  }

  return {
    /**
     * Checks filters the way a list would (profile, tier names, assignee), for saving them in a view: a
     * profile that is not published yet is fine, and `me` is left for whoever opens the view.
     */
    async validate(principal: Principal, request: Omit<ListRequest, 'limit' | 'cursor'>) {
      const filters =
        request.filters.assignedTo === 'me' ? { ...request.filters, assignedTo: undefined } : request.filters;
      try {
        await resolve(principal, { ...request, filters, limit: 1 });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') return;
        if (error instanceof AppError && error.details)
          throw new AppError(
            error.code,
            error.message.replace(/^/, 'filters.'),
            error.details.map((d) => ({ ...d, path: `filters.${d.path}` })),
          );
        throw error;
      }
    },

    async list(principal: Principal, request: ListRequest) {
      const { sort, limit } = request;
      // One read: the profile version, the snapshot and the rows all come from the same committed state,
      // so a publish that switches versions meanwhile cannot leave a page reading a deleted version.
      const { compiled, version, digest, state, rows, snapshot } = await inReadTransaction(
        database,
        async (trx) => {
          const { criteria, compiled, version } = await resolve(principal, request, trx);
          const digest = filtersDigest(criteria);
          const state = request.cursor
            ? readListCursor(cursors, clock.now(), request.cursor, request, digest, version)
            : null;
          const numbers = await lists.snapshot(trx);
          const latest = isScoreSort(sort) ? numbers.history : numbers.moves;
          const snapshot = state?.snapshot ?? latest;
          // Reading the changes since the snapshot costs one row per change (in every account): bounded.
          if (latest - snapshot > MAX_CHANGES_SINCE_SNAPSHOT)
            throw new AppError(
              'conflict',
              'the list changed too much since it was opened to keep its order; start again from the first page',
            );
          const rows = await snapshotPage(trx, criteria, sort, snapshot, state?.key ?? null, limit + 1);
          return { compiled, version, digest, state, rows, snapshot };
        },
        // A first page fixes the snapshot number: it must not be ahead of a change still to commit.
        request.cursor ? {} : { settledFor: principal.accountId },
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const issuedAt = state?.issuedAt ?? clock.now();
      return {
        items: page.map((row) => item(row, compiled, version)),
        nextCursor:
          rows.length > limit && last
            ? encodeListCursor(cursors, {
                scope: request.scope,
                sort,
                digest,
                version,
                snapshot,
                issuedAt,
                key: last.key,
              })
            : null,
      };
    },
  };
}

export type ListService = ReturnType<typeof listService>;
export type { ListRequest };
