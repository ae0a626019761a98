/** Token buckets per key: `perSecond` refill, `burst` capacity. Returns the wait in seconds when empty. */
export function rateLimiter(options: { perSecond: number; burst: number; now: () => number }) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key: string): number {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: options.burst, at: now };
      bucket.tokens = Math.min(options.burst, bucket.tokens + ((now - bucket.at) / 1000) * options.perSecond);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / options.perSecond);
    },
  };
}
