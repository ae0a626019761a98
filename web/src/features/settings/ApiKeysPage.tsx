import { Button, Code, Container, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { allPages, keys as queryKeys } from '../../api/queries.ts';
import type { ApiKey } from '../../api/types.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState } from '../../ui/QueryState.tsx';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { CreateApiKeyModal } from './CreateApiKeyModal.tsx';
import { AdminOnlyNotice, ConfirmDialog, ListCard, shortDate } from './common.tsx';

export function useApiKeys() {
  return useQuery({
    queryKey: queryKeys.apiKeys,
    queryFn: () => allPages<ApiKey>((cursor) => call('GET /api-keys', { query: { limit: 200, cursor } })),
  });
}

/** API keys: which exist, create one (shown once), revoke. */
export function ApiKeysPage() {
  const { isAdmin, isPending: sessionPending } = useIsAdmin();
  const keysQuery = useApiKeys();
  const client = useQueryClient();
  const [creating, createModal] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  const revoke = async (key: ApiKey) => {
    await call('DELETE /api-keys/{id}', { params: { id: key.id } });
    await client.invalidateQueries({ queryKey: queryKeys.apiKeys });
    notifySuccess(`API key “${key.name}” revoked`);
  };

  const keys = keysQuery.data ?? [];
  return (
    <Container size="lg" py="md">
      <PageHeader
        title="API keys"
        description="Your other systems use API keys to send events to Tally and read scores. Each key can do everything an admin can on this account."
        actions={
          isAdmin && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
              Create API key
            </Button>
          )
        }
      />
      {!isAdmin && !sessionPending && (
        <AdminOnlyNotice>
          Only admins can create or revoke API keys, because a key has admin rights. You can see which keys
          exist; ask an admin of this account if you need one.
        </AdminOnlyNotice>
      )}
      <ListCard
        query={keysQuery}
        loadingLabel="Loading API keys"
        empty={
          keys.length === 0 ? (
            <EmptyState title="No API keys yet" icon={<IconKey size={32} aria-hidden />}>
              {isAdmin
                ? 'Create a key for each system that sends events, so you can revoke one without breaking the others.'
                : 'Nobody has created an API key for this account yet.'}
            </EmptyState>
          ) : null
        }
      >
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th visibleFrom="sm">Key</Table.Th>
              <Table.Th visibleFrom="sm">Created</Table.Th>
              {isAdmin && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((key) => (
              <Table.Tr key={key.id}>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {key.name}
                  </Text>
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    <Code>{key.prefix}…</Code> · created {shortDate(key.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Tooltip label="Only the start of the key is kept visible" withArrow openDelay={300}>
                    <Code>{key.prefix}…</Code>
                  </Tooltip>
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <Text size="sm" title={dateTime(key.createdAt)}>
                    {shortDate(key.createdAt)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {timeAgo(key.createdAt)}
                  </Text>
                </Table.Td>
                {isAdmin && (
                  <Table.Td ta="right">
                    <Button variant="subtle" color="red" size="xs" onClick={() => setRevoking(key)}>
                      Revoke
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ListCard>
      <CreateApiKeyModal opened={creating} onClose={createModal.close} />
      <ConfirmDialog
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke key"
        onConfirm={() => (revoking ? revoke(revoking) : Promise.resolve())}
      >
        Anything using this key stops working at once: its requests will be refused. This cannot be undone; to
        reconnect a system, create a new key for it.
      </ConfirmDialog>
    </Container>
  );
}
