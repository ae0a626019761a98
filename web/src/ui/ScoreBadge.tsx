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
  withTooltip = true,
}: {
  score: number | null | undefined;
  tier: string | null | undefined;
  tiers?: readonly Pick<Tier, 'name'>[];
  size?: 'xs' | 'sm' | 'md' | 'lg' | 'xl';
  /** `false` gives a plain `title` instead of the tooltip (cheaper in long virtualised lists). */
  withTooltip?: boolean;
}) {
  if (score === null || score === undefined)
    return (
      <Badge variant="outline" color="gray" size={size} aria-label="No score">
        —
      </Badge>
    );
  const color = tierColor(tier, tiers);
  const hint = `${tier ?? 'No tier'} engagement`;
  const badge = (
    <Badge
      variant="light"
      color={color}
      size={size}
      miw={44}
      styles={{ label: { fontVariantNumeric: 'tabular-nums' } }}
      aria-label={`Score ${scoreText(score)}, ${tier ?? 'no tier'}`}
      title={withTooltip ? undefined : hint}
    >
      {scoreText(score)}
    </Badge>
  );
  return withTooltip ? (
    <Tooltip label={hint} withArrow openDelay={300}>
      {badge}
    </Tooltip>
  ) : (
    badge
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
