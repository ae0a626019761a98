import { Menu, Text } from '@mantine/core';
import { IconCheck, IconUser, IconUserOff, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useUsers } from '../../api/queries.ts';
import type { ListFilters } from '../../api/types.ts';
import { useSession } from '../../auth/session.ts';
import { FilterMenuChip } from './FilterChip.tsx';

/** Assigned: me, nobody, or one user of the account. */
export function AssignedFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (patch: Partial<ListFilters>) => void;
}) {
  const users = useUsers();
  const session = useSession();
  const myId = session.data?.user.id;
  const text =
    value === undefined
      ? null
      : value === 'me'
        ? 'Me'
        : value === 'unassigned'
          ? 'Unassigned'
          : (users.data?.find((u) => u.id === value)?.name ?? 'A user');
  const item = (choice: string | undefined, label: string, icon: ReactNode) => {
    const chosen = value === choice;
    return (
      <Menu.Item
        key={choice ?? 'anyone'}
        leftSection={icon}
        rightSection={chosen ? <IconCheck size={16} aria-hidden /> : null}
        aria-current={chosen ? 'true' : undefined}
        onClick={() => onChange({ assignedTo: choice })}
      >
        {label}
      </Menu.Item>
    );
  };
  const others = (users.data ?? []).filter((u) => u.id !== myId);
  return (
    <FilterMenuChip
      label="Assigned"
      value={text}
      onClear={() => onChange({ assignedTo: undefined })}
      clearLabel="Clear assignee filter"
    >
      {item(undefined, 'Anyone', <IconUsers size={16} aria-hidden />)}
      {item('me', 'Me', <IconUser size={16} aria-hidden />)}
      {item('unassigned', 'Unassigned', <IconUserOff size={16} aria-hidden />)}
      {others.length > 0 && <Menu.Divider />}
      {others.length > 0 && <Menu.Label>Team</Menu.Label>}
      {others.map((user) =>
        item(
          user.id,
          user.name,
          <Text span size="xs" fw={700} w={16} ta="center" aria-hidden>
            {user.name.slice(0, 1).toUpperCase()}
          </Text>,
        ),
      )}
    </FilterMenuChip>
  );
}
