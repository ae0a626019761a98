/** ISO-8601 UTC text for an epoch-ms instant (the API's time format). */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
