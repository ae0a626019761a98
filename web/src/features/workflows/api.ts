// The workflow screens' server state: queries and mutations over /workflows and their runs.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/client.ts';
import { allPages, keys } from '../../api/queries.ts';
import type {
  Workflow,
  WorkflowCreate,
  WorkflowPatch,
  WorkflowRun,
  WorkflowRunStatus,
} from '../../api/types.ts';
import { notifyError } from '../../ui/notify.ts';

export function useWorkflows() {
  return useQuery({
    queryKey: keys.workflows,
    queryFn: () => allPages<Workflow>((cursor) => call('GET /workflows', { query: { limit: 200, cursor } })),
  });
}

export function useWorkflow(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.workflow(id ?? ''),
    queryFn: () => call('GET /workflows/{id}', { params: { id: id ?? '' } }),
    enabled: id !== null,
    // Opening a workflow from the list shows it at once.
    initialData: () => client.getQueryData<Workflow[]>(keys.workflows)?.find((w) => w.id === id),
    initialDataUpdatedAt: () => client.getQueryState(keys.workflows)?.dataUpdatedAt,
  });
}

/** Puts a workflow the server answered into the caches the list and the editor read. */
function useStoreWorkflow() {
  const client = useQueryClient();
  return (workflow: Workflow) => {
    client.setQueryData(keys.workflow(workflow.id), workflow);
    client.setQueryData<Workflow[]>(keys.workflows, (list) => {
      if (!list) return list;
      const others = list.filter((w) => w.id !== workflow.id);
      return [...others, workflow].sort((a, b) => a.name.localeCompare(b.name));
    });
  };
}

export function useCreateWorkflow() {
  const store = useStoreWorkflow();
  return useMutation({
    mutationFn: (body: WorkflowCreate) => call('POST /workflows', { body }),
    onSuccess: store,
  });
}

export function useSaveWorkflow(id: string) {
  const store = useStoreWorkflow();
  return useMutation({
    mutationFn: (body: WorkflowPatch) => call('PATCH /workflows/{id}', { params: { id }, body }),
    onSuccess: store,
  });
}

export function useDeleteWorkflow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call('DELETE /workflows/{id}', { params: { id } }),
    onSuccess: (_, id) => {
      client.setQueryData<Workflow[]>(keys.workflows, (list) => list?.filter((w) => w.id !== id));
      client.removeQueries({ queryKey: keys.workflow(id), exact: true });
    },
  });
}

/** The on/off switch: shown at once, put back (with a notice) when the server refuses. */
export function useToggleWorkflow() {
  const client = useQueryClient();
  const store = useStoreWorkflow();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      call('PATCH /workflows/{id}', { params: { id }, body: { enabled } }),
    onMutate: async ({ id, enabled }) => {
      await client.cancelQueries({ queryKey: keys.workflows, exact: true });
      const before = client.getQueryData<Workflow[]>(keys.workflows);
      client.setQueryData<Workflow[]>(keys.workflows, (list) =>
        list?.map((w) => (w.id === id ? { ...w, enabled } : w)),
      );
      return { before };
    },
    onError: (error, { enabled }, context) => {
      if (context?.before) client.setQueryData(keys.workflows, context.before);
      notifyError(error, enabled ? 'The workflow is still off' : 'The workflow is still on');
    },
    onSuccess: store,
  });
}

const RUN_PAGE = 50;
const isActive = (run: WorkflowRun) => run.status === 'queued' || run.status === 'running';

/**
 * A workflow's deliveries, newest first, a page at a time. While any loaded run is queued or running
 * the pages are read again every few seconds, so statuses change on screen.
 */
export function useRuns(workflowId: string, status: WorkflowRunStatus | null) {
  return useInfiniteQuery({
    queryKey: keys.workflowRuns(workflowId, status),
    queryFn: ({ pageParam, signal }) =>
      call('GET /workflows/{id}/runs', {
        params: { id: workflowId },
        query: { limit: RUN_PAGE, cursor: pageParam, status: status ?? undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: (query) =>
      query.state.error ? false : query.state.data?.pages.some((p) => p.items.some(isActive)) ? 3000 : false,
  });
}

export function useRedeliver(workflowId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      call('POST /workflows/{id}/runs/{runId}/redeliver', { params: { id: workflowId, runId } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['workflow-runs', workflowId] }),
  });
}
