/** Webhook retries: first after about 5 s, then doubling, each ±20 % at random, for 24 hours. */
export const FIRST_RETRY_MS = 5_000;
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * When to try again after `attempts` failed attempts, or null when that would be past `giveUpAt`
 * (the run is then failed). `random` is in [0, 1).
 */
export function nextAttemptAt(
  attempts: number,
  now: number,
  giveUpAt: number,
  random: number,
): number | null {
  const base = FIRST_RETRY_MS * 2 ** Math.min(Math.max(attempts - 1, 0), 20);
  const at = now + Math.round(base * (0.8 + 0.4 * random));
  return at > giveUpAt ? null : at;
}
