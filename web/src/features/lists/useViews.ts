import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { allPages, keys } from '../../api/queries.ts';
import type { ListScope, View, ViewCreate, ViewPatch } from '../../api/types.ts';

/** The saved views (inbox) or smart lists (contacts), in the order they were made. */
export function useViews(scope: ListScope) {
  return useQuery({
    queryKey: keys.views(scope),
    queryFn: () => allPages<View>((cursor) => call('GET /views', { query: { scope, limit: 200, cursor } })),
    staleTime: 60_000,
  });
}

export function useViewMutations(scope: ListScope) {
  const queryClient = useQueryClient();
  const setViews = (update: (views: View[]) => View[]) =>
    queryClient.setQueryData<View[]>(keys.views(scope), (views) => update(views ?? []));
  const settle = () => queryClient.invalidateQueries({ queryKey: keys.views(scope) });
  const create = useMutation({
    mutationFn: (body: Omit<ViewCreate, 'scope'>) => call('POST /views', { body: { ...body, scope } }),
    onSuccess: (view) => setViews((views) => [...views.filter((v) => v.id !== view.id), view]),
    onSettled: settle,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: ViewPatch & { id: string }) =>
      call('PATCH /views/{id}', { params: { id }, body }),
    onSuccess: (view) => setViews((views) => views.map((v) => (v.id === view.id ? view : v))),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (id: string) => call('DELETE /views/{id}', { params: { id } }),
    onSuccess: (_, id) => setViews((views) => views.filter((v) => v.id !== id)),
    onSettled: settle,
  });
  return { create, update, remove };
}
