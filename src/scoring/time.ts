/** Time arithmetic shared by the rule kinds. All instants are integer epoch milliseconds. */

export const DAY_MS = 86_400_000;

/** How many times one silence of `gap` ms counts for an inactivity period of `period` ms. */
export function silenceCount(gap: number, period: number, repeat: boolean): number {
  if (gap <= 0) return 0;
  if (repeat) return Math.floor(gap / period);
  return gap >= period ? 1 : 0;
}

/**
 * When the silence that started at `since` will next add a count, seen at `now`;
 * null when it never will (a non-repeating rule that has already counted this silence).
 */
export function nextSilenceChange(
  since: number,
  now: number,
  period: number,
  repeat: boolean,
): number | null {
  if (now < since) return since + period;
  const counted = Math.floor((now - since) / period);
  if (!repeat && counted >= 1) return null;
  return since + (counted + 1) * period;
}

/** Smallest of the given instants, ignoring nulls. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a < b ? a : b;
}

/** Index of the first element > value in an ascending array (binary search). */
export function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Inserts into an ascending array, keeping it sorted (in place). */
export function insertSorted(sorted: number[], value: number): void {
  sorted.splice(upperBound(sorted, value), 0, value);
}
