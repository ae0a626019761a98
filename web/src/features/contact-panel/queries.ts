// The contact panel's server state. Keys extend the shared ones in api/queries.ts so that
// invalidating keys.score(contact, profile) also refreshes that score's history.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { allPages, keys } from '../../api/queries.ts';
import { patchListItem } from '../lists/useListQuery.ts';
import type { Adjustment, HistoryItem } from '../../api/types.ts';

/** How many history points the chart reads at most. */
export const HISTORY_POINTS = 200;
const EVENTS_PAGE = 10;

export function useContact(contactId: string) {
  return useQuery({
    queryKey: keys.contact(contactId),
    queryFn: () => call('GET /contacts/{id}', { params: { id: contactId } }),
  });
}

export function useContactScore(contactId: string, profileId: string | null) {
  return useQuery({
    queryKey: keys.score(contactId, profileId ?? ''),
    queryFn: () =>
      call('GET /contacts/{id}/scores/{profileId}', { params: { id: contactId, profileId: profileId! } }),
    enabled: profileId !== null,
    // Scores change with time and with events arriving from elsewhere.
    refetchInterval: 60_000,
  });
}

/** The newest changes, newest first: as many pages as it takes to reach HISTORY_POINTS. */
export function useScoreHistory(contactId: string, profileId: string | null) {
  return useQuery({
    queryKey: [...keys.score(contactId, profileId ?? ''), 'history'],
    enabled: profileId !== null,
    queryFn: async ({ signal }) => {
      const items: HistoryItem[] = [];
      let cursor: string | undefined;
      do {
        const page = await call('GET /contacts/{id}/scores/{profileId}/history', {
          params: { id: contactId, profileId: profileId! },
          query: { limit: 100, cursor },
          signal,
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < HISTORY_POINTS);
      return { items: items.slice(0, HISTORY_POINTS), truncated: cursor !== undefined };
    },
  });
}

export function useContactEvents(contactId: string) {
  return useInfiniteQuery({
    queryKey: [...keys.contact(contactId), 'events'],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call('GET /contacts/{id}/events', {
        params: { id: contactId },
        query: { limit: EVENTS_PAGE, cursor: pageParam },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** API keys by id, to name who made an adjustment (read only when a history item needs it). */
export function useApiKeyNames(enabled: boolean) {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => allPages((cursor) => call('GET /api-keys', { query: { limit: 200, cursor } })),
    enabled,
    staleTime: 60_000,
  });
}

export function useAdjustScore(contactId: string, profileId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Adjustment) =>
      call('POST /contacts/{id}/scores/{profileId}/adjustments', {
        params: { id: contactId, profileId },
        body,
      }),
    onSuccess: (score) => {
      client.setQueryData(keys.score(contactId, profileId), score);
      // Everything else that shows this contact's score: its history, the contact, Insights — and its row
      // in the loaded lists, patched in place (re-reading every loaded page would cost a request each).
      void client.invalidateQueries({ queryKey: [...keys.score(contactId, profileId), 'history'] });
      void client.invalidateQueries({ queryKey: keys.contact(contactId), exact: true });
      for (const scope of ['conversations', 'contacts'] as const)
        patchListItem(
          client,
          scope,
          contactId,
          (item) => ({
            ...item,
            score: item.score && { ...item.score, score: score.score, tier: score.tier.name },
          }),
          { profileId },
        );
      void client.invalidateQueries({ queryKey: keys.distribution(profileId) });
      void client.invalidateQueries({ queryKey: keys.movers(profileId) });
    },
  });
}
