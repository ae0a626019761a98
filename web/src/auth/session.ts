import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, call } from '../api/client.ts';
import { keys } from '../api/queries.ts';
import type { Session } from '../api/types.ts';

/** The signed-in user, or null when nobody is signed in (undefined while it loads). */
export function useSession() {
  return useQuery({
    queryKey: keys.session,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await call('GET /session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the signed-in person is an admin (members read settings and profiles but cannot change them). */
export function useIsAdmin(): { isAdmin: boolean; userId: string | null; isPending: boolean } {
  const session = useSession();
  return {
    isAdmin: session.data?.user.role === 'admin',
    userId: session.data?.user.id ?? null,
    isPending: session.isPending,
  };
}

/** Whether this installation is empty and waits for its first admin. */
export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setup,
    queryFn: () => call('GET /setup'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('DELETE /session'),
    onSettled: () => {
      client.clear();
      client.setQueryData(keys.session, null);
    },
  });
}
