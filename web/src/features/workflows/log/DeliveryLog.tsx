import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Center,
  Group,
  Loader,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useIntersection } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconInbox, IconRefresh } from '@tabler/icons-react';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { WorkflowRun, WorkflowRunStatus } from '../../../api/types.ts';
import { EmptyState, QueryError } from '../../../ui/QueryState.tsx';
import { dateTime, scoreText, shortTime, timeAgo } from '../../../ui/format.ts';
import { useRuns } from '../api.ts';
import { ACTION_ICONS } from '../editor/ActionsSection.tsx';
import { type WorkflowSentenceOptions, webhookHost } from '../workflow-sentences.ts';
import { RunDetails } from './RunDetails.tsx';
import { RunStatusBadge, STATUS_LABELS } from './RunStatusBadge.tsx';

const FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'failed', label: 'Failed' },
  { value: 'succeeded', label: 'Succeeded' },
];

const ACTION_SHORT: Record<WorkflowRun['action']['type'], string> = {
  webhook: 'Webhook',
  'tag.add': 'Add tag',
  'tag.remove': 'Remove tag',
  assign: 'Assign',
  'score.adjust': 'Adjust score',
};

const COLUMNS = 9;
const num = { fontVariantNumeric: 'tabular-nums' } as const;

function actionDetail(run: WorkflowRun): string {
  const a = run.action;
  switch (a.type) {
    case 'webhook':
      return webhookHost(a.url);
    case 'tag.add':
    case 'tag.remove':
      return a.tag;
    case 'assign':
      return '';
    case 'score.adjust':
      return a.set !== undefined ? `= ${scoreText(a.set)}` : scoreText(a.delta ?? 0);
  }
}

const scoreOrDash = (score: number | null) => (score === null ? '—' : scoreText(score));

interface RowProps {
  run: WorkflowRun;
  open: boolean;
  onToggle: () => void;
  canEdit: boolean;
  sentenceOptions: WorkflowSentenceOptions;
}

function RunRow({ run, open, onToggle, canEdit, sentenceOptions }: RowProps) {
  const Icon = ACTION_ICONS[run.action.type];
  const detailsId = `run-${run.id}`;
  const contactHref = `/contacts?profile=${encodeURIComponent(run.profileId)}&contact=${encodeURIComponent(run.contactId)}`;
  return (
    <>
      <Table.Tr data-run-id={run.id} data-status={run.status}>
        <Table.Td w={44} px={6}>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={onToggle}
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            aria-label={`${open ? 'Hide' : 'Show'} attempts of the delivery for ${run.contactId}`}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm" title={dateTime(run.createdAt)} component="time" dateTime={run.createdAt}>
            {shortTime(run.createdAt)}
          </Text>
        </Table.Td>
        <Table.Td maw={180}>
          <Anchor component={Link} to={contactHref} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {run.contactId}
          </Anchor>
        </Table.Td>
        <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
          <Text size="sm" style={num}>
            {scoreOrDash(run.previous.score)} → {scoreOrDash(run.current.score)}
          </Text>
          <Text size="xs" c="dimmed">
            {run.previous.tier ?? '—'} → {run.current.tier ?? '—'}
          </Text>
        </Table.Td>
        <Table.Td visibleFrom="md" maw={200}>
          <Group gap={6} wrap="nowrap">
            <Icon size={16} aria-hidden />
            <div style={{ minWidth: 0 }}>
              <Text size="sm">{ACTION_SHORT[run.action.type]}</Text>
              {actionDetail(run) && (
                <Text size="xs" c="dimmed" truncate>
                  {actionDetail(run)}
                </Text>
              )}
            </div>
          </Group>
        </Table.Td>
        {/* A badge shrinks to an ellipsis in an auto-sized cell; the cell keeps its label whole. */}
        <Table.Td miw={112}>
          <RunStatusBadge status={run.status} />
        </Table.Td>
        <Table.Td visibleFrom="md" ta="right" style={num}>
          {run.attempts}
        </Table.Td>
        <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap', ...num }}>
          <Text size="sm" style={num}>
            {run.lastStatusCode ?? '—'}
          </Text>
          {run.action.type === 'webhook' && run.lastDurationMs !== null && (
            <Text size="xs" c="dimmed" style={num}>
              {run.lastDurationMs.toLocaleString()} ms
            </Text>
          )}
        </Table.Td>
        <Table.Td visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
          {run.nextAttemptAt ? (
            <Text size="sm" title={dateTime(run.nextAttemptAt)}>
              {timeAgo(run.nextAttemptAt)}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              —
            </Text>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-default-hover)">
            <RunDetails run={run} canEdit={canEdit} sentenceOptions={sentenceOptions} />
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

interface Props {
  workflowId: string;
  status: WorkflowRunStatus | null;
  onStatus: (status: WorkflowRunStatus | null) => void;
  openRun: string | null;
  onOpenRun: (runId: string | null) => void;
  canEdit: boolean;
  sentenceOptions: WorkflowSentenceOptions;
}

/** The deliveries of one workflow, newest first, filtered by status, paged as the list scrolls. */
export function DeliveryLog({
  workflowId,
  status,
  onStatus,
  openRun,
  onOpenRun,
  canEdit,
  sentenceOptions,
}: Props) {
  const runs = useRuns(workflowId, status);
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const { ref, entry } = useIntersection({ rootMargin: '200px' });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = runs;
  const nearEnd = entry?.isIntersecting ?? false;
  useEffect(() => {
    if (nearEnd && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [nearEnd, hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Show deliveries"
          data={FILTERS}
          value={status ?? 'all'}
          onChange={(v) => onStatus(v === 'all' ? null : (v as WorkflowRunStatus))}
        />
        <Tooltip label="Read the deliveries again">
          <ActionIcon
            variant="default"
            size="lg"
            aria-label="Refresh the delivery log"
            onClick={() => void runs.refetch()}
            loading={runs.isRefetching && !isFetchingNextPage}
          >
            <IconRefresh size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Card withBorder radius="md" padding={0}>
        {runs.isPending ? (
          <Stack p="md" gap="sm" aria-label="Loading deliveries">
            <Skeleton h={20} />
            <Skeleton h={20} />
            <Skeleton h={20} w="60%" />
          </Stack>
        ) : runs.error ? (
          <QueryError error={runs.error} onRetry={() => void runs.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title={status ? `No ${STATUS_LABELS[status].toLowerCase()} deliveries` : 'No deliveries yet'}
            icon={<IconInbox size={32} aria-hidden />}
          >
            {status
              ? 'Choose All to see every delivery of this workflow.'
              : 'Each time the trigger fires for a contact that meets the conditions, its actions show here with their status.'}
          </EmptyState>
        ) : (
          <Table verticalSpacing="xs" horizontalSpacing="sm" highlightOnHover aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={44} px={6}>
                  <VisuallyHidden>Attempts</VisuallyHidden>
                </Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Contact</Table.Th>
                <Table.Th visibleFrom="sm">Score and tier</Table.Th>
                <Table.Th visibleFrom="md">Action</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th visibleFrom="md" ta="right">
                  Attempts
                </Table.Th>
                <Table.Th visibleFrom="sm">Response</Table.Th>
                <Table.Th visibleFrom="lg" style={{ whiteSpace: 'nowrap' }}>
                  Next attempt
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((run) => (
                <RunRow
                  key={run.id}
                  run={run}
                  open={openRun === run.id}
                  onToggle={() => onOpenRun(openRun === run.id ? null : run.id)}
                  canEdit={canEdit}
                  sentenceOptions={sentenceOptions}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      {items.length > 0 && (
        <Center ref={ref} py="xs">
          {isFetchingNextPage ? (
            <Loader size="sm" aria-label="Loading more deliveries" />
          ) : runs.isFetchNextPageError ? (
            <Button variant="light" color="red" size="xs" onClick={() => void fetchNextPage()}>
              Could not load more: try again
            </Button>
          ) : hasNextPage ? (
            <Button variant="default" size="xs" onClick={() => void fetchNextPage()}>
              Load more
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {items.length === 1 ? 'That is the only delivery.' : `That is all ${items.length} deliveries.`}
            </Text>
          )}
        </Center>
      )}
    </Stack>
  );
}
