import { Badge, Button, Container, Group, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call } from '../../api/client.ts';
import { keys, useUsers } from '../../api/queries.ts';
import type { User } from '../../api/types.ts';
import { useIsAdmin } from '../../auth/session.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState } from '../../ui/QueryState.tsx';
import { dateTime } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.ts';
import { AddUserModal } from './AddUserModal.tsx';
import { AdminOnlyNotice, ConfirmDialog, ListCard, shortDate } from './common.tsx';

function RoleBadge({ role }: { role: User['role'] }) {
  return (
    <Badge variant="light" color={role === 'admin' ? 'grape' : 'gray'} tt="none">
      {role === 'admin' ? 'Admin' : 'Member'}
    </Badge>
  );
}

/** Users of the account: who they are and their role; admins add and delete them. */
export function UsersPage() {
  const { isAdmin, userId, isPending: sessionPending } = useIsAdmin();
  const users = useUsers();
  const client = useQueryClient();
  const [adding, addModal] = useDisclosure(false);
  const [deleting, setDeleting] = useState<User | null>(null);
  // The server refuses to delete an account's last admin; say so before anyone tries.
  const admins = (users.data ?? []).filter((u) => u.role === 'admin').length;

  const remove = async (user: User) => {
    await call('DELETE /users/{id}', { params: { id: user.id } });
    await client.invalidateQueries({ queryKey: keys.users });
    // Their contacts are unassigned now.
    void client.invalidateQueries({ queryKey: keys.list('conversations') });
    void client.invalidateQueries({ queryKey: keys.list('contacts') });
    void client.invalidateQueries({ queryKey: ['contact'] });
    notifySuccess(`${user.name} was deleted`);
    if (user.id === userId) void client.invalidateQueries({ queryKey: keys.session });
  };

  const list = [...(users.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <Container size="lg" py="md">
      <PageHeader
        title="Users"
        description="The people who sign in to this account. Admins manage scoring, API keys, users and settings; members work the inbox and contacts."
        actions={
          isAdmin && (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={addModal.open}>
              Add user
            </Button>
          )
        }
      />
      {!isAdmin && !sessionPending && (
        <AdminOnlyNotice>
          Only admins can add or delete users. Ask an admin of this account for changes.
        </AdminOnlyNotice>
      )}
      <ListCard
        query={users}
        loadingLabel="Loading users"
        empty={
          list.length === 0 ? (
            <EmptyState title="No users" icon={<IconUsers size={32} aria-hidden />} />
          ) : null
        }
      >
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th visibleFrom="sm">Email</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th visibleFrom="md">Created</Table.Th>
              {isAdmin && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((user) => {
              const self = user.id === userId;
              return (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {user.name}
                      </Text>
                      {self && (
                        <Badge size="xs" variant="outline" tt="none">
                          You
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {user.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={user.role} />
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    <Text size="sm" title={dateTime(user.createdAt)}>
                      {shortDate(user.createdAt)}
                    </Text>
                  </Table.Td>
                  {isAdmin && (
                    <Table.Td ta="right">
                      <Tooltip
                        label="An account keeps at least one admin"
                        disabled={!(user.role === 'admin' && admins === 1)}
                      >
                        <Button
                          variant="subtle"
                          color="red"
                          size="xs"
                          onClick={() => setDeleting(user)}
                          disabled={user.role === 'admin' && admins === 1}
                          aria-label={`Delete ${user.name}`}
                        >
                          Delete
                        </Button>
                      </Tooltip>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ListCard>
      <AddUserModal opened={adding} onClose={addModal.close} />
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name ?? ''}?`}
        confirmLabel="Delete user"
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve())}
      >
        {deleting?.id === userId
          ? 'This is you: you will be signed out at once and cannot sign in again. '
          : `${deleting?.name} (${deleting?.email}) is signed out at once and can no longer sign in. `}
        The contacts assigned to {deleting?.id === userId ? 'you' : 'them'} become unassigned; past score
        adjustments stay in the history. An account always keeps at least one admin.
      </ConfirmDialog>
    </Container>
  );
}
