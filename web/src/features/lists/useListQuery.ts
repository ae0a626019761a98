import { notifications } from '@mantine/notifications';
import {
  type InfiniteData,
  type QueryClient,
  keepPreviousData,
  useInfiniteQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import type { ListItem, ListScope, Page } from '../../api/types.ts';
import type { listQueryOf } from '../../ui/list-url-state.ts';

export const PAGE_SIZE = 50;
type Query = ReturnType<typeof listQueryOf>;

/** Errors answered to a request for a later page (one that carried a cursor). */
const answeredToCursor = new WeakSet<ApiError>();

/** The cursor expired (they last 24 hours) or belongs to another list: a 400 about `cursor`. */
function cursorRejection(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 400 || error.code !== 'validation_failed') return null;
  return error.details.find((d) => d.path === 'cursor')?.message ?? null;
}

/** The profile was republished since the list was opened: a 409 to a request that carried a cursor. */
function isRepublished(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && answeredToCursor.has(error);
}

/**
 * A 409 to the first page: the list is scored (sorted or filtered) by a profile that is not published
 * (unpublished since the profiles were read, or none at all).
 */
export function isProfileConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && !answeredToCursor.has(error);
}

/**
 * The list's query scored by the profile the page shows. Without one the server falls back to the
 * account's primary profile alone, while the page (useScoreProfile) falls back further to the first
 * published profile: the tiers shown would then be another profile's and a tier filter would fail.
 */
export function scoredBy(query: Query, profileId: string | null | undefined): Query {
  return profileId && profileId !== query.profileId ? { ...query, profileId } : query;
}

export function listKey(scope: ListScope, query: Query) {
  return [...keys.list(scope), query] as const;
}

/**
 * One list (inbox or contacts) paged by cursor, 50 rows at a time. Pages are fetched as the reader
 * scrolls (the caller calls fetchNextPage near the end); a cursor that went stale because the profile
 * was republished (409) or that expired (400 about `cursor`) restarts the list from the first page
 * instead of showing an error.
 */
export function useListQuery(scope: ListScope, query: Query, options?: { enabled?: boolean }) {
  const queryClient = useQueryClient();
  const queryKey = listKey(scope, query);
  const result = useInfiniteQuery({
    queryKey,
    queryFn: async ({ pageParam, signal }) => {
      try {
        return await call(scope === 'conversations' ? 'GET /conversations' : 'GET /contacts', {
          query: { ...query, limit: PAGE_SIZE, cursor: pageParam },
          signal,
        });
      } catch (error) {
        if (pageParam !== undefined && error instanceof ApiError) answeredToCursor.add(error);
        throw error;
      }
    },
    initialPageParam: undefined as string | undefined,
    enabled: options?.enabled ?? true,
    getNextPageParam: (last: Page<ListItem>) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // Refetching re-reads every loaded page in turn: worth it for the top of a list, not 40 pages deep.
    refetchOnWindowFocus: (q) =>
      ((q.state.data as InfiniteData<unknown> | undefined)?.pages.length ?? 0) <= 4,
    refetchInterval: (q) =>
      scope === 'conversations' &&
      ((q.state.data as InfiniteData<unknown> | undefined)?.pages.length ?? 0) <= 2
        ? 30_000
        : false,
  });

  // A stale cursor while paging (or refetching loaded pages): start again from the top. Any other
  // error (a 400 about a filter, a 409 about the profile) is shown as one.
  const rejected = cursorRejection(result.error);
  const expired = rejected?.includes('expired') ?? false;
  const staleWhilePaging =
    (result.isFetchNextPageError || result.isRefetchError) &&
    (rejected !== null || isRepublished(result.error));
  const keyText = JSON.stringify(queryKey);
  // Counts restarts, so the screen can scroll back to the top with the list.
  const [restarts, setRestarts] = useState(0);
  useEffect(() => {
    if (!staleWhilePaging) return;
    setRestarts((n) => n + 1);
    notifications.show({
      color: 'blue',
      message: expired
        ? 'This list was open for a long time, so it started again from the top.'
        : rejected !== null
          ? 'This list changed, so it started again from the top.'
          : 'Scores were just republished, so the list started again from the top.',
      autoClose: 5000,
    });
    void queryClient.resetQueries({ queryKey: JSON.parse(keyText), exact: true });
  }, [staleWhilePaging, expired, rejected, keyText, queryClient]);

  // The profile the list asked for is not published (any more): read the profiles again, so the page
  // picks one that is (the list follows) or shows why it cannot.
  const profileConflict = isProfileConflict(result.error);
  useEffect(() => {
    if (profileConflict) void queryClient.invalidateQueries({ queryKey: keys.profiles });
  }, [profileConflict, queryClient]);

  const items = useMemo(() => result.data?.pages.flatMap((p) => p.items) ?? [], [result.data]);
  return { ...result, items, staleWhilePaging, restarts };
}

/** Changes one contact's row in every loaded list of a scope (e.g. after marking it read). */
export function patchListItem(
  queryClient: QueryClient,
  scope: ListScope,
  contactId: string,
  patch: (item: ListItem) => ListItem,
  /** Only the lists showing this profile's scores. */
  options: { profileId?: string } = {},
) {
  const shows = (key: readonly unknown[]) =>
    options.profileId === undefined ||
    (key[2] as { profileId?: string } | undefined)?.profileId === options.profileId;
  queryClient.setQueriesData<InfiniteData<Page<ListItem>>>(
    { queryKey: keys.list(scope), predicate: (q) => shows(q.queryKey) },
    (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.contact.id === contactId ? patch(item) : item)),
            })),
          }
        : data,
  );
}
