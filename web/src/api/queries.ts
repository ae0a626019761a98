// Query hooks more than one screen reads. Feature-only queries live in their feature folder.
import { useQuery } from '@tanstack/react-query';
import { call } from './client.ts';
import type { Profile, User } from './types.ts';

export const keys = {
  account: ['account'] as const,
  profiles: ['profiles'] as const,
  profile: (id: string) => ['profiles', id] as const,
  users: ['users'] as const,
  views: (scope: 'conversations' | 'contacts') => ['views', scope] as const,
  list: (scope: 'conversations' | 'contacts') => ['list', scope] as const,
  contact: (id: string) => ['contact', id] as const,
  score: (contactId: string, profileId: string) => ['score', contactId, profileId] as const,
  distribution: (profileId: string) => ['distribution', profileId] as const,
};

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
