import { Button, Card, Container, Group, Skeleton, Stack } from '@mantine/core';
import { useCallback } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useAccount, useProfiles } from '../../api/queries.ts';
import type { WorkflowRunStatus } from '../../api/types.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState, QueryError } from '../../ui/QueryState.tsx';
import { useUserNames } from '../scoring/use-user-names.ts';
import { useWorkflow } from './api.ts';
import { WorkflowEditor } from './editor/WorkflowEditor.tsx';
import { emptyDraft } from './editor/draft.ts';
import { DeliveryLog } from './log/DeliveryLog.tsx';

const STATUSES: readonly WorkflowRunStatus[] = ['queued', 'running', 'succeeded', 'failed'];

function EditorSkeleton() {
  return (
    <Stack gap="md" pt="md" aria-busy="true" aria-label="Loading the workflow">
      <Skeleton h={40} w="50%" radius="sm" />
      {[160, 220, 140].map((h) => (
        <Card key={h} withBorder radius="md" padding="lg">
          <Skeleton h={h - 40} radius="sm" />
        </Card>
      ))}
    </Stack>
  );
}

/**
 * /workflows/new and /workflows/:workflowId: the editor, and for a saved workflow its delivery log
 * (?tab=log&status=failed&run=<runId>, so a delivery can be linked to).
 */
export function WorkflowPage() {
  const { workflowId = 'new' } = useParams();
  const isNew = workflowId === 'new';
  const workflow = useWorkflow(isNew ? null : workflowId);
  const profiles = useProfiles();
  const account = useAccount();
  const canEdit = useIsAdmin().isAdmin;
  const userName = useUserNames();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'log' ? 'log' : 'setup';
  const statusParam = params.get('status') as WorkflowRunStatus | null;
  const status = statusParam && STATUSES.includes(statusParam) ? statusParam : null;
  const openRun = params.get('run');

  const setParam = useCallback(
    (changes: Record<string, string | null>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes))
          if (value === null) next.delete(key);
          else next.set(key, value);
        return next;
      }),
    [setParams],
  );

  const profileList = profiles.data ?? [];
  const profileName = (id: string) => profileList.find((p) => p.id === id)?.name;
  // A new workflow starts on the primary profile (else the first published one).
  const blank = () => {
    const published = profileList.filter((p) => p.published);
    const start =
      published.find((p) => p.id === account.data?.primaryProfileId) ?? published[0] ?? profileList[0];
    return emptyDraft(start?.id ?? null);
  };

  let body: React.ReactNode;
  if ((!isNew && workflow.isPending) || profiles.isPending || (isNew && account.isPending))
    body = <EditorSkeleton />;
  else if (workflow.error instanceof ApiError && workflow.error.status === 404)
    body = (
      <Stack pt="md">
        <PageHeader title="Workflow not found" />
        <Card withBorder radius="md" padding="xl">
          <EmptyState title="This workflow does not exist">
            It may have been deleted, or the link is mistyped.
          </EmptyState>
          <Group justify="center">
            <Button component={Link} to="/workflows" variant="light">
              Back to Workflows
            </Button>
          </Group>
        </Card>
      </Stack>
    );
  else if (workflow.error || profiles.error)
    body = (
      <Stack pt="md">
        <PageHeader title="Workflow" />
        <QueryError
          error={workflow.error ?? profiles.error}
          onRetry={() => {
            void workflow.refetch();
            void profiles.refetch();
          }}
        />
      </Stack>
    );
  else if (isNew && !canEdit)
    body = (
      <Stack pt="md">
        <PageHeader title="New workflow" />
        <Card withBorder radius="md" padding="xl">
          <EmptyState title="Only admins create workflows">
            Ask an admin of this account to set one up.
          </EmptyState>
        </Card>
      </Stack>
    );
  else {
    const saved = isNew ? null : (workflow.data ?? null);
    body = (
      <WorkflowEditor
        key={saved?.id ?? 'new'}
        workflow={saved}
        blank={blank}
        profiles={profileList}
        canEdit={canEdit}
        tab={tab}
        onTab={(next) => setParam({ tab: next === 'log' ? 'log' : null })}
        log={
          saved && (
            <DeliveryLog
              workflowId={saved.id}
              status={status}
              onStatus={(next) => setParam({ status: next, run: null })}
              openRun={openRun}
              onOpenRun={(run) => setParam({ run })}
              canEdit={canEdit}
              sentenceOptions={{ profileName, userName }}
            />
          )
        }
      />
    );
  }
  return (
    <Container size="lg" py="md" pt={0}>
      {body}
    </Container>
  );
}
