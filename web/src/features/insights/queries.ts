import { useQuery } from '@tanstack/react-query';
import { ApiError, call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

export function useDistribution(profileId: string | null) {
  return useQuery({
    queryKey: keys.distribution(profileId ?? ''),
    queryFn: () => call('GET /profiles/{id}/distribution', { params: { id: profileId! } }),
    enabled: profileId !== null,
  });
}

export const MOVER_DAYS = 7;

/** Biggest movers; null when this server does not offer them yet (404). */
export function useMovers(profileId: string | null) {
  return useQuery({
    queryKey: [...keys.movers(profileId ?? ''), MOVER_DAYS],
    queryFn: async () => {
      try {
        return await call('GET /profiles/{id}/movers', {
          params: { id: profileId! },
          query: { days: MOVER_DAYS, limit: 10 },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404 && error.message.startsWith('no route'))
          return null;
        throw error;
      }
    },
    enabled: profileId !== null,
  });
}
