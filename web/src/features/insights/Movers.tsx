import {
  Avatar,
  Badge,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconTrendingDown, IconTrendingUp } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import type { Movers as MoversData, Tier } from '../../api/types.ts';
import { QueryError } from '../../ui/QueryState.tsx';
import { TierBadge } from '../../ui/ScoreBadge.tsx';
import { initials, scoreText, signed } from '../../ui/format.ts';
import classes from './insights.module.css';
import { MOVER_DAYS, type useMovers } from './queries.ts';

type Mover = MoversData['up'][number];

function MoverRow({ mover, tiers, onOpen }: { mover: Mover; tiers: readonly Tier[]; onOpen: () => void }) {
  const name = mover.name || mover.contactId;
  return (
    <li>
      <UnstyledButton className={classes.row} onClick={onOpen}>
        <Group wrap="nowrap" gap="sm">
          <Avatar size={32} radius="xl" color="initials" name={name} aria-hidden>
            {initials(name)}
          </Avatar>
          <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={500} truncate>
              {name}
            </Text>
            <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {scoreText(mover.from)} → {scoreText(mover.to)}
            </Text>
          </Stack>
          <TierBadge tier={mover.tier} tiers={tiers} />
          <Badge
            variant="light"
            color={mover.change > 0 ? 'teal' : 'red'}
            miw={56}
            styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
          >
            {signed(mover.change)}
          </Badge>
        </Group>
      </UnstyledButton>
    </li>
  );
}

function Column({
  title,
  icon,
  movers,
  empty,
  tiers,
  profileId,
}: {
  title: string;
  icon: React.ReactNode;
  movers: Mover[];
  empty: string;
  tiers: readonly Tier[];
  profileId: string;
}) {
  const navigate = useNavigate();
  return (
    <Card withBorder radius="md" padding="md">
      <Group gap={8} mb="xs">
        {icon}
        <Title order={3} fz="md">
          {title}
        </Title>
      </Group>
      {movers.length === 0 ? (
        <Text size="sm" c="dimmed" py="sm">
          {empty}
        </Text>
      ) : (
        <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label={title}>
          {movers.map((m) => (
            <MoverRow
              key={m.contactId}
              mover={m}
              tiers={tiers}
              onOpen={() =>
                navigate(
                  `/contacts?profile=${encodeURIComponent(profileId)}&contact=${encodeURIComponent(m.contactId)}`,
                )
              }
            />
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** Biggest movers over the last days: who rose and who fell most. */
export function MoversSection({
  movers,
  tiers,
  profileId,
}: {
  movers: ReturnType<typeof useMovers>;
  tiers: readonly Tier[];
  profileId: string;
}) {
  if (movers.isPending)
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Skeleton h={220} radius="md" />
        <Skeleton h={220} radius="md" />
      </SimpleGrid>
    );
  if (movers.error) return <QueryError error={movers.error} onRetry={() => void movers.refetch()} />;
  const data = movers.data;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Column
        title="Rising"
        icon={<IconTrendingUp size={20} color="var(--mantine-color-teal-filled)" aria-hidden />}
        movers={data.up}
        empty={`No score rose in the last ${MOVER_DAYS} days.`}
        tiers={tiers}
        profileId={profileId}
      />
      <Column
        title="Falling"
        icon={<IconTrendingDown size={20} color="var(--mantine-color-red-filled)" aria-hidden />}
        movers={data.down}
        empty={`No score fell in the last ${MOVER_DAYS} days.`}
        tiers={tiers}
        profileId={profileId}
      />
    </SimpleGrid>
  );
}
