/** Integer score buckets of a "nice" width (1, 2, 5 × 10^k) so a histogram has at most ~12 bars. */
export interface Bucket {
  from: number;
  to: number;
}

export function niceBuckets(min: number, max: number, target = 10): Bucket[] {
  if (max < min) return [];
  const span = max - min + 1;
  let width = 1;
  for (let magnitude = 1; width * target < span; magnitude *= 10) {
    for (const step of [1, 2, 5]) {
      width = step * magnitude;
      if (width * target >= span) break;
    }
  }
  const start = Math.floor(min / width) * width;
  const buckets: Bucket[] = [];
  for (let from = start; from <= max; from += width) buckets.push({ from, to: from + width - 1 });
  return buckets;
}

/** Index of the bucket holding `score` (buckets are contiguous and equally wide). */
export function bucketIndex(buckets: readonly Bucket[], score: number): number {
  const first = buckets[0]!;
  const width = first.to - first.from + 1;
  return Math.min(buckets.length - 1, Math.max(0, Math.floor((score - first.from) / width)));
}
