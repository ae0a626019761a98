import { Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useNavigate } from 'react-router';
import { usePatchAccount } from '../../api/queries.ts';
import type { Profile } from '../../api/types.ts';
import { notifyError, notifySuccess } from '../../ui/notify.ts';
import { useDeleteProfile } from './api.ts';

/** Delete (with a confirm) and make-primary, shared by the list and the editor. */
export function useProfileActions() {
  const remove = useDeleteProfile();
  const setPrimary = usePatchAccount();
  const navigate = useNavigate();

  const confirmDelete = (profile: Profile, after?: string) =>
    modals.openConfirmModal({
      title: `Delete “${profile.name}”?`,
      children: (
        <Text size="sm">
          {profile.published
            ? 'Its scores and their history are deleted with it, and lists stop showing them. This cannot be undone.'
            : 'The profile and its rules are deleted. This cannot be undone.'}
        </Text>
      ),
      labels: { confirm: 'Delete profile', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        remove.mutate(profile.id, {
          onSuccess: () => {
            notifySuccess(`Deleted “${profile.name}”`);
            if (after) navigate(after);
          },
          onError: (error) => notifyError(error, 'The profile was not deleted'),
        }),
    });

  const makePrimary = (profile: Profile) =>
    setPrimary.mutate(
      { primaryProfileId: profile.id },
      {
        onSuccess: () => notifySuccess(`“${profile.name}” is now the primary profile`),
        onError: (error) => notifyError(error, 'The primary profile was not changed'),
      },
    );

  return { confirmDelete, makePrimary, settingPrimary: setPrimary.isPending };
}
