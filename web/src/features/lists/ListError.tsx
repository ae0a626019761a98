import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { QueryError, errorText } from '../../ui/QueryState.tsx';
import { isProfileConflict } from './useListQuery.ts';

/**
 * Why a list could not be loaded, with a retry. A 409 to the first page means the list is sorted or
 * filtered by score while its profile is not published (unpublished since the link was made, or none
 * is): that gets words of its own and, when the URL names the profile, a way back to the default one.
 */
export function ListError({
  error,
  onRetry,
  onClearProfile,
}: {
  error: unknown;
  onRetry: () => void;
  /** Takes the profile out of the URL (only when the URL names one). */
  onClearProfile?: () => void;
}) {
  if (!isProfileConflict(error)) return <QueryError error={error} onRetry={onRetry} />;
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle size={18} />}
      title="No scores to sort or filter by"
      role="alert"
      m="md"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          This list is sorted or filtered by score, but its score profile is not published, so it has no
          scores yet.{' '}
          {onClearProfile
            ? 'Use the default profile, or publish this one and try again.'
            : 'Publish a profile, or clear the score filter and sort by something else.'}
        </Text>
        <Text size="xs" c="dimmed">
          {errorText(error)}
        </Text>
        <Group gap="xs">
          {onClearProfile && (
            <Button size="xs" variant="light" onClick={onClearProfile}>
              Use the default profile
            </Button>
          )}
          <Button size="xs" variant="subtle" color="gray" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
