import { ActionIcon, Menu } from '@mantine/core';
import { IconDots, IconPencil, IconStar, IconTrash } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Profile } from '../../../api/types.ts';
import { useProfileActions } from '../use-profile-actions.tsx';

interface Props {
  profile: Profile;
  isPrimary: boolean;
  /** Where to go after deleting (the editor goes back to the list). */
  afterDelete?: string;
  withOpen?: boolean;
}

/** ⋯ for one profile: open, make primary, delete. Admins only. */
export function ProfileMenu({ profile, isPrimary, afterDelete, withOpen = true }: Props) {
  const { confirmDelete, makePrimary } = useProfileActions();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`More actions for ${profile.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {withOpen && (
          <Menu.Item
            component={Link}
            to={`/settings/scoring/${profile.id}`}
            leftSection={<IconPencil size={16} />}
          >
            Edit profile
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconStar size={16} />}
          disabled={isPrimary || !profile.published}
          onClick={() => makePrimary(profile)}
        >
          {isPrimary
            ? 'Primary profile'
            : profile.published
              ? 'Make primary'
              : 'Make primary (publish first)'}
        </Menu.Item>
        <Menu.Item
          color="red"
          styles={{
            itemLabel: { color: 'var(--mantine-color-red-text)' },
            itemSection: { color: 'var(--mantine-color-red-text)' },
          }}
          leftSection={<IconTrash size={16} />}
          onClick={() => confirmDelete(profile, afterDelete)}
        >
          Delete profile
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
