import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

export function useDistribution(profileId: string | null) {
  return useQuery({
    queryKey: keys.distribution(profileId ?? ''),
    queryFn: () => call('GET /profiles/{id}/distribution', { params: { id: profileId! } }),
    enabled: profileId !== null,
  });
}

export const MOVER_DAYS = 7;

/** Biggest movers over the last week (a query over the week's score history: not refetched often). */
export function useMovers(profileId: string | null) {
  return useQuery({
    queryKey: [...keys.movers(profileId ?? ''), MOVER_DAYS],
    queryFn: () =>
      call('GET /profiles/{id}/movers', {
        params: { id: profileId! },
        query: { days: MOVER_DAYS, limit: 10 },
      }),
    enabled: profileId !== null,
    staleTime: 60_000,
  });
}
