import { Alert, Button, Group, Modal, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import type { Job, Profile } from '../../../api/types.ts';
import { QueryError } from '../../../ui/QueryState.tsx';
import { usePreview } from '../api.ts';
import { PreviewChart } from './PreviewChart.tsx';
import { PublishProgress } from './PublishProgress.tsx';
import { TierChangesTable } from './TierChangesTable.tsx';

interface Props {
  profile: Profile;
  opened: boolean;
  onClose: () => void;
  onConfirm: () => void;
  confirming: boolean;
  /** The publish job once confirmed: the dialog then shows its progress. */
  job: Job | null;
  version: number | null;
}

/** Publish: what the draft would do to every contact's score, then the recompute's progress. */
export function PublishDialog({ profile, opened, onClose, onConfirm, confirming, job, version }: Props) {
  const phone = useMediaQuery('(max-width: 36em)');
  const preview = usePreview(profile.id, opened && !job);
  const hasCurrent = profile.published !== null;
  const nextVersion = (profile.published?.version ?? 0) + 1;
  const running = job && (job.status === 'queued' || job.status === 'running');

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={job ? `Publishing “${profile.name}”` : `Publish “${profile.name}”?`}
      size="xl"
      fullScreen={phone && !job}
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      {job ? (
        <Stack gap="md">
          <PublishProgress job={job} version={version ?? undefined} />
          <Text size="sm" c="dimmed">
            {running
              ? 'Every contact is recomputed from its full history. Until this finishes, the current scores keep being shown; then everyone switches at once. You can close this window.'
              : job.status === 'succeeded'
                ? 'All contacts now show scores from the new version.'
                : 'The previous scores are still in place. Try publishing again.'}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} variant={running ? 'default' : 'filled'}>
              {running ? 'Close' : 'Done'}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="md">
          <Text size="sm">
            This freezes the draft as <b>version {nextVersion}</b> and recomputes every contact's score from
            its full history.{' '}
            {hasCurrent && `Version ${profile.published?.version} keeps serving until that finishes.`}
          </Text>
          {preview.isPending ? (
            <Stack gap="sm" aria-busy="true" aria-label="Computing the preview">
              <Skeleton h={220} radius="md" />
              <Skeleton h={120} radius="md" />
            </Stack>
          ) : preview.error ? (
            <QueryError error={preview.error} onRetry={() => preview.refetch()} />
          ) : (
            <>
              <Alert
                variant="light"
                color={preview.data.tierChanges ? 'blue' : 'gray'}
                icon={<IconInfoCircle size={18} />}
              >
                <Text size="sm" fw={600}>
                  {hasCurrent
                    ? `${preview.data.tierChanges.toLocaleString()} of ${preview.data.contacts.toLocaleString()} contacts change tier`
                    : `${preview.data.contacts.toLocaleString()} contacts get their first score`}
                </Text>
                {!hasCurrent && (
                  <Text size="xs" c="dimmed">
                    Not published yet: this is how its first scores spread.
                  </Text>
                )}
              </Alert>
              <div>
                <Title order={3} fz="sm" mb={4}>
                  Score distribution
                </Title>
                <PreviewChart preview={preview.data} hasCurrent={hasCurrent} />
              </div>
              <div>
                <Title order={3} fz="sm" mb={6}>
                  Contacts per tier
                </Title>
                <TierChangesTable preview={preview.data} hasCurrent={hasCurrent} />
              </div>
            </>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color="teal.9" onClick={onConfirm} loading={confirming} disabled={preview.isPending}>
              Confirm publish
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
