import { Button, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { EmptyState } from '../../ui/QueryState.tsx';

/** Nothing matches the filters: what to try, and a button that clears them. */
export function NoMatches({
  title,
  hint,
  onClearFilters,
}: { title: string; hint: string; onClearFilters: () => void }) {
  return (
    <EmptyState icon={<IconFilterOff size={30} stroke={1.5} aria-hidden />} title={title}>
      <Text span size="sm" c="dimmed" display="block" mb="sm">
        {hint}
      </Text>
      <Button size="xs" variant="light" onClick={onClearFilters}>
        Clear filters
      </Button>
    </EmptyState>
  );
}

/** The next page failed: says so, with a retry. */
export function LoadMoreFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <>
      <Text size="sm" c="red">
        Could not load more.
      </Text>
      <Button size="compact-xs" variant="light" onClick={onRetry}>
        Try again
      </Button>
    </>
  );
}

/** Under the last row of a list loaded to its end: how many rows it has. */
export function AllLoaded({ count, noun }: { count: number; noun: string }) {
  return (
    <Text size="xs" c="dimmed" ta="center" py="md">
      {`${count.toLocaleString()} ${noun} · that is all`}
    </Text>
  );
}
