import { Badge, Group, Loader, Tooltip } from '@mantine/core';
import type { Profile } from '../../api/types.ts';

/** Draft / Published vN, with "Unpublished changes" and "Publishing…" beside it. */
export function StatusBadges({ profile }: { profile: Profile }) {
  const publishing = profile.publishing && ['queued', 'running'].includes(profile.publishing.status);
  return (
    <Group gap={6} wrap="wrap">
      {profile.published ? (
        <Badge color="teal" variant="light" radius="sm">
          Published v{profile.published.version}
        </Badge>
      ) : (
        <Badge color="gray" variant="light" radius="sm">
          Draft
        </Badge>
      )}
      {publishing && (
        <Badge color="blue" variant="light" radius="sm" leftSection={<Loader size={10} color="blue" />}>
          Publishing…
        </Badge>
      )}
      {profile.published && profile.hasUnpublishedChanges && !publishing && (
        <Tooltip label="The draft differs from the published version. Publish to apply it." withArrow>
          <Badge color="yellow" variant="dot" radius="sm" tabIndex={0}>
            Unpublished changes
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
