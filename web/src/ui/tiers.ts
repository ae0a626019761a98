import type { Tier } from '../api/types.ts';

/**
 * Tiers are a profile's own (names and count vary), so colour follows position: the top tier is green,
 * the catch-all red, and those between run through yellow and orange.
 */
const PALETTE = ['teal', 'yellow', 'orange', 'red'] as const;
const FIVE_PLUS = ['teal', 'green', 'yellow', 'orange', 'red'] as const;

export function tierColor(
  tierName: string | null | undefined,
  tiers: readonly Pick<Tier, 'name'>[] | undefined,
): string {
  if (!tierName) return 'gray';
  const list = tiers?.length ? tiers : DEFAULT_TIER_NAMES.map((name) => ({ name }));
  const index = list.findIndex((t) => t.name.toLowerCase() === tierName.toLowerCase());
  if (index < 0) return 'gray';
  if (list.length === 1) return 'teal';
  const palette = list.length > 4 ? FIVE_PLUS : PALETTE;
  const position = Math.round((index / (list.length - 1)) * (palette.length - 1));
  return palette[position] ?? 'gray';
}

export const DEFAULT_TIER_NAMES = ['High', 'Medium', 'Low', 'Very low'];
