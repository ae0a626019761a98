/**
 * Failed sign-ins per key (an email, a client address) in a sliding window, in memory: enough for one
 * process, and a restart only forgets recent failures. An attempt is counted when it starts, so
 * parallel guesses cannot all slip in before the first one fails.
 */
export function signInLimiter(options: { max: number; windowMs: number; now: () => number }) {
  const attempts = new Map<string, number[]>();

  function recent(key: string, now: number): number[] {
    const kept = (attempts.get(key) ?? []).filter((at) => at > now - options.windowMs);
    if (kept.length === 0) attempts.delete(key);
    else attempts.set(key, kept);
    return kept;
  }

  /** Drops keys with no recent attempt, so guessing many emails cannot grow the map without bound. */
  function prune(now: number) {
    if (attempts.size < 10_000) return;
    for (const key of [...attempts.keys()]) recent(key, now);
  }

  return {
    /** Seconds until `key` may try again; 0 when it may now. */
    waitFor(key: string): number {
      const now = options.now();
      const kept = recent(key, now);
      if (kept.length < options.max) return 0;
      return Math.max(1, Math.ceil((kept[kept.length - options.max]! + options.windowMs - now) / 1000));
    },
    record(key: string): void {
      const now = options.now();
      prune(now);
      attempts.set(key, [...recent(key, now), now].slice(-options.max));
    },
    /** Takes back one recorded attempt (it succeeded). */
    forgiveOne(key: string): void {
      const kept = attempts.get(key);
      kept?.pop();
      if (kept?.length === 0) attempts.delete(key);
    },
    reset(key: string): void {
      attempts.delete(key);
    },
  };
}

export type SignInLimiter = ReturnType<typeof signInLimiter>;
