import type { Tier } from './types.ts';

export const DEFAULT_TIERS: readonly Tier[] = [
  { name: 'High', minScore: 50, action: 'Prioritize for immediate sales outreach' },
  { name: 'Medium', minScore: 20, action: 'Continue nurturing with relevant content' },
  { name: 'Low', minScore: 1, action: 'Enroll in re-engagement workflows' },
  { name: 'Very low', minScore: null, action: 'Review contact quality; consider list cleaning' },
];

export function clamp(raw: number, minScore: number | null, maxScore: number | null): number {
  if (minScore !== null && raw < minScore) return minScore;
  if (maxScore !== null && raw > maxScore) return maxScore;
  return raw;
}

/** Index of the first tier (highest first) whose minScore ≤ score; the last tier catches everything. */
export function tierIndexFor(score: number, tiers: readonly Tier[]): number {
  for (let i = 0; i < tiers.length; i++) {
    const min = tiers[i]!.minScore;
    if (min === null || min <= score) return i;
  }
  return tiers.length - 1;
}

/** The name of the tier a score is in. */
export function tierNameFor(score: number, tiers: readonly Tier[]): string {
  return tiers[tierIndexFor(score, tiers)]!.name;
}

/** The inclusive score range a tier covers, for filtering lists by tier. */
export function tierScoreRange(
  index: number,
  tiers: readonly Tier[],
): { min: number | null; max: number | null } {
  const min = tiers[index]?.minScore ?? null;
  const above = index > 0 ? tiers[index - 1]!.minScore : null;
  return { min, max: above === null ? null : above - 1 };
}
