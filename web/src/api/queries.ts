// Query hooks more than one screen reads. Feature-only queries live in their feature folder.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from './client.ts';
import type { Profile, User } from './types.ts';

export const keys = {
  session: ['session'] as const,
  setup: ['setup'] as const,
  apiKeys: ['api-keys'] as const,
  account: ['account'] as const,
  profiles: ['profiles'] as const,
  profile: (id: string) => ['profiles', id] as const,
  users: ['users'] as const,
  views: (scope: 'conversations' | 'contacts') => ['views', scope] as const,
  list: (scope: 'conversations' | 'contacts') => ['list', scope] as const,
  contact: (id: string) => ['contact', id] as const,
  score: (contactId: string, profileId: string) => ['score', contactId, profileId] as const,
  distribution: (profileId: string) => ['distribution', profileId] as const,
  movers: (profileId: string) => ['movers', profileId] as const,
  workflows: ['workflows'] as const,
  workflow: (id: string) => ['workflows', id] as const,
  workflowRuns: (id: string, status: string | null) => ['workflow-runs', id, status ?? 'all'] as const,
};

/**
 * After anything that changes scores for many contacts (a publish finishing, return to draft, a new
 * primary profile, deleting a profile): every screen that shows a score reads it again.
 */
export function invalidateScores(client: QueryClient): void {
  for (const queryKey of [keys.profiles, ['list'], ['score'], ['contact'], ['distribution'], ['movers']])
    void client.invalidateQueries({ queryKey });
}

/** PATCH /account: the name (shown in the header) or the primary profile (the default score everywhere). */
export function usePatchAccount() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { name?: string; primaryProfileId?: string | null }) =>
      call('PATCH /account', { body }),
    onSuccess: (account, body) => {
      client.setQueryData(keys.account, account);
      if (body.name !== undefined) void client.invalidateQueries({ queryKey: keys.session });
      if (body.primaryProfileId !== undefined) invalidateScores(client);
    },
  });
}

/** Reads every page of a list endpoint (for small lists: profiles, users, views, keys). */
export async function allPages<T>(
  fetchPage: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

export function useAccount() {
  return useQuery({ queryKey: keys.account, queryFn: () => call('GET /account') });
}

export function useProfiles() {
  return useQuery({
    queryKey: keys.profiles,
    queryFn: () => allPages((cursor) => call('GET /profiles', { query: { limit: 200, cursor } })),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => allPages<User>((cursor) => call('GET /users', { query: { limit: 200, cursor } })),
    staleTime: 60_000,
  });
}

/**
 * The profile a list shows scores of: the one named (e.g. in the URL), else the account's primary
 * profile, else the first published one. Also returns the published profiles to choose from.
 */
export function useScoreProfile(requestedId?: string | null) {
  const account = useAccount();
  const profiles = useProfiles();
  const published = (profiles.data ?? []).filter(
    (p): p is Profile & { published: NonNullable<Profile['published']> } => p.published !== null,
  );
  const chosen =
    published.find((p) => p.id === requestedId) ??
    published.find((p) => p.id === account.data?.primaryProfileId) ??
    published[0] ??
    null;
  return {
    isPending: account.isPending || profiles.isPending,
    error: account.error ?? profiles.error,
    profile: chosen,
    tiers: chosen?.published.definition.tiers ?? [],
    published,
    primaryProfileId: account.data?.primaryProfileId ?? null,
  };
}
