// The scoring screens' server state: queries and mutations over /profiles, /account and /jobs.
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { invalidateScores, keys } from '../../api/queries.ts';
import type { Job, Profile, ProfileCreate, ProfilePatch } from '../../api/types.ts';

export const scoringKeys = {
  preview: (id: string) => ['profiles', id, 'preview'] as const,
  job: (id: string) => ['job', id] as const,
};

export function useProfile(id: string) {
  return useQuery({
    queryKey: keys.profile(id),
    queryFn: () => call('GET /profiles/{id}', { params: { id } }),
  });
}

/** Contacts scored by each published profile (from its distribution). */
export function useContactsScored(profiles: readonly Profile[]) {
  const published = profiles.filter((p) => p.published);
  const results = useQueries({
    queries: published.map((p) => ({
      queryKey: [...keys.distribution(p.id), p.published?.version],
      queryFn: () => call('GET /profiles/{id}/distribution', { params: { id: p.id } }),
      staleTime: 30_000,
    })),
  });
  const byId = new Map<string, number | undefined>();
  published.forEach((p, i) => byId.set(p.id, results[i]?.data?.contacts));
  return byId;
}

/** Puts a profile the server answered into the caches the list and the editor read. */
function useStoreProfile() {
  const client = useQueryClient();
  return (profile: Profile) => {
    client.setQueryData(keys.profile(profile.id), profile);
    client.setQueryData<Profile[]>(keys.profiles, (list) =>
      list ? list.map((p) => (p.id === profile.id ? profile : p)) : list,
    );
  };
}

export function useCreateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileCreate) => call('POST /profiles', { body }),
    onSuccess: (profile) => {
      client.setQueryData(keys.profile(profile.id), profile);
      client.setQueryData<Profile[]>(keys.profiles, (list) => (list ? [...list, profile] : list));
      void client.invalidateQueries({ queryKey: keys.profiles, exact: true });
    },
  });
}

export function useSaveProfile(id: string) {
  const store = useStoreProfile();
  return useMutation({
    mutationFn: (body: ProfilePatch) => call('PATCH /profiles/{id}', { params: { id }, body }),
    onSuccess: store,
  });
}

export function useDeleteProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('DELETE /profiles/{id}', { params: { id } }),
    onSuccess: (_, id) => {
      client.setQueryData<Profile[]>(keys.profiles, (list) => list?.filter((p) => p.id !== id));
      client.removeQueries({ queryKey: keys.profile(id), exact: true });
      void client.invalidateQueries({ queryKey: keys.account });
      void client.invalidateQueries({ queryKey: keys.profiles, exact: true });
    },
  });
}

export function usePublish(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('POST /profiles/{id}/publish', { params: { id } }),
    onSuccess: ({ job }) => {
      client.setQueryData(scoringKeys.job(job.id), job);
      client.setQueryData<Profile>(keys.profile(id), (p) => (p ? { ...p, publishing: job } : p));
    },
  });
}

export function useUnpublish(id: string) {
  const store = useStoreProfile();
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call('POST /profiles/{id}/unpublish', { params: { id } }),
    onSuccess: (profile) => {
      store(profile);
      // Its scores are hidden now, wherever they were shown.
      invalidateScores(client);
    },
  });
}

export function usePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: scoringKeys.preview(id),
    queryFn: () => call('GET /profiles/{id}/preview', { params: { id } }),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

const isRunning = (job: Job | undefined) => job?.status === 'queued' || job?.status === 'running';

/** A publish job, polled twice a second while it runs. */
export function useJob(jobId: string | null) {
  return useQuery({
    queryKey: scoringKeys.job(jobId ?? ''),
    queryFn: () => call('GET /jobs/{id}', { params: { id: jobId ?? '' } }),
    enabled: jobId !== null,
    refetchInterval: (query) =>
      query.state.error ? false : isRunning(query.state.data) || !query.state.data ? 500 : false,
  });
}
