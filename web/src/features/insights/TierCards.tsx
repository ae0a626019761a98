import { Card, Group, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Distribution } from '../../api/types.ts';
import { TierBadge } from '../../ui/ScoreBadge.tsx';
import { scoreText } from '../../ui/format.ts';
import { tierColor } from '../../ui/tiers.ts';

function rangeText(tiers: Distribution['tiers'], index: number): string {
  const tier = tiers[index];
  const above = tiers[index - 1];
  if (!tier) return '';
  if (tier.minScore === null)
    return above?.minScore !== null && above ? `below ${scoreText(above.minScore)}` : 'every score';
  if (!above || above.minScore === null) return `${scoreText(tier.minScore)} and above`;
  return `${scoreText(tier.minScore)} – ${scoreText(above.minScore - 1)}`;
}

/** One card per tier: how many contacts, their share and the tier's recommended action. */
export function TierCards({ distribution, profileId }: { distribution: Distribution; profileId: string }) {
  const { tiers, contacts } = distribution;
  return (
    <SimpleGrid
      cols={{ base: Math.min(2, tiers.length), md: Math.min(4, tiers.length) }}
      spacing={{ base: 'xs', sm: 'md' }}
    >
      {tiers.map((tier, i) => {
        const color = tierColor(tier.name, tiers);
        const share = contacts ? (tier.count / contacts) * 100 : 0;
        return (
          <Card
            key={tier.name}
            withBorder
            radius="md"
            padding="sm"
            component={Link}
            to={`/contacts?profile=${encodeURIComponent(profileId)}&tier=${encodeURIComponent(tier.name)}`}
            style={{ borderTop: `4px solid var(--mantine-color-${color}-filled)` }}
          >
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap={4}>
                <TierBadge tier={tier.name} tiers={tiers} />
                <Text size="xs" c="dimmed">
                  Score {rangeText(tiers, i)}
                </Text>
              </Group>
              <Group gap={6} align="baseline" wrap="wrap" style={{ rowGap: 0 }}>
                <Text fz={28} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {tier.count.toLocaleString()}
                </Text>
                <Text size="sm" c="dimmed">
                  {share < 1 && tier.count > 0 ? '< 1' : Math.round(share)}% of contacts
                </Text>
              </Group>
              <Progress value={share} color={color} size="sm" aria-hidden />
              <Text size="sm" mt={4}>
                {tier.action || (
                  <Text span c="dimmed">
                    No recommended action set for this tier.
                  </Text>
                )}
              </Text>
            </Stack>
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

export function TierCardsSkeleton() {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} h={150} radius="md" />
      ))}
    </SimpleGrid>
  );
}
