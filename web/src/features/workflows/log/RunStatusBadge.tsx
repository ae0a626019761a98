import { Badge, Loader } from '@mantine/core';
import type { WorkflowRunStatus } from '../../../api/types.ts';

const STATUS: Record<WorkflowRunStatus, { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Sending', color: 'blue' },
  succeeded: { label: 'Succeeded', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

export const STATUS_LABELS = Object.fromEntries(
  Object.entries(STATUS).map(([status, { label }]) => [status, label]),
) as Record<WorkflowRunStatus, string>;

/** A delivery's status: green when it succeeded, red when it failed for good. */
export function RunStatusBadge({ status }: { status: WorkflowRunStatus }) {
  const { label, color } = STATUS[status];
  return (
    <Badge
      variant="light"
      color={color}
      radius="sm"
      tt="none"
      leftSection={status === 'running' ? <Loader size={10} color={color} /> : undefined}
    >
      {label}
    </Badge>
  );
}
