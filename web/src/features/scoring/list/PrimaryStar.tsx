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
  // Only a published profile can be primary; drafts show no star.
  if (!canEdit || !profile.published) return <span style={{ display: 'inline-block', width: 34 }} />;
  const label = `Make “${profile.name}” the primary profile`;
  return (
    <Tooltip label={label} withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        loading={settingPrimary}
        onClick={() => makePrimary(profile)}
      >
        <IconStar size={18} />
      </ActionIcon>
    </Tooltip>
  );
}
