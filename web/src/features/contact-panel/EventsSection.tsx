import { Box, Button, Group, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { TimelineEvent } from '../../api/types.ts';
import { ChannelIcon } from '../../ui/ChannelIcon.tsx';
import { QueryError } from '../../ui/QueryState.tsx';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { EventIcon } from './EventIcon.tsx';
import { eventTypeLabel, keyProperties } from './labels.ts';
import type { useContactEvents } from './queries.ts';

function EventRow({ event }: { event: TimelineEvent }) {
  const channel = typeof event.properties.channel === 'string' ? event.properties.channel : null;
  const props = keyProperties(event).filter((p) => !(channel && p.label === 'Channel'));
  return (
    <Group component="li" wrap="nowrap" align="flex-start" gap="sm" py={6}>
      {channel ? <ChannelIcon channel={channel} size={24} /> : <EventIcon type={event.type} />}
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text size="sm" fw={500} truncate>
            {eventTypeLabel(event.type)}
          </Text>
          <Tooltip label={dateTime(event.occurredAt)} withArrow openDelay={300}>
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {timeAgo(event.occurredAt)}
            </Text>
          </Tooltip>
        </Group>
        {props.map((p) => (
          <Text key={p.label} size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {p.label === 'Text' ? `“${p.value}”` : `${p.label}: ${p.value}`}
          </Text>
        ))}
      </Stack>
    </Group>
  );
}

/** The contact's timeline, newest first, a page at a time. */
export function EventsSection({ events }: { events: ReturnType<typeof useContactEvents> }) {
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Box component="section" aria-labelledby="events-heading">
      <Title order={3} id="events-heading" fz="md" mb="xs">
        Recent events
      </Title>
      {events.isPending ? (
        <Stack gap="xs">
          <Skeleton h={32} />
          <Skeleton h={32} />
          <Skeleton h={32} />
        </Stack>
      ) : events.error ? (
        <QueryError error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No events for this contact yet.
        </Text>
      ) : (
        <>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Events, newest first">
            {items.map((event) => (
              <EventRow key={event.id} event={event} />
            ))}
          </Box>
          {events.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
            >
              Show more
            </Button>
          )}
        </>
      )}
    </Box>
  );
}
