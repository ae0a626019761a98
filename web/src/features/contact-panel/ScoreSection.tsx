import { Box, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { Score, Tier } from '../../api/types.ts';
import { TierBadge } from '../../ui/ScoreBadge.tsx';
import { dateTime, scoreText, signed } from '../../ui/format.ts';
import { tierColor } from '../../ui/tiers.ts';
import { untilText } from './labels.ts';
import classes from './panel.module.css';

/** The score big, with its tier, the tier's recommended action and a note when it was clamped. */
export function ScoreCard({
  score,
  tiers,
  minScore,
  maxScore,
  action,
}: {
  score: Score;
  tiers: readonly Tier[];
  minScore: number | null;
  maxScore: number | null;
  action?: React.ReactNode;
}) {
  const color = tierColor(score.tier.name, tiers);
  const clamped =
    score.raw === score.score
      ? null
      : score.raw < score.score
        ? `The rules add up to ${scoreText(score.raw)}; the score stops at the floor of ${scoreText(minScore ?? score.score)}.`
        : `The rules add up to ${scoreText(score.raw)}; the score stops at the ceiling of ${scoreText(maxScore ?? score.score)}.`;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-filled)` }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase">
            Engagement score
          </Text>
          <Group gap="sm" align="center" wrap="nowrap">
            <Text
              component="output"
              aria-label="Engagement score"
              fz={40}
              fw={700}
              lh={1}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            >
              {scoreText(score.score)}
            </Text>
            <TierBadge tier={score.tier.name} tiers={tiers} />
          </Group>
        </Stack>
        {action}
      </Group>
      {score.tier.action && (
        <Text size="sm" mt="sm">
          <Text span c="dimmed">
            Recommended:{' '}
          </Text>
          {score.tier.action}
        </Text>
      )}
      {clamped && (
        <Text size="xs" c="dimmed" mt={6}>
          {clamped}
        </Text>
      )}
    </Paper>
  );
}

function Line({
  label,
  count,
  points,
  strong,
}: { label: string; count?: number; points: number; strong?: boolean }) {
  return (
    <Group
      component={strong ? 'div' : 'li'}
      justify="space-between"
      wrap="nowrap"
      gap="sm"
      py={6}
      align="flex-start"
    >
      <Text size="sm" fw={strong ? 600 : 400} style={{ minWidth: 0, flex: 1 }}>
        {label}
      </Text>
      {count !== undefined && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} aria-label={`${count} times`}>
          {count} ×
        </Text>
      )}
      <Text
        size="sm"
        fw={600}
        miw={52}
        ta="right"
        c={strong || points !== 0 ? undefined : 'dimmed'}
        className={strong ? undefined : points > 0 ? classes.up : points < 0 ? classes.down : undefined}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {strong ? scoreText(points) : signed(points)}
      </Text>
    </Group>
  );
}

/** Why this score: one line per contributing rule, the manual total, the sum and the next change. */
export function WhySection({ score }: { score: Score }) {
  return (
    <Box component="section" aria-labelledby="why-heading">
      <Title order={3} id="why-heading" fz="md" mb={4}>
        Why this score
      </Title>
      {score.breakdown.length === 0 && score.manual === 0 ? (
        <Text size="sm" c="dimmed">
          No rule of this profile applies to this contact yet, and nobody has adjusted the score.
        </Text>
      ) : (
        <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Score breakdown">
          {score.breakdown.map((line) => (
            <Line key={line.ruleId} label={line.description} count={line.count} points={line.points} />
          ))}
          <Line label="Manual adjustments" points={score.manual} />
        </Box>
      )}
      {(score.breakdown.length > 0 || score.manual !== 0) && (
        <Box style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
          <Line
            label={score.raw === score.score ? 'Total' : 'Total before floor / ceiling'}
            points={score.raw}
            strong
          />
        </Box>
      )}
      <Group gap={6} mt={6} c="dimmed">
        <IconClockHour4 size={16} aria-hidden />
        {score.nextChangeAt ? (
          <Tooltip label={dateTime(score.nextChangeAt)} withArrow>
            <Text size="sm" tabIndex={0}>
              Next change: {untilText(score.nextChangeAt)}
            </Text>
          </Tooltip>
        ) : (
          <Text size="sm">No change is due with time; only new events or adjustments will move it.</Text>
        )}
      </Group>
    </Box>
  );
}

export function ScoreSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading score">
      <Skeleton h={112} radius="md" />
      <Skeleton h={18} w="40%" />
      <Skeleton h={14} />
      <Skeleton h={14} />
      <Skeleton h={14} w="80%" />
    </Stack>
  );
}
