import { Alert, Button, Card, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { QueryError, errorText } from '../../ui/QueryState.tsx';

/** A server message as a sentence: "This is the last admin…". */
export function sentence(message: string): string {
  const text = message.replace(/^[a-zA-Z]+: /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Shown to members instead of buttons that would fail. */
export function AdminOnlyNotice({ children }: { children: ReactNode }) {
  return (
    <Alert variant="light" color="gray" icon={<IconLock size={18} aria-hidden />} title="View only" mb="md">
      {children}
    </Alert>
  );
}

/**
 * A confirmation that stays open while the action runs and shows why it failed (e.g. the server's
 * 409 "the last admin cannot be deleted"), instead of closing first and failing out of sight.
 */
export function ConfirmDialog({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  onConfirm,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
}) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    if (running) return;
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setRunning(true);
    setError(null);
    try {
      await onConfirm();
      setRunning(false);
      onClose();
    } catch (e) {
      setRunning(false);
      setError(sentence(errorText(e)));
    }
  };
  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <Stack gap="md">
        <Text size="sm" component="div">
          {children}
        </Text>
        {error && (
          <Alert color="red" role="alert" variant="light">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={close} disabled={running}>
            Cancel
          </Button>
          <Button color="red" onClick={() => void confirm()} loading={running}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Mar 3, 2026" with the full date and time as a tooltip-free title for hover. */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** A settings list in its card: skeleton rows while loading, the error with a retry, the empty state, or the table. */
export function ListCard({
  query,
  loadingLabel,
  empty,
  children,
}: {
  query: { isPending: boolean; error: unknown; refetch: () => unknown };
  loadingLabel: string;
  /** Shown instead of the table when there is nothing to list (null: there is something). */
  empty: ReactNode | null;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding={0}>
      {query.isPending ? (
        <Stack p="md" gap="sm" aria-label={loadingLabel}>
          <Skeleton h={20} />
          <Skeleton h={20} />
          <Skeleton h={20} w="60%" />
        </Stack>
      ) : query.error ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        (empty ?? children)
      )}
    </Card>
  );
}
