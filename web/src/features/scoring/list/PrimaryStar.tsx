import { ActionIcon, ThemeIcon, Tooltip } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import type { Profile } from '../../../api/types.ts';
import { useProfileActions } from '../use-profile-actions.tsx';

/**
 * The primary profile's filled star. Admins can click an empty star to make a published profile the
 * primary one (the score lists show and sort by when none is named).
 */
export function PrimaryStar({
  profile,
  isPrimary,
  canEdit,
}: { profile: Profile; isPrimary: boolean; canEdit: boolean }) {
  const { makePrimary, settingPrimary } = useProfileActions();
  if (isPrimary)
    return (
      <Tooltip label="Primary profile: lists show and sort by this score" withArrow>
        <ThemeIcon variant="transparent" color="yellow" size="lg" role="img" aria-label="Primary profile">
          <IconStarFilled size={18} />
        </ThemeIcon>
      </Tooltip>
    );
  if (!canEdit) return <span style={{ display: 'inline-block', width: 34 }} />;
  const label = profile.published
    ? `Make “${profile.name}” the primary profile`
    : 'Publish this profile to make it primary';
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        disabled={!profile.published}
        loading={settingPrimary}
        onClick={() => makePrimary(profile)}
      >
        <IconStar size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
