import { Badge } from '@mantine/core';
import { signedPoints } from './rule-sentences.ts';

/** A rule's points: green when it adds, red when it subtracts. */
export function PointsBadge({ points, size = 'lg' }: { points: number; size?: 'md' | 'lg' }) {
  return (
    <Badge
      variant="light"
      color={points < 0 ? 'red' : 'teal'}
      size={size}
      radius="sm"
      miw={52}
      styles={{ label: { fontVariantNumeric: 'tabular-nums', textTransform: 'none' } }}
    >
      {signedPoints(points)}
    </Badge>
  );
}
