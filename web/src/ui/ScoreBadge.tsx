import { Badge, Tooltip } from '@mantine/core';
import type { Tier } from '../api/types.ts';
import { scoreText } from './format.ts';
import { tierColor } from './tiers.ts';

/** The engagement score as a badge coloured by its tier; "—" when the profile has no score for it. */
export function ScoreBadge({
  score,
  tier,
  tiers,
  size = 'md',
}: {
  score: number | null | undefined;
  tier: string | null | undefined;
  tiers?: readonly Pick<Tier, 'name'>[];
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
}) {
  if (score === null || score === undefined)
    return (
      <Badge variant="outline" color="gray" size={size} aria-label="No score">
        —
      </Badge>
    );
  const color = tierColor(tier, tiers);
  return (
    <Tooltip label={`${tier ?? 'No tier'} engagement`} withArrow openDelay={300}>
      <Badge
        variant="light"
        color={color}
        size={size}
        miw={44}
        styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
        aria-label={`Score ${scoreText(score)}, ${tier ?? 'no tier'}`}
      >
        {scoreText(score)}
      </Badge>
    </Tooltip>
  );
}

/** The tier's name as a small coloured badge. */
export function TierBadge({ tier, tiers }: { tier: string; tiers?: readonly Pick<Tier, 'name'>[] }) {
  return (
    <Badge variant="dot" color={tierColor(tier, tiers)} size="sm">
      {tier}
    </Badge>
  );
}
