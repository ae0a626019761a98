/** "50 and above", "20 to 49", "below 1": the scores a tier covers, when the minimums are in order. */
export function tierRange(tiers: readonly { minScore: number | null }[], index: number): string | null {
  const min = tiers[index]?.minScore ?? null;
  const above = index > 0 ? (tiers[index - 1]?.minScore ?? null) : null;
  if (index > 0 && above === null) return null;
  if (index === tiers.length - 1) return index === 0 ? 'every score' : `below ${above}`;
  if (min === null || (above !== null && min >= above)) return null;
  if (above === null) return `${min} and above`;
  return above - 1 === min ? `exactly ${min}` : `${min} to ${above - 1}`;
}
